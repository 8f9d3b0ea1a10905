/**
 * The text of an open document. vscode-languageserver-textdocument copies the whole text for
 * every change event: a rename that edits twenty places of a 1 MB file arrives as one didChange
 * with twenty events, and cost twenty copies (about 0.75 ms each). This applies a didChange's
 * events to a list of pieces and joins them once, keeping the line offsets up to date as it goes.
 * Positions and offsets convert exactly as in vscode-languageserver-textdocument (its clamping,
 * and never between a "\r" and its "\n"), which the tests check against it.
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextChange } from '../common/document/parse';

const CR = 13;
const LF = 10;
const isEol = (code: number) => code === CR || code === LF;
/** Past this many pieces a batch is joined and goes on from one piece: lookups stay short on a document-wide format. */
const MAX_PIECES = 256;

/** Offsets of the line starts in `text` (a "\r\n" is one break), each plus `base`; the text's own start first when `atLineStart`. */
function lineStartsOf(text: string, base: number, atLineStart: boolean): number[] {
  const starts = atLineStart ? [base] : [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isEol(code)) continue;
    if (code === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
    starts.push(base + i + 1);
  }
  return starts;
}

/** A text being edited as a list of pieces, without copying it. */
class Pieces {
  private pieces: string[];
  length: number;

  constructor(text: string) {
    this.pieces = [text];
    this.length = text.length;
  }

  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    for (const piece of this.pieces) {
      if (offset < piece.length) return piece.charCodeAt(offset);
      offset -= piece.length;
    }
    return NaN;
  }

  replace(start: number, end: number, text: string): void {
    const next: string[] = [];
    let placed = false;
    const place = () => {
      if (!placed && text) next.push(text);
      placed = true;
    };
    let at = 0;
    for (const piece of this.pieces) {
      const pieceEnd = at + piece.length;
      if (pieceEnd <= start) {
        next.push(piece);
      } else if (at >= end) {
        place();
        next.push(piece);
      } else {
        if (start > at) next.push(piece.slice(0, start - at));
        if (end < pieceEnd) {
          place();
          next.push(piece.slice(end - at));
        }
      }
      at = pieceEnd;
    }
    place();
    this.pieces = next.length > MAX_PIECES ? [next.join('')] : next;
    this.length += text.length - (end - start);
  }

  toString(): string {
    if (this.pieces.length !== 1) this.pieces = [this.pieces.join('')];
    return this.pieces[0] ?? '';
  }
}

export class OpenDocument implements TextDocument {
  private content: string;
  private lineOffsets: number[];

  constructor(readonly uri: string, readonly languageId: string, public version: number, content: string) {
    this.content = content;
    this.lineOffsets = lineStartsOf(content, 0, true);
  }

  static create(uri: string, languageId: string, version: number, content: string): OpenDocument {
    return new OpenDocument(uri, languageId, version, content);
  }

  getText(range?: Range): string {
    if (!range) return this.content;
    return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  get lineCount(): number {
    return this.lineOffsets.length;
  }

  positionAt(offset: number): Position {
    return positionIn(this.content, this.lineOffsets, offset);
  }

  offsetAt(position: Position): number {
    return offsetIn(this.content, this.lineOffsets, position);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.lineOffsets;
    if (line >= lineOffsets.length) {
      const last = lineOffsets.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - lineOffsets[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = lineOffsets[line];
    const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.content.length;
    return { start: { line, character: 0 }, end: { line, character: beforeEol(this.content, next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.lineOffsets;
    if (line >= lineOffsets.length || line < 0) return '';
    const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.content.length;
    return this.content.substring(beforeEol(this.content, next, lineOffsets[line]), next);
  }

  /**
   * Applies one didChange's events, each to the text the previous one left, and returns each as
   * offsets in that text (what the incremental re-parse needs).
   */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): TextChange[] {
    const edits: TextChange[] = [];
    let text = new Pieces(this.content);
    let lineOffsets = this.lineOffsets;
    let linesKnown = true;
    for (const change of changes) {
      if (!('range' in change) || change.range === undefined) {
        edits.push({ offset: 0, removed: text.length, inserted: change.text.length });
        text = new Pieces(change.text);
        lineOffsets = lineStartsOf(change.text, 0, true);
        linesKnown = true;
        continue;
      }
      const range = wellFormed(change.range);
      // Offsets in the text so far: its line offsets are exact unless a "\r\n" was split or joined.
      if (!linesKnown) {
        lineOffsets = lineStartsOf(text.toString(), 0, true);
        linesKnown = true;
      }
      const start = offsetIn(text, lineOffsets, range.start);
      const end = offsetIn(text, lineOffsets, range.end);
      edits.push({ offset: start, removed: end - start, inserted: change.text.length });
      text.replace(start, end, change.text);
      const insertedEnd = start + change.text.length;
      if ((text.charCodeAt(start - 1) === CR && text.charCodeAt(start) === LF) || (text.charCodeAt(insertedEnd - 1) === CR && text.charCodeAt(insertedEnd) === LF)) {
        linesKnown = false;
        continue;
      }
      // A range past the last line ends on it (its offsets were clamped to the text's end).
      const lastLine = lineOffsets.length - 1;
      const startLine = Math.min(Math.max(range.start.line, 0), lastLine);
      const endLine = Math.min(Math.max(range.end.line, 0), lastLine);
      const added = lineStartsOf(change.text, start, false);
      const delta = change.text.length - (end - start);
      // In place, as the document itself is updated in place (LSP document managers do the same).
      if (endLine - startLine === added.length) for (let i = 0; i < added.length; i++) lineOffsets[startLine + 1 + i] = added[i];
      else if (added.length < 10000) lineOffsets.splice(startLine + 1, endLine - startLine, ...added);
      else lineOffsets = lineOffsets.slice(0, startLine + 1).concat(added, lineOffsets.slice(endLine + 1));
      if (delta !== 0) for (let i = startLine + 1 + added.length; i < lineOffsets.length; i++) lineOffsets[i] += delta;
    }
    this.content = text.toString();
    this.lineOffsets = linesKnown ? lineOffsets : lineStartsOf(this.content, 0, true);
    this.version = version;
    return edits;
  }
}

interface CharSource {
  readonly length: number;
  charCodeAt(offset: number): number;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** Moves an offset at a line's end back over its "\r", "\n" or "\r\n". */
function beforeEol(text: CharSource, offset: number, lineOffset: number): number {
  while (offset > lineOffset && isEol(text.charCodeAt(offset - 1))) offset--;
  return offset;
}

function positionIn(text: CharSource, lineOffsets: readonly number[], offset: number): Position {
  offset = Math.max(Math.min(offset, text.length), 0);
  let low = 0;
  let high = lineOffsets.length;
  if (high === 0) return { line: 0, character: offset };
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (lineOffsets[mid] > offset) high = mid;
    else low = mid + 1;
  }
  const line = low - 1;
  return { line, character: beforeEol(text, offset, lineOffsets[line]) - lineOffsets[line] };
}

function offsetIn(text: CharSource, lineOffsets: readonly number[], position: Position): number {
  if (position.line >= lineOffsets.length) return text.length;
  if (position.line < 0) return 0;
  const lineOffset = lineOffsets[position.line];
  if (position.character <= 0) return lineOffset;
  const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : text.length;
  return beforeEol(text, Math.min(lineOffset + position.character, nextLineOffset), lineOffset);
}
