/**
 * Deploy actions from the current file: compute the plan (create / update / unchanged, and
 * what the account has that the file lacks), show it, then apply it.
 */
import * as vscode from 'vscode';
import { mapLimited } from '../iot/iotApi';
import { computeDeployPlan, summarizePlan, type DeployPlan } from '../logic/deployPlan';
import type { Services } from '../services';
import { mitigationDocument, readDocument } from './fileDocument';
import { confirmAwsChange, requireTrust, showError } from './feedback';

export interface DeployResult {
  readonly plan: DeployPlan;
  readonly applied: number;
}

function planDetail(plan: DeployPlan): string {
  const lines = plan.steps.map((step) => {
    const marker = step.change === 'create' ? '+' : step.change === 'update' ? '~' : '=';
    const why = step.differences.length ? ` (${step.differences.join(', ')})` : '';
    return `${marker} ${step.action.name}${why}`;
  });
  if (plan.onlyInAccount.length) lines.push('', vscode.l10n.t('In the account, not in this file (kept): {0}', plan.onlyInAccount.join(', ')));
  return lines.join('\n');
}

export async function deployActions(services: Services, uri?: vscode.Uri | string): Promise<DeployResult | undefined> {
  if (!requireTrust()) return undefined;
  const document = await mitigationDocument(uri);
  if (!document) return undefined;
  const content = readDocument(document);
  if (!content) return undefined;
  if (content.actions.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} defines no actions to deploy.', vscode.workspace.asRelativePath(document.uri)));
    return undefined;
  }
  const { connections, log } = services;
  try {
    const connection = await connections.connection();
    const plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Comparing with {0}…', connection.label), cancellable: true }, async (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const account = await connection.api.listAllActions({ abortSignal: abort.signal });
      const inFile = new Set(content.actions.map((action) => action.name));
      const described = await mapLimited(account.filter((action) => inFile.has(action.actionName)), 8, (action) => connection.api.describeAction(action.actionName, { abortSignal: abort.signal }));
      return computeDeployPlan(content.actions, [
        ...described.map((action) => ({ name: action.actionName ?? '', roleArn: action.roleArn, actionParams: action.actionParams as Record<string, unknown> | undefined })),
        ...account.filter((action) => !inFile.has(action.actionName)).map((action) => ({ name: action.actionName })),
      ]);
    });
    const summary = summarizePlan(plan);
    log.info(`Deploy plan for ${document.uri.fsPath} → ${connection.label}: ${summary}\n${planDetail(plan)}`);
    const changes = plan.steps.filter((step) => step.change !== 'unchanged');
    if (changes.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The account is up to date: {0}.', summary));
      return { plan, applied: 0 };
    }
    const deploy = vscode.l10n.t('Deploy');
    if (connection.isAws) {
      if (!(await confirmAwsChange(connection, vscode.l10n.t('Deploy {0} mitigation action change(s)', changes.length), `${summary}\n\n${planDetail(plan)}`, deploy))) return undefined;
    } else {
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Deploy to {0}: {1}?', connection.label, summary), { modal: true, detail: planDetail(plan) }, deploy);
      if (choice !== deploy) return undefined;
    }
    let applied = 0;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deploying actions'), cancellable: true }, async (progress, token) => {
      for (const step of changes) {
        if (token.isCancellationRequested) break;
        progress.report({ message: step.action.name, increment: 100 / changes.length });
        if (step.change === 'create') await connection.api.createAction(step.action.name, step.action.roleArn, step.action.actionParams, step.action.tags);
        else await connection.api.updateAction(step.action.name, step.action.roleArn, step.action.actionParams);
        log.info(`${step.change === 'create' ? 'Created' : 'Updated'} mitigation action ${step.action.name}`);
        applied++;
      }
    });
    connections.dataChanged();
    void vscode.window.showInformationMessage(vscode.l10n.t('Deployed {0} of {1} change(s) to {2}.', applied, changes.length, connection.label));
    return { plan, applied };
  } catch (error) {
    connections.dataChanged();
    await showError(connections, log, vscode.l10n.t('Deploy failed'), error);
    return undefined;
  }
}
