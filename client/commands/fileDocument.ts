/** Finds the mitigation file a command works on and reads it. */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../common/lspProtocol';
import { readMitigationFile, type MitigationFileContent } from '../logic/mitigationFile';

export async function mitigationDocument(uri?: vscode.Uri | string): Promise<vscode.TextDocument | undefined> {
  if (uri) return vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === LANGUAGE_ID) return editor.document;
  void vscode.window.showWarningMessage(vscode.l10n.t('Open a mitigation file (*.mitigation.json) first.'));
  return undefined;
}

/** The file's content; shows why when it cannot be read. */
export function readDocument(document: vscode.TextDocument): MitigationFileContent | undefined {
  try {
    return readMitigationFile(document.getText());
  } catch (error) {
    void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(document.uri)}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
