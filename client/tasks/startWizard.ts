/** "Start Mitigation Task…": a four-step QuickPick (audit, checks, actions, confirm) with Back. */
import * as vscode from 'vscode';
import { isActionApplicable, type MitigationActionType } from '../../common';
import type { Services } from '../services';
import { accountNow } from '../shared/model/accountClock';
import { requireTrust, showError } from '../shared/feedback';
import { pickMany, pickOne } from '../shared/quickPickStep';
import { accountActionTypes, findingsFor } from './accountReads';
import { previewTask } from './model/preview';
import { PreviewPanel } from './previewPanel';
import { buildStartInput } from './model/taskStart';
import { pickAudit } from './pickAudit';
import { startPrepared } from './startTask';

const WIZARD_ORDER: readonly MitigationActionType[] = ['PUBLISH_FINDING_TO_SNS', 'ADD_THINGS_TO_THING_GROUP', 'ENABLE_IOT_LOGGING', 'REPLACE_DEFAULT_POLICY_VERSION', 'UPDATE_DEVICE_CERTIFICATE', 'UPDATE_CA_CERTIFICATE'];

interface Prefill {
  readonly auditTaskId?: string;
  readonly checkName?: string;
}

/**
 * "Start Mitigation Task…": audit → checks → actions → confirm, with Back on every step.
 * From the Audits view the audit and check come pre-filled.
 */
export async function startTaskWizard(services: Services, prefill: Prefill = {}): Promise<string | undefined> {
  if (!requireTrust()) return undefined;
  try {
    const connection = await services.connections.connection();
    const actionTypes = await accountActionTypes(connection);
    let step = prefill.auditTaskId ? (prefill.checkName ? 2 : 1) : 0;
    let auditTaskId = prefill.auditTaskId;
    let checks: string[] = prefill.checkName ? [prefill.checkName] : [];
    let actions: string[] = [];
    for (;;) {
      if (step === 0) {
        const picked = await pickAudit(connection, vscode.l10n.t('Start Mitigation Task (1/4): audit'));
        if (!picked) return undefined;
        auditTaskId = picked;
        step = 1;
      } else if (step === 1) {
        const details = await connection.api.describeAudit(auditTaskId ?? '');
        const nonCompliant = Object.entries(details.auditDetails ?? {}).filter(([, check]) => (check.nonCompliantResourcesCount ?? 0) > 0);
        const result = await pickMany(vscode.l10n.t('Start Mitigation Task (2/4): checks to mitigate'), nonCompliant.map(([name, check]) => ({ label: name, description: vscode.l10n.t('{0} non-compliant', check.nonCompliantResourcesCount ?? 0), picked: checks.includes(name) })), !prefill.auditTaskId);
        if (result === 'back') { step = 0; continue; }
        if (!result) return undefined;
        checks = result;
        step = 2;
      } else if (step === 2) {
        const candidates = [...actionTypes].filter(([, type]) => type && checks.some((check) => isActionApplicable(check, type)));
        if (candidates.length === 0) {
          void vscode.window.showWarningMessage(vscode.l10n.t('No action in {0} applies to {1}: deploy one first.', connection.label, checks.join(', ')));
          return undefined;
        }
        // Notifications first and cut-offs last, as actions run in order. Nothing is pre-selected:
        // every action that changes the fleet is a choice the person makes (Back keeps it).
        candidates.sort(([aName, a], [bName, b]) => WIZARD_ORDER.indexOf(a!) - WIZARD_ORDER.indexOf(b!) || aName.localeCompare(bName));
        const result = await pickMany(vscode.l10n.t('Start Mitigation Task (3/4): actions, applied in this order'), candidates.map(([name, type]) => ({ label: name, description: type, picked: actions.includes(name) })), !prefill.checkName);
        if (result === 'back') { step = 1; continue; }
        if (!result) return undefined;
        actions = result;
        step = 3;
      } else {
        const mapping = Object.fromEntries(checks.map((check) => [check, actions.filter((name) => { const type = actionTypes.get(name); return type !== undefined && isActionApplicable(check, type); })]).filter(([, names]) => names.length > 0));
        const taskName = `mitigate-${(auditTaskId ?? 'audit').slice(0, 12)}`;
        const input = buildStartInput({ name: taskName, target: { auditTaskId }, auditCheckToActionsMapping: mapping }, new Date(await accountNow(connection)));
        const start = vscode.l10n.t('Start task {0}', input.taskId);
        const preview = vscode.l10n.t('Preview findings first');
        // The whole mapping, one row per check: what will run is visible before the click.
        const picked = await pickOne(vscode.l10n.t('Start Mitigation Task (4/4): confirm'), [
          { label: `$(play) ${start}`, description: connection.label },
          { label: `$(eye) ${preview}` },
          { label: vscode.l10n.t('Checks and their actions, applied in order'), kind: vscode.QuickPickItemKind.Separator },
          ...Object.entries(mapping).map(([check, names]) => ({ label: `$(list-ordered) ${check}`, detail: (names as string[]).join(' → ') })),
        ]);
        if (picked === 'back') { step = 2; continue; }
        if (!picked) return undefined;
        if (!picked.includes(start) && !picked.includes(preview)) continue;
        if (picked.includes(preview)) {
          const findings = await findingsFor(connection, input);
          PreviewPanel.show(services, taskName, `${taskName} (audit ${auditTaskId}, ${connection.label})`, previewTask(input, findings, actionTypes), actionTypes);
          continue;
        }
        return await startPrepared(services, connection, input, actionTypes);
      }
    }
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not start a mitigation task'), error);
    return undefined;
  }
}
