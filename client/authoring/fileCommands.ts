/** New mitigation file from a template, and import of the account's actions into a new file. */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../common/lspProtocol';
import { mapLimited } from '../shared/model/iotApi';
import { renderImportedFile, renderTemplateFile } from '../actions/model/fileTemplates';
import type { Services } from '../services';
import { showError } from '../shared/feedback';

async function openNewFile(text: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: text });
  return vscode.window.showTextDocument(document);
}

export async function newMitigationFile(services: Services): Promise<vscode.TextEditor> {
  const connection = await services.connections.connectionIfReady();
  return openNewFile(renderTemplateFile(connection?.accountId));
}

/** A user's first step on an existing account: its actions as a mitigation file. */
export async function importActions(services: Services): Promise<vscode.TextEditor | undefined> {
  try {
    const connection = await services.connections.connection();
    const text = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing actions from {0}…', connection.label), cancellable: true }, async (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const actions = await connection.api.listAllActions({ abortSignal: abort.signal });
      const described = await mapLimited(actions, 8, async (action) => ({
        ...(await connection.api.describeAction(action.actionName, { abortSignal: abort.signal })),
        tags: action.actionArn ? await connection.api.listTags(action.actionArn, { abortSignal: abort.signal }) : [],
      }));
      return renderImportedFile(described.map((action) => ({ actionName: action.actionName ?? '', roleArn: action.roleArn, actionParams: action.actionParams, tags: action.tags })));
    });
    return await openNewFile(text);
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not import actions'), error);
    return undefined;
  }
}
