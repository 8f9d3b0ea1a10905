/**
 * The client's answers to the custom requests of common/lspProtocol.ts, checked before any
 * feature sees them: a client is another program, and one malformed answer must not cost a
 * document its diagnostics. Items that do not fit the protocol are dropped, a wrong top-level
 * shape counts as "no answer" (undefined), so features fall back to the file alone.
 */
import type { AccountAction, AccountActionsResult, AccountThingGroup, FindingSummary, FindingsResult, RecentAudit, RecentAuditsResult, ThingGroupsResult } from '../../common/lspProtocol';
import { AUDIT_FINDING_SEVERITIES, MITIGATION_ACTION_TYPES, ThingGroupName, type MitigationActionType } from '../../common/model';
import { isJsonObject } from '../../common/json';

/** Epoch milliseconds a JavaScript Date can represent (±8.64e15, see ECMA-262 Time Values). */
const MAX_EPOCH_MS = 8.64e15;
/** More entries than any account holds (100 actions; audits and findings come in pages). */
const MAX_ITEMS = 10_000;
const SEVERITIES: ReadonlySet<string> = new Set(AUDIT_FINDING_SEVERITIES);

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The result with the answer's `source` when it is a string (the member stays absent otherwise). */
function withSource<T extends object>(result: T, source: unknown): T & { source?: string } {
  return typeof source === 'string' ? { ...result, source } : result;
}

function listOf<T>(value: unknown, item: (raw: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: T[] = [];
  for (const raw of value.slice(0, MAX_ITEMS)) {
    const checked = item(raw);
    if (checked !== undefined) out.push(checked);
  }
  return out;
}

function accountAction(raw: unknown): AccountAction | undefined {
  if (!isJsonObject(raw) || !nonEmptyString(raw.name) || !MITIGATION_ACTION_TYPES.includes(raw.type as MitigationActionType)) return undefined;
  const arn = optionalString(raw.arn);
  return arn === undefined ? { name: raw.name, type: raw.type as MitigationActionType } : { name: raw.name, type: raw.type as MitigationActionType, arn };
}

export function checkAccountActions(answer: unknown): AccountActionsResult | undefined {
  if (!isJsonObject(answer) || typeof answer.available !== 'boolean') return undefined;
  const actions = listOf(answer.actions, accountAction);
  if (!actions) return answer.available ? undefined : { available: false, actions: [] };
  return withSource({ available: answer.available, actions }, answer.source);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function recentAudit(raw: unknown): RecentAudit | undefined {
  if (!isJsonObject(raw) || !nonEmptyString(raw.taskId)) return undefined;
  const audit: { -readonly [K in keyof RecentAudit]: RecentAudit[K] } = {
    taskId: raw.taskId,
    status: optionalString(raw.status) ?? 'UNKNOWN',
    type: optionalString(raw.type) ?? 'UNKNOWN',
  };
  if (typeof raw.startTime === 'number' && Number.isFinite(raw.startTime) && Math.abs(raw.startTime) <= MAX_EPOCH_MS) audit.startTime = raw.startTime;
  const counts = raw.counts;
  if (isJsonObject(counts) && isCount(counts.nonCompliant) && isCount(counts.critical)) audit.counts = { nonCompliant: counts.nonCompliant, critical: counts.critical };
  return audit;
}

export function checkRecentAudits(answer: unknown): RecentAuditsResult | undefined {
  if (!isJsonObject(answer) || typeof answer.available !== 'boolean') return undefined;
  const audits = listOf(answer.audits, recentAudit);
  if (!audits) return answer.available ? undefined : { available: false, audits: [] };
  return { available: answer.available, audits };
}

function finding(raw: unknown): FindingSummary | undefined {
  if (!isJsonObject(raw) || !nonEmptyString(raw.findingId) || typeof raw.checkName !== 'string') return undefined;
  const severity = SEVERITIES.has(raw.severity as string) ? (raw.severity as FindingSummary['severity']) : 'LOW';
  const reasonCode = optionalString(raw.reasonCode);
  const summary = { findingId: raw.findingId, checkName: raw.checkName, severity, resource: optionalString(raw.resource) ?? '' };
  return reasonCode === undefined ? summary : { ...summary, reasonCode };
}

export function checkFindings(answer: unknown): FindingsResult | undefined {
  if (!isJsonObject(answer) || typeof answer.available !== 'boolean') return undefined;
  const findings = listOf(answer.findings, finding);
  if (!findings) return answer.available ? undefined : { available: false, findings: [] };
  return { available: answer.available, findings };
}

const THING_GROUP_NAME = new RegExp(ThingGroupName.pattern!);

/** A name AddThingsToThingGroupParams would accept (the ThingGroupName shape). */
function isThingGroupName(value: unknown): value is string {
  return typeof value === 'string' && value.length >= ThingGroupName.min! && value.length <= ThingGroupName.max! && THING_GROUP_NAME.test(value);
}

function thingGroup(raw: unknown): AccountThingGroup | undefined {
  if (!isJsonObject(raw) || !isThingGroupName(raw.name)) return undefined;
  const arn = optionalString(raw.arn);
  return arn === undefined ? { name: raw.name } : { name: raw.name, arn };
}

export function checkThingGroups(answer: unknown): ThingGroupsResult | undefined {
  if (!isJsonObject(answer) || typeof answer.available !== 'boolean') return undefined;
  const groups = listOf(answer.groups, thingGroup);
  if (!groups) return answer.available ? undefined : { available: false, groups: [] };
  return withSource({ available: answer.available, groups }, answer.source);
}
