/** Watches tasks started from the extension and tells the user how each one ended. */
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import { taskRefreshSeconds } from '../connection/settings';
import { taskProgress, type CheckStatistics } from '../shared/model/treeModel';

export interface FinishedTask {
  readonly taskId: string;
  readonly status: string;
  readonly statistics: Readonly<Record<string, CheckStatistics>>;
}

export class TaskWatcher implements vscode.Disposable {
  private readonly watched = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly finished = new vscode.EventEmitter<FinishedTask>();
  readonly onDidFinish = this.finished.event;

  constructor(private readonly connections: ConnectionManager, private readonly log: vscode.LogOutputChannel) {}

  watch(taskId: string): void {
    this.watched.add(taskId);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.watched.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll().finally(() => this.schedule());
    }, taskRefreshSeconds() * 1000);
  }

  private async poll(): Promise<void> {
    let connection;
    try {
      connection = await this.connections.connection();
    } catch {
      return; // the trees show the connection problem; keep watching
    }
    for (const taskId of [...this.watched]) {
      try {
        const task = await connection.api.describeTask(taskId);
        if (task.taskStatus === 'IN_PROGRESS') continue;
        this.watched.delete(taskId);
        this.announce({ taskId, status: task.taskStatus ?? 'UNKNOWN', statistics: task.taskStatistics ?? {} });
      } catch (error) {
        this.log.warn(`Could not check task ${taskId}: ${this.connections.explain(error).message}`);
      }
    }
  }

  private announce(task: FinishedTask): void {
    this.log.info(`Task ${task.taskId} finished: ${task.status}`);
    this.connections.dataChanged();
    this.finished.fire(task);
    const totals = Object.values(task.statistics).reduce(
      (sum, stats) => ({ succeeded: sum.succeeded + (stats.succeededFindingsCount ?? 0), failed: sum.failed + (stats.failedFindingsCount ?? 0) }),
      { succeeded: 0, failed: 0 },
    );
    const { total } = taskProgress(task.statistics);
    const message = vscode.l10n.t('Mitigation task {0} {1}: {2} of {3} findings mitigated, {4} failed.', task.taskId, task.status.toLowerCase(), totals.succeeded, total, totals.failed);
    const details = vscode.l10n.t('Show Details');
    const show = task.status === 'COMPLETED' ? vscode.window.showInformationMessage(message, details) : vscode.window.showWarningMessage(message, details);
    void show.then((choice) => {
      if (choice === details) void vscode.commands.executeCommand('mitigations.showTaskDetails', task.taskId);
    });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.finished.dispose();
  }
}
