/** Document and range formatting with jsonc-parser's formatter, which keeps comments. */
import { format } from 'jsonc-parser';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-protocol';
import type { MitigationDocument } from './parse';

export function formatDocument(doc: MitigationDocument, range: Range | undefined, options: FormattingOptions): TextEdit[] {
  if (doc.tooDeep) return [];
  const span = range ? { offset: doc.offsetAt(range.start), length: doc.offsetAt(range.end) - doc.offsetAt(range.start) } : undefined;
  const eol = /\r\n/.test(doc.text.slice(0, 10_000)) ? '\r\n' : '\n';
  const edits = format(doc.text, span, {
    tabSize: options.tabSize,
    insertSpaces: options.insertSpaces,
    eol,
    insertFinalNewline: options.insertFinalNewline ?? false,
    keepLines: false,
  });
  return edits.map((edit) => ({ range: doc.rangeOf(edit.offset, edit.length), newText: edit.content }));
}
