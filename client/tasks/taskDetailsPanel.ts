/**
 * The task details webview: per-check statistics chart, a paged, sortable and filterable
 * executions table, links to findings and "Open as JSON". One panel per task; while the task
 * runs it follows it through the task watcher and redraws on each change. Executions are read
 * page by page as the view needs them (model/executionRows.ts), so a 50,000-execution task
 * opens as fast as a small one and holds a bounded number of rows.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { renderExecutionRows, renderExecutionsHeading, renderPager, renderTaskDetailsHtml, type TaskDetailsModel } from './model/taskDetailsHtml';
import { EXECUTION_COLUMNS, ExecutionPager, viewPage, type ExecutionView, type ViewPage } from './model/executionRows';
import type { Services } from '../services';
import { showError } from '../shared/feedback';
import { isRunning, type DescribedTask } from './model/taskFollower';

/** Rows on one page of the table. */
const PAGE_SIZE = 100;

interface ViewMessage {
  readonly type: string;
  readonly findingId?: string;
  readonly view?: Partial<ExecutionView>;
  readonly request?: number;
}

/** The view a message asks for, with anything malformed replaced by the default. */
function readView(view: Partial<ExecutionView> | undefined): ExecutionView {
  const column = EXECUTION_COLUMNS.find((name) => name === view?.sortColumn);
  const page = Number(view?.page);
  return { filter: typeof view?.filter === 'string' ? view.filter : '', sortColumn: column, ascending: view?.ascending !== false, page: Number.isInteger(page) && page >= 0 ? page : 0 };
}

export class TaskDetailsPanel implements vscode.Disposable {
  private static readonly open = new Map<string, TaskDetailsPanel>();
  private following: vscode.Disposable | undefined;
  private task: DescribedTask | undefined;
  private pager: ExecutionPager | undefined;
  private view: ExecutionView = { filter: '', ascending: true, page: 0 };
  /** The page of rows the webview shows now (for tests and the benchmark). */
  shown: ViewPage | undefined;
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
    panel.webview.onDidReceiveMessage((message: ViewMessage) => {
      if (message.type === 'openJson') void this.openJson();
      if (message.type === 'showFinding' && typeof message.findingId === 'string') void this.showFinding(message.findingId);
      if (message.type === 'view' || message.type === 'loadMore') void this.answer(readView(message.view), message.type === 'loadMore', message.request ?? 0);
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

  /** Loads the rows the view needs: its page when unfiltered, or one more page of findings. */
  private async loadFor(view: ExecutionView, more: boolean): Promise<void> {
    const pager = this.pager;
    if (!pager) return;
    if (more) await pager.ensure(pager.rows.length + 1);
    else if (!view.filter) await pager.ensure((view.page + 1) * PAGE_SIZE);
    else await pager.ensure(PAGE_SIZE);
  }

  private async render(task: DescribedTask): Promise<void> {
    const connection = await this.services.connections.connection();
    this.task = task;
    this.pager = new ExecutionPager(connection.api, task);
    await this.loadFor(this.view, false);
    if (this.disposed) return;
    const page = viewPage(this.pager.rows, this.view, PAGE_SIZE);
    this.shown = page;
    const model: TaskDetailsModel = {
      taskId: this.taskId,
      taskStatus: task.taskStatus,
      startTime: task.startTime,
      endTime: task.endTime,
      taskStatistics: task.taskStatistics ?? {},
      target: task.target,
      view: this.view,
      page,
      complete: this.pager.complete,
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

  /** Answers the webview's filter, sort or page with the rows to show. */
  async answer(view: ExecutionView, more: boolean, request: number): Promise<ViewPage | undefined> {
    this.view = view;
    try {
      await this.loadFor(view, more);
      if (this.disposed || !this.pager) return undefined;
      const page = viewPage(this.pager.rows, view, PAGE_SIZE);
      this.shown = page;
      this.view = { ...view, page: page.page };
      const complete = this.pager.complete;
      await this.panel.webview.postMessage({ type: 'rows', request, page: page.page, rows: renderExecutionRows(page.rows), heading: renderExecutionsHeading(page, complete), pager: renderPager(page, complete) });
      return page;
    } catch (error) {
      await this.failed(error);
      return undefined;
    }
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
