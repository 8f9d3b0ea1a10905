/**
 * Completion in the audit loop's sections: section skeletons, checks for the configuration (with
 * their threshold), check names that fit where they are typed (a schedule's checks the file does
 * not disable, a suppression's checks for the resource it names), the one threshold of a check,
 * the resourceIdentifier member of the suppression's check, the members a schedule's frequency
 * or a suppression's expiry leaves open, and days of the month.
 */
import { CompletionItemKind } from 'vscode-languageserver-protocol';
import type { Node } from 'jsonc-parser';
import { AUDIT_CHECKS, resolveAuditCheck, resourceIdentifierMember, type AuditCheckInfo } from '../../common/auditChecks';
import { checksDisabledIn } from '../../common/auditLoopValidation';
import { checkDetail, checkDocumentation } from '../../common/catalogueText';
import { AUDIT_FINDING_SEVERITIES, DAYS_OF_WEEK } from '../../common/model';
import type { StructureShape } from '../../common/shapes';
import { EXAMPLE_AUDIT_ROLE_ARN, exampleExpirationDate, exampleTopicArn } from '../../common/templates';
import type { JsonPath } from '../../common/validate';
import type { MitigationDocument } from '../../common/document/parse';
import type { SnippetWriter } from './templates';
import { isJsonObject } from '../../common/json';

/** What completion.ts collects; the same fields its own proposals have. */
export interface LoopProposal {
  readonly label: string;
  readonly kind: CompletionItemKind;
  readonly insert: string;
  readonly isSnippet?: boolean;
  readonly detail?: string;
  readonly documentation?: string;
  readonly sortText?: string;
}

export interface LoopProposals {
  add(proposal: LoopProposal): void;
}

/** The plain value at a path of the parsed document. */
function valueAt(doc: MitigationDocument, path: JsonPath): unknown {
  let value: unknown = doc.value;
  for (const segment of path) value = isJsonObject(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[segment] : undefined;
  return value;
}

function severityOrder(check: AuditCheckInfo): string {
  return `${AUDIT_FINDING_SEVERITIES.indexOf(check.severity)}${check.name}`;
}

/** The starting text of a top-level section, laid out at `indent`. */
export function sectionSkeleton(key: string, indent: string, writer: SnippetWriter): string | undefined {
  const one = indent + writer.unit;
  const two = one + writer.unit;
  switch (key) {
    case 'auditConfiguration': {
      const role = writer.quoted(EXAMPLE_AUDIT_ROLE_ARN);
      const topic = writer.quoted(exampleTopicArn());
      const check = writer.quoted('LOGGING_DISABLED_CHECK');
      return `{\n${one}"roleArn": ${role},\n${one}"auditNotificationTargetConfigurations": {\n${two}"SNS": { "targetArn": ${topic}, "roleArn": "${writer.literal(EXAMPLE_AUDIT_ROLE_ARN)}", "enabled": true }\n${one}},\n${one}"auditCheckConfigurations": {\n${two}${check}: { "enabled": true }\n${one}}\n${indent}}`;
    }
    case 'scheduledAudits':
      return `{\n${one}${scheduleEntry(writer, one)}\n${indent}}`;
    case 'suppressions':
      return `[\n${one}${suppressionSkeleton(writer)}\n${indent}]`;
    default:
      return undefined;
  }
}

function scheduleEntry(writer: SnippetWriter, indent: string): string {
  const name = writer.quoted('weekly-audit');
  const day = writer.choice(['MON', ...DAYS_OF_WEEK.filter((day) => day !== 'MON')]);
  const check = writer.quoted('LOGGING_DISABLED_CHECK');
  const one = indent + writer.unit;
  return `${name}: {\n${one}"frequency": "WEEKLY",\n${one}"dayOfWeek": "${day}",\n${one}"targetCheckNames": [${check}]\n${indent}}`;
}

function suppressionSkeleton(writer: SnippetWriter, check: AuditCheckInfo = resolveAuditCheck('DEVICE_CERTIFICATE_EXPIRING_CHECK')!): string {
  const member = resourceIdentifierMember(check);
  const resource = `"${writer.stop()}"`;
  const expiry = writer.quoted(exampleExpirationDate(new Date()));
  return `{ "checkName": "${writer.literal(check.name)}", "resourceIdentifier": { "${member}": ${resource} }, "expirationDate": ${expiry}, "description": "${writer.stop()}" }`;
}

/** A new entry of `scheduledAudits`, named by its key. */
export function completeNewSchedule(writer: SnippetWriter, indent: string, out: LoopProposals): void {
  out.add({
    label: 'weekly-audit',
    kind: CompletionItemKind.Event,
    insert: scheduleEntry(writer, indent),
    isSnippet: writer.snippets,
    detail: 'New scheduled audit',
    documentation: 'A weekly audit: its day and the checks it runs (each must be enabled in the account).',
  });
}

/** A new item of `suppressions`, one per check so the resource member fits the check. */
export function completeNewSuppression(writerFor: () => SnippetWriter, out: LoopProposals): void {
  for (const check of AUDIT_CHECKS) {
    out.add({
      label: `Suppress ${check.name}`,
      kind: CompletionItemKind.Snippet,
      insert: suppressionSkeleton(writerFor(), check),
      isSnippet: writerFor().snippets,
      detail: `${check.resourceType} by ${resourceIdentifierMember(check)}`,
      documentation: `A suppression of ${check.name} findings on one resource, until a date, with the reason.\n\n${checkDocumentation(check)}`,
      sortText: severityOrder(check),
    });
  }
}

/** Checks for `auditCheckConfigurations`, each inserted with `enabled` and its threshold at the default. */
export function completeConfiguredChecks(existing: ReadonlySet<string>, valueToo: boolean, writerFor: () => SnippetWriter, out: LoopProposals): void {
  for (const check of AUDIT_CHECKS) {
    if (existing.has(check.name)) continue;
    const writer = writerFor();
    let insert = `"${check.name}"`;
    if (valueToo) {
      const threshold = check.config ? `, "configuration": { "${check.config.name}": ${writer.quoted(String(check.config.default))} }` : '';
      insert += `: { "enabled": ${writer.choice(['true', 'false'])}${threshold} }`;
    }
    out.add({ label: check.name, kind: CompletionItemKind.EnumMember, insert, isSnippet: writer.snippets, detail: checkDetail(check), documentation: checkDocumentation(check), sortText: severityOrder(check) });
  }
}

/** The one threshold of the check whose configuration this is. */
export function completeThreshold(checkName: string, existing: ReadonlySet<string>, valueToo: boolean, writer: SnippetWriter, out: LoopProposals): void {
  const config = resolveAuditCheck(checkName)?.config;
  if (!config || existing.has(config.name)) return;
  out.add({
    label: config.name,
    kind: CompletionItemKind.Property,
    insert: `"${config.name}"${valueToo ? `: ${writer.quoted(String(config.default))}` : ''}`,
    isSnippet: writer.snippets,
    detail: `days, ${config.min} to ${config.max} (default ${config.default})`,
    documentation: `The threshold of ${checkName}, in days, written as a string.`,
  });
}

/**
 * Members a structure of the audit loop cannot take given what it holds: the resource member of
 * another check, the day another frequency runs on, the expiry term already chosen.
 */
export function excludedLoopMembers(doc: MitigationDocument, shape: StructureShape, objectPath: JsonPath, existing: ReadonlySet<string>): Set<string> {
  const excluded = new Set<string>();
  if (shape.name === 'ResourceIdentifier' && objectPath[0] === 'suppressions') {
    const checkName = valueAt(doc, [...objectPath.slice(0, -1), 'checkName']);
    const check = typeof checkName === 'string' ? resolveAuditCheck(checkName) : undefined;
    if (check) for (const key of Object.keys(shape.members)) if (key !== resourceIdentifierMember(check)) excluded.add(key);
  }
  if (shape.name === 'scheduledAudit') {
    const frequency = valueAt(doc, [...objectPath, 'frequency']);
    if (typeof frequency === 'string') {
      if (frequency !== 'MONTHLY') excluded.add('dayOfMonth');
      if (frequency !== 'WEEKLY' && frequency !== 'BIWEEKLY') excluded.add('dayOfWeek');
    }
  }
  if (shape.name === 'suppression') {
    if (existing.has('expirationDate')) excluded.add('suppressIndefinitely');
    if (existing.has('suppressIndefinitely')) excluded.add('expirationDate');
  }
  return excluded;
}

/** The checks listed in the list node at `path` (a schedule's targetCheckNames), but the one being typed. */
function listedChecks(doc: MitigationDocument, path: JsonPath, current: unknown): Set<string> {
  const list: Node | undefined = doc.nodeAt(path.slice(0, -1));
  const names = new Set<string>();
  if (list?.type === 'array') for (const item of list.children ?? []) if (typeof item.value === 'string' && item.value !== current) names.add(item.value);
  return names;
}

/**
 * Check names where a check is a value: in a schedule, the ones not listed yet and not disabled
 * by the file; in a suppression, the ones reporting on the kind of resource it names.
 */
export function completeCheckValues(doc: MitigationDocument, path: JsonPath, current: unknown, out: LoopProposals): void {
  const disabled = isJsonObject(doc.value) ? checksDisabledIn(doc.value) : new Set<string>();
  const inSchedule = path[0] === 'scheduledAudits';
  const listed = inSchedule ? listedChecks(doc, path, current) : new Set<string>();
  const identifier = path[0] === 'suppressions' ? valueAt(doc, [...path.slice(0, -1), 'resourceIdentifier']) : undefined;
  const named = isJsonObject(identifier) ? Object.keys(identifier) : [];
  for (const check of AUDIT_CHECKS) {
    if (listed.has(check.name) || disabled.has(check.name)) continue;
    if (named.length > 0 && !named.includes(resourceIdentifierMember(check))) continue;
    out.add({ label: check.name, kind: CompletionItemKind.EnumMember, insert: JSON.stringify(check.name), detail: checkDetail(check), documentation: checkDocumentation(check), sortText: severityOrder(check) });
  }
}

/** A MONTHLY audit's day: 1 to 31, or LAST. */
export function completeDaysOfMonth(out: LoopProposals): void {
  out.add({ label: 'LAST', kind: CompletionItemKind.EnumMember, insert: '"LAST"', detail: 'DayOfMonth', documentation: 'The last day of every month.', sortText: '00' });
  for (let day = 1; day <= 31; day++) {
    const note = day > 28 ? ' Months without this day run on their last day.' : '';
    out.add({ label: String(day), kind: CompletionItemKind.Value, insert: JSON.stringify(String(day)), detail: 'DayOfMonth', documentation: `Day ${day} of the month.${note}`, sortText: String(day).padStart(2, '0') });
  }
}
