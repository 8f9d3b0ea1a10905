/**
 * Commands of a finding row (a finding in the Audits view, an execution in the Tasks view):
 * copy its id, show its details, open its resource as JSON, start a task for it alone
 * (suppressing it: suppressionCommands.ts).
 */
import * as vscode from 'vscode';
import { isActionApplicable } from '../../common';
import type { Services } from '../services';
import { requireTrust, showError } from '../shared/feedback';
import { accountNow } from '../shared/model/accountClock';
import { findingResource } from '../shared/model/findingResource';
import { accountActionTypes } from '../tasks/accountReads';
import { buildStartInput } from '../tasks/model/taskStart';
import { startPrepared } from '../tasks/startTask';
import { isFindingRow, type FindingRow } from './findingNode';
import { renderFindingDetails } from './model/findingDetails';
import { suppressionOf, suppressionStatus } from './model/suppressions';
import { loadSdk } from '../lazyBundles';

export function rowOf(target: unknown): FindingRow | undefined {
  if (isFindingRow(target)) return target;
  void vscode.window.showWarningMessage(vscode.l10n.t('Pick a finding in the Audits view or an execution in the Tasks view first.'));
  return undefined;
}

export async function copyFindingId(target?: unknown): Promise<void> {
  const row = rowOf(target);
  const findingId = row?.finding.findingId;
  if (!findingId) return;
  await vscode.env.clipboard.writeText(findingId);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', findingId), 3000);
}

/** The resource and reason as a read-only document, with what the row's task did about it. */
export async function showFindingDetails(services: Services, target?: unknown): Promise<vscode.TextEditor | undefined> {
  const row = rowOf(target);
  if (!row) return undefined;
  const { finding } = row;
  try {
    const connection = await services.connections.connection();
    if (row.things === undefined) row.things = await loadSdk().resourceThings(connection.api.client, finding.nonCompliantResource).catch(() => []);
    const [executions, suppressions] = await Promise.all([row.taskId ? connection.api.listExecutions(row.taskId, finding.findingId ?? '') : undefined, services.trees.audits.suppressions()]);
    const suppression = row.suppression ?? suppressionOf(finding, suppressions);
    const text = renderFindingDetails({ finding, things: row.things, executions, taskId: row.taskId, suppression: suppression && suppressionStatus(suppression, await accountNow(connection)) });
    // One document per finding and task: the same name would show an open document's old text.
    return await services.documents.show(`finding-${finding.findingId}${row.taskId ? `-${row.taskId}` : ''}.md`, text);
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not show finding {0}', finding.findingId ?? ''), error);
    return undefined;
  }
}

/** The resource as the AWS IoT API describes it, as read-only JSON. */
export async function openFindingResource(services: Services, target?: unknown): Promise<vscode.TextEditor | undefined> {
  const row = rowOf(target);
  if (!row) return undefined;
  const resource = findingResource(row.finding.nonCompliantResource);
  try {
    const connection = await services.connections.connection();
    const { operation, value } = await loadSdk().readResource(connection.api.client, row.finding.nonCompliantResource);
    services.log.info(`Read ${resource.label} with ${operation}`);
    const name = `${resource.type.toLowerCase()}-${resource.full.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80)}.json`;
    return await services.documents.show(name, `${JSON.stringify(value, null, 2)}\n`);
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not open {0}', resource.label), error);
    return undefined;
  }
}

/** A task whose target is this one finding, with the actions the person picks for its check. */
export async function startTaskForFinding(services: Services, target?: unknown): Promise<string | undefined> {
  if (!requireTrust()) return undefined;
  const row = rowOf(target);
  const { findingId, checkName } = row?.finding ?? {};
  if (!findingId || !checkName) return undefined;
  try {
    const connection = await services.connections.connection();
    const actionTypes = await accountActionTypes(connection);
    const candidates = [...actionTypes].filter(([, type]) => type && isActionApplicable(checkName, type));
    if (candidates.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('No action in {0} applies to {1}: deploy one first.', connection.label, checkName));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(candidates.map(([name, type]) => ({ label: name, description: type })), {
      title: vscode.l10n.t('Mitigate {0}: actions, applied in this order', findingResource(row!.finding.nonCompliantResource).label),
      canPickMany: true,
    });
    if (!picked?.length) return undefined;
    const input = buildStartInput({ name: `mitigate-finding-${findingId.slice(0, 8)}`, target: { findingIds: [findingId] }, auditCheckToActionsMapping: { [checkName]: picked.map((item) => item.label) } }, new Date(await accountNow(connection)));
    return await startPrepared(services, connection, input, actionTypes);
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not start a mitigation task'), error);
    return undefined;
  }
}
