/**
 * Starting, previewing and cancelling audit mitigation actions tasks: from a task in a
 * mitigation file (the CodeLens) or from a multi-step QuickPick.
 */
import type { AuditFinding } from '@aws-sdk/client-iot';
import * as vscode from 'vscode';
import { isActionApplicable, type MitigationActionType, type ModelTask } from '../../common';
import type { Connection } from '../connection/connectionManager';
import { mapLimited, retentionWindow } from '../shared/model/iotApi';
import { accountNotes, actionsNeedingTypedConfirmation, mappingLines, startQuestion, taskImpact, type ActionFacts } from '../connection/model/confirmations';
import { previewTask, renderPreviewMarkdown, type TaskPreview } from './model/preview';
import { buildStartInput, needsAuditChoice, type StartTaskInput } from './model/taskStart';
import { formatTime } from '../shared/model/treeModel';
import type { Services } from '../services';
import type { TaskNode } from './tasksTree';
import { TASK_STATUSES } from './tasksTree';
import { gatedFile, type WorkspaceAction } from '../authoring/fileDocument';
import { confirmChange, requireTrust, showError, typedConfirmation } from '../shared/feedback';

/** The command helper "rehearse" registers: [uri, taskName, auditTaskId]. */
export const REHEARSE_TASK_COMMAND = 'mitigations.rehearseTaskFromFile';

/** Where a start comes from, when it is a task of a file: the rehearsal and deploy need it. */
interface FileOrigin {
  readonly uri: vscode.Uri;
  readonly taskName: string;
  /** Actions defined in other workspace files, by name. */
  readonly external: ReadonlyMap<string, WorkspaceAction>;
}

/** A task of a file read through the document model; a file with errors yields nothing. */
async function fileTask(uri: vscode.Uri | string | undefined, taskName: string | undefined, verb: 'started' | 'previewed'): Promise<{ task: ModelTask; origin: FileOrigin } | undefined> {
  const gated = await gatedFile(uri, verb === 'previewed' ? 'started' : verb);
  if (!gated) return undefined;
  const { document, model, external } = gated;
  const name = taskName ?? (await vscode.window.showQuickPick(model.tasks.map((task) => task.name), { title: vscode.l10n.t('Which task?') }));
  const task = model.tasks.find((candidate) => candidate.name === name);
  if (!task && name) void vscode.window.showErrorMessage(vscode.l10n.t('Task "{0}" is not in {1} (or is not valid yet).', name, vscode.workspace.asRelativePath(document.uri)));
  return task ? { task, origin: { uri: document.uri, taskName: task.name, external } } : undefined;
}

/** A recent completed audit for tasks whose target leaves the audit open. */
async function pickAudit(connection: Connection, title: string): Promise<string | undefined> {
  const page = await connection.api.listAudits(retentionWindow(), undefined, 50);
  const completed = page.items.filter((audit) => audit.taskStatus === 'COMPLETED');
  if (completed.length === 0) {
    const run = vscode.l10n.t('Run Audit Now');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('There is no completed audit to take findings from.'), run);
    if (choice === run) await vscode.commands.executeCommand('mitigations.runAudit');
    return undefined;
  }
  const described = await mapLimited(completed.slice(0, 10), 5, (audit) => connection.api.describeAudit(audit.taskId ?? '').then((details) => ({ audit, details }), () => ({ audit, details: undefined })));
  const picked = await vscode.window.showQuickPick(described.map(({ audit, details }) => ({
    label: audit.taskId ?? '',
    description: [audit.taskType === 'SCHEDULED_AUDIT_TASK' ? 'scheduled' : 'on-demand', formatTime(details?.taskStartTime)].filter(Boolean).join(' · '),
    detail: details?.taskStatistics ? vscode.l10n.t('{0} non-compliant checks', details.taskStatistics.nonCompliantChecks ?? 0) : undefined,
  })), { title, placeHolder: vscode.l10n.t('The audit whose findings the task mitigates') });
  return picked?.label;
}

async function accountActionTypes(connection: Connection): Promise<Map<string, MitigationActionType | undefined>> {
  const actions = await connection.api.listAllActions();
  return new Map(actions.map((action) => [action.actionName, action.actionType]));
}

async function findingsFor(connection: Connection, input: Pick<StartTaskInput, 'target' | 'auditCheckToActionsMapping'>): Promise<AuditFinding[]> {
  if (input.target.findingIds?.length) {
    const results = await mapLimited(input.target.findingIds, 8, (findingId) => connection.api.describeFinding(findingId).catch(() => undefined));
    return results.filter((finding): finding is AuditFinding => finding !== undefined);
  }
  const checks = Object.keys(input.auditCheckToActionsMapping);
  const perCheck = await mapLimited(checks, 4, (checkName) => connection.api.listAllFindings({ taskId: input.target.auditTaskId, checkName }));
  return perCheck.flat();
}

/** What the account says about each mapped action: its type and params (what will run). */
async function mappedActionFacts(connection: Connection, input: StartTaskInput, actionTypes: ReadonlyMap<string, MitigationActionType | undefined>): Promise<Map<string, ActionFacts>> {
  const names = [...new Set(Object.values(input.auditCheckToActionsMapping).flat())];
  const described = await mapLimited(names, 5, (name) => connection.api.describeAction(name).then(
    (action): [string, ActionFacts] => [name, { type: (action.actionType as MitigationActionType | undefined) ?? actionTypes.get(name), actionParams: action.actionParams as Record<string, unknown> | undefined }],
    (): [string, ActionFacts] => [name, { type: actionTypes.get(name) }],
  ));
  return new Map(described);
}

function targetWords(input: StartTaskInput): string {
  return input.target.auditTaskId ? vscode.l10n.t('audit {0}', input.target.auditTaskId) : vscode.l10n.t('the listed findings');
}

/** Hands over to the rehearsal command; says so clearly when this build has none. */
async function rehearseInstead(origin: FileOrigin, auditTaskId: string | undefined): Promise<void> {
  if (!(await vscode.commands.getCommands(true)).includes(REHEARSE_TASK_COMMAND)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Rehearsal is not available: the command {0} is not registered in this build. Nothing was started.', REHEARSE_TASK_COMMAND));
    return;
  }
  await vscode.commands.executeCommand(REHEARSE_TASK_COMMAND, origin.uri, origin.taskName, auditTaskId);
}

/** Actions missing from the account: names them, and where the workspace defines them. */
async function reportMissingActions(connection: Connection, missing: readonly string[], origin: FileOrigin | undefined): Promise<void> {
  const homes = [...new Set(missing.map((name) => origin?.external.get(name)?.uri ?? origin?.uri).filter((uri): uri is vscode.Uri => uri !== undefined))];
  const where = homes.length ? ` ${vscode.l10n.t('They are defined in {0}.', homes.map((uri) => vscode.workspace.asRelativePath(uri)).join(', '))}` : '';
  const buttons = homes.map((uri) => vscode.l10n.t('Deploy {0}', vscode.workspace.asRelativePath(uri)));
  const choice = await vscode.window.showErrorMessage(`${vscode.l10n.t('These actions are not in {0}: {1}. Deploy them first.', connection.label, missing.join(', '))}${where}`, ...buttons);
  const index = choice === undefined ? -1 : buttons.indexOf(choice);
  if (index >= 0) await vscode.commands.executeCommand('mitigations.deployActions', homes[index]);
}

/**
 * Starts `input` and watches it to the end. On a real account it first says what will happen,
 * counted from the preview, in which account, and asks for the task id when certificates are
 * deactivated or policies replaced.
 */
async function startPrepared(services: Services, connection: Connection, input: StartTaskInput, actionTypes: Map<string, MitigationActionType | undefined>, origin?: FileOrigin): Promise<string | undefined> {
  const missing = [...new Set(Object.values(input.auditCheckToActionsMapping).flat())].filter((name) => !actionTypes.has(name));
  if (missing.length) {
    await reportMissingActions(connection, missing, origin);
    return undefined;
  }
  if (connection.isRealAccount) {
    const { preview, facts } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Counting what {0} would change…', input.taskId) }, async () => {
      const [findings, described] = await Promise.all([findingsFor(connection, input), mappedActionFacts(connection, input, actionTypes)]);
      return { preview: previewTask(input, findings, actionTypes), facts: described };
    });
    const impact = taskImpact(preview.rows, facts);
    const detail = [
      vscode.l10n.t('Checks and their actions, applied in order:'),
      ...mappingLines(input.auditCheckToActionsMapping),
      '',
      vscode.l10n.t('Applied actions are not rolled back when a task is canceled.'),
      ...preview.warnings,
      ...accountNotes(connection),
    ].join('\n');
    const start = vscode.l10n.t('Start Task');
    const rehearse = vscode.l10n.t('Rehearse First');
    const choice = await vscode.window.showWarningMessage(startQuestion(input.taskId, preview.mitigated, targetWords(input), impact, connection), { modal: true, detail }, start, ...(origin ? [rehearse] : []));
    if (choice === rehearse && origin) {
      await rehearseInstead(origin, input.target.auditTaskId);
      return undefined;
    }
    if (choice !== start) return undefined;
    const risky = actionsNeedingTypedConfirmation(input.auditCheckToActionsMapping, facts);
    if (risky.length && !(await typedConfirmation(connection, input.taskId, risky, taskImpact(preview.rows.map((row) => ({ ...row, actions: row.actions.filter((name) => risky.includes(name)) })), facts)))) return undefined;
  }
  const taskId = await connection.api.startTask(input);
  services.log.info(`Started mitigation task ${taskId} on ${connection.label}: ${JSON.stringify({ target: input.target, auditCheckToActionsMapping: input.auditCheckToActionsMapping })}`);
  services.taskWatcher.watch(taskId);
  services.connections.dataChanged();
  const details = vscode.l10n.t('Show Details');
  void vscode.window.showInformationMessage(vscode.l10n.t('Started mitigation task {0}.', taskId), details).then((choice) => {
    if (choice === details) void vscode.commands.executeCommand('mitigations.showTaskDetails', taskId);
  });
  return taskId;
}

/** The CodeLens "Start task": args [uri, taskName] from the language server. */
export async function startTaskFromFile(services: Services, uri?: vscode.Uri | string, taskName?: string): Promise<string | undefined> {
  if (!requireTrust()) return undefined;
  const found = await fileTask(uri, taskName, 'started');
  if (!found) return undefined;
  const { task, origin } = found;
  try {
    const connection = await services.connections.connection();
    const auditTaskId = needsAuditChoice(task) ? await pickAudit(connection, vscode.l10n.t('Start {0}: which audit?', task.name)) : undefined;
    if (needsAuditChoice(task) && !auditTaskId) return undefined;
    const input = buildStartInput(task, new Date(), auditTaskId);
    return await startPrepared(services, connection, input, await accountActionTypes(connection), origin);
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not start task {0}', task.name), error);
    return undefined;
  }
}

/** The CodeLens "Preview findings": which findings would get which actions; nothing runs. */
export async function previewTaskFromFile(services: Services, uri?: vscode.Uri | string, taskName?: string): Promise<TaskPreview | undefined> {
  const found = await fileTask(uri, taskName, 'previewed');
  if (!found) return undefined;
  const { task } = found;
  try {
    const connection = await services.connections.connection();
    const auditTaskId = needsAuditChoice(task) ? await pickAudit(connection, vscode.l10n.t('Preview {0}: which audit?', task.name)) : undefined;
    if (needsAuditChoice(task) && !auditTaskId) return undefined;
    const input = buildStartInput(task, new Date(), auditTaskId);
    const preview = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Listing findings for {0}…', task.name) }, async () => {
      const [findings, actionTypes] = await Promise.all([findingsFor(connection, input), accountActionTypes(connection)]);
      return previewTask(input, findings, actionTypes);
    });
    const title = `${task.name} (${input.target.auditTaskId ? `audit ${input.target.auditTaskId}` : 'listed findings'}, ${connection.label})`;
    await services.documents.show(`preview-${task.name}.md`, renderPreviewMarkdown(title, preview), { viewColumn: vscode.ViewColumn.Beside });
    return preview;
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not preview task {0}', task.name), error);
    return undefined;
  }
}

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
        const input = buildStartInput({ name: taskName, target: { auditTaskId }, auditCheckToActionsMapping: mapping }, new Date());
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
          await services.documents.show(`preview-${taskName}.md`, renderPreviewMarkdown(`${taskName} (audit ${auditTaskId}, ${connection.label})`, previewTask(input, findings, actionTypes)), { viewColumn: vscode.ViewColumn.Beside });
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

/** A QuickPick step with a Back button: resolves to the labels picked, 'back' or undefined. */
function pickMany(title: string, items: vscode.QuickPickItem[], canGoBack: boolean): Promise<string[] | 'back' | undefined> {
  return quickPickStep(title, items, true, canGoBack) as Promise<string[] | 'back' | undefined>;
}

function pickOne(title: string, items: vscode.QuickPickItem[]): Promise<string | 'back' | undefined> {
  return quickPickStep(title, items, false, true).then((result) => (Array.isArray(result) ? result[0] : result));
}

function quickPickStep(title: string, items: vscode.QuickPickItem[], many: boolean, canGoBack: boolean): Promise<string[] | 'back' | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick();
    pick.title = title;
    pick.items = items;
    pick.canSelectMany = many;
    pick.selectedItems = items.filter((item) => item.picked);
    pick.ignoreFocusOut = true;
    if (canGoBack) pick.buttons = [vscode.QuickInputButtons.Back];
    let settled = false;
    const finish = (value: string[] | 'back' | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      pick.dispose();
    };
    pick.onDidTriggerButton((button) => { if (button === vscode.QuickInputButtons.Back) finish('back'); });
    const placeholder = pick.placeholder;
    // Picked labels in list order (the order actions run in), not in the order clicked.
    pick.onDidAccept(() => {
      const chosen = new Set((many ? pick.selectedItems : pick.activeItems).map((item) => item.label));
      if (chosen.size === 0) {
        // OK with nothing selected stays here and says why, instead of closing the wizard.
        pick.placeholder = many ? vscode.l10n.t('Select at least one item (Space toggles), or press Escape to leave.') : placeholder;
        return;
      }
      finish(items.filter((item) => chosen.has(item.label)).map((item) => item.label));
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}

export async function cancelTask(services: Services, target?: TaskNode | string): Promise<boolean> {
  if (!requireTrust()) return false;
  let taskId = typeof target === 'string' ? target : target?.taskId;
  try {
    const connection = await services.connections.connection();
    if (!taskId) {
      const running = await connection.api.listTasks(retentionWindow(), 'IN_PROGRESS', undefined, 50);
      if (running.items.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No mitigation task is running in {0}.', connection.label));
        return false;
      }
      taskId = (await vscode.window.showQuickPick(running.items.map((task) => ({ label: task.taskId ?? '', description: formatTime(task.startTime) })), { title: vscode.l10n.t('Cancel which task?') }))?.label;
      if (!taskId) return false;
    }
    if (connection.isRealAccount && !(await confirmChange(connection, vscode.l10n.t('Cancel mitigation task {0}', taskId), vscode.l10n.t('Remaining actions are not applied; actions already applied are not rolled back.'), vscode.l10n.t('Cancel Task')))) return false;
    await connection.api.cancelTask(taskId);
    services.log.info(`Canceled mitigation task ${taskId}`);
    services.connections.dataChanged();
    vscode.window.setStatusBarMessage(vscode.l10n.t('Canceled {0}', taskId), 5000);
    return true;
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not cancel {0}', taskId ?? vscode.l10n.t('the task')), error);
    return false;
  }
}

export async function filterTasks(services: Services): Promise<void> {
  const all = vscode.l10n.t('All statuses');
  const picked = await vscode.window.showQuickPick([all, ...TASK_STATUSES], { title: vscode.l10n.t('Show tasks with status'), placeHolder: services.trees.tasks.filter ?? all });
  if (picked) services.trees.tasks.setFilter(picked === all ? undefined : picked);
}
