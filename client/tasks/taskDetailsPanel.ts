/**
 * The task details webview: per-check statistics chart, a paged, sortable and filterable
 * executions table, links to findings and "Open as JSON". One panel per task; while the task
 * runs it follows it through the task watcher and redraws on each change. Executions are read
 * page by page as the view needs them (model/executionRows.ts), so a 50,000-execution task
 * opens as fast as a small one and holds a bounded number of rows.
 *
 * The page is drawn as soon as the task is described (facts and chart come from its
 * statistics), while the webview loads and the first screen of rows is read; those rows are
 * sent once the page's script listens, and the rest of the page follows them.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { renderExecutionRows, renderExecutionsHeading, renderFacts, renderPager, renderReadingFailed, renderStatisticsChart, renderTaskDetailsHtml } from './model/taskDetailsHtml';
import { EXECUTION_COLUMNS, ExecutionPager, FIRST_SCREEN, viewPage, type ExecutionSource, type ExecutionView, type ViewPage } from './model/executionRows';
import type { Services } from '../services';
import { showError } from '../shared/feedback';
import { isRunning, type DescribedTask } from './model/taskFollower';

/** Rows on one page of the table. */
const PAGE_SIZE = 100;
/** The longest the rest of the first page waits for the webview to show its first screen. */
const FIRST_SCREEN_GRACE_MS = 500;

interface ViewMessage {
  readonly type: string;
  readonly findingId?: string;
  readonly view?: Partial<ExecutionView>;
  readonly request?: number;
}

/** The rows, heading and pager the webview swaps in (media/taskDetails.js). */
export interface RowsMessage {
  readonly type: 'rows';
  readonly request: number;
  readonly page: number;
  readonly rows: string;
  readonly heading: string;
  readonly pager: string;
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
  /** The task the page's HTML was drawn with, and the one whose facts the webview shows now. */
  private drawn: DescribedTask | undefined;
  private summarised: DescribedTask | undefined;
  private pager: ExecutionPager | undefined;
  private view: ExecutionView = { filter: '', ascending: true, page: 0 };
  /** The webview's latest question: answers carry its number, so the webview drops older ones. */
  private request = 0;
  /** The page's script says when it listens, on every load (a hidden webview loads again when shown). */
  private listening = false;
  private onListening: (() => void) | undefined;
  /** The page of rows read for the view now (for tests and the benchmark). */
  shown: ViewPage | undefined;
  /** The rows the webview was last sent: an unchanged page is not sent again (for tests too). */
  sent: RowsMessage | undefined;
  /** The facts and chart the webview was last sent, after the page was drawn (for tests). */
  sentSummary: { readonly facts: string; readonly chart: string } | undefined;
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
    // A hidden webview is unloaded: it says so again when shown, and gets its rows then.
    panel.onDidChangeViewState(() => {
      if (!panel.visible) this.listening = false;
    });
    panel.webview.onDidReceiveMessage((message: ViewMessage) => {
      if (message.type === 'ready') void this.listen(readView(message.view), message.request ?? 0);
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
      // Describing the task and (on first use) connecting run side by side.
      const [task, connection] = await Promise.all([this.services.taskWatcher.current(this.taskId), this.services.connections.connection()]);
      this.draw(task, connection.api);
      if (isRunning(task) && !this.following && !this.disposed) {
        this.following = this.services.taskWatcher.follow(this.taskId, (update) => void this.update(update));
      }
      await this.fill(true);
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
      const connection = await this.services.connections.connection();
      this.draw(task, connection.api);
      // The rows shown stay until the whole page is read again: no flicker to a first screen.
      await this.fill(false);
    } catch (error) {
      await this.failed(error);
    }
  }

  private failed(error: unknown): Promise<void> {
    return showError(this.services.connections, this.services.log, vscode.l10n.t('Could not load task {0}', this.taskId), error);
  }

  /**
   * Draws what the task's description tells at once: the whole page the first time (the rows
   * still being read), then only its facts and chart. The rows are read afresh.
   */
  private draw(task: DescribedTask, api: ExecutionSource): void {
    if (this.disposed) return;
    this.task = task;
    this.pager = new ExecutionPager(api, task);
    if (this.drawn) {
      void this.summarise();
      return;
    }
    this.drawn = task;
    const webview = this.panel.webview;
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.services.context.extensionUri, 'media', file)).toString();
    webview.html = renderTaskDetailsHtml({ ...summary(task), taskId: this.taskId, view: this.view, complete: false }, {
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: media('taskDetails.js'),
      styleUri: media('taskDetails.css'),
    });
  }

  /** The webview's script listens (first load, or loaded again): it gets the task and rows it lacks. */
  private async listen(view: ExecutionView, request: number): Promise<void> {
    this.listening = true;
    this.view = view;
    this.request = request;
    this.summarised = this.drawn;
    this.sent = undefined;
    await this.summarise();
    const pager = this.pager;
    if (pager && pager.rows.length > 0) await this.post(pager);
    this.onListening?.();
  }

  /**
   * Until the webview listens (or a moment): reading the rest of the page would compete with
   * the webview's loading for the CPU, and the first screen is what a person waits for.
   */
  private listeningOrGrace(): Promise<void> {
    if (this.listening) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, FIRST_SCREEN_GRACE_MS);
      this.onListening = () => {
        clearTimeout(timer);
        this.onListening = undefined;
        resolve();
      };
    });
  }

  /** Sends the facts and chart of the latest description, when the webview shows an older one. */
  private async summarise(): Promise<void> {
    const task = this.task;
    if (!this.listening || !task || task === this.summarised) return;
    this.summarised = task;
    const described = summary(task);
    this.sentSummary = { facts: renderFacts(described), chart: renderStatisticsChart(described.taskStatistics) };
    await this.panel.webview.postMessage({ type: 'task', ...this.sentSummary });
  }

  /** Reads the rows the view needs, showing the first screen of them as soon as it is read. */
  private async fill(firstScreenFirst: boolean): Promise<void> {
    const pager = this.pager;
    if (!pager) return;
    try {
      if (firstScreenFirst) {
        await pager.ensure(FIRST_SCREEN);
        await this.post(pager);
        await this.listeningOrGrace();
      }
      await this.loadFor(pager, this.view, false);
      await this.post(pager);
    } catch (error) {
      await this.postFailure(pager, error);
      throw error;
    }
  }

  /** Loads the rows the view needs: its page when unfiltered, or one more page of findings. */
  private async loadFor(pager: ExecutionPager, view: ExecutionView, more: boolean): Promise<void> {
    if (more) await pager.ensure(pager.rows.length + PAGE_SIZE);
    else if (!view.filter) await pager.ensure((view.page + 1) * PAGE_SIZE);
    else await pager.ensure(PAGE_SIZE);
  }

  /** Sends the view's page of the pager's rows, unless the webview shows it already. */
  private async post(pager: ExecutionPager): Promise<ViewPage | undefined> {
    if (this.disposed || pager !== this.pager) return undefined;
    const page = viewPage(pager.rows, this.view, PAGE_SIZE);
    this.shown = page;
    this.view = { ...this.view, page: page.page };
    if (!this.listening) return page;
    const complete = pager.complete;
    const message: RowsMessage = { type: 'rows', request: this.request, page: page.page, rows: renderExecutionRows(page.rows), heading: renderExecutionsHeading(page, complete), pager: renderPager(page, complete) };
    if (this.sent && JSON.stringify(this.sent) === JSON.stringify(message)) return page;
    this.sent = message;
    await this.panel.webview.postMessage(message);
    return page;
  }

  /** The table says the rows could not be read, instead of reading on forever. */
  private async postFailure(pager: ExecutionPager, error: unknown): Promise<void> {
    if (this.disposed || pager !== this.pager || !this.listening) return;
    const reason = this.services.connections.explain(error).message;
    this.sent = { type: 'rows', request: this.request, page: this.view.page, rows: renderReadingFailed(reason), heading: vscode.l10n.t('Executions could not be read'), pager: '' };
    await this.panel.webview.postMessage(this.sent);
  }

  /** Answers the webview's filter, sort or page with the rows to show. */
  async answer(view: ExecutionView, more: boolean, request: number): Promise<ViewPage | undefined> {
    this.view = view;
    this.request = request;
    const pager = this.pager;
    if (!pager) return undefined;
    try {
      await this.loadFor(pager, view, more);
      return await this.post(pager);
    } catch (error) {
      await this.postFailure(pager, error);
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

function summary(task: DescribedTask) {
  return { taskStatus: task.taskStatus, startTime: task.startTime, endTime: task.endTime, taskStatistics: task.taskStatistics ?? {}, target: task.target };
}
