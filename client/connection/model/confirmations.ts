/**
 * The words of every confirmation on a real account (vscode-free, unit-tested): what will happen,
 * counted from the task preview, and in which account and region.
 */
import { DISRUPTIVE_ACTION_TYPES, type MitigationActionType } from '../../../common';
import { accountPhrase, type AccountFacts } from './connectionClass';
import type { PreviewRow } from '../../tasks/model/preview';
import { plural } from '../../../common/text';
import { isJsonObject } from '../../../common/json';

/** What the account knows about a mapped action: its type and, when described, its params. */
export interface ActionFacts {
  readonly type: MitigationActionType | undefined;
  readonly actionParams?: Record<string, unknown>;
}


const RESOURCE_NOUNS: Record<string, [string, string]> = {
  DEVICE_CERTIFICATE: ['device certificate', 'device certificates'],
  CA_CERTIFICATE: ['CA certificate', 'CA certificates'],
  IOT_POLICY: ['policy', 'policies'],
  ACCOUNT_SETTINGS: ['account setting', 'account settings'],
};

function count(n: number, [one, many]: [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

function nounOf(resourceType: string | undefined): [string, string] {
  return RESOURCE_NOUNS[resourceType ?? ''] ?? ['resource', 'resources'];
}

/** Per action type: the distinct resources it would touch, and the resource type they have. */
function touched(rows: readonly PreviewRow[]) {
  const byAction = new Map<string, { resources: Set<string>; findings: number; resourceType?: string }>();
  for (const row of rows) {
    if (row.excludedBecause) continue;
    for (const name of row.actions) {
      const entry = byAction.get(name) ?? { resources: new Set<string>(), findings: 0, resourceType: row.resourceType };
      entry.resources.add(row.resourceKey);
      entry.findings++;
      byAction.set(name, entry);
    }
  }
  return byAction;
}

/**
 * What a task would do, one phrase per change, e.g. "deactivate up to 37 device certificates",
 * "add the things of 12 device certificates to Quarantine", "replace the default version of 2
 * policies". "Up to": a resource may already be in the target state.
 */
export function taskImpact(rows: readonly PreviewRow[], actions: ReadonlyMap<string, ActionFacts>): string[] {
  const phrases: string[] = [];
  for (const [name, entry] of touched(rows)) {
    const facts = actions.get(name);
    const params = facts?.actionParams ?? {};
    const resources = count(entry.resources.size, nounOf(entry.resourceType));
    switch (facts?.type) {
      case 'UPDATE_DEVICE_CERTIFICATE':
        phrases.push(`deactivate up to ${count(entry.resources.size, RESOURCE_NOUNS.DEVICE_CERTIFICATE)}`);
        break;
      case 'UPDATE_CA_CERTIFICATE':
        phrases.push(`deactivate up to ${count(entry.resources.size, RESOURCE_NOUNS.CA_CERTIFICATE)}`);
        break;
      case 'REPLACE_DEFAULT_POLICY_VERSION':
        phrases.push(`replace the default version of ${count(entry.resources.size, RESOURCE_NOUNS.IOT_POLICY)} with a blank policy`);
        break;
      case 'ADD_THINGS_TO_THING_GROUP': {
        const groupParams = isJsonObject(params.addThingsToThingGroupParams) ? params.addThingsToThingGroupParams : {};
        const groups = Array.isArray(groupParams.thingGroupNames) ? groupParams.thingGroupNames.map(String) : [];
        phrases.push(`add the things of ${resources} to ${groups.length ? groups.join(', ') : 'thing groups'}`);
        break;
      }
      case 'ENABLE_IOT_LOGGING': {
        const logging = isJsonObject(params.enableIoTLoggingParams) ? params.enableIoTLoggingParams : {};
        phrases.push(`turn on IoT logging${typeof logging.logLevel === 'string' ? ` at level ${logging.logLevel}` : ''}`);
        break;
      }
      case 'PUBLISH_FINDING_TO_SNS':
        phrases.push(`publish ${plural(entry.findings, 'finding')} to SNS`);
        break;
      default:
        phrases.push(`run ${name} on ${plural(entry.findings, 'finding')}`);
    }
  }
  return phrases;
}

/** The mapped actions that make a start need the typed task id. */
export function actionsNeedingTypedConfirmation(mapping: Readonly<Record<string, readonly string[]>>, actions: ReadonlyMap<string, ActionFacts>): string[] {
  const names = new Set(Object.values(mapping).flat());
  return [...names].filter((name) => {
    const type = actions.get(name)?.type;
    return type !== undefined && DISRUPTIVE_ACTION_TYPES.includes(type);
  });
}

/** "Deploy 3 mitigation action changes in account 210987654321 (eu-west-1)?" */
export function changeQuestion(summary: string, facts: Pick<AccountFacts, 'accountId' | 'region'>): string {
  return `${summary} in ${accountPhrase(facts)}?`;
}

/** Lines every real-account modal adds below its own detail. */
export function accountNotes(facts: AccountFacts & { readonly accountUnknownReason?: string }): string[] {
  const notes: string[] = [];
  if (!facts.accountId) notes.push(`The account id could not be read${facts.accountUnknownReason ? ` (${facts.accountUnknownReason})` : ''}: make sure this is the account you mean.`);
  if (facts.kind === 'local-emulator') notes.push('This endpoint answers as an IoT Mitigations emulator, but not the one this extension started, so it is confirmed like a real account.');
  return notes;
}

/**
 * "Start task t-1 on 40 findings of audit a3ae…: deactivate up to 37 device certificates, …,
 * in account 210987654321 (eu-west-1)?"
 */
export function startQuestion(taskId: string, mitigated: number, target: string, impact: readonly string[], facts: Pick<AccountFacts, 'accountId' | 'region'>): string {
  const what = impact.length ? impact.join(', ') : 'change nothing (no finding matches)';
  return `Start mitigation task ${taskId} on ${plural(mitigated, 'finding')} of ${target}: ${what}, in ${accountPhrase(facts)}?`;
}

/** The typed confirmation's prompt: what the named actions do, and what to type. */
export function typedPrompt(actionNames: readonly string[], impact: readonly string[], taskId: string): string {
  return `${actionNames.join(', ')} ${impact.length ? impact.join(', ') : 'deactivate certificates or replace policies'}: devices can lose their connection or permissions. Type the task id "${taskId}" to start it.`;
}

/** The full check → actions mapping, one line per check, for a confirm step or modal detail. */
export function mappingLines(mapping: Readonly<Record<string, readonly string[]>>): string[] {
  return Object.entries(mapping).map(([check, names]) => `${check}: ${names.join(' → ')}`);
}

/** The warnings a modal names before a file with warnings is deployed or started. */
export function warningsQuestion(action: 'Deploy' | 'Start', file: string, warnings: readonly string[]): { message: string; detail: string } {
  return {
    message: `${file} has ${plural(warnings.length, 'warning')}. ${action} anyway?`,
    detail: warnings.join('\n'),
  };
}

/** A problem as a person reads it in a list: "line 9: message" (lines count from 1). */
interface ListedProblem {
  readonly line: number;
  readonly message: string;
}

/** "examples/mistakes.mitigation.json has 9 errors, so nothing was deployed: line 9: …; … and 6 more." */
export function errorsMessage(verb: 'deployed' | 'started' | 'exported', file: string, errors: readonly ListedProblem[], shown = 3): string {
  const listed = errors.slice(0, shown).map((problem) => `line ${problem.line}: ${problem.message}`).join('; ');
  const more = errors.length > shown ? `; and ${errors.length - shown} more` : '';
  return `${file} has ${plural(errors.length, 'error')}, so nothing was ${verb}. Fix ${errors.length === 1 ? 'it' : 'them'} first: ${listed}${more}.`;
}

/**
 * The deploy's question before "in account … (region)?": a file of actions only keeps its
 * words; a file with audit-loop sections counts every change, and what is destructive
 * (disabling checks, turning a notification target off) is said first, e.g. "Disable
 * LOGGING_DISABLED_CHECK and deploy 2 change(s) (…)".
 */
export function deployQuestion(changes: number, summary: string, options: { readonly actionsOnly: boolean; readonly destructive: readonly string[] }): string {
  const deploy = `${options.actionsOnly ? `${changes} mitigation action change(s)` : `${changes} change(s)`} (${summary})`;
  if (!options.destructive.length) return `Deploy ${deploy}`;
  const [first, ...rest] = options.destructive;
  return `${first.charAt(0).toUpperCase()}${first.slice(1)}${rest.map((change) => `, ${change}`).join('')} and deploy ${deploy}`;
}
