/**
 * Read-only documents the extension generates (an action as JSON, a task as JSON, a task
 * preview), served under the `mitigations-view` scheme so they never look like files to save.
 */
import * as vscode from 'vscode';

const READ_ONLY_SCHEME = 'mitigations-view';

export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(READ_ONLY_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? '';
  }

  /** Shows `text` as a read-only document named `name` (its extension picks the language). */
  async show(name: string, text: string, options: vscode.TextDocumentShowOptions = {}): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: READ_ONLY_SCHEME, path: `/${name}` });
    this.contents.set(uri.path, text);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: true, ...options });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
