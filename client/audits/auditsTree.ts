/**
 * The Audits view: the account's scheduled audits (scheduleNodes.ts), then recent audits, newest first, labelled by kind, start and what they found
 * (common/auditLabel.ts) → their checks with non-compliant counts → the findings of a
 * non-compliant check, by resource, each marked with the account's suppression of it. Audits in progress are followed (one timer for all): the
 * view is read again and the user told when one ends.
 */
import type { AuditFinding, AuditSuppression, AuditTaskMetadata } from '@aws-sdk/client-iot';
import * as vscode from 'vscode';
import { auditFindingCounts, auditLabel, newestFirst } from '../../common/auditLabel';
import type { ConnectionManager } from '../connection/connectionManager';
import { pageSize, taskRefreshSeconds } from '../connection/settings';
import { accountNow, ListWindow, type ClockedConnection } from '../shared/model/accountClock';
import { mapLimited } from '../shared/model/iotApi';
import { auditCheckNodes, auditNode, type NodeModel } from '../shared/model/treeModel';
import { PagedChildren } from '../shared/pagedChildren';
import { ConnectedTreeProvider } from '../shared/treeProvider';
import { errorNodes, itemFromModel, MessageNode, type TreeNode } from '../shared/treeNodes';
import { loadSdk } from '../lazyBundles';
import { FindingNode, resolveFindingRow } from './findingNode';
import { AuditFollower, type DescribedAudit } from './model/auditFollower';
import { suppressionOf } from './model/suppressions';
import { SchedulesNode } from './scheduleNodes';

/** DescribeAuditTask calls in flight while a page of audits is labelled. */
const DESCRIBE_CONCURRENCY = 5;

/** A listed audit with what DescribeAuditTask says of it (undefined: it could not be described). */
interface ListedAudit {
  readonly audit: AuditTaskMetadata;
  readonly details?: DescribedAudit;
  readonly startTime?: Date;
}

export class AuditNode implements TreeNode {
  constructor(readonly listed: ListedAudit, private readonly tree: AuditsTreeProvider) {}

  get auditTaskId(): string {
    return this.listed.audit.taskId ?? '';
  }

  treeItem(): vscode.TreeItem {
    const { audit, details } = this.listed;
    return itemFromModel(auditNode(audit, { startTime: details?.taskStartTime, counts: auditFindingCounts(details?.auditDetails) }), `audit:${this.auditTaskId}`);
  }

  async children(): Promise<TreeNode[]> {
    try {
      const connection = await this.tree.connections.connection();
      const details = this.listed.audit.taskStatus === 'IN_PROGRESS' || !this.listed.details ? await connection.api.describeAudit(this.auditTaskId) : this.listed.details;
      const checks = auditCheckNodes(details.auditDetails);
      if (checks.length === 0) return [new MessageNode(vscode.l10n.t('No check results yet.'), 'info')];
      return checks.map(({ checkName, node }) => new AuditCheckNode(this.auditTaskId, checkName, node, this.tree));
    } catch (error) {
      return errorNodes(vscode.l10n.t('audit details'), this.tree.connections.explain(error));
    }
  }
}

/** A finding with the account's suppression naming it, if any. */
interface ListedFinding {
  readonly finding: AuditFinding;
  readonly suppression?: AuditSuppression;
  /** The account's now, which the suppression's expiry is measured against. */
  readonly now: number;
}

export class AuditCheckNode implements TreeNode {
  private readonly findings: PagedChildren<ListedFinding>;

  constructor(
    readonly auditTaskId: string,
    readonly checkName: string,
    private readonly model: NodeModel,
    tree: AuditsTreeProvider,
  ) {
    this.findings = new PagedChildren<ListedFinding>({
      what: vscode.l10n.t('findings'),
      fetch: async (nextToken) => {
        const connection = await tree.connections.connection();
        const [page, suppressions, now] = await Promise.all([connection.api.listFindings({ taskId: auditTaskId, checkName }, nextToken, pageSize()), tree.suppressions(), tree.accountTime(connection)]);
        return { items: page.items.map((finding): ListedFinding => ({ finding, suppression: suppressionOf(finding, suppressions), now })), nextToken: page.nextToken };
      },
      node: ({ finding, suppression, now }) => new FindingNode(finding, `finding:${finding.findingId}`, suppression, now),
      empty: () => new MessageNode(vscode.l10n.t('No findings.'), 'info'),
      explain: (error) => tree.connections.explain(error),
      changed: () => tree.refreshNode(this),
    });
  }

  treeItem(): vscode.TreeItem {
    return itemFromModel(this.model, `audit:${this.auditTaskId}:${this.checkName}`);
  }

  children(): Promise<TreeNode[]> {
    return this.findings.children();
  }
}

export class AuditsTreeProvider extends ConnectedTreeProvider {
  private readonly audits: PagedChildren<ListedAudit>;
  /** The account's now, read once per refresh: the audits' window and the findings' suppressions count from it. */
  private nowRead: Promise<number> | undefined;
  /** The time window of the pages listed so far (nextToken is only valid with the same one). */
  private readonly window = new ListWindow((connection) => this.accountTime(connection));
  /** Descriptions of ended audits, which do not change, by connection and id. */
  private readonly ended = new Map<string, DescribedAudit>();
  private readonly follower: AuditFollower;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly schedules: SchedulesNode;
  /** The account's suppressions, read once per refresh for every finding shown. */
  private suppressionsRead: Promise<AuditSuppression[]> | undefined;

  constructor(connections: ConnectionManager) {
    super(connections);
    this.follower = new AuditFollower({
      describe: async (taskId) => ({ ...(await (await connections.connection()).api.describeAudit(taskId)), taskId }),
      intervalMs: () => taskRefreshSeconds() * 1000,
      onUpdate: (audit, ended) => {
        if (ended) this.announce(audit);
      },
    });
    this.audits = new PagedChildren({
      what: vscode.l10n.t('audits'),
      fetch: (nextToken) => this.loadPage(nextToken),
      node: (listed) => new AuditNode(listed, this),
      empty: () => new MessageNode(vscode.l10n.t('No audits in the last 90 days: run one now.'), 'info', { title: '', command: 'mitigations.runAudit' }),
      explain: (error) => connections.explain(error),
      changed: () => this.changed.fire(undefined),
      topLevel: true,
    });
    this.schedules = new SchedulesNode(connections);
    this.subscriptions.push(connections.onDidReconnect(() => {
      this.follower.stopAll();
      this.ended.clear();
      this.schedules.forget();
    }));
  }

  /** The ids of the audits followed now (the VS Code tests look). */
  get followed(): readonly string[] {
    return this.follower.followed;
  }

  /** Follows an audit until it ends, then reads the view again and says what it found. */
  follow(taskId: string): void {
    this.follower.follow(taskId);
  }

  refresh(): void {
    this.audits.reset();
    this.suppressionsRead = undefined;
    this.nowRead = undefined;
    this.changed.fire(undefined);
  }

  /**
   * The account's suppressions (ListAuditSuppressions, every page), read once until the next
   * refresh. Unreadable ones leave the findings unmarked rather than failing their list.
   */
  suppressions(): Promise<AuditSuppression[]> {
    this.suppressionsRead ??= this.connections.connection().then((connection) => loadSdk().readSuppressions(connection.api.client)).catch(() => []);
    return this.suppressionsRead;
  }

  /** The account's now (the emulator's clock may have been moved), read once until the next refresh. */
  accountTime(connection: ClockedConnection): Promise<number> {
    this.nowRead ??= accountNow(connection);
    return this.nowRead;
  }

  /** A page of audits, each described (ended ones once) and the page newest first. */
  private async loadPage(nextToken: string | undefined): Promise<{ items: ListedAudit[]; nextToken?: string }> {
    const connection = await this.connections.connection();
    const page = await connection.api.listAudits(await this.window.forPage(connection, nextToken), nextToken, pageSize());
    const listed = await mapLimited(page.items, DESCRIBE_CONCURRENCY, async (audit): Promise<ListedAudit> => {
      const taskId = audit.taskId ?? '';
      const key = `${connection.label}:${taskId}`;
      let details = this.ended.get(key);
      if (!details) {
        details = await connection.api.describeAudit(taskId).then((output) => ({ ...output, taskId }), () => undefined);
        if (details && details.taskStatus !== 'IN_PROGRESS') this.ended.set(key, details);
      }
      if (details?.taskStatus === 'IN_PROGRESS') this.follower.follow(taskId);
      // The list may be older than the description: the description wins.
      return { audit: details?.taskStatus ? { ...audit, taskStatus: details.taskStatus } : audit, details, startTime: details?.taskStartTime };
    });
    return { items: newestFirst(listed), nextToken: page.nextToken };
  }

  private announce(audit: DescribedAudit): void {
    this.refresh();
    const label = auditLabel({ type: audit.taskType, status: audit.taskStatus, startTime: audit.taskStartTime, counts: auditFindingCounts(audit.auditDetails) });
    const show = vscode.l10n.t('Show Audits');
    const message = vscode.l10n.t('Audit finished: {0}.', label);
    const shown = audit.taskStatus === 'COMPLETED' ? vscode.window.showInformationMessage(message, show) : vscode.window.showWarningMessage(message, show);
    void shown.then((choice) => {
      if (choice === show) void vscode.commands.executeCommand('mitigations.audits.focus');
    });
  }

  /** The Schedules node above the audits, once the account answered (an error shows alone). */
  protected async topLevel(): Promise<TreeNode[]> {
    const audits = await this.audits.children();
    return this.audits.loaded ? [this.schedules, ...audits] : audits;
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): Promise<vscode.TreeItem> {
    return resolveFindingRow(this.connections, item, node);
  }

  override dispose(): void {
    this.follower.stopAll();
    for (const subscription of this.subscriptions) subscription.dispose();
    super.dispose();
  }
}
