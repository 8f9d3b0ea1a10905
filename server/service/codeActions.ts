/**
 * Quick fixes for the catalogue's problems: add missing required properties, replace a wrong
 * value or name with the nearest valid one, remove extra params types, create a missing action
 * definition, and map a legacy check name to its API name.
 */
import type { Node } from 'jsonc-parser';
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-protocol';
import { actionTypeForParamsKey, actionTypeInfo } from '../../common/actionTypes';
import { LEGACY_CHECK_ALIASES, auditCheck } from '../../common/auditChecks';
import type { AccountActionsResult } from '../../common/lspProtocol';
import type { Problem } from '../../common/validate';
import { problemDiagnostic, problemNode, problemRange, problemsOf } from './diagnostics';
import { resolvePath } from './documentShapes';
import { indentUnitOf, lineIndentAt } from './location';
import type { MitigationDocument } from './parse';
import { SnippetWriter, actionSkeleton, exampleText, skeleton } from './templates';

/** Actions offered per problem at most: a long list of guesses helps nobody. */
const MAX_FIXES_PER_PROBLEM = 3;

function lineIndent(doc: MitigationDocument, offset: number): string {
  return lineIndentAt(doc.text, offset);
}

function indentUnit(doc: MitigationDocument): string {
  return indentUnitOf(doc.text);
}

function rangesOverlap(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

/** Inserts `"key": value` entries into an object node, keeping the document's indentation. */
function insertProperties(doc: MitigationDocument, objectNode: Node, entries: readonly (readonly [string, (indent: string, unit: string) => string])[]): TextEdit {
  const unit = indentUnit(doc);
  const children = objectNode.children ?? [];
  const childIndent = children.length ? lineIndent(doc, children[0].offset) : lineIndent(doc, objectNode.offset) + unit;
  const text = entries.map(([key, value]) => `${childIndent}${JSON.stringify(key)}: ${value(childIndent, unit)}`);
  if (children.length) {
    const last = children[children.length - 1];
    const at = last.offset + last.length;
    // A one-line object stays on one line.
    if (doc.positionAt(objectNode.offset).line === doc.positionAt(objectNode.offset + objectNode.length).line) {
      return { range: doc.rangeOf(at, 0), newText: entries.map(([key, value]) => `, ${JSON.stringify(key)}: ${value('', '')}`).join('') };
    }
    return { range: doc.rangeOf(at, 0), newText: `,\n${text.join(',\n')}` };
  }
  // An empty object: open it up onto its own lines.
  const closing = objectNode.offset + objectNode.length - 1;
  const closed = doc.text[closing] === '}';
  const from = objectNode.offset + 1;
  const to = closed ? closing : from;
  return { range: doc.rangeOf(from, to - from), newText: `\n${text.join(',\n')}\n${lineIndent(doc, objectNode.offset)}${closed ? '' : '}'}` };
}

/** Deletes a property together with the comma that separates it from its neighbours. */
function deleteProperty(doc: MitigationDocument, property: Node): TextEdit {
  const siblings = property.parent?.children ?? [property];
  const index = siblings.indexOf(property);
  const end = property.offset + property.length;
  if (index > 0) {
    const previous = siblings[index - 1];
    const from = previous.offset + previous.length;
    return { range: doc.rangeOf(from, end - from), newText: '' };
  }
  if (index + 1 < siblings.length) {
    const next = siblings[index + 1];
    return { range: doc.rangeOf(property.offset, next.offset - property.offset), newText: '' };
  }
  return { range: doc.rangeOf(property.offset, property.length), newText: '' };
}

function quickFix(doc: MitigationDocument, title: string, edits: TextEdit[], diagnostic: Diagnostic, isPreferred = false): CodeAction {
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [doc.uri]: edits } } };
  if (isPreferred) action.isPreferred = true;
  return action;
}

function addMissing(doc: MitigationDocument, problem: Problem, diagnostic: Diagnostic): CodeAction[] {
  const objectNode = problemNode(doc, problem.path);
  const resolved = resolvePath(doc.kind, problem.path);
  if (objectNode?.type !== 'object' || !problem.missing?.length) return [];
  const members = resolved?.shape.type === 'structure' ? resolved.shape.members : {};
  // Inside a params object the action type's example has a realistic value for each member.
  const example = actionTypeForParamsKey(String(problem.path[problem.path.length - 1] ?? ''))?.example ?? {};
  const entries = problem.missing.map((key) => [key, (indent: string, unit: string) => {
    const writer = new SnippetWriter(false, unit);
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
  return problem.suggestions.slice(0, MAX_FIXES_PER_PROBLEM).map((suggestion, index) => {
    const title = legacy ? `Use the API check name ${suggestion}` : `Change "${current}" to "${suggestion}"`;
    return quickFix(doc, title, [{ range: doc.rangeOf(target.offset, target.length), newText: JSON.stringify(suggestion) }], diagnostic, index === 0 && (legacy || problem.suggestions!.length === 1));
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
  // No params type at all: offer each one with its example values.
  if (node.type !== 'object') return [];
  return (problem.suggestions ?? []).map((key) => {
    const info = actionTypeForParamsKey(key)!;
    const edit = insertProperties(doc, node, [[key, (indent, unit) => exampleText(info.example, indent, new SnippetWriter(false, unit))]]);
    return quickFix(doc, `Add "${key}" (${info.type})`, [edit], diagnostic);
  });
}

function createActionFixes(doc: MitigationDocument, problem: Problem, diagnostic: Diagnostic): CodeAction[] {
  const name = doc.nodeAt(problem.path)?.value;
  if (doc.kind !== 'mitigation-file' || typeof name !== 'string' || !doc.root || doc.root.type !== 'object') return [];
  const checkName = String(problem.path[problem.path.length - 2]);
  const check = auditCheck(checkName) ?? auditCheck(LEGACY_CHECK_ALIASES[checkName] ?? '');
  const types = check ? check.applicableActions : [];
  const actions = doc.nodeAt(['actions']);
  return types.map((type) => {
    const info = actionTypeInfo(type);
    const body = (indent: string, unit: string) => actionSkeleton(info, new SnippetWriter(false, unit), indent);
    const edit = actions?.type === 'object'
      ? insertProperties(doc, actions, [[name, body]])
      : insertProperties(doc, doc.root!, [['actions', (indent, unit) => `{\n${indent}${unit}${JSON.stringify(name)}: ${body(indent + unit, unit)}\n${indent}}`]]);
    return quickFix(doc, `Create action "${name}" (${type})`, [edit], diagnostic);
  });
}

function removeProperty(doc: MitigationDocument, problem: Problem, diagnostic: Diagnostic): CodeAction[] {
  const property = doc.propertyAt(problem.path);
  if (!property) return [];
  return [quickFix(doc, `Remove the unknown property "${String(problem.path[problem.path.length - 1])}"`, [deleteProperty(doc, property)], diagnostic)];
}

function fixesFor(doc: MitigationDocument, problem: Problem): CodeAction[] {
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
    default:
      fixes.push(...replaceWithSuggestions(doc, problem, diagnostic));
  }
  return fixes;
}

export function doCodeActions(doc: MitigationDocument, range: Range, account: AccountActionsResult | undefined): CodeAction[] {
  if (!doc.root) return [];
  const actions: CodeAction[] = [];
  for (const problem of problemsOf(doc, account)) {
    if (rangesOverlap(problemRange(doc, problem), range)) actions.push(...fixesFor(doc, problem));
  }
  return actions;
}
