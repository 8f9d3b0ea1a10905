/**
 * Text edits that quick fixes share: insert properties keeping the document's layout, delete a
 * property or a list item with its separating comma, and wrap edits into a quick fix.
 */
import type { Node } from 'jsonc-parser';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol';
import { indentUnitOf, lineIndentAt } from './location';
import type { MitigationDocument } from '../../common/document/parse';

function lineIndent(doc: MitigationDocument, offset: number): string {
  return lineIndentAt(doc.text, offset);
}

function indentUnit(doc: MitigationDocument): string {
  return indentUnitOf(doc.text);
}

/** Inserts `"key": value` entries into an object node, keeping the document's indentation. */
export function insertProperties(doc: MitigationDocument, objectNode: Node, entries: readonly (readonly [string, (indent: string, unit: string) => string])[]): TextEdit {
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
export function deleteProperty(doc: MitigationDocument, property: Node): TextEdit {
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

export function quickFix(doc: MitigationDocument, title: string, edits: TextEdit[], diagnostic: Diagnostic, isPreferred = false): CodeAction {
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [doc.uri]: edits } } };
  if (isPreferred) action.isPreferred = true;
  return action;
}

/** Deletes list items `from`..`to` (inclusive) with the commas around them. */
export function deleteListItems(doc: MitigationDocument, list: Node, from: number, to: number): TextEdit {
  const items = list.children ?? [];
  const last = items[to];
  const end = last.offset + last.length;
  if (from > 0) {
    const previous = items[from - 1];
    return { range: doc.rangeOf(previous.offset + previous.length, end - previous.offset - previous.length), newText: '' };
  }
  if (to + 1 < items.length) return { range: doc.rangeOf(items[0].offset, items[to + 1].offset - items[0].offset), newText: '' };
  return { range: doc.rangeOf(items[0].offset, end - items[0].offset), newText: '' };
}

/** Replaces a node's text. */
export function replaceNode(doc: MitigationDocument, node: Node, newText: string): TextEdit {
  return { range: doc.rangeOf(node.offset, node.length), newText };
}
