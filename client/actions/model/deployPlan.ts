/**
 * What "Deploy actions from this file" would change in the account (vscode-free):
 * each file action is created, updated or left alone; account actions the file does not
 * define are listed but never deleted by a deploy.
 */
import type { ModelAction } from '../../../common';
import { jsonEqual } from '../../../common/json';

export type ActionTag = { readonly Key: string; readonly Value?: string };

/** The part of DescribeMitigationAction (and ListTagsForResource on its ARN) a deploy compares. */
interface DeployedAction {
  readonly name: string;
  readonly actionArn?: string;
  readonly roleArn?: string;
  readonly actionParams?: Record<string, unknown>;
  readonly tags?: readonly ActionTag[];
}

export type DeployChange = 'create' | 'update' | 'unchanged';

/** What TagResource and UntagResource must do so the action's tags are the file's. */
export interface TagChanges {
  /** New keys and keys whose value changed. */
  readonly set: readonly ActionTag[];
  readonly remove: readonly string[];
}

export interface DeployStep {
  readonly action: ModelAction;
  readonly change: DeployChange;
  /** For updates: which fields differ ("roleArn", "actionParams", "tags"). */
  readonly differences: readonly string[];
  /** The action's ARN in the account, for the tag operations of an update. */
  readonly actionArn?: string;
  readonly tagChanges?: TagChanges;
}

export interface DeployPlan {
  readonly steps: readonly DeployStep[];
  /** Names of actions in the account that the file does not define (left untouched). */
  readonly onlyInAccount: readonly string[];
}

/**
 * A file that names no `tags` leaves the account's tags alone; `"tags": []` removes them all.
 * An absent Value and an empty one are the same tag, as the service stores them.
 */
export function tagChanges(fileTags: readonly ActionTag[] | undefined, accountTags: readonly ActionTag[]): TagChanges | undefined {
  if (!fileTags) return undefined;
  const current = new Map(accountTags.map((tag) => [tag.Key, tag.Value ?? '']));
  const wanted = new Map(fileTags.map((tag) => [tag.Key, tag]));
  const set = [...wanted.values()].filter((tag) => current.get(tag.Key) !== (tag.Value ?? ''));
  const remove = [...current.keys()].filter((key) => !wanted.has(key));
  return set.length || remove.length ? { set, remove } : undefined;
}

export function computeDeployPlan(fileActions: readonly ModelAction[], account: readonly DeployedAction[]): DeployPlan {
  const deployed = new Map(account.map((action) => [action.name, action]));
  const steps = fileActions.map((action): DeployStep => {
    const current = deployed.get(action.name);
    if (!current) return { action, change: 'create', differences: [] };
    const differences: string[] = [];
    if (current.roleArn !== action.roleArn) differences.push('roleArn');
    if (!jsonEqual(current.actionParams, action.actionParams)) differences.push('actionParams');
    const tags = tagChanges(action.tags, current.tags ?? []);
    if (tags) differences.push('tags');
    return { action, change: differences.length ? 'update' : 'unchanged', differences, actionArn: current.actionArn, tagChanges: tags };
  });
  const inFile = new Set(fileActions.map((action) => action.name));
  const onlyInAccount = account.map((action) => action.name).filter((name) => !inFile.has(name)).sort();
  return { steps, onlyInAccount };
}

/** "2 to create, 1 to update, 3 unchanged, 1 only in the account (kept)": the words of every section of a plan. */
export function countChanges(changes: readonly DeployChange[], kept: number): string {
  const count = (kind: DeployChange) => changes.filter((change) => change === kind).length;
  const parts = [`${count('create')} to create`, `${count('update')} to update`, `${count('unchanged')} unchanged`];
  if (kept) parts.push(`${kept} only in the account (kept)`);
  return parts.join(', ');
}

/** One line for a notification or modal, e.g. "2 to create, 1 to update, 3 unchanged". */
export function summarizePlan(plan: DeployPlan): string {
  return countChanges(plan.steps.map((step) => step.change), plan.onlyInAccount.length);
}

type DeployResultKind = 'created' | 'updated' | 'unchanged' | 'failed' | 'not attempted';

/** What happened to one action of the file in one deploy. */
export interface DeployOutcome {
  readonly name: string;
  readonly change: DeployChange;
  readonly result: DeployResultKind;
  /** For failures: the service's reason in plain words. */
  readonly reason?: string;
}

/** What the account holds for one action after the deploy, in words. */
function standing(outcome: DeployOutcome): string {
  switch (outcome.result) {
    case 'created': return `${outcome.name} created`;
    case 'updated': return `${outcome.name} updated`;
    case 'unchanged': return `${outcome.name} unchanged`;
    case 'failed': return outcome.change === 'create' ? `${outcome.name} NOT created (${outcome.reason ?? 'failed'})` : `${outcome.name} NOT updated, keeps its previous definition (${outcome.reason ?? 'failed'})`;
    case 'not attempted': return outcome.change === 'create' ? `${outcome.name} not created (deploy stopped)` : `${outcome.name} not updated, keeps its previous definition (deploy stopped)`;
  }
}

/**
 * The deploy's report: counts for the notification, and per action what is now in the account,
 * so a failure part-way leaves no doubt.
 */
export function deployReport(outcomes: readonly DeployOutcome[], where: string): { readonly ok: boolean; readonly message: string; readonly detail: string } {
  const counts = new Map<DeployResultKind, number>();
  for (const outcome of outcomes) counts.set(outcome.result, (counts.get(outcome.result) ?? 0) + 1);
  const order: DeployResultKind[] = ['created', 'updated', 'unchanged', 'failed', 'not attempted'];
  const summary = order.filter((kind) => counts.get(kind)).map((kind) => `${counts.get(kind)} ${kind}`).join(', ');
  const failed = outcomes.filter((outcome) => outcome.result === 'failed' || outcome.result === 'not attempted');
  const ok = failed.length === 0;
  const message = ok
    ? `Deployed to ${where}: ${summary}.`
    : `Deploy to ${where} did not complete: ${summary}. ${failed.filter((outcome) => outcome.result === 'failed').map((outcome) => `${outcome.name}: ${outcome.reason ?? 'failed'}`).join('; ')}`.trim();
  const detail = ['Now in the account:', ...outcomes.map((outcome) => `- ${standing(outcome)}`)].join('\n');
  return { ok, message, detail };
}
