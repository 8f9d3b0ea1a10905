/**
 * Quick fixes for the audit loop's problems: the day a frequency runs on, a check the file's
 * configuration disables, an expiry that has passed or is not a date, the expiry terms, a
 * suppression's reason, a repeated suppression, a threshold out of range or on the wrong check,
 * a resource named twice. Each writes text the validator accepts.
 */
import type { Node } from 'jsonc-parser';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { resolveAuditCheck } from '../../common/auditChecks';
import { parseExpirationDate } from '../../common/auditLoopValidation';
import { exampleExpirationDate } from '../../common/templates';
import type { JsonPath, ProblemCode } from '../../common/validate';
import type { MitigationDocument } from '../../common/document/parse';
import { deleteListItems, deleteProperty, insertProperties, quickFix, replaceNode } from './edits';
import type { FixContext } from './problemFixes';

/** How far "extend" fixes move an expiry: a month and a quarter from today. */
const EXTENSIONS_IN_DAYS = [30, 90];

function removeMember(context: FixContext, path: JsonPath, title: string, preferred = true): CodeAction[] {
  const property = context.doc.propertyAt(path);
  return property ? [quickFix(context.doc, title, [deleteProperty(context.doc, property)], context.diagnostic, preferred)] : [];
}

function addMembers(context: FixContext, objectPath: JsonPath, title: string, entries: readonly [string, string][], preferred = false): CodeAction[] {
  const object = context.doc.nodeAt(objectPath);
  if (object?.type !== 'object') return [];
  return [quickFix(context.doc, title, [insertProperties(context.doc, object, entries.map(([key, text]) => [key, () => text] as const))], context.diagnostic, preferred)];
}

function scheduleDayFix(context: FixContext): CodeAction[] {
  const { problem } = context;
  const last = problem.path[problem.path.length - 1];
  if (last === 'dayOfMonth' || last === 'dayOfWeek') return removeMember(context, problem.path, `Remove ${last} (${String(context.doc.nodeAt([...problem.path.slice(0, -1), 'frequency'])?.value)} does not run on it)`);
  const schedule = problem.path.slice(0, -1);
  if (problem.missing?.includes('dayOfWeek')) return addMembers(context, schedule, 'Add "dayOfWeek": "MON"', [['dayOfWeek', '"MON"']], true);
  if (problem.missing?.includes('dayOfMonth')) {
    return [...addMembers(context, schedule, 'Add "dayOfMonth": "1"', [['dayOfMonth', '"1"']], true), ...addMembers(context, schedule, 'Add "dayOfMonth": "LAST"', [['dayOfMonth', '"LAST"']])];
  }
  return [];
}

/** The `enabled` of a check's entry in auditConfiguration, whichever name (API or legacy) the file uses. */
function enabledNode(doc: MitigationDocument, checkName: string): Node | undefined {
  const checks = doc.nodeAt(['auditConfiguration', 'auditCheckConfigurations']);
  for (const property of checks?.children ?? []) {
    const key = property.children?.[0]?.value;
    if (typeof key === 'string' && resolveAuditCheck(key)?.name === checkName) return doc.property(property.children?.[1], 'enabled')?.children?.[1];
  }
  return undefined;
}

function checkDisabledFix(context: FixContext): CodeAction[] {
  const { doc, problem, diagnostic } = context;
  const node = doc.nodeAt(problem.path);
  const name = problem.target === 'key' ? problem.path[problem.path.length - 1] : node?.value;
  const check = typeof name === 'string' ? resolveAuditCheck(name) : undefined;
  const enabled = check ? enabledNode(doc, check.name) : undefined;
  const fixes: CodeAction[] = [];
  if (check && enabled?.value === false) fixes.push(quickFix(doc, `Enable ${check.name} in auditConfiguration`, [replaceNode(doc, enabled, 'true')], diagnostic, true));
  // A schedule that runs other checks too can leave this one out instead.
  const list = typeof problem.path[problem.path.length - 1] === 'number' ? doc.nodeAt(problem.path.slice(0, -1)) : undefined;
  const index = problem.path[problem.path.length - 1] as number;
  if (list?.type === 'array' && (list.children?.length ?? 0) > 1) fixes.push(quickFix(doc, `Remove ${String(name)} from this scheduled audit`, [deleteListItems(doc, list, index, index)], diagnostic));
  return fixes;
}

/** The suppression a problem belongs to: ['suppressions', index]. */
function suppressionPath(path: JsonPath): JsonPath {
  return path.slice(0, 2);
}

function removeSuppression(context: FixContext, title: string, preferred = false): CodeAction[] {
  const list = context.doc.nodeAt(['suppressions']);
  const index = context.problem.path[1];
  if (list?.type !== 'array' || typeof index !== 'number') return [];
  return [quickFix(context.doc, title, [deleteListItems(context.doc, list, index, index)], context.diagnostic, preferred)];
}

function expirationPastFix(context: FixContext): CodeAction[] {
  const node = context.doc.nodeAt(context.problem.path);
  if (node?.type !== 'string') return [];
  const extend = EXTENSIONS_IN_DAYS.map((days, index) => {
    const date = exampleExpirationDate(new Date(), days);
    return quickFix(context.doc, `Extend the suppression to ${date}`, [replaceNode(context.doc, node, JSON.stringify(date))], context.diagnostic, index === 0);
  });
  return [...extend, ...removeSuppression(context, 'Remove this expired suppression')];
}

/** A date written another way ("2027/01/31", "31 Jan 2027") as the ISO date the file takes. */
function expirationDateFix(context: FixContext): CodeAction[] {
  const node = context.doc.nodeAt(context.problem.path);
  if (node?.type !== 'string') return [];
  const time = Date.parse(String(node.value).replace(/\//g, '-'));
  if (Number.isNaN(time)) return [];
  const date = new Date(time + 12 * 3_600_000).toISOString().slice(0, 10); // noon: a local midnight stays the same day
  if (parseExpirationDate(date) === undefined || parseExpirationDate(date)! <= Date.now()) return [];
  return [quickFix(context.doc, `Write the date as ${date}`, [replaceNode(context.doc, node, JSON.stringify(date))], context.diagnostic, true)];
}

function suppressionTermsFix(context: FixContext): CodeAction[] {
  const { doc, problem, diagnostic } = context;
  const path = suppressionPath(problem.path);
  if (problem.path[problem.path.length - 1] === 'suppressIndefinitely') {
    return [...removeMember(context, [...path, 'suppressIndefinitely'], 'Remove suppressIndefinitely (keep the expiry)'), ...removeMember(context, [...path, 'expirationDate'], 'Remove expirationDate (suppress indefinitely)', false)];
  }
  const date = exampleExpirationDate(new Date(), EXTENSIONS_IN_DAYS[0]);
  const indefinitely = doc.nodeAt([...path, 'suppressIndefinitely']);
  const forever = indefinitely
    ? [quickFix(doc, 'Suppress indefinitely', [replaceNode(doc, indefinitely, 'true')], diagnostic)]
    : addMembers(context, path, 'Suppress indefinitely', [['suppressIndefinitely', 'true']]);
  return [...addMembers(context, path, `Add "expirationDate": "${date}"`, [['expirationDate', JSON.stringify(date)]], true), ...forever];
}

/** A description made of what the file already says (the expiry), for the team to complete. */
function descriptionFix(context: FixContext): CodeAction[] {
  const { doc, problem, diagnostic } = context;
  const path = suppressionPath(problem.path);
  const expiry = doc.nodeAt([...path, 'expirationDate'])?.value;
  const text = typeof expiry === 'string' ? `Accepted until ${expiry}` : 'Accepted indefinitely';
  const existing = doc.nodeAt([...path, 'description']);
  if (existing?.type === 'string') return [quickFix(doc, `Write a description ("${text}")`, [replaceNode(doc, existing, JSON.stringify(text))], diagnostic, true)];
  return addMembers(context, path, `Add a description ("${text}")`, [['description', JSON.stringify(text)]], true);
}

function duplicateSuppressionFix(context: FixContext): CodeAction[] {
  return removeSuppression(context, 'Remove this repeated suppression', true);
}

function checkConfigurationFix(context: FixContext): CodeAction[] {
  // A threshold of the other check is renamed by its suggestion; one on a check without thresholds goes.
  if (context.problem.suggestions?.length) return [];
  return removeMember(context, context.problem.path, `Remove ${String(context.problem.path[context.problem.path.length - 1])}`);
}

function thresholdRangeFix(context: FixContext): CodeAction[] {
  const { doc, problem, diagnostic } = context;
  if (problem.path[0] !== 'auditConfiguration') return [];
  const config = resolveAuditCheck(String(problem.path[2]))?.config;
  const node = doc.nodeAt(problem.path);
  if (!config || node?.type !== 'string') return [];
  return [quickFix(doc, `Use the default, ${config.default} days`, [replaceNode(doc, node, JSON.stringify(String(config.default)))], diagnostic, true)];
}

function resourceIdentifierFix(context: FixContext): CodeAction[] {
  // With a suggestion the member is renamed (codeActions.ts); a second resource beside the right one goes.
  if (context.problem.suggestions?.length || context.problem.path[context.problem.path.length - 1] === 'resourceIdentifier') return [];
  const identifier = context.doc.nodeAt(context.problem.path.slice(0, -1));
  if ((identifier?.children?.length ?? 0) < 2) return [];
  return removeMember(context, context.problem.path, `Remove ${String(context.problem.path[context.problem.path.length - 1])}`);
}

/** The fixes of each audit-loop problem code. */
export const AUDIT_LOOP_FIXES: Partial<Record<ProblemCode, (context: FixContext) => CodeAction[]>> = {
  'schedule-day': scheduleDayFix,
  'check-disabled': checkDisabledFix,
  'expiration-past': expirationPastFix,
  'expiration-date': expirationDateFix,
  'suppression-terms': suppressionTermsFix,
  'missing-description': descriptionFix,
  'duplicate-suppression': duplicateSuppressionFix,
  'check-configuration': checkConfigurationFix,
  'resource-identifier': resourceIdentifierFix,
  range: thresholdRangeFix,
};
