/**
 * The extension's one task follower (model/taskFollower.ts) on the current connection: the
 * Tasks view and the details panel follow running tasks through it, and it tells the user how
 * each task started from the extension ended. Its streams stop when the connection is dropped.
 */
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import { taskRefreshSeconds } from '../connection/settings';
import { taskProgress } from '../shared/model/treeModel';
import { isRunning, TaskFollower, type DescribedTask, type TaskListener } from './model/taskFollower';

export class TaskWatcher implements vscode.Disposable {
  private readonly follower: TaskFollower;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connections: ConnectionManager, private readonly log: vscode.LogOutputChannel) {
    this.follower = new TaskFollower({
      describe: async (taskId) => {
        const connection = await connections.connection();
        return { ...(await connection.api.describeTask(taskId)), taskId };
      },
      intervalMs: () => taskRefreshSeconds() * 1000,
      onError: (taskId, error) => log.warn(`Could not check task ${taskId}: ${connections.explain(error).message}`),
    });
    this.subscription = connections.onDidReconnect(() => this.follower.stopAll());
  }

  /** See TaskFollower.follow: one request stream per running task, whoever follows it. */
  follow(taskId: string, listener: TaskListener): vscode.Disposable {
    return this.follower.follow(taskId, listener);
  }

  /** The task as last described (while followed), else described now. */
  current(taskId: string): Promise<DescribedTask> {
    return this.follower.current(taskId);
  }

  /** The ids of the tasks followed now (the VS Code tests look). */
  get followed(): readonly string[] {
    return this.follower.followed;
  }

  /** Follows a task started from the extension and says how it ended. */
  watch(taskId: string): void {
    const subscription = this.follower.follow(taskId, (task) => {
      if (isRunning(task)) return;
      subscription.dispose();
      this.announce(task);
    });
  }

  private announce(task: DescribedTask): void {
    const status = task.taskStatus ?? 'UNKNOWN';
    const statistics = task.taskStatistics ?? {};
    this.log.info(`Task ${task.taskId} finished: ${status}`);
    this.connections.dataChanged();
    const totals = Object.values(statistics).reduce(
      (sum, stats) => ({ succeeded: sum.succeeded + (stats.succeededFindingsCount ?? 0), failed: sum.failed + (stats.failedFindingsCount ?? 0) }),
      { succeeded: 0, failed: 0 },
    );
    const { total } = taskProgress(statistics);
    const message = vscode.l10n.t('Mitigation task {0} {1}: {2} of {3} findings mitigated, {4} failed.', task.taskId, status.toLowerCase(), totals.succeeded, total, totals.failed);
    const details = vscode.l10n.t('Show Details');
    const show = status === 'COMPLETED' ? vscode.window.showInformationMessage(message, details) : vscode.window.showWarningMessage(message, details);
    void show.then((choice) => {
      if (choice === details) void vscode.commands.executeCommand('mitigations.showTaskDetails', task.taskId);
    });
  }

  dispose(): void {
    this.follower.stopAll();
    this.subscription.dispose();
  }
}
