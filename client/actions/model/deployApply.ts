/**
 * How a deploy's plan is applied (vscode-free): one item per action, the audit configuration,
 * each scheduled audit and each suppression, in an order where each can succeed (actions, then
 * the configuration that enables the checks schedules and suppressions name, then those). Each
 * item is its own request: one failing (a bad role, a quota) does not stop the rest.
 */
import type { IotApi } from '../../shared/model/iotApi';
import type { AuditLoopPlan } from './auditDeployPlan';
import type { AuditLoopApi } from './auditLoopApi';
import type { DeployChange, DeployOutcome, DeployPlan, DeployStep, TagChanges } from './deployPlan';

/** One item of a deploy, named as the report names it. */
export interface DeployItem {
  /** "QuarantineThings", "audit configuration", "scheduled audit weekly", "suppression LOGGING_DISABLED_CHECK for account …". */
  readonly name: string;
  readonly change: DeployChange;
  readonly apply: () => Promise<void>;
}

/** A resource's tags made the file's: TagResource for new and changed keys, UntagResource for the others. */
async function applyTags(api: IotApi, arn: string | undefined, name: string, tags: TagChanges | undefined): Promise<void> {
  if (!tags) return;
  if (!arn) throw new Error(`The account did not say the ARN of ${name}, so its tags cannot be changed.`);
  if (tags.set.length) await api.tagResource(arn, tags.set);
  if (tags.remove.length) await api.untagResource(arn, tags.remove);
}

/** One action's change: create it with its tags, or update what differs (definition, then tags). */
async function applyActionStep(api: IotApi, step: DeployStep): Promise<void> {
  const { action } = step;
  if (step.change === 'create') return api.createAction(action.name, action.roleArn, action.actionParams, action.tags);
  if (step.differences.includes('roleArn') || step.differences.includes('actionParams')) await api.updateAction(action.name, action.roleArn, action.actionParams);
  await applyTags(api, step.actionArn, action.name, step.tagChanges);
}

export function deployItems(api: IotApi, loop: AuditLoopApi, plan: DeployPlan, auditPlan: AuditLoopPlan): DeployItem[] {
  const items: DeployItem[] = plan.steps.map((step) => ({ name: step.action.name, change: step.change, apply: () => applyActionStep(api, step) }));
  const configuration = auditPlan.auditConfiguration;
  if (configuration) items.push({ name: 'audit configuration', change: configuration.change, apply: () => loop.updateAuditConfiguration(configuration.request) });
  for (const step of auditPlan.scheduledAudits?.steps ?? []) {
    items.push({
      name: `scheduled audit ${step.audit.name}`,
      change: step.change,
      apply: async () => {
        if (step.change === 'create') return loop.createScheduledAudit(step.audit);
        await loop.updateScheduledAudit(step);
        await applyTags(api, step.arn, step.audit.name, step.tagChanges);
      },
    });
  }
  for (const step of auditPlan.suppressions?.steps ?? []) {
    items.push({ name: `suppression ${step.label}`, change: step.change, apply: () => (step.change === 'create' ? loop.createSuppression(step.suppression) : loop.updateSuppression(step)) });
  }
  return items;
}

export interface ApplyHooks {
  /** True once the person cancelled: the items not started are "not attempted". */
  readonly cancelled?: () => boolean;
  /** The service's reason for a failure, in plain words. */
  readonly explain: (error: unknown) => string;
  readonly starting?: (item: DeployItem) => void;
  readonly done?: (outcome: DeployOutcome, item: DeployItem) => void;
}

/** Applies every changed item in order and says what happened to each item of the plan. */
export async function applyDeploy(items: readonly DeployItem[], hooks: ApplyHooks): Promise<DeployOutcome[]> {
  const outcomes = new Map<string, DeployOutcome>(items.map((item) => [item.name, { name: item.name, change: item.change, result: item.change === 'unchanged' ? 'unchanged' : 'not attempted' }]));
  for (const item of items) {
    if (item.change === 'unchanged') continue;
    if (hooks.cancelled?.()) break;
    hooks.starting?.(item);
    let outcome: DeployOutcome;
    try {
      await item.apply();
      outcome = { name: item.name, change: item.change, result: item.change === 'create' ? 'created' : 'updated' };
    } catch (error) {
      outcome = { name: item.name, change: item.change, result: 'failed', reason: hooks.explain(error) };
    }
    outcomes.set(item.name, outcome);
    hooks.done?.(outcome, item);
  }
  return [...outcomes.values()];
}
