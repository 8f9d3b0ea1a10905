/**
 * Quick fixes for the catalogue's problems: add missing required properties, replace a wrong
 * value or name with the nearest valid one, remove extra params types, create a missing action
 * definition, and map a legacy check name to its API name.
 */
import { findNodeAtOffset } from 'jsonc-parser';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-protocol';
import { actionTypeForParamsKey, actionTypeInfo } from '../../common/actionTypes';
import { isActionApplicable, resolveAuditCheck } from '../../common/auditChecks';
import type { AccountActionsResult } from '../../common/lspProtocol';
import type { Problem } from '../../common/validate';
import { duplicateKeyProblems, problemNode, problemRange } from '../../common/document/problems';
import { problemDiagnostic, problemsOf, toDiagnostic } from './diagnostics';
import { resolvePath } from './documentShapes';
import { deleteProperty, insertProperties, quickFix } from './edits';
import type { MitigationDocument } from '../../common/document/parse';
import { checksUsing, problemFixes } from './problemFixes';
import { strictJsonFixes } from './strictJson';
import type { WorkspaceIndex } from './workspaceIndex';
import { SnippetWriter, actionSkeleton, exampleText, roleArnUsedIn, skeleton } from './templates';

/** Actions offered per problem at most: a long list of guesses helps nobody. */
const MAX_FIXES_PER_PROBLEM = 3;

function rangesOverlap(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

function addMissing(doc: MitigationDocument, problem: Problem, diagnostic: Diagnostic): CodeAction[] {
  const role = roleArnUsedIn(doc.value);
  const objectNode = problemNode(doc, problem.path);
  const resolved = resolvePath(doc.kind, problem.path);
  if (objectNode?.type !== 'object' || !problem.missing?.length) return [];
  const members = resolved?.shape.type === 'structure' ? resolved.shape.members : {};
  // Inside a params object the action type's example has a realistic value for each member.
  const example = actionTypeForParamsKey(String(problem.path[problem.path.length - 1] ?? ''))?.example ?? {};
  const entries = problem.missing.map((key) => [key, (indent: string, unit: string) => {
    const writer = new SnippetWriter(false, unit, role);
    if (key in example) return exampleText(example[key], indent, writer);
    const member = members[key];
    return member ? skeleton(member.shape, indent, writer) : '""';
  }] as const);
  const names = problem.missing.map((key) => `"${key}"`).join(', ');
  return [quickFix(doc, `Add missing ${problem.missing.length === 1 ? 'property' : 'properties'} ${names}`, [insertProperties(doc, objectNode, entries)], diagnostic, true)];
}

function replaceWithSuggestions(doc: MitigationDocument, problem: Problem, diagnostic: Diagnostic): CodeAction[] {
  const node = problemNode(doc, problem.path);
  if (!node || !problem.suggestions?.length) return [];
  const target = problem.target === 'key' ? (node.parent?.type === 'property' ? node.parent.children?.[0] : undefined) : node;
  if (!target || target.type !== 'string') return [];
  const current = String(target.value);
  const legacy = problem.code === 'legacy-check';
  // In a list, a name already listed would only become a duplicate.
  const list = typeof problem.path[problem.path.length - 1] === 'number' ? doc.nodeAt(problem.path.slice(0, -1)) : undefined;
  const listed = new Set((list?.children ?? []).map((item) => item.value));
  const suggestions = problem.suggestions.filter((suggestion) => !listed.has(suggestion));
  return suggestions.slice(0, MAX_FIXES_PER_PROBLEM).map((suggestion, index) => {
    const title = legacy ? `Use the API check name ${suggestion}` : `Change "${current}" to "${suggestion}"`;
    return quickFix(doc, title, [{ range: doc.rangeOf(target.offset, target.length), newText: JSON.stringify(suggestion) }], diagnostic, index === 0 && (legacy || suggestions.length === 1));
  });
}

function paramsFixes(doc: MitigationDocument, problem: Problem, diagnostic: Diagnostic): CodeAction[] {
  const node = problemNode(doc, problem.path);
  if (!node) return [];
  // An extra params type: the path names it.
  if (node.parent?.type === 'property' && actionTypeForParamsKey(String(problem.path[problem.path.length - 1]))) {
    const key = String(problem.path[problem.path.length - 1]);
    return [quickFix(doc, `Remove the extra params type "${key}"`, [deleteProperty(doc, node.parent)], diagnostic, true)];
  }
  // No params type at all: offer each one that fits every check the action is mapped to.
  if (node.type !== 'object') return [];
  const actionName = doc.kind === 'mitigation-file' && problem.path[0] === 'actions' ? String(problem.path[1]) : undefined;
  const checks = actionName === undefined ? [] : checksUsing(doc, actionName);
  const fits = (key: string) => checks.every((check) => isActionApplicable(check.name, actionTypeForParamsKey(key)!.type));
  return (problem.suggestions ?? []).filter(fits).map((key) => {
    const info = actionTypeForParamsKey(key)!;
    const edit = insertProperties(doc, node, [[key, (indent, unit) => exampleText(info.example, indent, new SnippetWriter(false, unit))]]);
    return quickFix(doc, `Add "${key}" (${info.type})`, [edit], diagnostic);
  });
}

function createActionFixes(doc: MitigationDocument, problem: Problem, diagnostic: Diagnostic): CodeAction[] {
  const name = doc.nodeAt(problem.path)?.value;
  if (doc.kind !== 'mitigation-file' || typeof name !== 'string' || !doc.root || doc.root.type !== 'object') return [];
  const checkName = String(problem.path[problem.path.length - 2]);
  const check = resolveAuditCheck(checkName);
  const types = check ? check.applicableActions : [];
  const actions = doc.nodeAt(['actions']);
  return types.map((type) => {
    const info = actionTypeInfo(type);
    const body = (indent: string, unit: string) => actionSkeleton(info, new SnippetWriter(false, unit, roleArnUsedIn(doc.value)), indent);
    const edit = actions?.type === 'object'
      ? insertProperties(doc, actions, [[name, body]])
      : insertProperties(doc, doc.root!, [['actions', (indent, unit) => `{\n${indent}${unit}${JSON.stringify(name)}: ${body(indent + unit, unit)}\n${indent}}`]]);
    return quickFix(doc, `Create action "${name}" (${type})`, [edit], diagnostic);
  });
}

function removeProperty(doc: MitigationDocument, problem: Problem, diagnostic: Diagnostic, title = `Remove the unknown property "${String(problem.path[problem.path.length - 1])}"`, preferred = false): CodeAction[] {
  const property = doc.propertyAt(problem.path);
  if (!property) return [];
  return [quickFix(doc, title, [deleteProperty(doc, property)], diagnostic, preferred)];
}

function fixesFor(doc: MitigationDocument, problem: Problem, account: AccountActionsResult | undefined): CodeAction[] {
  const diagnostic = problemDiagnostic(doc, problem);
  const fixes: CodeAction[] = [];
  if (problem.missing?.length) fixes.push(...addMissing(doc, problem, diagnostic));
  switch (problem.code) {
    case 'params-count':
      fixes.push(...paramsFixes(doc, problem, diagnostic));
      break;
    case 'undefined-action':
      fixes.push(...replaceWithSuggestions(doc, problem, diagnostic), ...createActionFixes(doc, problem, diagnostic));
      break;
    case 'unknown-property':
      fixes.push(...replaceWithSuggestions(doc, problem, diagnostic), ...removeProperty(doc, problem, diagnostic));
      break;
    case 'tags-in-update':
      fixes.push(...removeProperty(doc, problem, diagnostic, 'Remove "tags" (update-mitigation-action takes none)', true));
      break;
    default:
      fixes.push(...replaceWithSuggestions(doc, problem, diagnostic));
  }
  fixes.push(...problemFixes({ doc, problem, diagnostic, account }));
  return fixes;
}

/** A repeated key: remove the occurrence the parsed value ignores (every one but the last). */
function duplicateKeyFixes(doc: MitigationDocument, range: Range): CodeAction[] {
  const key = findNodeAtOffset(doc.root!, doc.offsetAt(range.start), true);
  const property = key?.parent;
  if (key?.type !== 'string' || property?.type !== 'property' || property.children?.[0] !== key || !property.parent) return [];
  const siblings = (property.parent.children ?? []).filter((other) => other.children?.[0]?.value === key.value);
  if (siblings.length < 2) return [];
  const diagnostic = duplicateKeyProblems(doc, siblings).map(toDiagnostic).find((d) => doc.offsetAt(d.range.start) === key.offset);
  if (!diagnostic) return [];
  const ignored = siblings.slice(0, -1);
  // Deleting neighbours one by one would overlap at the commas: delete from the last backwards, one edit each.
  const edits = ignored.includes(property) ? [deleteProperty(doc, property)] : [deleteProperty(doc, ignored[ignored.length - 1])];
  const title = ignored.includes(property) ? `Remove this ignored "${String(key.value)}"` : `Remove the earlier "${String(key.value)}" (ignored)`;
  return [quickFix(doc, title, edits, diagnostic, true)];
}

export function doCodeActions(doc: MitigationDocument, range: Range, account: AccountActionsResult | undefined, workspace?: WorkspaceIndex): CodeAction[] {
  if (!doc.root) return [];
  const actions: CodeAction[] = [...duplicateKeyFixes(doc, range), ...strictJsonFixes(doc, range)];
  for (const problem of problemsOf(doc, account, workspace)) {
    if (rangesOverlap(problemRange(doc, problem), range)) actions.push(...fixesFor(doc, problem, account));
  }
  return actions;
}
