/**
 * Quick fixes for the problems whose fix needs more than a suggestion list: names with
 * forbidden characters, lengths, ARNs, list sizes and duplicates, JSON types, target
 * combinations, actions that do not fit their check, filters without actions, and task names
 * too long for the start timestamp. Each fix writes text the validator accepts.
 */
import type { Node } from 'jsonc-parser';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { actionTypeInfo } from '../../common/actionTypes';
import { isActionApplicable, resolveAuditCheck, type AuditCheckInfo } from '../../common/auditChecks';
import type { AccountActionsResult } from '../../common/lspProtocol';
import { MAX_TASK_NAME_LENGTH, parseArn, roleArn } from '../../common/limits';
import { MitigationActionName, MitigationActionsTaskId, type MitigationActionType } from '../../common/model';
import { patternOf, type StringShape } from '../../common/shapes';
import type { Problem, ProblemCode } from '../../common/validate';
import { actionIndex } from './actionIndex';
import { keyNodeOf, problemNode } from '../../common/document/problems';
import { resolvePath } from './documentShapes';
import { deleteListItems, deleteProperty, insertProperties, quickFix, replaceNode } from './edits';
import type { MitigationDocument } from '../../common/document/parse';
import { EXAMPLE_ACCOUNT_ID, EXAMPLE_REGION, EXAMPLE_TOPIC_NAME, exampleRoleArn } from '../../common/templates';
import { SnippetWriter, actionSkeleton, defaultActionName, roleArnUsedIn } from './templates';
import { AUDIT_LOOP_FIXES } from './auditLoopFixes';


export interface FixContext {
  readonly doc: MitigationDocument;
  readonly problem: Problem;
  readonly diagnostic: Diagnostic;
  readonly account: AccountActionsResult | undefined;
}

/** The string the problem is about: the property name for key problems, the value otherwise. */
function targetString(context: FixContext): Node | undefined {
  const node = problemNode(context.doc, context.problem.path);
  if (!node) return undefined;
  const target = context.problem.target === 'key' ? keyNodeOf(node) : node;
  return target?.type === 'string' ? target : undefined;
}

/** The account and region the file's ARNs use (the first ones found), else the documentation's. */
function arnContext(doc: MitigationDocument): { account: string; region: string } {
  let account: string | undefined;
  let region: string | undefined;
  for (const match of doc.text.slice(0, 200_000).matchAll(/"(arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:[^"]+)"/g)) {
    const arn = parseArn(match[1]);
    account ??= arn?.account;
    if (arn?.region) region ??= arn.region;
    if (account && region) break;
  }
  return { account: account ?? EXAMPLE_ACCOUNT_ID, region: region ?? EXAMPLE_REGION };
}

/** A role ARN for `value`: a role name made an ARN, else the file's own role. */
function roleArnFor(doc: MitigationDocument, value: string): string {
  const used = roleArnUsedIn(doc.value);
  // The ARN of another service's resource says nothing about the role: use the file's.
  const name = value.startsWith('arn:') ? undefined : /^[A-Za-z0-9+=,.@_-]+$/.exec(value)?.[0];
  if (!name) return used ?? exampleRoleArn(arnContext(doc).account);
  return used?.endsWith(`/${name}`) ? used : roleArn(arnContext(doc).account, name);
}

function topicArnFor(doc: MitigationDocument, value: string): string {
  const name = /[A-Za-z0-9_-]+$/.exec(value)?.[0] ?? EXAMPLE_TOPIC_NAME;
  const { account, region } = arnContext(doc);
  return `arn:aws:sns:${region}:${account}:${name}`;
}

/** Which kind of ARN a path holds. */
function arnKind(problem: Problem): 'role' | 'topic' | undefined {
  const last = String(problem.path[problem.path.length - 1]);
  // An audit notification target is an SNS topic too.
  if (last === 'topicArn' || last === 'targetArn') return 'topic';
  return last === 'roleArn' || last === 'roleArnForLogging' ? 'role' : undefined;
}

function arnFix(context: FixContext): CodeAction[] {
  const node = targetString(context);
  const kind = arnKind(context.problem);
  if (!node || !kind) return [];
  const value = String(node.value);
  const arn = kind === 'role' ? roleArnFor(context.doc, value) : topicArnFor(context.doc, value);
  if (arn === value) return [];
  return [quickFix(context.doc, `Use ${arn}`, [replaceNode(context.doc, node, JSON.stringify(arn))], context.diagnostic, true)];
}

/** The shape of a name the problem is about, when it is a key (actions and tasks are keyed by name). */
function nameShape(context: FixContext): StringShape | undefined {
  const { problem, doc } = context;
  if (problem.target === 'key') {
    if (doc.kind === 'mitigation-file' && problem.path.length === 2 && problem.path[0] === 'actions') return MitigationActionName;
    if (doc.kind === 'mitigation-file' && problem.path.length === 2 && problem.path[0] === 'tasks') return MitigationActionsTaskId;
    return undefined;
  }
  const shape = resolvePath(doc.kind, problem.path)?.shape;
  return shape?.type === 'string' ? shape : undefined;
}

/** "Notify security team" → "NotifySecurityTeam"; "audit_2026_11_22" → "audit-2026-11-22" when "_" is not allowed. */
function cleanName(value: string, shape: StringShape): string | undefined {
  const pattern = patternOf(shape);
  if (!pattern) return undefined;
  const allowed = (ch: string) => pattern.test(ch);
  const candidates = [
    [...value].map((ch) => (allowed(ch) ? ch : allowed('-') ? '-' : '')).join('').replace(/-+/g, '-').replace(/^-|-$/g, ''),
    value.split(/[^A-Za-z0-9]+/).filter(Boolean).map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1))).join(''),
  ];
  // Spaces read best as camel case; other characters as "-" where the pattern allows it.
  if (/\s/.test(value)) candidates.reverse();
  return candidates.find((candidate) => candidate.length >= (shape.min ?? 1) && [...candidate].length <= (shape.max ?? Infinity) && pattern.test(candidate));
}

/** Renames an action everywhere in the file, or a task's or value's own text. */
function renameEdits(context: FixContext, node: Node, newName: string): TextEdit[] {
  const { doc, problem } = context;
  const oldName = String(node.value);
  if (problem.target === 'key' && problem.path[0] === 'actions' && problem.path.length === 2) {
    const references = actionIndex(doc).references.filter((reference) => reference.name === oldName).map((reference) => reference.node);
    return [node, ...references].map((each) => replaceNode(doc, each, JSON.stringify(newName)));
  }
  return [replaceNode(doc, node, JSON.stringify(newName))];
}

function isNameTaken(context: FixContext, name: string): boolean {
  const { doc, problem } = context;
  if (problem.target !== 'key') return false;
  return doc.property(doc.nodeAt(problem.path.slice(0, -1)), name) !== undefined || (problem.path[0] === 'actions' && actionIndex(doc).definitions.has(name));
}

function patternFix(context: FixContext): CodeAction[] {
  const node = targetString(context);
  const shape = nameShape(context);
  if (!node || !shape) return [];
  const name = cleanName(String(node.value), shape);
  if (!name || isNameTaken(context, name)) return [];
  return [quickFix(context.doc, `Change "${String(node.value)}" to "${name}"`, renameEdits(context, node, name), context.diagnostic, true)];
}

function lengthFix(context: FixContext): CodeAction[] {
  const node = targetString(context);
  if (!node) return [];
  if (arnKind(context.problem) && context.problem.target === 'value') return arnFix(context);
  const shape = nameShape(context);
  const value = String(node.value);
  if (!shape || shape.max === undefined || [...value].length <= shape.max) return [];
  const shortened = [...value].slice(0, shape.max).join('').replace(/[-_]+$/, '');
  if (isNameTaken(context, shortened)) return [];
  return [quickFix(context.doc, `Shorten to ${shape.max} characters`, renameEdits(context, node, shortened), context.diagnostic, true)];
}

function taskNameFix(context: FixContext): CodeAction[] {
  const node = targetString(context);
  if (!node) return [];
  const shortened = [...String(node.value)].slice(0, MAX_TASK_NAME_LENGTH).join('').replace(/[-_]+$/, '');
  if (isNameTaken(context, shortened)) return [];
  return [quickFix(context.doc, `Shorten the task name to ${MAX_TASK_NAME_LENGTH} characters`, [replaceNode(context.doc, node, JSON.stringify(shortened))], context.diagnostic, true)];
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', 'on', '1', 'enabled']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'off', '0', 'disabled']);

function typeFix(context: FixContext): CodeAction[] {
  const { doc, problem, diagnostic } = context;
  const node = problemNode(doc, problem.path);
  const shape = resolvePath(doc.kind, problem.path)?.shape;
  if (!node || !shape) return [];
  const replace = (title: string, text: string, preferred = false) => quickFix(doc, title, [replaceNode(doc, node, text)], diagnostic, preferred);
  if (shape.type === 'boolean') {
    const word = String(node.value).trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return [replace('Use true', 'true', true)];
    if (FALSE_WORDS.has(word)) return [replace('Use false', 'false', true)];
    return [replace('Use true', 'true'), replace('Use false', 'false')];
  }
  if (shape.type === 'string' && (node.type === 'number' || node.type === 'boolean')) return [replace(`Quote ${doc.text.slice(node.offset, node.offset + node.length)}`, JSON.stringify(doc.text.slice(node.offset, node.offset + node.length)), true)];
  if (shape.type === 'integer' && node.type === 'string' && /^-?\d+$/.test(String(node.value))) return [replace(`Use the number ${String(node.value)}`, String(node.value), true)];
  if (shape.type === 'list' && (node.type === 'string' || node.type === 'number' || node.type === 'boolean')) return [replace('Put the value in a list', `[${doc.text.slice(node.offset, node.offset + node.length)}]`, true)];
  return [];
}

function duplicateFix(context: FixContext): CodeAction[] {
  const { doc, problem, diagnostic } = context;
  const index = problem.path[problem.path.length - 1];
  const list = doc.nodeAt(problem.path.slice(0, -1));
  if (typeof index !== 'number' || list?.type !== 'array') return [];
  return [quickFix(doc, `Remove the repeated ${JSON.stringify(list.children?.[index]?.value)}`, [deleteListItems(doc, list, index, index)], diagnostic, true)];
}

/** Actions (file first, then account) of a type that fits `check`, not already in `listed`. */
function fittingActions(context: FixContext, check: AuditCheckInfo, listed: ReadonlySet<string>): string[] {
  const names: string[] = [];
  // A name the API rejects would trade this problem for a pattern error.
  const valid = patternOf(MitigationActionName)!;
  for (const definition of actionIndex(context.doc).definitions.values()) {
    if (definition.type && isActionApplicable(check.name, definition.type) && !listed.has(definition.name) && valid.test(definition.name)) names.push(definition.name);
  }
  if (context.account?.available) {
    for (const action of context.account.actions) if (isActionApplicable(check.name, action.type) && !listed.has(action.name) && !names.includes(action.name)) names.push(action.name);
  }
  return names;
}

function listedNames(list: Node | undefined): Set<string> {
  return new Set((list?.children ?? []).filter((item) => item.type === 'string').map((item) => item.value as string));
}

function listSizeFix(context: FixContext): CodeAction[] {
  const { doc, problem, diagnostic } = context;
  const list = doc.nodeAt(problem.path);
  const shape = resolvePath(doc.kind, problem.path)?.shape;
  if (list?.type !== 'array' || shape?.type !== 'list') return [];
  const items = list.children ?? [];
  if (shape.max !== undefined && items.length > shape.max) {
    return [quickFix(doc, `Keep the first ${shape.max} and remove ${items.length - shape.max === 1 ? 'the last one' : `the last ${items.length - shape.max}`}`, [deleteListItems(doc, list, shape.max, items.length - 1)], diagnostic, true)];
  }
  // An empty action list of a check: fill it with an action that fits, or drop the check.
  const checkName = String(problem.path[problem.path.length - 1]);
  const check = problem.path[problem.path.length - 2] === 'auditCheckToActionsMapping' ? resolveAuditCheck(checkName) : undefined;
  if (!check || items.length > 0) return [];
  const fixes = fittingActions(context, check, new Set()).slice(0, 3).map((name) => quickFix(doc, `Map ${check.name} to "${name}"`, [{ range: doc.rangeOf(list.offset + 1, list.length - 2), newText: JSON.stringify(name) }], diagnostic));
  const property = doc.propertyAt(problem.path);
  if (property && (property.parent?.children?.length ?? 0) > 1) fixes.push(quickFix(doc, `Remove ${checkName} from the mapping`, [deleteProperty(doc, property)], diagnostic));
  return fixes;
}

function targetCombinationFix(context: FixContext): CodeAction[] {
  const { doc, problem, diagnostic } = context;
  const last = problem.path[problem.path.length - 1];
  if (last !== 'findingIds' && last !== 'auditCheckToReasonCodeFilter') return [];
  const target = doc.nodeAt(problem.path.slice(0, -1));
  const findings = doc.property(target, 'findingIds');
  const others = ['auditTaskId', 'auditCheckToReasonCodeFilter'].map((key) => doc.property(target, key)).filter((node): node is Node => node !== undefined);
  if (!findings || others.length === 0) return [];
  const fixes = [quickFix(doc, 'Remove findingIds (keep the audit)', [deleteProperty(doc, findings)], diagnostic, last === 'findingIds')];
  if (others.length === 1) fixes.push(quickFix(doc, `Remove ${String(others[0].children?.[0]?.value)} (keep findingIds)`, [deleteProperty(doc, others[0])], diagnostic));
  return fixes;
}

/** A name not yet used by any action of the file, from `base`. */
function freeActionName(doc: MitigationDocument, base: string): string {
  const taken = actionIndex(doc).definitions;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** Inserts a new action definition of `type` named `name` under `actions`. */
function createActionEdit(doc: MitigationDocument, name: string, type: MitigationActionType): TextEdit | undefined {
  const actions = doc.nodeAt(['actions']);
  if (actions?.type !== 'object') return undefined;
  const role = roleArnUsedIn(doc.value);
  return insertProperties(doc, actions, [[name, (indent, unit) => actionSkeleton(actionTypeInfo(type), new SnippetWriter(false, unit, role), indent)]]);
}

function notApplicableFix(context: FixContext): CodeAction[] {
  const { doc, problem, diagnostic } = context;
  const node = doc.nodeAt(problem.path);
  const list = doc.nodeAt(problem.path.slice(0, -1));
  const check = resolveAuditCheck(String(problem.path[problem.path.length - 2]));
  if (node?.type !== 'string' || list?.type !== 'array' || !check) return [];
  const listed = listedNames(list);
  const fixes = fittingActions(context, check, listed).slice(0, 3).map((name) => quickFix(doc, `Use "${name}" instead (it fits ${check.name})`, [replaceNode(doc, node, JSON.stringify(name))], diagnostic));
  if (doc.kind === 'mitigation-file') {
    for (const type of check.applicableActions.slice(0, 3)) {
      const name = freeActionName(doc, defaultActionName(actionTypeInfo(type)));
      const create = createActionEdit(doc, name, type);
      if (create) fixes.push(quickFix(doc, `Create action "${name}" (${type}) and use it here`, [create, replaceNode(doc, node, JSON.stringify(name))], diagnostic));
    }
  }
  if ((list.children?.length ?? 0) > 1) fixes.push(quickFix(doc, `Remove "${String(node.value)}" from ${check.name}`, [deleteListItems(doc, list, list.children!.indexOf(node), list.children!.indexOf(node))], diagnostic));
  return fixes;
}

function filterWithoutMappingFix(context: FixContext): CodeAction[] {
  const { doc, problem, diagnostic } = context;
  const checkName = String(problem.path[problem.path.length - 1]);
  const check = resolveAuditCheck(checkName);
  const taskPath = problem.path.slice(0, -3);
  const mapping = doc.nodeAt([...taskPath, 'auditCheckToActionsMapping']);
  const fixes: CodeAction[] = [];
  if (check && mapping?.type === 'object') {
    for (const name of fittingActions(context, check, new Set()).slice(0, 3)) {
      fixes.push(quickFix(doc, `Map ${checkName} to "${name}"`, [insertProperties(doc, mapping, [[checkName, () => `[${JSON.stringify(name)}]`]])], diagnostic));
    }
  }
  const property = doc.propertyAt(problem.path);
  if (property && (property.parent?.children?.length ?? 0) > 1) fixes.push(quickFix(doc, `Stop filtering ${checkName}`, [deleteProperty(doc, property)], diagnostic));
  return fixes;
}

/** The check names an action is mapped to anywhere in the file. */
export function checksUsing(doc: MitigationDocument, actionName: string): AuditCheckInfo[] {
  const checks = actionIndex(doc).references.filter((reference) => reference.name === actionName).map((reference) => resolveAuditCheck(reference.checkName));
  return checks.filter((check): check is AuditCheckInfo => check !== undefined);
}

/** The fixes of each problem code this module knows. */
const FIXES: Partial<Record<ProblemCode, (context: FixContext) => CodeAction[]>> = {
  pattern: patternFix,
  length: lengthFix,
  'arn-format': arnFix,
  'arn-service': arnFix,
  type: typeFix,
  'list-size': listSizeFix,
  'duplicate-action-in-list': duplicateFix,
  'target-combination': targetCombinationFix,
  'action-not-applicable': notApplicableFix,
  'filter-without-mapping': filterWithoutMappingFix,
  'task-name-length': taskNameFix,
  'duplicate-check': duplicateFix,
  ...AUDIT_LOOP_FIXES,
};

export function problemFixes(context: FixContext): CodeAction[] {
  return FIXES[context.problem.code]?.(context) ?? [];
}
