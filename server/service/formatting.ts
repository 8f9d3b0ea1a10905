/** Document and range formatting with jsonc-parser's formatter, which keeps comments. */
import { format } from 'jsonc-parser';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-protocol';
import type { MitigationDocument } from '../../common/document/parse';

/** Wider indentation is no style anyone uses; it only multiplies the reply (1000 → 130 M characters). */
const MAX_TAB_SIZE = 16;

/** The client's options made safe: a whole tab size from 1 to MAX_TAB_SIZE, booleans for the flags. */
function formattingOptions(options: Partial<FormattingOptions> | undefined): { tabSize: number; insertSpaces: boolean; insertFinalNewline: boolean } {
  const raw = options?.tabSize;
  const tabSize = typeof raw === 'number' && Number.isFinite(raw) ? Math.min(MAX_TAB_SIZE, Math.max(1, Math.round(raw))) : 2;
  return { tabSize, insertSpaces: options?.insertSpaces !== false, insertFinalNewline: options?.insertFinalNewline === true };
}

export function formatDocument(doc: MitigationDocument, range: Range | undefined, options: FormattingOptions): TextEdit[] {
  if (doc.tooDeep) return [];
  const span = range ? { offset: doc.offsetAt(range.start), length: doc.offsetAt(range.end) - doc.offsetAt(range.start) } : undefined;
  const eol = /\r\n/.test(doc.text.slice(0, 10_000)) ? '\r\n' : '\n';
  const safe = formattingOptions(options);
  const edits = format(doc.text, span, { ...safe, eol, keepLines: false });
  return edits.map((edit) => ({ range: doc.rangeOf(edit.offset, edit.length), newText: edit.content }));
}
