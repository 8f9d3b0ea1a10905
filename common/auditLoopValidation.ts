/**
 * The rules of the audit loop's sections (common/auditSections.ts): their shapes, then what the
 * API would refuse or what would surprise the team reading the file: a schedule's days that do
 * not fit its frequency, checks the file's own configuration disables, thresholds, expiries,
 * a resource named by the wrong identifier, a suppression without a reason, duplicates, quotas.
 * validate.ts runs them with its collector, so wording and problem codes stay one catalogue.
 */
import { RESOURCE_IDENTIFIER_MEMBERS, resolveAuditCheck, resourceIdentifierMember, type AuditCheckInfo } from './auditChecks';
import { FileAuditConfigurationShape, FileScheduledAuditShape, FileSuppressionShape } from './auditSections';
import { canonicalJson, isJsonObject } from './json';
import { QUOTAS, parseArn } from './limits';
import { ResourceIdentifier, ScheduledAuditName } from './model';
import type { Member, Shape, StringShape } from './shapes';
import { quote } from './text';
import type { JsonPath, Problem, ProblemCode } from './validate';

/** What the rules need from the validator: its collector and the rules shared with actions and tasks. */
export interface AuditLoopRuleContext {
  readonly now: Date;
  add(code: ProblemCode, path: JsonPath, message: string, extra?: Partial<Problem>): void;
  /** Checks a value against a shape; false when its type is wrong. */
  shape(value: unknown, shape: Shape, path: JsonPath): boolean;
  /** Checks a name (a map key) against a string shape. */
  name(value: string, shape: StringShape, path: JsonPath): void;
  /** The catalogue check a name stands for; reports unknown and legacy names. */
  checkName(name: string, path: JsonPath, target: 'key' | 'value'): AuditCheckInfo | undefined;
  roleArn(value: string, path: JsonPath): void;
  /** Whether a value passes a shape's rules (nothing is reported). */
  fits(value: unknown, shape: Shape): boolean;
}

/** An ISO 8601 date, or a date-time with its zone: what a suppression's expirationDate may say (the schema's pattern too). */
export const EXPIRATION_DATE_PATTERN = '^(\\d{4})-(\\d{2})-(\\d{2})(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2}))?$';
const DATE = new RegExp(EXPIRATION_DATE_PATTERN);

/**
 * A suppression's expiry as epoch milliseconds: an ISO 8601 date (midnight UTC) or date-time
 * with a zone; undefined for anything else, including days a month does not have.
 */
export function parseExpirationDate(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

/** The checks the file's auditConfiguration turns off (`"enabled": false`), by API name. */
export function checksDisabledIn(doc: Record<string, unknown>): Set<string> {
  const disabled = new Set<string>();
  const configuration = doc.auditConfiguration;
  const checks = isJsonObject(configuration) ? configuration.auditCheckConfigurations : undefined;
  if (!isJsonObject(checks)) return disabled;
  for (const [name, entry] of Object.entries(checks)) {
    const check = resolveAuditCheck(name);
    if (check && isJsonObject(entry) && entry.enabled === false) disabled.add(check.name);
  }
  return disabled;
}

function disabledText(check: AuditCheckInfo, what: string): string {
  return `${check.name} is disabled in this file's auditConfiguration ("enabled": false); ${what}`;
}

export function checkAuditLoopSections(doc: Record<string, unknown>, rules: AuditLoopRuleContext): void {
  const disabled = checksDisabledIn(doc);
  if (doc.auditConfiguration !== undefined) checkAuditConfiguration(doc.auditConfiguration, rules);
  if (doc.scheduledAudits !== undefined) checkScheduledAudits(doc.scheduledAudits, disabled, rules);
  if (doc.suppressions !== undefined) checkSuppressions(doc.suppressions, disabled, rules);
  checkTasksAgainstConfiguration(doc.tasks, disabled, rules);
}

// ---------------------------------------------------------------------------------------------
// auditConfiguration

function checkAuditConfiguration(section: unknown, rules: AuditLoopRuleContext): void {
  const path = ['auditConfiguration'];
  if (!rules.shape(section, FileAuditConfigurationShape, path)) return;
  const configuration = section as Record<string, unknown>;
  if (typeof configuration.roleArn === 'string') rules.roleArn(configuration.roleArn, [...path, 'roleArn']);
  const targets = configuration.auditNotificationTargetConfigurations;
  if (isJsonObject(targets)) {
    for (const [type, target] of Object.entries(targets)) {
      if (!isJsonObject(target)) continue;
      const targetPath = [...path, 'auditNotificationTargetConfigurations', type];
      if (typeof target.targetArn === 'string') checkTopicArn(target.targetArn, [...targetPath, 'targetArn'], rules);
      if (typeof target.roleArn === 'string') rules.roleArn(target.roleArn, [...targetPath, 'roleArn']);
    }
  }
  const checks = configuration.auditCheckConfigurations;
  if (!isJsonObject(checks)) return;
  for (const [name, entry] of Object.entries(checks)) {
    const checkPath = [...path, 'auditCheckConfigurations', name];
    const check = rules.checkName(name, checkPath, 'key');
    if (check && isJsonObject(entry) && isJsonObject(entry.configuration)) checkThresholds(check, entry.configuration, [...checkPath, 'configuration'], rules);
  }
}

function checkTopicArn(value: string, path: JsonPath, rules: AuditLoopRuleContext): void {
  if (value === '') {
    rules.add('length', path, 'The SNS topic ARN must not be empty.');
    return;
  }
  const arn = parseArn(value);
  if (!arn) {
    rules.add('arn-format', path, `${quote(value)} is not an ARN. An SNS topic ARN looks like arn:aws:sns:REGION:ACCOUNT:TOPIC.`, { severity: 'warning' });
  } else if (arn.service !== 'sns' || arn.resource.includes(':') || arn.resource.includes('/')) {
    rules.add('arn-service', path, `Audit notifications go to an SNS topic (arn:aws:sns:REGION:ACCOUNT:TOPIC), but this ARN names the ${arn.service} resource "${arn.resource}".`, { severity: 'warning' });
  }
}

/** Only the certificate age and expiry checks take a threshold, each its own, in whole days within its range. */
function checkThresholds(check: AuditCheckInfo, configuration: Record<string, unknown>, path: JsonPath, rules: AuditLoopRuleContext): void {
  for (const [key, value] of Object.entries(configuration)) {
    const keyPath = [...path, key];
    if (!check.config) {
      rules.add('check-configuration', keyPath, `${check.name} takes no configuration; only DEVICE_CERTIFICATE_EXPIRING_CHECK (CERT_EXPIRATION_THRESHOLD_IN_DAYS) and DEVICE_CERTIFICATE_AGE_CHECK (CERT_AGE_THRESHOLD_IN_DAYS) have thresholds.`, { target: 'key' });
      continue;
    }
    const { name, min, max } = check.config;
    if (key !== name) {
      // A name that is no threshold at all already draws the enum problem.
      if (key === 'CERT_AGE_THRESHOLD_IN_DAYS' || key === 'CERT_EXPIRATION_THRESHOLD_IN_DAYS') {
        rules.add('check-configuration', keyPath, `${key} is not a threshold of ${check.name}; its threshold is ${name}.`, { target: 'key', suggestions: [name] });
      }
      continue;
    }
    if (typeof value !== 'string' || value === '') continue; // the shape rules report these
    const days = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(days >= min && days <= max)) {
      rules.add('range', keyPath, `${name} is a whole number of days from ${min} to ${max} (default ${check.config.default}), written as a string; it is ${quote(value)}.`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// scheduledAudits

const WEEKLY = new Set(['WEEKLY', 'BIWEEKLY']);

function checkScheduledAudits(section: unknown, disabled: Set<string>, rules: AuditLoopRuleContext): void {
  if (!isJsonObject(section)) {
    rules.add('type', ['scheduledAudits'], `"scheduledAudits" must be an object keyed by scheduled audit name, not ${Array.isArray(section) ? 'an array' : `a ${section === null ? 'null' : typeof section}`}.`);
    return;
  }
  const names = Object.keys(section);
  if (names.length > QUOTAS.scheduledAuditsPerAccount) {
    rules.add('scheduled-audit-quota', ['scheduledAudits'], `This file defines ${names.length} scheduled audits; an AWS account holds at most ${QUOTAS.scheduledAuditsPerAccount} per region (not adjustable).`, { target: 'key' });
  }
  for (const [name, audit] of Object.entries(section)) {
    const path = ['scheduledAudits', name];
    rules.name(name, ScheduledAuditName, path);
    if (!rules.shape(audit, FileScheduledAuditShape, path)) continue;
    const schedule = audit as Record<string, unknown>;
    if (typeof schedule.frequency === 'string') checkScheduleDays(schedule, schedule.frequency, path, rules);
    if (Array.isArray(schedule.targetCheckNames)) checkTargetChecks(schedule.targetCheckNames, [...path, 'targetCheckNames'], disabled, rules);
  }
}

/** WEEKLY and BIWEEKLY run on a dayOfWeek, MONTHLY on a dayOfMonth, DAILY on neither (CreateScheduledAudit). */
function checkScheduleDays(schedule: Record<string, unknown>, frequency: string, path: JsonPath, rules: AuditLoopRuleContext): void {
  if (!['DAILY', 'WEEKLY', 'BIWEEKLY', 'MONTHLY'].includes(frequency)) return; // the enum rule reports it
  const weekly = WEEKLY.has(frequency);
  const runs = frequency === 'DAILY' ? 'a DAILY audit runs every day' : weekly ? `a ${frequency} audit runs on its dayOfWeek` : 'a MONTHLY audit runs on its dayOfMonth';
  if (schedule.dayOfMonth !== undefined && frequency !== 'MONTHLY') {
    rules.add('schedule-day', [...path, 'dayOfMonth'], `dayOfMonth applies to MONTHLY audits only; ${runs}.`, { target: 'key' });
  }
  if (schedule.dayOfWeek !== undefined && !weekly) {
    rules.add('schedule-day', [...path, 'dayOfWeek'], `dayOfWeek applies to WEEKLY and BIWEEKLY audits only; ${runs}.`, { target: 'key' });
  }
  if (weekly && schedule.dayOfWeek === undefined) {
    rules.add('schedule-day', [...path, 'frequency'], `A ${frequency} scheduled audit needs dayOfWeek (SUN to SAT).`, { target: 'key', missing: ['dayOfWeek'] });
  }
  if (frequency === 'MONTHLY' && schedule.dayOfMonth === undefined) {
    rules.add('schedule-day', [...path, 'frequency'], 'A MONTHLY scheduled audit needs dayOfMonth (1 to 31, or LAST).', { target: 'key', missing: ['dayOfMonth'] });
  }
}

function checkTargetChecks(names: unknown[], path: JsonPath, disabled: Set<string>, rules: AuditLoopRuleContext): void {
  if (names.length === 0) rules.add('list-size', path, 'targetCheckNames must name at least one audit check.', { target: 'key' });
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (typeof name !== 'string') return;
    const check = rules.checkName(name, [...path, index], 'value');
    if (!check) return;
    if (seen.has(check.name)) rules.add('duplicate-check', [...path, index], `${check.name} is already listed; the audit runs it once.`, { severity: 'warning' });
    seen.add(check.name);
    if (disabled.has(check.name)) rules.add('check-disabled', [...path, index], disabledText(check, 'a scheduled audit can only run enabled checks.'));
  });
}

// ---------------------------------------------------------------------------------------------
// suppressions

function checkSuppressions(section: unknown, disabled: Set<string>, rules: AuditLoopRuleContext): void {
  if (!Array.isArray(section)) {
    rules.add('type', ['suppressions'], `"suppressions" must be a list of suppressions, not ${isJsonObject(section) ? 'an object' : `a ${section === null ? 'null' : typeof section}`}.`);
    return;
  }
  const seen = new Map<string, number>();
  section.forEach((item: unknown, index: number) => {
    const path = ['suppressions', index];
    if (!rules.shape(item, FileSuppressionShape, path)) return;
    const suppression = item as Record<string, unknown>;
    const check = typeof suppression.checkName === 'string' ? rules.checkName(suppression.checkName, [...path, 'checkName'], 'value') : undefined;
    if (check && disabled.has(check.name)) rules.add('check-disabled', [...path, 'checkName'], disabledText(check, 'a suppression can only name an enabled check.'));
    if (check && isJsonObject(suppression.resourceIdentifier)) {
      checkResourceIdentifier(check, suppression.resourceIdentifier, [...path, 'resourceIdentifier'], rules);
      const key = `${check.name} ${canonicalJson(suppression.resourceIdentifier)}`;
      const first = seen.get(key);
      if (first !== undefined) {
        rules.add('duplicate-suppression', [...path, 'checkName'], `suppressions[${first}] already suppresses ${check.name} on this resource; the API refuses a second suppression of it (ResourceAlreadyExistsException).`);
      } else {
        seen.set(key, index);
      }
    }
    checkExpiry(suppression, path, rules);
    checkReason(suppression, path, rules);
  });
}

/** Exactly one member, the one that names the kind of resource the check reports on. */
function checkResourceIdentifier(check: AuditCheckInfo, identifier: Record<string, unknown>, path: JsonPath, rules: AuditLoopRuleContext): void {
  const expected = resourceIdentifierMember(check);
  const members = Object.keys(identifier).filter((key) => Object.hasOwn(ResourceIdentifier.members, key));
  const reports = `${check.name} reports on ${check.resourceType} resources, named by ${expected}`;
  if (members.length === 0) {
    if (Object.keys(identifier).length === 0) rules.add('resource-identifier', path, `${reports}: add ${expected}.`, { target: 'key' });
    return;
  }
  const hasExpected = members.includes(expected);
  for (const key of members) {
    if (key === expected) continue;
    const kind = Object.entries(RESOURCE_IDENTIFIER_MEMBERS).find((entry) => entry[1] === key)?.[0];
    const names = kind ? ` (${key} names ${kind} resources)` : '';
    if (hasExpected) {
      rules.add('resource-identifier', [...path, key], `A suppression names one resource: ${reports}, so remove ${key}${names}.`, { target: 'key' });
    } else {
      // Renaming the member is a fix only when its value also names a resource of the expected kind.
      const fits = rules.fits(identifier[key], (ResourceIdentifier.members[expected] as Member).shape);
      rules.add('resource-identifier', [...path, key], `${reports}, not ${key}${names}.`, { target: 'key', suggestions: fits ? [expected] : [] });
    }
  }
}

function checkExpiry(suppression: Record<string, unknown>, path: JsonPath, rules: AuditLoopRuleContext): void {
  const { expirationDate, suppressIndefinitely } = suppression;
  if (expirationDate !== undefined && suppressIndefinitely === true) {
    rules.add('suppression-terms', [...path, 'suppressIndefinitely'], 'Give either expirationDate or "suppressIndefinitely": true, not both: the API refuses a suppression with both.', { target: 'key' });
  } else if (expirationDate === undefined && suppressIndefinitely !== true) {
    const why = suppressIndefinitely === false ? '"suppressIndefinitely" is false, so this suppression needs an expirationDate.' : 'A suppression needs an expirationDate or "suppressIndefinitely": true.';
    rules.add('suppression-terms', path, why, { target: 'key' });
  }
  if (typeof expirationDate !== 'string') return;
  const expires = parseExpirationDate(expirationDate);
  if (expires === undefined) {
    rules.add('expiration-date', [...path, 'expirationDate'], `${quote(expirationDate)} is not a date: write an ISO 8601 date such as 2027-01-31 (midnight UTC) or a date-time such as 2027-01-31T12:00:00Z.`);
  } else if (expires <= rules.now.getTime()) {
    const today = rules.now.toISOString().slice(0, 10);
    rules.add('expiration-past', [...path, 'expirationDate'], `This suppression expired on ${expirationDate} (today is ${today}): the API accepts only a future expirationDate. Extend it, or remove the suppression.`);
  }
}

function checkReason(suppression: Record<string, unknown>, path: JsonPath, rules: AuditLoopRuleContext): void {
  const text = 'gives no reason: say in "description" why these findings are accepted, for the reviewers of this file and the Audits view.';
  if (suppression.description === undefined) {
    rules.add('missing-description', path, `This suppression ${text}`, { severity: 'warning', target: 'key' });
  } else if (typeof suppression.description === 'string' && suppression.description.trim() === '') {
    rules.add('missing-description', [...path, 'description'], `The description is empty: this suppression ${text}`, { severity: 'warning' });
  }
}

// ---------------------------------------------------------------------------------------------
// tasks

/** A task mapping a check the file disables: audits find nothing for it to mitigate. */
function checkTasksAgainstConfiguration(tasks: unknown, disabled: Set<string>, rules: AuditLoopRuleContext): void {
  if (disabled.size === 0 || !isJsonObject(tasks)) return;
  for (const [taskName, task] of Object.entries(tasks)) {
    const mapping = isJsonObject(task) ? task.auditCheckToActionsMapping : undefined;
    if (!isJsonObject(mapping)) continue;
    for (const name of Object.keys(mapping)) {
      const check = resolveAuditCheck(name);
      if (check && disabled.has(check.name)) {
        rules.add('check-disabled', ['tasks', taskName, 'auditCheckToActionsMapping', name], disabledText(check, 'audits find nothing for this task to mitigate.'), { target: 'key', severity: 'warning' });
      }
    }
  }
}
