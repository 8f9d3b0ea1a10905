/**
 * The Tasks view: audit mitigation actions tasks of the last 90 days (optionally one status),
 * each with per-check statistics and, below a check, its executions. Running tasks are followed
 * through the task watcher: their progress redraws as it changes, and the list is read again
 * when one ends.
 */
import type { AuditMitigationActionsTaskMetadata } from '@aws-sdk/client-iot';
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import { pageSize } from '../connection/settings';
import { ListWindow } from '../shared/model/accountClock';
import { checkStatisticsNode, executionNode, taskNode } from '../shared/model/treeModel';
import { PagedChildren } from '../shared/pagedChildren';
import { ConnectedTreeProvider } from '../shared/treeProvider';
import { errorNodes, itemFromModel, MessageNode, type TreeNode } from '../shared/treeNodes';
import { resolveFindingRow, showDetailsCommand, type FindingRow } from '../audits/findingNode';
import { checkExecutionsPage, type ExecutionWithFinding } from './model/executionRows';
import { isRunning, type DescribedTask } from './model/taskFollower';
import { tasksPage } from './model/tasksPage';
import type { TaskWatcher } from './taskWatcher';

export class TaskNode implements TreeNode {
  constructor(
    readonly task: AuditMitigationActionsTaskMetadata,
    private readonly tree: TasksTreeProvider,
    readonly details?: DescribedTask,
  ) {}

  get taskId(): string {
    return this.task.taskId ?? '';
  }

  treeItem(): vscode.TreeItem {
    return itemFromModel(taskNode(this.task, this.details?.taskStatistics), `task:${this.taskId}`);
  }

  async children(): Promise<TreeNode[]> {
    try {
      const details = this.details ?? (await this.tree.watcher.current(this.taskId));
      const checks = Object.entries(details.taskStatistics ?? {});
      if (checks.length === 0) return [new MessageNode(vscode.l10n.t('No findings matched this task.'), 'info')];
      return checks.map(([checkName, stats]) => new TaskCheckNode(details, checkName, stats, this.tree));
    } catch (error) {
      return errorNodes(vscode.l10n.t('task details'), this.tree.connections.explain(error));
    }
  }
}

/** An execution, named by the resource its finding points at; Enter opens the finding. */
export class ExecutionNode implements FindingRow {
  things: string[] | undefined;

  constructor(readonly row: ExecutionWithFinding, readonly taskId: string) {}

  get finding(): ExecutionWithFinding['finding'] {
    return this.row.finding;
  }

  tooltip(): string | undefined {
    return executionNode(this.row.execution, this.row.finding, this.things).tooltip;
  }

  treeItem(): vscode.TreeItem {
    const { execution } = this.row;
    const item = itemFromModel(executionNode(execution, this.row.finding, this.things), `execution:${this.taskId}:${execution.findingId}:${execution.actionName}`);
    // Left for resolveTreeItem, which reads the certificate's things on hover.
    if (this.things === undefined) item.tooltip = undefined;
    item.command = showDetailsCommand(this);
    return item;
  }
}

class TaskCheckNode implements TreeNode {
  private readonly executions: PagedChildren<ExecutionWithFinding>;

  constructor(
    readonly task: DescribedTask,
    readonly checkName: string,
    private readonly stats: NonNullable<DescribedTask['taskStatistics']>[string],
    tree: TasksTreeProvider,
  ) {
    this.executions = new PagedChildren({
      what: vscode.l10n.t('executions'),
      fetch: async (nextToken) => checkExecutionsPage((await tree.connections.connection()).api, task, checkName, nextToken, pageSize()),
      node: (row) => new ExecutionNode(row, task.taskId),
      empty: () => this.emptyMessage(),
      explain: (error) => tree.connections.explain(error),
      changed: () => tree.refreshNode(this),
    });
  }

  /** A running task may still act; an ended one matched nothing, or skipped what it matched. */
  private emptyMessage(): TreeNode {
    const total = this.stats.totalFindingsCount ?? 0;
    if (isRunning(this.task)) return new MessageNode(vscode.l10n.t('No executions yet.'), 'info');
    if (total === 0) return new MessageNode(vscode.l10n.t('No findings matched this check.'), 'info');
    return new MessageNode(vscode.l10n.t('No action ran: {0} finding(s) skipped (suppressed, or not of the reason codes the task targets).', this.stats.skippedFindingsCount ?? total), 'info');
  }

  treeItem(): vscode.TreeItem {
    return itemFromModel(checkStatisticsNode(this.checkName, this.stats), `task:${this.task.taskId}:${this.checkName}`);
  }

  children(): Promise<TreeNode[]> {
    return this.executions.children();
  }
}

export class TasksTreeProvider extends ConnectedTreeProvider {
  private readonly list: PagedChildren<AuditMitigationActionsTaskMetadata>;
  /** The time window of the pages listed so far, from the account's clock (nextToken is only valid with the same one). */
  private readonly window = new ListWindow();
  /** The latest description of each running task listed, kept current by the task watcher. */
  private readonly running = new Map<string, DescribedTask>();
  private following: vscode.Disposable[] = [];
  private statusFilter: string | undefined;
  /** The view, set once created, to show the filter in its description. */
  view: vscode.TreeView<TreeNode> | undefined;

  constructor(connections: ConnectionManager, readonly watcher: TaskWatcher) {
    super(connections);
    this.list = new PagedChildren({
      what: vscode.l10n.t('tasks'),
      fetch: (nextToken) => this.loadPage(nextToken),
      node: (task) => new TaskNode(task, this, this.running.get(task.taskId ?? '')),
      empty: () => new MessageNode(this.statusFilter
        ? vscode.l10n.t('No {0} tasks in the last 90 days.', this.statusFilter)
        : vscode.l10n.t('No mitigation tasks in the last 90 days: start one from a mitigation file.'), 'info'),
      explain: (error) => connections.explain(error),
      changed: () => this.changed.fire(undefined),
      topLevel: true,
    });
  }

  get filter(): string | undefined {
    return this.statusFilter;
  }

  setFilter(status: string | undefined): void {
    this.statusFilter = status;
    if (this.view) this.view.description = status ? vscode.l10n.t('status: {0}', status) : undefined;
    this.refresh();
  }

  refresh(): void {
    this.unfollow();
    this.list.reset();
    this.changed.fire(undefined);
  }

  private async loadPage(nextToken: string | undefined): Promise<{ items: AuditMitigationActionsTaskMetadata[]; nextToken?: string }> {
    const connection = await this.connections.connection();
    const page = await tasksPage(connection, this.window, this.statusFilter, nextToken, pageSize());
    // Running tasks show their progress, which needs their statistics; the watcher keeps it current.
    const following = this.following;
    await Promise.all(page.items.filter(isRunning).map(async (task) => {
      const taskId = task.taskId ?? '';
      const described = await this.watcher.current(taskId);
      // A refresh while this page was read started a new list: this page is not shown.
      if (following !== this.following) return;
      this.running.set(taskId, described);
      following.push(this.watcher.follow(taskId, (update) => this.progressed(update)));
    }));
    return page;
  }

  private progressed(task: DescribedTask): void {
    this.running.set(task.taskId, task);
    // An ended task changes the list (its status, the filter): read it again.
    if (isRunning(task)) this.changed.fire(undefined);
    else this.refresh();
  }

  private unfollow(): void {
    for (const subscription of this.following) subscription.dispose();
    this.following = [];
    this.running.clear();
  }

  protected topLevel(): Promise<TreeNode[]> {
    return this.list.children();
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): Promise<vscode.TreeItem> {
    return resolveFindingRow(this.connections, item, node);
  }

  override dispose(): void {
    this.unfollow();
    super.dispose();
  }
}
