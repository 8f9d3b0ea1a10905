/**
 * What a deploy changes in the account's audit loop (vscode-free): the file's audit
 * configuration, scheduled audits and suppressions, compared with the account the way its
 * actions are (create / update / unchanged). What only the account has is listed as kept and
 * never deleted, and only the members the file writes are compared and sent.
 */
import type { ModelAuditConfiguration, ModelScheduledAudit, ModelSuppression } from '../../../common';
import { parseExpirationDate } from '../../../common/auditLoopValidation';
import { canonicalJson, jsonEqual, withoutUndefined } from '../../../common/json';
import { countChanges, summarizePlan, tagChanges, type ActionTag, type DeployChange, type DeployPlan, type TagChanges } from './deployPlan';

export type CheckConfiguration = { enabled?: boolean; configuration?: Record<string, string> };
export type NotificationTarget = { targetArn?: string; roleArn?: string; enabled?: boolean };

/** DescribeAccountAuditConfiguration's answer, as far as a deploy compares it. */
export interface DeployedAuditConfiguration {
  readonly roleArn?: string;
  readonly auditNotificationTargetConfigurations?: Readonly<Record<string, NotificationTarget>>;
  readonly auditCheckConfigurations?: Readonly<Record<string, CheckConfiguration>>;
}

/**
 * UpdateAccountAuditConfiguration's request: only what differs. The service replaces a check's
 * or a target's entry whole, so each one sent carries the account's members the file leaves out.
 */
export interface AuditConfigurationRequest {
  roleArn?: string;
  auditNotificationTargetConfigurations?: Record<string, NotificationTarget>;
  auditCheckConfigurations?: Record<string, CheckConfiguration>;
}

export interface AuditConfigurationStep {
  readonly change: 'update' | 'unchanged';
  /** "roleArn", a notification type ("SNS") or a check name. */
  readonly differences: readonly string[];
  readonly request: AuditConfigurationRequest;
  /** What stops audits or notifications, as an order: "disable LOGGING_DISABLED_CHECK", "turn off the SNS notification target". */
  readonly destructive: readonly string[];
}

/** DescribeScheduledAudit (and ListTagsForResource on its ARN), as far as a deploy compares it. */
export interface DeployedScheduledAudit {
  readonly name: string;
  readonly arn?: string;
  readonly frequency?: string;
  readonly dayOfMonth?: string;
  readonly dayOfWeek?: string;
  readonly targetCheckNames?: readonly string[];
  readonly tags?: readonly ActionTag[];
  /** Read for an import, which writes no tags when iot:ListTagsForResource is denied. */
  readonly tagsUnreadable?: boolean;
}

export interface ScheduledAuditStep {
  readonly audit: ModelScheduledAudit;
  readonly change: DeployChange;
  /** For updates: "schedule" (frequency and day), "targetCheckNames", "tags". */
  readonly differences: readonly string[];
  readonly arn?: string;
  readonly tagChanges?: TagChanges;
}

/** One item of ListAuditSuppressions. */
export interface DeployedSuppression {
  readonly checkName: string;
  readonly resourceIdentifier: Readonly<Record<string, unknown>>;
  readonly expirationDate?: Date;
  readonly suppressIndefinitely?: boolean;
  readonly description?: string;
}

export interface SuppressionStep {
  readonly suppression: ModelSuppression;
  readonly label: string;
  readonly change: DeployChange;
  /** For updates: "expiry" (expirationDate or suppressIndefinitely), "description". */
  readonly differences: readonly string[];
}

interface Section<Step> {
  readonly steps: readonly Step[];
  /** What the account has and the file does not define (left untouched). */
  readonly onlyInAccount: readonly string[];
}

/** The audit-loop part of a deploy: a section is absent when the file does not write it. */
export interface AuditLoopPlan {
  readonly auditConfiguration?: AuditConfigurationStep;
  readonly scheduledAudits?: Section<ScheduledAuditStep>;
  readonly suppressions?: Section<SuppressionStep>;
}

export function planAuditConfiguration(file: ModelAuditConfiguration, account: DeployedAuditConfiguration): AuditConfigurationStep {
  const differences: string[] = [];
  const destructive: string[] = [];
  const request: AuditConfigurationRequest = {};
  if (file.roleArn !== undefined && file.roleArn !== account.roleArn) {
    differences.push('roleArn');
    request.roleArn = file.roleArn;
  }
  for (const [type, wanted] of Object.entries(file.auditNotificationTargetConfigurations ?? {})) {
    const current = account.auditNotificationTargetConfigurations?.[type] ?? {};
    const merged = withoutUndefined({ ...current, ...wanted });
    if (jsonEqual(merged, withoutUndefined({ ...current }))) continue;
    differences.push(type);
    (request.auditNotificationTargetConfigurations ??= {})[type] = merged;
    if (current.enabled === true && merged.enabled === false) destructive.push(`turn off the ${type} notification target`);
  }
  for (const [check, wanted] of Object.entries(file.auditCheckConfigurations ?? {})) {
    const current = account.auditCheckConfigurations?.[check] ?? {};
    const enabledNow = current.enabled === true;
    const enabledChanges = wanted.enabled !== undefined && wanted.enabled !== enabledNow;
    const configurationChanges = wanted.configuration !== undefined && !jsonEqual(wanted.configuration, current.configuration ?? {});
    if (!enabledChanges && !configurationChanges) continue;
    differences.push(check);
    (request.auditCheckConfigurations ??= {})[check] = withoutUndefined({ enabled: wanted.enabled ?? enabledNow, configuration: wanted.configuration ?? current.configuration });
    if (enabledNow && wanted.enabled === false) destructive.push(`disable ${check}`);
  }
  return { change: differences.length ? 'update' : 'unchanged', differences, request, destructive };
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return jsonEqual([...new Set(a)].sort(), [...new Set(b)].sort());
}

export function planScheduledAudits(file: readonly ModelScheduledAudit[], account: readonly DeployedScheduledAudit[]): Section<ScheduledAuditStep> {
  const deployed = new Map(account.map((audit) => [audit.name, audit]));
  const steps = file.map((audit): ScheduledAuditStep => {
    const current = deployed.get(audit.name);
    if (!current) return { audit, change: 'create', differences: [] };
    const differences: string[] = [];
    // The file's entry is the whole schedule: a day it leaves out is a day the schedule does not use.
    if (audit.frequency !== current.frequency || audit.dayOfMonth !== current.dayOfMonth || audit.dayOfWeek !== current.dayOfWeek) differences.push('schedule');
    if (!sameNames(audit.targetCheckNames, current.targetCheckNames ?? [])) differences.push('targetCheckNames');
    const tags = tagChanges(audit.tags, current.tags ?? []);
    if (tags) differences.push('tags');
    return { audit, change: differences.length ? 'update' : 'unchanged', differences, arn: current.arn, tagChanges: tags };
  });
  const inFile = new Set(file.map((audit) => audit.name));
  return { steps, onlyInAccount: account.map((audit) => audit.name).filter((name) => !inFile.has(name)).sort() };
}

/** A suppression is named by its check and resource, as the service names it. */
function suppressionKey(checkName: string, resourceIdentifier: Readonly<Record<string, unknown>>): string {
  return `${checkName} ${canonicalJson(resourceIdentifier)}`;
}

/** "DEVICE_CERTIFICATE_EXPIRING_CHECK for deviceCertificateId 4f0b…" */
export function suppressionLabel(checkName: string, resourceIdentifier: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(resourceIdentifier).map(([key, value]) => `${key} ${typeof value === 'object' && value !== null ? canonicalJson(value) : String(value)}`);
  return `${checkName} for ${parts.join(', ')}`;
}

/** The file's expiry in epoch seconds (the wire's precision); a date without a time is midnight UTC. */
export function expirySeconds(suppression: ModelSuppression): number | undefined {
  if (suppression.expirationDate === undefined) return undefined;
  const ms = parseExpirationDate(suppression.expirationDate);
  if (ms === undefined) throw new Error(`The suppression ${suppressionLabel(suppression.checkName, suppression.resourceIdentifier)} has an expirationDate that is not an ISO 8601 date: "${suppression.expirationDate}".`);
  return Math.floor(ms / 1000);
}

function expiryDiffers(file: ModelSuppression, current: DeployedSuppression): boolean {
  if (file.suppressIndefinitely === true) return current.suppressIndefinitely !== true;
  const seconds = expirySeconds(file);
  if (seconds === undefined) return false;
  return current.suppressIndefinitely === true || current.expirationDate === undefined || Math.floor(current.expirationDate.getTime() / 1000) !== seconds;
}

export function planSuppressions(file: readonly ModelSuppression[], account: readonly DeployedSuppression[]): Section<SuppressionStep> {
  const deployed = new Map(account.map((suppression) => [suppressionKey(suppression.checkName, suppression.resourceIdentifier), suppression]));
  const steps = file.map((suppression): SuppressionStep => {
    const label = suppressionLabel(suppression.checkName, suppression.resourceIdentifier);
    const current = deployed.get(suppressionKey(suppression.checkName, suppression.resourceIdentifier));
    if (!current) {
      expirySeconds(suppression);
      return { suppression, label, change: 'create', differences: [] };
    }
    const differences: string[] = [];
    if (expiryDiffers(suppression, current)) differences.push('expiry');
    if (suppression.description !== undefined && suppression.description !== (current.description ?? '')) differences.push('description');
    return { suppression, label, change: differences.length ? 'update' : 'unchanged', differences };
  });
  const inFile = new Set(file.map((suppression) => suppressionKey(suppression.checkName, suppression.resourceIdentifier)));
  const onlyInAccount = account.filter((suppression) => !inFile.has(suppressionKey(suppression.checkName, suppression.resourceIdentifier)))
    .map((suppression) => suppressionLabel(suppression.checkName, suppression.resourceIdentifier)).sort();
  return { steps, onlyInAccount };
}

/** Every destructive change of the plan, for the confirmation's question. */
export function destructiveChanges(plan: AuditLoopPlan): readonly string[] {
  return plan.auditConfiguration?.destructive ?? [];
}

/** One phrase per section the file writes: "audit configuration: update (roleArn, SNS)", "scheduled audits: 1 to create, …". */
export function summarizeAuditLoop(plan: AuditLoopPlan): string[] {
  const parts: string[] = [];
  const configuration = plan.auditConfiguration;
  if (configuration) parts.push(`audit configuration: ${configuration.change === 'update' ? `update (${configuration.differences.join(', ')})` : 'unchanged'}`);
  if (plan.scheduledAudits) parts.push(`scheduled audits: ${countChanges(plan.scheduledAudits.steps.map((step) => step.change), plan.scheduledAudits.onlyInAccount.length)}`);
  if (plan.suppressions) parts.push(`suppressions: ${countChanges(plan.suppressions.steps.map((step) => step.change), plan.suppressions.onlyInAccount.length)}`);
  return parts;
}

/**
 * The whole deploy in one line: the actions' counts alone for a file of actions only (the
 * words deploys always had), else one phrase per section ("actions: …; suppressions: …").
 */
export function deploySummary(actions: DeployPlan | undefined, audit: AuditLoopPlan): string {
  const sections = summarizeAuditLoop(audit);
  if (!sections.length) return actions ? summarizePlan(actions) : '';
  return [...(actions ? [`actions: ${summarizePlan(actions)}`] : []), ...sections].join('; ');
}

const MARKERS: Record<DeployChange, string> = { create: '+', update: '~', unchanged: '=' };

function tagWords(tags: TagChanges | undefined): string {
  return tags ? [...tags.set.map((tag) => `+${tag.Key}`), ...tags.remove.map((key) => `-${key}`)].join(' ') : '';
}

/** The plan's lines for a modal's detail and the log, section by section. */
export function auditLoopDetail(plan: AuditLoopPlan): string[] {
  const lines: string[] = [];
  const configuration = plan.auditConfiguration;
  if (configuration) {
    lines.push('Audit configuration:', `${MARKERS[configuration.change]} ${configuration.change === 'update' ? `update ${configuration.differences.join(', ')}` : 'unchanged'}`);
    for (const change of configuration.destructive) lines.push(`! ${change} (destructive)`);
  }
  const kept = (names: readonly string[]) => (names.length ? [`In the account, not in this file (kept): ${names.join(', ')}`] : []);
  if (plan.scheduledAudits) {
    lines.push('Scheduled audits:', ...plan.scheduledAudits.steps.map((step) => {
      const tags = tagWords(step.tagChanges);
      return `${MARKERS[step.change]} ${step.audit.name}${step.differences.length ? ` (${step.differences.join(', ')}${tags ? `: ${tags}` : ''})` : ''}`;
    }), ...kept(plan.scheduledAudits.onlyInAccount));
  }
  if (plan.suppressions) {
    lines.push('Suppressions:', ...plan.suppressions.steps.map((step) => `${MARKERS[step.change]} ${step.label}${step.differences.length ? ` (${step.differences.join(', ')})` : ''}`), ...kept(plan.suppressions.onlyInAccount));
  }
  return lines;
}
