/**
 * The AWS IoT operations the extension uses, over one IoTClient (the emulator speaks the same
 * API). Every call takes an optional AbortSignal so cancellable progress can stop it.
 */
import {
  CancelAuditMitigationActionsTaskCommand,
  CreateMitigationActionCommand,
  DeleteMitigationActionCommand,
  DescribeAuditFindingCommand,
  DescribeAuditMitigationActionsTaskCommand,
  DescribeAuditTaskCommand,
  DescribeAccountAuditConfigurationCommand,
  DescribeMitigationActionCommand,
  IoTClient,
  ListAuditFindingsCommand,
  ListAuditMitigationActionsExecutionsCommand,
  ListAuditMitigationActionsTasksCommand,
  ListAuditTasksCommand,
  ListMitigationActionsCommand,
  ListTagsForResourceCommand,
  ListThingGroupsCommand,
  StartAuditMitigationActionsTaskCommand,
  StartOnDemandAuditTaskCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateMitigationActionCommand,
  type AuditFinding,
  type AuditMitigationActionExecutionMetadata,
  type AuditMitigationActionsTaskMetadata,
  type AuditTaskMetadata,
  type DescribeAuditMitigationActionsTaskCommandOutput,
  type DescribeAuditTaskCommandOutput,
  type DescribeMitigationActionCommandOutput,
  type GroupNameAndArn,
  type MitigationActionParams,
} from '@aws-sdk/client-iot';
import { MITIGATION_ACTION_TYPES, QUOTAS, type MitigationActionType } from '../../../common';
import type { StartTaskInput } from '../../tasks/model/taskStart';
import { isAccessDenied } from './errors';

export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

export interface AccountActionInfo {
  readonly actionName: string;
  readonly actionArn?: string;
  readonly actionType: MitigationActionType;
  readonly creationDate?: Date;
}

type Options = { abortSignal?: AbortSignal };

export interface TimeWindow {
  readonly startTime: Date;
  readonly endTime: Date;
}

/**
 * The 90-day window the list operations accept (less an hour for clock skew), before `now`: the
 * account's (accountWindow in accountClock.ts). A paginated list keeps one window: its nextToken
 * is only valid with the same filters.
 */
export function retentionWindow(now: number): TimeWindow {
  return { startTime: new Date(now - (QUOTAS.retentionDays * 24 - 1) * 3600_000), endTime: new Date(now + 3600_000) };
}

export class IotApi {
  constructor(readonly client: IoTClient) {}

  /**
   * Every action with its type: one listing per type, because ListMitigationActions only
   * reports a type when filtered by it. An account holds at most 100 actions.
   */
  async listAllActions(options: Options = {}): Promise<AccountActionInfo[]> {
    const perType = await Promise.all(MITIGATION_ACTION_TYPES.map(async (actionType) => {
      const found: AccountActionInfo[] = [];
      let nextToken: string | undefined;
      do {
        const page = await this.client.send(new ListMitigationActionsCommand({ actionType, maxResults: 250, nextToken }), options);
        for (const identifier of page.actionIdentifiers ?? []) {
          found.push({ actionName: identifier.actionName ?? '', actionArn: identifier.actionArn, creationDate: identifier.creationDate, actionType });
        }
        nextToken = page.nextToken || undefined;
      } while (nextToken);
      return found;
    }));
    return perType.flat().sort((a, b) => a.actionName.localeCompare(b.actionName));
  }

  describeAction(actionName: string, options: Options = {}): Promise<DescribeMitigationActionCommandOutput> {
    return this.client.send(new DescribeMitigationActionCommand({ actionName }), options);
  }

  async createAction(actionName: string, roleArn: string, actionParams: unknown, tags: readonly { Key: string; Value?: string }[] | undefined, options: Options = {}): Promise<void> {
    await this.client.send(new CreateMitigationActionCommand({ actionName, roleArn, actionParams: actionParams as MitigationActionParams, tags: tags?.map((tag) => ({ ...tag })) }), options);
  }

  async updateAction(actionName: string, roleArn: string, actionParams: unknown, options: Options = {}): Promise<void> {
    await this.client.send(new UpdateMitigationActionCommand({ actionName, roleArn, actionParams: actionParams as MitigationActionParams }), options);
  }

  /** Every tag of a resource (an action's ARN), following nextToken. */
  listTags(resourceArn: string, options: Options = {}): Promise<{ Key: string; Value?: string }[]> {
    return listAllTags(this.client, resourceArn, options);
  }

  /** The resource's tags, or undefined when the caller may not read them (iot:ListTagsForResource denied). */
  listTagsIfAllowed(resourceArn: string, options: Options = {}): Promise<{ Key: string; Value?: string }[] | undefined> {
    return listTagsIfAllowed(this.client, resourceArn, options);
  }

  async tagResource(resourceArn: string, tags: readonly { Key: string; Value?: string }[], options: Options = {}): Promise<void> {
    await this.client.send(new TagResourceCommand({ resourceArn, tags: tags.map((tag) => ({ ...tag })) }), options);
  }

  async untagResource(resourceArn: string, tagKeys: readonly string[], options: Options = {}): Promise<void> {
    await this.client.send(new UntagResourceCommand({ resourceArn, tagKeys: [...tagKeys] }), options);
  }

  async deleteAction(actionName: string, options: Options = {}): Promise<void> {
    await this.client.send(new DeleteMitigationActionCommand({ actionName }), options);
  }

  async listTasks(window: TimeWindow, taskStatus: string | undefined, nextToken: string | undefined, maxResults: number, options: Options = {}): Promise<Page<AuditMitigationActionsTaskMetadata>> {
    const page = await this.client.send(new ListAuditMitigationActionsTasksCommand({
      ...window,
      taskStatus: taskStatus as never,
      maxResults,
      nextToken,
    }), options);
    const items = [...(page.tasks ?? [])].sort((a, b) => (b.startTime?.getTime() ?? 0) - (a.startTime?.getTime() ?? 0));
    return { items, nextToken: page.nextToken || undefined };
  }

  describeTask(taskId: string, options: Options = {}): Promise<DescribeAuditMitigationActionsTaskCommandOutput> {
    return this.client.send(new DescribeAuditMitigationActionsTaskCommand({ taskId }), options);
  }

  async startTask(input: StartTaskInput, options: Options = {}): Promise<string> {
    const output = await this.client.send(new StartAuditMitigationActionsTaskCommand({
      taskId: input.taskId,
      target: { ...input.target, findingIds: input.target.findingIds ? [...input.target.findingIds] : undefined, auditCheckToReasonCodeFilter: input.target.auditCheckToReasonCodeFilter as Record<string, string[]> | undefined },
      auditCheckToActionsMapping: input.auditCheckToActionsMapping,
      clientRequestToken: input.clientRequestToken,
    }), options);
    return output.taskId ?? input.taskId;
  }

  async cancelTask(taskId: string, options: Options = {}): Promise<void> {
    await this.client.send(new CancelAuditMitigationActionsTaskCommand({ taskId }), options);
  }

  async listExecutions(taskId: string, findingId: string, options: Options = {}): Promise<AuditMitigationActionExecutionMetadata[]> {
    const executions: AuditMitigationActionExecutionMetadata[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(new ListAuditMitigationActionsExecutionsCommand({ taskId, findingId, maxResults: 250, nextToken }), options);
      executions.push(...(page.actionsExecutions ?? []));
      nextToken = page.nextToken || undefined;
    } while (nextToken);
    return executions;
  }

  /**
   * One page of a task's executions for one check. Executions are listed per finding, so this
   * pages through the check's findings (of the task's audit, or its listed findings).
   */
  async listCheckExecutions(task: DescribeAuditMitigationActionsTaskCommandOutput & { taskId: string }, checkName: string, nextToken: string | undefined, maxResults: number, options: Options = {}): Promise<Page<AuditMitigationActionExecutionMetadata>> {
    let findingIds: string[];
    let next: string | undefined;
    if (task.target?.findingIds?.length) {
      const offset = Number(nextToken ?? 0);
      const all = task.target.findingIds;
      const described = await mapLimited(all.slice(offset, offset + maxResults), 8, (findingId) => this.describeFinding(findingId, options).catch(() => undefined));
      findingIds = described.filter((finding) => finding?.checkName === checkName).map((finding) => finding!.findingId!);
      next = offset + maxResults < all.length ? String(offset + maxResults) : undefined;
    } else {
      const page = await this.listFindings({ taskId: task.target?.auditTaskId, checkName }, nextToken, maxResults, options);
      findingIds = page.items.map((finding) => finding.findingId ?? '').filter(Boolean);
      next = page.nextToken;
    }
    const executions = await mapLimited(findingIds, 8, (findingId) => this.listExecutions(task.taskId, findingId, options));
    return { items: executions.flat(), nextToken: next };
  }

  async describeFinding(findingId: string, options: Options = {}): Promise<AuditFinding | undefined> {
    return (await this.client.send(new DescribeAuditFindingCommand({ findingId }), options)).finding;
  }

  async listAudits(window: TimeWindow, nextToken: string | undefined, maxResults: number, options: Options = {}): Promise<Page<AuditTaskMetadata>> {
    const page = await this.client.send(new ListAuditTasksCommand({ ...window, maxResults, nextToken }), options);
    return { items: page.tasks ?? [], nextToken: page.nextToken || undefined };
  }

  describeAudit(taskId: string, options: Options = {}): Promise<DescribeAuditTaskCommandOutput> {
    return this.client.send(new DescribeAuditTaskCommand({ taskId }), options);
  }

  async listFindings(filter: { taskId?: string; checkName?: string; window?: TimeWindow }, nextToken: string | undefined, maxResults: number, options: Options = {}): Promise<Page<AuditFinding>> {
    // Without an audit the API wants a time range (the account's: accountWindow); with one it wants none.
    const { window: given, ...rest } = filter;
    if (!filter.taskId && !given) throw new Error('Findings without an audit are listed over a time window: pass the account\'s (accountWindow).');
    const window = filter.taskId ? {} : given;
    const page = await this.client.send(new ListAuditFindingsCommand({ ...rest, ...window, maxResults, nextToken }), options);
    return { items: page.findings ?? [], nextToken: page.nextToken || undefined };
  }

  /** Every finding of an audit, or of a time window (optionally one check), following nextToken. */
  async listAllFindings(filter: { taskId?: string; checkName?: string; window?: TimeWindow }, options: Options = {}): Promise<AuditFinding[]> {
    const findings: AuditFinding[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.listFindings(filter, nextToken, 250, options);
      findings.push(...page.items);
      nextToken = page.nextToken;
    } while (nextToken);
    return findings;
  }

  /** Every thing group of the account (ListThingGroups), following nextToken. */
  async listAllThingGroups(options: Options = {}): Promise<GroupNameAndArn[]> {
    const groups: GroupNameAndArn[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(new ListThingGroupsCommand({ maxResults: 250, nextToken }), options);
      groups.push(...(page.thingGroups ?? []));
      nextToken = page.nextToken || undefined;
    } while (nextToken);
    return groups;
  }

  async startAudit(targetCheckNames: string[], options: Options = {}): Promise<string> {
    const output = await this.client.send(new StartOnDemandAuditTaskCommand({ targetCheckNames }), options);
    return output.taskId ?? '';
  }

  /** The checks enabled in the account's audit configuration. */
  async enabledChecks(options: Options = {}): Promise<string[]> {
    const output = await this.client.send(new DescribeAccountAuditConfigurationCommand({}), options);
    return Object.entries(output.auditCheckConfigurations ?? {}).filter(([, config]) => config.enabled).map(([name]) => name).sort();
  }
}

/** Every tag of a resource (a mitigation action's or a scheduled audit's ARN), following nextToken. */
export async function listAllTags(client: IoTClient, resourceArn: string, options: Options = {}): Promise<{ Key: string; Value?: string }[]> {
  const tags: { Key: string; Value?: string }[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListTagsForResourceCommand({ resourceArn, nextToken }), options);
    for (const tag of page.tags ?? []) if (tag.Key !== undefined) tags.push(tag.Value === undefined ? { Key: tag.Key } : { Key: tag.Key, Value: tag.Value });
    nextToken = page.nextToken || undefined;
  } while (nextToken);
  return tags;
}

/**
 * listAllTags, or undefined when IAM refuses iot:ListTagsForResource: an import then writes no
 * `tags`, which a deploy reads as "leave the account's tags as they are". Other errors stay errors.
 */
export async function listTagsIfAllowed(client: IoTClient, resourceArn: string, options: Options = {}): Promise<{ Key: string; Value?: string }[] | undefined> {
  try {
    return await listAllTags(client, resourceArn, options);
  } catch (error) {
    if (isAccessDenied(error)) return undefined;
    throw error;
  }
}

/** Maps with at most `limit` calls in flight, keeping the input order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let index = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (index < items.length) {
      const current = index++;
      results[current] = await fn(items[current]);
    }
  });
  await Promise.all(workers);
  return results;
}
