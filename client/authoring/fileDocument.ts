/**
 * Finds the mitigation file a command works on and reads it through the document model, the
 * same reading as the editor's diagnostics: a file with errors goes no further, warnings are
 * named and confirmed first.
 */
import * as vscode from 'vscode';
import { errorsOf, readDocumentModel, warningsOf, type DocumentModel, type MitigationActionType, type ModelProblem } from '../../common';
import { FILE_GLOB, LANGUAGE_ID } from '../../common/lspProtocol';
import { errorsMessage, warningsQuestion } from '../connection/model/confirmations';

export async function mitigationDocument(uri?: vscode.Uri | string): Promise<vscode.TextDocument | undefined> {
  if (uri) return vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === LANGUAGE_ID) return editor.document;
  void vscode.window.showWarningMessage(vscode.l10n.t('Open a mitigation file (*.mitigation.json) first.'));
  return undefined;
}

/** Where each action defined in the workspace's other mitigation files lives, and its type. */
export interface WorkspaceAction {
  readonly type: MitigationActionType | undefined;
  readonly uri: vscode.Uri;
}

async function workspaceActions(except: vscode.Uri): Promise<Map<string, WorkspaceAction>> {
  const found = new Map<string, WorkspaceAction>();
  const uris = await vscode.workspace.findFiles(FILE_GLOB, '**/node_modules/**', 200);
  for (const uri of uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
    if (uri.toString() === except.toString()) continue;
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    for (const action of readDocumentModel(text).actions) if (!found.has(action.name)) found.set(action.name, { type: action.type, uri });
  }
  return found;
}

interface GatedFile {
  readonly document: vscode.TextDocument;
  readonly model: DocumentModel;
  /** Actions of other workspace files the model resolved task references with. */
  readonly external: ReadonlyMap<string, WorkspaceAction>;
}

function listed(problem: ModelProblem): { line: number; message: string } {
  return { line: problem.range.start.line + 1, message: problem.message };
}

/**
 * The file, read and gated for `verb`. Undefined when it has errors (they are listed, with a
 * button to the Problems view) or when the person declines to go on despite its warnings.
 */
export async function gatedFile(uri: vscode.Uri | string | undefined, verb: 'deployed' | 'started'): Promise<GatedFile | undefined> {
  const document = await mitigationDocument(uri);
  if (!document) return undefined;
  const external = await workspaceActions(document.uri);
  const model = readDocumentModel(document.getText(), { externalActions: new Map([...external].map(([name, action]) => [name, action.type])) });
  const file = vscode.workspace.asRelativePath(document.uri);
  const errors = errorsOf(model);
  if (errors.length) {
    const show = vscode.l10n.t('Show Problems');
    const choice = await vscode.window.showErrorMessage(errorsMessage(verb, file, errors.map(listed)), show);
    if (choice === show) await vscode.commands.executeCommand('workbench.actions.view.problems');
    return undefined;
  }
  const warnings = warningsOf(model);
  if (warnings.length) {
    const { message, detail } = warningsQuestion(verb === 'deployed' ? 'Deploy' : 'Start', file, warnings.map((warning) => `line ${listed(warning).line}: ${warning.message}`));
    const proceed = verb === 'deployed' ? vscode.l10n.t('Deploy Anyway') : vscode.l10n.t('Start Anyway');
    if ((await vscode.window.showWarningMessage(message, { modal: true, detail }, proceed)) !== proceed) return undefined;
  }
  return { document, model, external };
}
