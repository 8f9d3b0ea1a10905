/**
 * Where the latest edit of a document landed, in the new text's offsets: the span the user is
 * typing in, whose token-level rules the diagnostics hold back for a moment.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextChange } from '../common/document/parse';

export interface Span {
  readonly offset: number;
  readonly length: number;
}

/** The changed span between two texts: what lies between their common prefix and common suffix. */
export function changedSpan(before: string, after: string): Span {
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < shortest - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { offset: start, length: after.length - tail - start };
}

/**
 * Applies `changes` one at a time (each is relative to the text the previous one left) and
 * returns the updated document with the union of what they touched, and each change in offsets
 * (for the incremental re-parse).
 */
export function applyChanges(document: TextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): { document: TextDocument; span: Span | undefined; edits: TextChange[] } {
  let span: { from: number; to: number } | undefined;
  let current = document;
  const edits: TextChange[] = [];
  for (const change of changes) {
    if (!('range' in change) || change.range === undefined) {
      const before = current.getText();
      current = TextDocument.update(current, [change], version);
      const whole = changedSpan(before, current.getText());
      span = { from: whole.offset, to: whole.offset + whole.length };
      edits.push({ offset: 0, removed: before.length, inserted: change.text.length });
      continue;
    }
    const start = current.offsetAt(change.range.start);
    const end = current.offsetAt(change.range.end);
    edits.push({ offset: start, removed: end - start, inserted: change.text.length });
    const delta = change.text.length - (end - start);
    const moved = (offset: number) => (offset >= end ? offset + delta : offset > start ? start + change.text.length : offset);
    span = span ? { from: Math.min(moved(span.from), start), to: Math.max(moved(span.to), start + change.text.length) } : { from: start, to: start + change.text.length };
    current = TextDocument.update(current, [change], version);
  }
  return { document: current, span: span && { offset: span.from, length: span.to - span.from }, edits };
}
