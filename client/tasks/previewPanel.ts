/**
 * The task preview webview: one panel per previewed task, beside the file, redrawn when the same
 * task is previewed again. Nothing in it runs anything.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { MitigationActionType } from '../../common';
import type { Services } from '../services';
import type { TaskPreview } from './model/preview';
import { renderPreviewHtml } from './model/previewHtml';

export class PreviewPanel {
  private static readonly open = new Map<string, PreviewPanel>();

  private constructor(readonly panel: vscode.WebviewPanel, private readonly key: string) {
    panel.onDidDispose(() => PreviewPanel.open.delete(this.key));
  }

  get html(): string {
    return this.panel.webview.html;
  }

  static show(services: Services, taskName: string, title: string, preview: TaskPreview, actionTypes: ReadonlyMap<string, MitigationActionType | undefined>): PreviewPanel {
    let shown = PreviewPanel.open.get(taskName);
    if (shown) {
      shown.panel.reveal(vscode.ViewColumn.Beside);
    } else {
      const panel = vscode.window.createWebviewPanel('mitigations.taskPreview', vscode.l10n.t('Preview {0}', taskName), vscode.ViewColumn.Beside, {
        enableScripts: false,
        localResourceRoots: [vscode.Uri.joinPath(services.context.extensionUri, 'media')],
      });
      shown = new PreviewPanel(panel, taskName);
      PreviewPanel.open.set(taskName, shown);
    }
    const webview = shown.panel.webview;
    webview.html = renderPreviewHtml(title, preview, actionTypes, {
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(services.context.extensionUri, 'media', 'taskDetails.css')).toString(),
    });
    return shown;
  }

  static disposeAll(): void {
    for (const shown of [...PreviewPanel.open.values()]) shown.panel.dispose();
  }
}
