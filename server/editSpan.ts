/**
 * Where the latest edit of a document landed, in the new text's offsets: the span the user is
 * typing in, whose token-level rules the diagnostics hold back for a moment.
 */
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextChange } from '../common/document/parse';
import { OpenDocument } from './openDocument';

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
 * Applies `changes` (each relative to the text the previous one left) to an open document in
 * place, and returns it with the union of what they touched, in the new text's offsets, and
 * each change in offsets (for the incremental re-parse). Another TextDocument is copied first.
 */
export function applyChanges(document: TextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): { document: OpenDocument; span: Span | undefined; edits: TextChange[] } {
  const open = document instanceof OpenDocument ? document : OpenDocument.create(document.uri, document.languageId, document.version, document.getText());
  const before = open.getText();
  const edits = open.update(changes, version);
  if (changes.some((change) => !('range' in change) || change.range === undefined)) return { document: open, span: changedSpan(before, open.getText()), edits };
  let span: { from: number; to: number } | undefined;
  for (const { offset: start, removed, inserted } of edits) {
    const end = start + removed;
    const moved = (offset: number) => (offset >= end ? offset + inserted - removed : offset > start ? start + inserted : offset);
    span = span ? { from: Math.min(moved(span.from), start), to: Math.max(moved(span.to), start + inserted) } : { from: start, to: start + inserted };
  }
  return { document: open, span: span && { offset: span.from, length: span.to - span.from }, edits };
}
