/**
 * New mitigation file from a template; import of the account (its actions and audit loop) into
 * a new file, or of its audit loop into the current one.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../common/lspProtocol';
import { accountNow } from '../shared/model/accountClock';
import { mapLimited } from '../shared/model/iotApi';
import { renderImportedFile, renderTemplateFile } from '../actions/model/fileTemplates';
import { applyEdits, importedSections, sectionEdits, type ImportedSections } from './model/auditLoopImport';
import { loadSdk } from '../lazyBundles';
import type { Connection } from '../connection/connectionManager';
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

async function readAuditLoop(connection: Connection, signal: AbortSignal): Promise<ImportedSections> {
  const loop = new (loadSdk().AuditLoopApi)(connection.api.client);
  // Which suppressions are still active is the account's call: on its clock.
  const [account, now] = await Promise.all([loop.auditLoop({ abortSignal: signal }), accountNow(connection)]);
  return importedSections(account, now);
}

function noteExpired(services: Services, imported: ImportedSections): void {
  if (!imported.expiredSkipped) return;
  services.log.info(`Import: ${imported.expiredSkipped} expired suppression(s) not written (they no longer suppress, and a past expiry does not deploy).`);
}

/**
 * A role without iot:ListTagsForResource still imports: what it cannot read is written without
 * `tags`, which a deploy leaves as the account has them. The person is told which ones.
 */
const MAX_NAMED = 5;

function noteUnreadableTags(services: Services, actions: readonly string[], schedules: readonly string[]): void {
  const names = [...actions.map((name) => vscode.l10n.t('action {0}', name)), ...schedules.map((name) => vscode.l10n.t('scheduled audit {0}', name))];
  if (!names.length) return;
  services.log.warn(`Import: the connection may not read tags (iot:ListTagsForResource denied) of ${names.join(', ')}; written without tags.`);
  const shown = names.length > MAX_NAMED ? vscode.l10n.t('{0} and {1} more', names.slice(0, MAX_NAMED).join(', '), names.length - MAX_NAMED) : names.join(', ');
  void vscode.window.showWarningMessage(vscode.l10n.t('Imported without tags: the connection may not read the tags (iot:ListTagsForResource) of {0}. A deploy of this file leaves their tags in the account as they are.', shown));
}

/** A user's first step on an existing account: its actions and audit loop as a mitigation file. */
export async function importActions(services: Services): Promise<vscode.TextEditor | undefined> {
  try {
    const connection = await services.connections.connection();
    const { text, imported, untagged } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing from {0}…', connection.label), cancellable: true }, async (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const [actions, loop] = await Promise.all([connection.api.listAllActions({ abortSignal: abort.signal }), readAuditLoop(connection, abort.signal)]);
      const described = await mapLimited(actions, 8, async (action) => ({
        ...(await connection.api.describeAction(action.actionName, { abortSignal: abort.signal })),
        tags: action.actionArn ? await connection.api.listTagsIfAllowed(action.actionArn, { abortSignal: abort.signal }) : [],
      }));
      const untagged = described.filter((action) => action.tags === undefined).map((action) => action.actionName ?? '');
      const rendered = renderImportedFile(described.map((action) => ({ actionName: action.actionName ?? '', roleArn: action.roleArn, actionParams: action.actionParams, tags: action.tags })), loop.sections);
      return { text: rendered, imported: loop, untagged };
    });
    noteExpired(services, imported);
    noteUnreadableTags(services, untagged, imported.untaggedSchedules);
    return await openNewFile(text);
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not import from the account'), error);
    return undefined;
  }
}

/**
 * The account's audit configuration, scheduled audits and suppressions written into the
 * mitigation file in the editor (its sections of those names replaced, the rest kept), or into
 * a new file when no mitigation file is open. The edit is not saved: the person reviews it.
 */
export async function importAuditLoop(services: Services, uri?: vscode.Uri): Promise<vscode.TextEditor | undefined> {
  try {
    const connection = await services.connections.connection();
    const imported = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing the audit loop from {0}…', connection.label), cancellable: true }, async (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return readAuditLoop(connection, abort.signal);
    });
    noteExpired(services, imported);
    noteUnreadableTags(services, [], imported.untaggedSchedules);
    if (!Object.keys(imported.sections).length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no audit configuration, scheduled audits or suppressions to import.', connection.label));
      return undefined;
    }
    const target = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (target?.languageId !== LANGUAGE_ID) return await openNewFile(`${JSON.stringify(imported.sections, null, 2)}\n`);
    const text = target.getText();
    const merged = applyEdits(text, sectionEdits(text, imported.sections));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(target.uri, new vscode.Range(target.positionAt(0), target.positionAt(text.length)), merged);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('The editor refused the edit of {0}.', vscode.workspace.asRelativePath(target.uri)));
    return await vscode.window.showTextDocument(target);
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not import the audit loop'), error);
    return undefined;
  }
}
