/**
 * The extension's answers to the language server's account requests (common/lspProtocol.ts):
 * actions, recent audits, findings and thing groups, read through IotApi (vscode-free, tested
 * against the emulator with the real SDK).
 *
 * The one cache of account data is here (30 s), not in the server (server/accountQueries.ts):
 * the extension owns the connection and knows when it changes (a connection switch, a deploy, a
 * started task) and then calls invalidate(); the server cannot know. When no connection is
 * usable the answers say `available: false` and the server falls back to the file alone.
 */
import type { Severity } from '../../../common';
import { auditFindingCounts } from '../../../common/auditLabel';
import type { AccountActionsResult, FindingsParams, FindingsResult, RecentAuditsResult, ThingGroupsResult } from '../../../common/lspProtocol';
import { describeResource } from '../../audits/model/findings';
import { accountWindow, type ClockedConnection } from '../../shared/model/accountClock';
import { mapLimited, type IotApi, type TimeWindow } from '../../shared/model/iotApi';

/** ListAuditTasks names no start time; DescribeAuditTask does (taskStartTime). */
const DESCRIBE_CONCURRENCY = 5;

/** The newest `limit` audits of `window` (the account's 90 days) with status, type and start time (epoch ms) for audit-id completion. */
export async function recentAuditsAnswer(api: IotApi, window: TimeWindow, limit = 25): Promise<RecentAuditsResult> {
  const page = await api.listAudits(window, undefined, limit);
  const audits = await mapLimited(page.items, DESCRIBE_CONCURRENCY, async (audit) => {
    const taskId = audit.taskId ?? '';
    // One audit that cannot be described still gets its id, status and type.
    const details = await api.describeAudit(taskId).catch(() => undefined);
    const counts = auditFindingCounts(details?.auditDetails);
    const base = { taskId, status: audit.taskStatus ?? '', type: audit.taskType ?? '', ...(counts ? { counts } : {}) };
    return details?.taskStartTime ? { ...base, startTime: details.taskStartTime.getTime() } : base;
  });
  return { available: true, audits };
}

/** Every thing group of the account for `thingGroupNames` completion. */
export async function thingGroupsAnswer(api: IotApi, source: string): Promise<ThingGroupsResult> {
  const groups = await api.listAllThingGroups();
  return {
    available: true,
    source,
    groups: groups.filter((group) => group.groupName).map((group) => (group.groupArn ? { name: group.groupName!, arn: group.groupArn } : { name: group.groupName! })),
  };
}

/** What the answers read from: the current connection's API, its label and its clock. */
interface AnsweringConnection extends ClockedConnection {
  readonly api: IotApi;
  readonly label: string;
}

interface AccountAnswersOptions {
  readonly connection: () => Promise<AnsweringConnection>;
  /** Why a read failed, in words for the log. */
  readonly explain: (error: unknown) => string;
  readonly log: (message: string) => void;
  /** How long an answer is reused. */
  readonly ttlMs?: number;
}

interface Cached<T> {
  readonly at: number;
  readonly value: Promise<T>;
}

export class AccountAnswers {
  private readonly cache = new Map<string, Cached<unknown>>();
  private readonly ttlMs: number;

  constructor(private readonly options: AccountAnswersOptions) {
    this.ttlMs = options.ttlMs ?? 30_000;
  }

  /** The connection or the account's data changed: read again next time. */
  invalidate(): void {
    this.cache.clear();
  }

  private cached<T>(key: string, load: (connection: AnsweringConnection) => Promise<T>, unavailable: T): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = this.options.connection().then(load).catch((error: unknown) => {
      this.options.log(`Account data "${key}" unavailable: ${this.options.explain(error)}`);
      this.cache.delete(key);
      return unavailable;
    });
    this.cache.set(key, { at: Date.now(), value });
    return value;
  }

  actions(): Promise<AccountActionsResult> {
    return this.cached<AccountActionsResult>('actions', async ({ api, label }) => ({
      available: true,
      source: label,
      actions: (await api.listAllActions()).map((action) => ({ name: action.actionName, type: action.actionType, arn: action.actionArn })),
    }), { available: false, actions: [] });
  }

  recentAudits(): Promise<RecentAuditsResult> {
    return this.cached<RecentAuditsResult>('audits', async (connection) => recentAuditsAnswer(connection.api, await accountWindow(connection)), { available: false, audits: [] });
  }

  thingGroups(): Promise<ThingGroupsResult> {
    return this.cached<ThingGroupsResult>('thingGroups', ({ api, label }) => thingGroupsAnswer(api, label), { available: false, groups: [] });
  }

  findings(params: FindingsParams): Promise<FindingsResult> {
    return this.cached<FindingsResult>(`findings:${params.auditTaskId ?? ''}:${params.checkName ?? ''}`, async (connection) => {
      // Without an audit the findings are those of the account's last 90 days.
      const window = params.auditTaskId ? undefined : await accountWindow(connection);
      const page = await connection.api.listFindings({ taskId: params.auditTaskId, checkName: params.checkName, window }, undefined, 100);
      return {
        available: true,
        findings: page.items.map((finding) => ({
          findingId: finding.findingId ?? '',
          checkName: finding.checkName ?? '',
          severity: (finding.severity ?? 'LOW') as Severity,
          resource: describeResource(finding),
          reasonCode: finding.reasonForNonComplianceCode,
        })),
      };
    }, { available: false, findings: [] });
  }
}
