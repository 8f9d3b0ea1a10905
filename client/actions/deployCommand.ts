/**
 * Deploy actions from the current file: read it through the document model (a file with errors
 * is refused), compute the plan (create / update / unchanged, and what the account has that the
 * file lacks), confirm it on a real account, apply it, and report per action what happened.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../common/lspProtocol';
import { mapLimited, type IotApi } from '../shared/model/iotApi';
import { accountPhrase } from '../connection/model/connectionClass';
import { computeDeployPlan, deployReport, summarizePlan, type DeployOutcome, type DeployPlan, type DeployStep } from './model/deployPlan';
import type { Services } from '../services';
import { gatedFile } from '../authoring/fileDocument';
import { confirmChange, requireTrust, showError } from '../shared/feedback';

interface DeployResult {
  readonly plan: DeployPlan;
  readonly applied: number;
  readonly outcomes: readonly DeployOutcome[];
}

function planDetail(plan: DeployPlan): string {
  const lines = plan.steps.map((step) => {
    const marker = step.change === 'create' ? '+' : step.change === 'update' ? '~' : '=';
    const tags = step.tagChanges ? [...step.tagChanges.set.map((tag) => `+${tag.Key}`), ...step.tagChanges.remove.map((key) => `-${key}`)].join(' ') : '';
    const why = step.differences.length ? ` (${step.differences.join(', ')}${tags ? `: ${tags}` : ''})` : '';
    return `${marker} ${step.action.name}${why}`;
  });
  if (plan.onlyInAccount.length) lines.push('', vscode.l10n.t('In the account, not in this file (kept): {0}', plan.onlyInAccount.join(', ')));
  return lines.join('\n');
}

/** One action's change: create it with its tags, or update what differs (definition, then tags). */
async function applyStep(api: IotApi, step: DeployStep): Promise<void> {
  const { action } = step;
  if (step.change === 'create') return api.createAction(action.name, action.roleArn, action.actionParams, action.tags);
  if (step.differences.includes('roleArn') || step.differences.includes('actionParams')) await api.updateAction(action.name, action.roleArn, action.actionParams);
  const tags = step.tagChanges;
  if (!tags) return;
  if (!step.actionArn) throw new Error(vscode.l10n.t('The account did not say the ARN of {0}, so its tags cannot be changed.', action.name));
  if (tags.set.length) await api.tagResource(step.actionArn, tags.set);
  if (tags.remove.length) await api.untagResource(step.actionArn, tags.remove);
}

export async function deployActions(services: Services, uri?: vscode.Uri | string): Promise<DeployResult | undefined> {
  if (!requireTrust()) return undefined;
  const gated = await gatedFile(uri, 'deployed');
  if (!gated) return undefined;
  const { document, model } = gated;
  if (model.actions.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} defines no actions to deploy.', vscode.workspace.asRelativePath(document.uri)));
    return undefined;
  }
  const { connections, log } = services;
  let connectionLabel = '';
  try {
    const connection = await connections.connection();
    connectionLabel = connection.label;
    const plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Comparing with {0}…', connection.label), cancellable: true }, async (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const account = await connection.api.listAllActions({ abortSignal: abort.signal });
      const inFile = new Set(model.actions.map((action) => action.name));
      // Tags are read only for the actions whose file entry names them: the others keep theirs.
      const tagged = new Set(model.actions.filter((action) => action.tags).map((action) => action.name));
      const described = await mapLimited(account.filter((action) => inFile.has(action.actionName)), 8, async (action) => ({
        ...(await connection.api.describeAction(action.actionName, { abortSignal: abort.signal })),
        tags: tagged.has(action.actionName) && action.actionArn ? await connection.api.listTags(action.actionArn, { abortSignal: abort.signal }) : undefined,
      }));
      return computeDeployPlan(model.actions, [
        ...described.map((action) => ({ name: action.actionName ?? '', actionArn: action.actionArn, roleArn: action.roleArn, actionParams: action.actionParams as Record<string, unknown> | undefined, tags: action.tags })),
        ...account.filter((action) => !inFile.has(action.actionName)).map((action) => ({ name: action.actionName })),
      ]);
    });
    const summary = summarizePlan(plan);
    log.info(`Deploy plan for ${document.uri.fsPath} → ${connection.label}: ${summary}\n${planDetail(plan)}`);
    const changes = plan.steps.filter((step) => step.change !== 'unchanged');
    if (changes.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The account is up to date: {0}.', summary));
      return { plan, applied: 0, outcomes: plan.steps.map((step) => ({ name: step.action.name, change: step.change, result: 'unchanged' })) };
    }
    const deploy = vscode.l10n.t('Deploy');
    if (connection.isRealAccount) {
      if (!(await confirmChange(connection, vscode.l10n.t('Deploy {0} mitigation action change(s) ({1})', changes.length, summary), planDetail(plan), deploy))) return undefined;
    } else {
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Deploy to {0}: {1}?', connection.label, summary), { modal: true, detail: planDetail(plan) }, deploy);
      if (choice !== deploy) return undefined;
    }
    const outcomes = new Map<string, DeployOutcome>(plan.steps.map((step) => [step.action.name, { name: step.action.name, change: step.change, result: step.change === 'unchanged' ? 'unchanged' : 'not attempted' }]));
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deploying actions'), cancellable: true }, async (progress, token) => {
      // Each action is its own request: one failing (a bad role, a quota) does not stop the rest.
      for (const step of changes) {
        if (token.isCancellationRequested) break;
        progress.report({ message: step.action.name, increment: 100 / changes.length });
        try {
          await applyStep(connection.api, step);
          outcomes.set(step.action.name, { name: step.action.name, change: step.change, result: step.change === 'create' ? 'created' : 'updated' });
          log.info(`${step.change === 'create' ? 'Created' : 'Updated'} mitigation action ${step.action.name} in ${connection.label}`);
        } catch (error) {
          const reason = connections.explain(error).message;
          outcomes.set(step.action.name, { name: step.action.name, change: step.change, result: 'failed', reason });
          log.error(`Could not ${step.change} mitigation action ${step.action.name} in ${connection.label}: ${reason}`);
        }
      }
    });
    connections.dataChanged();
    const results = [...outcomes.values()];
    const report = deployReport(results, connection.isRealAccount ? accountPhrase(connection) : connection.label);
    log.info(`${report.message}\n${report.detail}`);
    const showLog = vscode.l10n.t('Show Details');
    const notify = report.ok ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
    void notify(report.message, { modal: !report.ok, detail: report.detail }, ...(report.ok ? [] : [showLog])).then((choice) => {
      if (choice === showLog) log.show();
    });
    const applied = results.filter((outcome) => outcome.result === 'created' || outcome.result === 'updated').length;
    return { plan, applied, outcomes: results };
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
