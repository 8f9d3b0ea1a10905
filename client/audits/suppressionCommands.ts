/**
 * "Suppress Finding…" and "Remove Suppression" on a finding of the Audits view. A suppression
 * asks for a reason and an expiry, then goes where the person picks: into a mitigation file of
 * the workspace (its `suppressions` list, comments and formatting kept, applied by a deploy) or
 * straight to the account (CreateAuditSuppression, confirmed on a real account).
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { FILE_GLOB } from '../../common/lspProtocol';
import { appendSuppression, removeSuppression as removeFromText, suppressionIndex, type SuppressionEntry, type TextEdit } from '../../common/suppressionEdit';
import type { Connection } from '../connection/connectionManager';
import { loadSdk } from '../lazyBundles';
import type { Services } from '../services';
import { confirmChange, requireTrust, showError } from '../shared/feedback';
import { accountNow } from '../shared/model/accountClock';
import { findingResource } from '../shared/model/findingResource';
import { rowOf } from './findingCommands';
import type { FindingRow } from './findingNode';
import { daysFromToday, expiryText, parseExpiry, reasonProblem, suppressionEntry, suppressionFields, suppressionRequest, suppressionStatus, type SuppressionExpiry } from './model/suppressions';

/** The quick choices of an expiry, in days. */
const QUICK_EXPIRIES = [30, 90];

async function askReason(title: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Why is this finding accepted? (required, at most 1000 printable characters)'),
    ignoreFocusOut: true,
    validateInput: (value) => reasonProblem(value),
  });
}

async function askExpiry(title: string, now: number): Promise<SuppressionExpiry | undefined> {
  type Choice = vscode.QuickPickItem & { readonly expiry?: SuppressionExpiry };
  const quick = QUICK_EXPIRIES.map((days): Choice => {
    const expiry = daysFromToday(days, now);
    return { label: vscode.l10n.t('{0} days', days), description: expiryText(expiry), expiry };
  });
  const choices: Choice[] = [...quick, { label: vscode.l10n.t('Until a day…'), description: 'YYYY-MM-DD' }, { label: vscode.l10n.t('Indefinitely'), expiry: { indefinitely: true } }];
  const picked = await vscode.window.showQuickPick(choices, { title, placeHolder: vscode.l10n.t('How long the suppression holds'), ignoreFocusOut: true });
  if (!picked) return undefined;
  if (picked.expiry) return picked.expiry;
  const typed = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('The day the suppression ends (at 00:00 UTC)'),
    placeHolder: daysFromToday(QUICK_EXPIRIES[0], now).until,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = parseExpiry(value, now);
      return 'problem' in parsed ? parsed.problem : undefined;
    },
  });
  if (typed === undefined) return undefined;
  const parsed = parseExpiry(typed, now);
  return 'problem' in parsed ? undefined : parsed;
}

/** The workspace's mitigation files, by path. */
async function mitigationFiles(): Promise<vscode.Uri[]> {
  const uris = await vscode.workspace.findFiles(FILE_GLOB, '**/node_modules/**', 200);
  return uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

/** Applies jsonc-parser edits of a document's text as one WorkspaceEdit, then saves it. */
async function applyTextEdits(document: vscode.TextDocument, edits: readonly TextEdit[]): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  for (const { offset, length, content } of edits) edit.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + length)), content);
  return (await vscode.workspace.applyEdit(edit)) && document.save();
}

async function writeIntoFile(uri: vscode.Uri, entry: SuppressionEntry): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  if (!(await applyTextEdits(document, appendSuppression(document.getText(), entry)))) throw new Error(vscode.l10n.t('{0} could not be edited.', vscode.workspace.asRelativePath(uri)));
  await vscode.window.showTextDocument(document, { preview: false });
}

/** `expired`: the account still holds an expired suppression of this finding, which is renewed rather than created again. */
async function applyToAccount(services: Services, connection: Connection, entry: SuppressionEntry, subject: string, expiry: SuppressionExpiry, expired: boolean): Promise<boolean> {
  const question = expired ? vscode.l10n.t('Renew the expired suppression of {0} {1}', subject, expiryText(expiry)) : vscode.l10n.t('Suppress {0} {1}', subject, expiryText(expiry));
  const confirmed = await confirmChange(connection, question, vscode.l10n.t('Reason: {0}', entry.description), vscode.l10n.t('Suppress'));
  if (!confirmed) return false;
  const sdk = loadSdk();
  if (expired) {
    await sdk.renewSuppression(connection.api.client, suppressionFields(entry));
  } else {
    await sdk.createSuppression(connection.api.client, suppressionRequest(entry, randomUUID()));
  }
  services.log.info(`${expired ? 'Renewed the suppression of' : 'Suppressed'} ${entry.checkName} on ${JSON.stringify(entry.resourceIdentifier)} ${expiryText(expiry)} in ${connection.label}`);
  return true;
}

/** What a finding is, in messages: "DEVICE_CERTIFICATE_SHARED_CHECK on Device certificate 3f2a8c01d4…". */
function subjectOf(row: FindingRow): string {
  return `${row.finding.checkName ?? ''} on ${findingResource(row.finding.nonCompliantResource).label}`;
}

/** Where the suppression goes: applied now, or written into one of the workspace's files. Returns what was done. */
export async function suppressFinding(services: Services, target?: unknown): Promise<'applied' | 'written' | undefined> {
  if (!requireTrust()) return undefined;
  const row = rowOf(target);
  if (!row?.finding.checkName) return undefined;
  const subject = subjectOf(row);
  try {
    const connection = await services.connections.connection();
    // Expiries count from the account's day: the emulator's clock may have been moved ahead.
    const now = await accountNow(connection);
    if (row.suppression && suppressionStatus(row.suppression, now).active) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is already {1}.', subject, suppressionStatus(row.suppression, now).text));
      return undefined;
    }
    const title = vscode.l10n.t('Suppress {0}', subject);
    const reason = await askReason(title);
    if (reason === undefined) return undefined;
    const expiry = await askExpiry(title, now);
    if (!expiry) return undefined;
    const entry = suppressionEntry(row.finding, reason, expiry);
    type Where = vscode.QuickPickItem & { readonly uri?: vscode.Uri };
    const files = await mitigationFiles();
    const where = await vscode.window.showQuickPick<Where>([
      { label: vscode.l10n.t('Apply to {0} now', connection.label), description: row.suppression ? 'UpdateAuditSuppression' : 'CreateAuditSuppression' },
      ...files.map((uri): Where => ({ label: vscode.l10n.t('Write into {0}', vscode.workspace.asRelativePath(uri)), description: vscode.l10n.t('deploy the file to apply it'), uri })),
    ], { title, placeHolder: vscode.l10n.t('Apply the suppression now or keep it in a mitigation file'), ignoreFocusOut: true });
    if (!where) return undefined;
    if (where.uri) {
      await writeIntoFile(where.uri, entry);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Suppression written into {0}: deploy the file to apply it', vscode.workspace.asRelativePath(where.uri)), 5000);
      return 'written';
    }
    if (!(await applyToAccount(services, connection, entry, subject, expiry, row.suppression !== undefined))) return undefined;
    services.trees.audits.refresh();
    vscode.window.setStatusBarMessage(vscode.l10n.t('Suppressed {0} {1}', subject, expiryText(expiry)), 5000);
    return 'applied';
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not suppress {0}', subject), error);
    return undefined;
  }
}

/** Workspace files whose `suppressions` list names this check and resource. */
async function filesWith(checkName: string, resourceIdentifier: unknown): Promise<vscode.TextDocument[]> {
  const found: vscode.TextDocument[] = [];
  for (const uri of await mitigationFiles()) {
    const document = await vscode.workspace.openTextDocument(uri);
    try {
      if (suppressionIndex(document.getText(), checkName, resourceIdentifier) >= 0) found.push(document);
    } catch {
      // A file that is not a JSON object has no suppressions to remove.
    }
  }
  return found;
}

/** DeleteAuditSuppression of the finding's suppression (confirmed), then the offer to take it out of the files that have it. */
export async function removeSuppression(services: Services, target?: unknown): Promise<boolean> {
  if (!requireTrust()) return false;
  const row = rowOf(target);
  const checkName = row?.finding.checkName;
  if (!row || !checkName) return false;
  const subject = subjectOf(row);
  if (!row.suppression) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No suppression of the account names {0}.', subject));
    return false;
  }
  const resourceIdentifier = row.suppression.resourceIdentifier ?? row.finding.nonCompliantResource?.resourceIdentifier ?? {};
  try {
    const connection = await services.connections.connection();
    const remove = vscode.l10n.t('Remove Suppression');
    const question = vscode.l10n.t('Remove the suppression of {0} ({1})? Its next audits report it again and tasks mitigate it.', subject, suppressionStatus(row.suppression, await accountNow(connection)).text);
    const confirmed = connection.isRealAccount
      ? await confirmChange(connection, vscode.l10n.t('Remove the suppression of {0}', subject), question, remove)
      : (await vscode.window.showWarningMessage(question, { modal: true }, remove)) === remove;
    if (!confirmed) return false;
    await loadSdk().deleteSuppression(connection.api.client, checkName, resourceIdentifier);
    services.log.info(`Removed the suppression of ${checkName} on ${JSON.stringify(resourceIdentifier)} in ${connection.label}`);
    services.trees.audits.refresh();
    for (const document of await filesWith(checkName, resourceIdentifier)) {
      const file = vscode.workspace.asRelativePath(document.uri);
      const fromFile = vscode.l10n.t('Remove from {0}', file);
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('{0} still suppresses {1}: a deploy would create it again.', file, subject), fromFile);
      if (choice === fromFile) await applyTextEdits(document, removeFromText(document.getText(), checkName, resourceIdentifier));
    }
    return true;
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not remove the suppression of {0}', subject), error);
    return false;
  }
}
