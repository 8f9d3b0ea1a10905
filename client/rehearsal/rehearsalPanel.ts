/** The webview that shows a rehearsal report, one per task name, with "Open as JSON". */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { RehearsalReport } from '../../rehearsal/types';
import type { Services } from '../services';
import { renderRehearsalHtml } from './model/reportHtml';

export class RehearsalPanel {
  private static readonly open = new Map<string, RehearsalPanel>();

  static show(services: Services, report: RehearsalReport): RehearsalPanel {
    let view = RehearsalPanel.open.get(report.taskName);
    if (view) {
      view.panel.reveal();
    } else {
      const panel = vscode.window.createWebviewPanel('mitigations.rehearsal', vscode.l10n.t('Rehearsal: {0}', report.taskName), vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
      view = new RehearsalPanel(services, panel, report);
      RehearsalPanel.open.set(report.taskName, view);
    }
    view.report = report;
    view.panel.webview.html = renderRehearsalHtml(report, randomBytes(16).toString('base64'));
    return view;
  }

  private constructor(private readonly services: Services, readonly panel: vscode.WebviewPanel, private report: RehearsalReport) {
    panel.onDidDispose(() => RehearsalPanel.open.delete(this.report.taskName));
    panel.webview.onDidReceiveMessage((message: { type?: string }) => {
      if (message.type === 'openJson') void this.openJson();
    });
  }

  get html(): string {
    return this.panel.webview.html;
  }

  get currentReport(): RehearsalReport {
    return this.report;
  }

  openJson(): Promise<vscode.TextEditor> {
    return this.services.documents.show(`${this.report.taskName}.rehearsal.json`, `${JSON.stringify(this.report, null, 2)}\n`, { viewColumn: vscode.ViewColumn.Beside });
  }

  static disposeAll(): void {
    for (const view of [...RehearsalPanel.open.values()]) view.panel.dispose();
  }
}
