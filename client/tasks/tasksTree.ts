/**
 * The Tasks view: audit mitigation actions tasks of the last 90 days (optionally one status),
 * each with per-check statistics and, below a check, its executions. Refreshes itself while
 * any task is running.
 */
import type { AuditMitigationActionExecutionMetadata, AuditMitigationActionsTaskMetadata, DescribeAuditMitigationActionsTaskCommandOutput } from '@aws-sdk/client-iot';
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import { EmulatorStoppedError } from '../connection/emulatorProcess';
import { retentionWindow } from '../shared/model/iotApi';
import { pageSize, taskRefreshSeconds } from '../connection/settings';
import { checkStatisticsNode, executionNode, PagedList, taskNode } from '../shared/model/treeModel';
import { errorNodes, itemFromModel, LoadMoreNode, MessageNode, type TreeNode } from '../shared/treeNodes';

export const TASK_STATUSES = ['IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELED'] as const;

export type DescribedTask = DescribeAuditMitigationActionsTaskCommandOutput & { taskId: string };

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
      const details = this.details ?? (await this.tree.describe(this.taskId));
      const checks = Object.entries(details.taskStatistics ?? {});
      if (checks.length === 0) return [new MessageNode(vscode.l10n.t('No findings matched this task.'), 'info')];
      return checks.map(([checkName, stats]) => new TaskCheckNode(details, checkName, stats, this.tree));
    } catch (error) {
      return errorNodes(vscode.l10n.t('task details'), this.tree.connections.explain(error));
    }
  }
}

export class TaskCheckNode implements TreeNode {
  private readonly executions = new PagedList<AuditMitigationActionExecutionMetadata>();

  constructor(
    readonly task: DescribedTask,
    readonly checkName: string,
    private readonly stats: NonNullable<DescribedTask['taskStatistics']>[string],
    private readonly tree: TasksTreeProvider,
  ) {}

  treeItem(): vscode.TreeItem {
    return itemFromModel(checkStatisticsNode(this.checkName, this.stats), `task:${this.task.taskId}:${this.checkName}`);
  }

  private async loadPage(): Promise<void> {
    const connection = await this.tree.connections.connection();
    const page = await connection.api.listCheckExecutions(this.task, this.checkName, this.executions.nextToken, pageSize());
    this.executions.append(page.items, page.nextToken);
  }

  async children(): Promise<TreeNode[]> {
    try {
      if (!this.executions.loaded) await this.loadPage();
    } catch (error) {
      return errorNodes(vscode.l10n.t('executions'), this.tree.connections.explain(error));
    }
    const nodes: TreeNode[] = this.executions.items.map((execution) => new ExecutionNode(execution));
    if (nodes.length === 0) nodes.push(new MessageNode(vscode.l10n.t('No executions yet.'), 'info'));
    if (this.executions.hasMore) {
      nodes.push(new LoadMoreNode(async () => {
        await this.loadPage();
        this.tree.refreshNode(this);
      }));
    }
    return nodes;
  }
}

export class ExecutionNode implements TreeNode {
  constructor(readonly execution: AuditMitigationActionExecutionMetadata) {}

  treeItem(): vscode.TreeItem {
    return itemFromModel(executionNode(this.execution), `execution:${this.execution.taskId}:${this.execution.findingId}:${this.execution.actionName}`);
  }
}

export class TasksTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly tasks = new PagedList<AuditMitigationActionsTaskMetadata>();
  /** The time window of the pages listed so far (nextToken is only valid with the same one). */
  private window = retentionWindow();
  private readonly runningDetails = new Map<string, DescribedTask>();
  private statusFilter: string | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: vscode.Disposable;
  /** The view, set once created, to show the filter in its description. */
  view: vscode.TreeView<TreeNode> | undefined;

  constructor(readonly connections: ConnectionManager) {
    this.subscription = connections.onDidChange(() => this.refresh());
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
    this.tasks.reset();
    this.changed.fire(undefined);
  }

  refreshNode(node: TreeNode): void {
    this.changed.fire(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.treeItem();
  }

  async describe(taskId: string): Promise<DescribedTask> {
    const connection = await this.connections.connection();
    return { ...(await connection.api.describeTask(taskId)), taskId };
  }

  private async loadPage(): Promise<void> {
    const connection = await this.connections.connection();
    if (!this.tasks.loaded) this.window = retentionWindow();
    const page = await connection.api.listTasks(this.window, this.statusFilter, this.tasks.nextToken, pageSize());
    this.tasks.append(page.items, page.nextToken);
    // Running tasks show their progress, which needs their statistics.
    this.runningDetails.clear();
    await Promise.all(this.tasks.items.filter((task) => task.taskStatus === 'IN_PROGRESS').map(async (task) => {
      this.runningDetails.set(task.taskId ?? '', await this.describe(task.taskId ?? ''));
    }));
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.children ? node.children() : [];
    try {
      if (!this.tasks.loaded) await this.loadPage();
    } catch (error) {
      if (error instanceof EmulatorStoppedError) return [];
      return errorNodes(vscode.l10n.t('tasks'), this.connections.explain(error));
    }
    this.scheduleAutoRefresh();
    const nodes: TreeNode[] = this.tasks.items.map((task) => new TaskNode(task, this, this.runningDetails.get(task.taskId ?? '')));
    if (nodes.length === 0) {
      const label = this.statusFilter
        ? vscode.l10n.t('No {0} tasks in the last 90 days.', this.statusFilter)
        : vscode.l10n.t('No mitigation tasks in the last 90 days: start one from a mitigation file.');
      nodes.push(new MessageNode(label, 'info'));
    }
    if (this.tasks.hasMore) {
      nodes.push(new LoadMoreNode(async () => {
        await this.loadPage();
        this.changed.fire(undefined);
      }));
    }
    return nodes;
  }

  private scheduleAutoRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    if (!this.tasks.items.some((task) => task.taskStatus === 'IN_PROGRESS')) return;
    this.refreshTimer = setTimeout(() => this.refresh(), taskRefreshSeconds() * 1000);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}
