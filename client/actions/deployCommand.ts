/**
 * Deploy the current file: read it through the document model (a file with errors is refused),
 * compute the plan of each section it writes (actions, audit configuration, scheduled audits,
 * suppressions: create / update / unchanged, and what the account has that the file lacks),
 * confirm it on a real account, apply it, and report per item what happened.
 */
import * as vscode from 'vscode';
import type { DocumentModel } from '../../common';
import { LANGUAGE_ID } from '../../common/lspProtocol';
import { mapLimited } from '../shared/model/iotApi';
import { accountPhrase } from '../connection/model/connectionClass';
import { deployQuestion } from '../connection/model/confirmations';
import type { Connection } from '../connection/connectionManager';
import { computeDeployPlan, deployReport, type DeployOutcome, type DeployPlan } from './model/deployPlan';
import { applyDeploy, deployItems } from './model/deployApply';
import { auditLoopDetail, deploySummary, destructiveChanges, type AuditLoopPlan } from './model/auditDeployPlan';
import { loadSdk } from '../lazyBundles';
import type { Services } from '../services';
import { gatedFile } from '../authoring/fileDocument';
import { confirmChange, requireTrust, showError } from '../shared/feedback';

interface DeployResult {
  /** The actions' plan (no steps when the file defines no actions). */
  readonly plan: DeployPlan;
  readonly auditPlan: AuditLoopPlan;
  readonly applied: number;
  readonly outcomes: readonly DeployOutcome[];
}

function planDetail(plan: DeployPlan, auditPlan: AuditLoopPlan): string {
  const lines = plan.steps.map((step) => {
    const marker = step.change === 'create' ? '+' : step.change === 'update' ? '~' : '=';
    const tags = step.tagChanges ? [...step.tagChanges.set.map((tag) => `+${tag.Key}`), ...step.tagChanges.remove.map((key) => `-${key}`)].join(' ') : '';
    const why = step.differences.length ? ` (${step.differences.join(', ')}${tags ? `: ${tags}` : ''})` : '';
    return `${marker} ${step.action.name}${why}`;
  });
  if (plan.onlyInAccount.length) lines.push('', vscode.l10n.t('In the account, not in this file (kept): {0}', plan.onlyInAccount.join(', ')));
  const audit = auditLoopDetail(auditPlan);
  if (audit.length) lines.push(...(lines.length ? [''] : []), ...audit);
  return lines.join('\n');
}

async function readActionsPlan(connection: Connection, model: DocumentModel, signal: AbortSignal): Promise<DeployPlan> {
  if (model.actions.length === 0) return { steps: [], onlyInAccount: [] };
  const account = await connection.api.listAllActions({ abortSignal: signal });
  const inFile = new Set(model.actions.map((action) => action.name));
  // Tags are read only for the actions whose file entry names them: the others keep theirs.
  const tagged = new Set(model.actions.filter((action) => action.tags).map((action) => action.name));
  const described = await mapLimited(account.filter((action) => inFile.has(action.actionName)), 8, async (action) => ({
    ...(await connection.api.describeAction(action.actionName, { abortSignal: signal })),
    tags: tagged.has(action.actionName) && action.actionArn ? await connection.api.listTags(action.actionArn, { abortSignal: signal }) : undefined,
  }));
  return computeDeployPlan(model.actions, [
    ...described.map((action) => ({ name: action.actionName ?? '', actionArn: action.actionArn, roleArn: action.roleArn, actionParams: action.actionParams as Record<string, unknown> | undefined, tags: action.tags })),
    ...account.filter((action) => !inFile.has(action.actionName)).map((action) => ({ name: action.actionName })),
  ]);
}

function definesSomething(model: DocumentModel): boolean {
  return model.actions.length > 0 || model.auditConfiguration !== undefined || model.scheduledAudits.length > 0 || model.suppressions.length > 0;
}

export async function deployActions(services: Services, uri?: vscode.Uri | string): Promise<DeployResult | undefined> {
  if (!requireTrust()) return undefined;
  const gated = await gatedFile(uri, 'deployed');
  if (!gated) return undefined;
  const { document, model } = gated;
  if (!definesSomething(model)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} defines no actions, audit configuration, scheduled audits or suppressions to deploy.', vscode.workspace.asRelativePath(document.uri)));
    return undefined;
  }
  const { connections, log } = services;
  let connectionLabel = '';
  try {
    const connection = await connections.connection();
    connectionLabel = connection.label;
    const loop = new (loadSdk().AuditLoopApi)(connection.api.client);
    const { plan, auditPlan } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Comparing with {0}…', connection.label), cancellable: true }, async (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const [actionsPlan, loopPlan] = await Promise.all([readActionsPlan(connection, model, abort.signal), loop.plan(model, { abortSignal: abort.signal })]);
      return { plan: actionsPlan, auditPlan: loopPlan };
    });
    const summary = deploySummary(model.actions.length ? plan : undefined, auditPlan);
    const detail = planDetail(plan, auditPlan);
    log.info(`Deploy plan for ${document.uri.fsPath} → ${connection.label}: ${summary}\n${detail}`);
    const items = deployItems(connection.api, loop, plan, auditPlan);
    const changes = items.filter((item) => item.change !== 'unchanged');
    if (changes.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The account is up to date: {0}.', summary));
      return { plan, auditPlan, applied: 0, outcomes: items.map((item) => ({ name: item.name, change: item.change, result: 'unchanged' })) };
    }
    const deploy = vscode.l10n.t('Deploy');
    const destructive = destructiveChanges(auditPlan);
    if (connection.isRealAccount) {
      const question = deployQuestion(changes.length, summary, { actionsOnly: !auditPlan.auditConfiguration && !auditPlan.scheduledAudits && !auditPlan.suppressions, destructive });
      if (!(await confirmChange(connection, question, detail, deploy))) return undefined;
    } else {
      const question = destructive.length ? vscode.l10n.t('Deploy to {0}: {1}? This will {2}.', connection.label, summary, destructive.join(', ')) : vscode.l10n.t('Deploy to {0}: {1}?', connection.label, summary);
      const choice = await vscode.window.showInformationMessage(question, { modal: true, detail }, deploy);
      if (choice !== deploy) return undefined;
    }
    const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deploying'), cancellable: true }, (progress, token) => applyDeploy(items, {
      cancelled: () => token.isCancellationRequested,
      explain: (error) => connections.explain(error).message,
      starting: (item) => progress.report({ message: item.name, increment: 100 / changes.length }),
      done: (outcome, item) => {
        if (outcome.result === 'failed') log.error(`Could not ${item.change} ${item.name} in ${connection.label}: ${outcome.reason}`);
        else log.info(`${item.change === 'create' ? 'Created' : 'Updated'} ${item.name} in ${connection.label}`);
      },
    }));
    connections.dataChanged();
    const report = deployReport(results, connection.isRealAccount ? accountPhrase(connection) : connection.label);
    log.info(`${report.message}\n${report.detail}`);
    const showLog = vscode.l10n.t('Show Details');
    const notify = report.ok ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
    void notify(report.message, { modal: !report.ok, detail: report.detail }, ...(report.ok ? [] : [showLog])).then((choice) => {
      if (choice === showLog) log.show();
    });
    const applied = results.filter((outcome) => outcome.result === 'created' || outcome.result === 'updated').length;
    return { plan, auditPlan, applied, outcomes: results };
  } catch (error) {
    connections.dataChanged();
    await showError(connections, log, connectionLabel ? vscode.l10n.t('Deploy to {0} failed before any change', connectionLabel) : vscode.l10n.t('Deploy failed before any change'), error);
    return undefined;
  }
}

/** The example the walkthrough's deploy step names (shipped in the extension's examples/). */
const WALKTHROUGH_EXAMPLE = 'quarantine-workflow.mitigation.json';

/**
 * The walkthrough's "Deploy Actions from This File": pressed from the walkthrough, no editor
 * may be open, so the file in the editor is deployed when there is one, else the example the
 * step names is opened first and deployed.
 */
export async function deployFromWalkthrough(services: Services): Promise<DeployResult | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === LANGUAGE_ID) return deployActions(services, active.uri);
  const example = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(services.context.extensionUri, 'examples', WALKTHROUGH_EXAMPLE));
  await vscode.window.showTextDocument(example);
  return deployActions(services, example.uri);
}
