/**
 * The task details webview: per-check statistics chart, a sortable and filterable executions
 * table, links to findings and "Open as JSON". One panel per task; while the task runs it
 * follows it through the task watcher and redraws on each change.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { renderTaskDetailsHtml, type TaskDetailsModel } from './model/taskDetailsHtml';
import type { Services } from '../services';
import { showError } from '../shared/feedback';
import { isRunning, type DescribedTask } from './model/taskFollower';

/** Enough executions for a readable table; the Tasks view pages through the rest. */
const MAX_EXECUTIONS = 1000;

export class TaskDetailsPanel implements vscode.Disposable {
  private static readonly open = new Map<string, TaskDetailsPanel>();
  private following: vscode.Disposable | undefined;
  private task: DescribedTask | undefined;
  private disposed = false;

  static async show(services: Services, taskId: string): Promise<TaskDetailsPanel> {
    const existing = TaskDetailsPanel.open.get(taskId);
    if (existing) {
      existing.panel.reveal();
      await existing.load();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel('mitigations.taskDetails', vscode.l10n.t('Task {0}', taskId), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(services.context.extensionUri, 'media')],
    });
    const details = new TaskDetailsPanel(services, taskId, panel);
    TaskDetailsPanel.open.set(taskId, details);
    await details.load();
    return details;
  }

  private constructor(private readonly services: Services, readonly taskId: string, readonly panel: vscode.WebviewPanel) {
    panel.onDidDispose(() => this.dispose());
    panel.webview.onDidReceiveMessage((message: { type: string; findingId?: string }) => {
      if (message.type === 'openJson') void this.openJson();
      if (message.type === 'showFinding' && message.findingId) void this.showFinding(message.findingId);
    });
  }

  get html(): string {
    return this.panel.webview.html;
  }

  /** Shows the task as it is now and, while it runs, follows it through the task watcher. */
  async load(): Promise<void> {
    try {
      const task = await this.services.taskWatcher.current(this.taskId);
      await this.render(task);
      if (isRunning(task) && !this.following && !this.disposed) {
        this.following = this.services.taskWatcher.follow(this.taskId, (update) => void this.update(update));
      }
    } catch (error) {
      await this.failed(error);
    }
  }

  private async update(task: DescribedTask): Promise<void> {
    if (!isRunning(task)) {
      this.following?.dispose();
      this.following = undefined;
    }
    try {
      await this.render(task);
    } catch (error) {
      await this.failed(error);
    }
  }

  private failed(error: unknown): Promise<void> {
    return showError(this.services.connections, this.services.log, vscode.l10n.t('Could not load task {0}', this.taskId), error);
  }

  private async render(task: DescribedTask): Promise<void> {
    const connection = await this.services.connections.connection();
    this.task = task;
    const executions = [];
    for (const checkName of Object.keys(task.taskStatistics ?? {})) {
      let nextToken: string | undefined;
      do {
        const page = await connection.api.listCheckExecutions(task, checkName, nextToken, 100);
        executions.push(...page.items);
        nextToken = page.nextToken;
      } while (nextToken && executions.length < MAX_EXECUTIONS);
    }
    if (this.disposed) return;
    const model: TaskDetailsModel = {
      taskId: this.taskId,
      taskStatus: task.taskStatus,
      startTime: task.startTime,
      endTime: task.endTime,
      taskStatistics: task.taskStatistics ?? {},
      target: task.target,
      executions,
    };
    const webview = this.panel.webview;
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.services.context.extensionUri, 'media', file)).toString();
    webview.html = renderTaskDetailsHtml(model, {
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: media('taskDetails.js'),
      styleUri: media('taskDetails.css'),
    });
  }

  async openJson(): Promise<void> {
    const { $metadata: _metadata, ...task } = this.task ?? {};
    await this.services.documents.show(`${this.taskId}.task.json`, `${JSON.stringify(task, null, 2)}\n`, { viewColumn: vscode.ViewColumn.Beside });
  }

  private async showFinding(findingId: string): Promise<void> {
    try {
      const connection = await this.services.connections.connection();
      const finding = await connection.api.describeFinding(findingId);
      await this.services.documents.show(`${findingId}.finding.json`, `${JSON.stringify(finding, null, 2)}\n`, { viewColumn: vscode.ViewColumn.Beside });
    } catch (error) {
      await showError(this.services.connections, this.services.log, vscode.l10n.t('Could not load finding {0}', findingId), error);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.following?.dispose();
    TaskDetailsPanel.open.delete(this.taskId);
    this.panel.dispose();
  }

  static disposeAll(): void {
    for (const panel of [...TaskDetailsPanel.open.values()]) panel.dispose();
  }
}
