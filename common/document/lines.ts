/**
 * Zero-based line/character positions over a text, as LSP and vscode.Range count them (UTF-16
 * code units; "\r\n", "\r" and "\n" each end a line). common/ speaks these plain shapes so the
 * document model needs no editor library; they are the very shape of LSP's Position and Range.
 */
export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

export interface TextRange {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

function isLineBreak(code: number): boolean {
  return code === 0x0d || code === 0x0a;
}

/** What the conversions read of a text: a string, or a text still being edited in pieces. */
export interface CharSource {
  readonly length: number;
  charCodeAt(offset: number): number;
}

/** Offsets of the line starts in `text` (a "\r\n" is one break), each plus `base`; `base` itself first when `atLineStart`. */
export function lineStartsOf(text: string, base = 0, atLineStart = true): number[] {
  const starts = atLineStart ? [base] : [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isLineBreak(code)) continue;
    if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
    starts.push(base + i + 1);
  }
  return starts;
}

/** An offset never lands inside a line break: it is moved back to the end of its line's text. */
function beforeLineBreak(text: CharSource, offset: number, lineStart: number): number {
  while (offset > lineStart && isLineBreak(text.charCodeAt(offset - 1))) offset--;
  return offset;
}

/** The position of `offset` in a text with these line starts, clamped as an LSP text document clamps. */
export function positionIn(text: CharSource, starts: readonly number[], offset: number): TextPosition {
  const clamped = Math.max(Math.min(offset, text.length), 0);
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (starts[mid] > clamped) high = mid;
    else low = mid + 1;
  }
  const line = low - 1;
  return { line, character: beforeLineBreak(text, clamped, starts[line]) - starts[line] };
}

/** The offset of `position` in a text with these line starts, clamped as an LSP text document clamps. */
export function offsetIn(text: CharSource, starts: readonly number[], position: TextPosition): number {
  if (position.line >= starts.length) return text.length;
  if (position.line < 0) return 0;
  const lineStart = starts[position.line];
  if (position.character <= 0) return lineStart;
  const nextLineStart = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
  return beforeLineBreak(text, Math.min(lineStart + position.character, nextLineStart), lineStart);
}

/** The end of a line's text (before its line break), for a line that exists. */
export function lineTextEnd(text: CharSource, starts: readonly number[], line: number): number {
  const next = line + 1 < starts.length ? starts[line + 1] : text.length;
  return beforeLineBreak(text, next, starts[line]);
}

/** Line starts of a text, computed once; conversions clamp as an LSP text document does. */
export class LineIndex {
  private starts: number[] | undefined;

  /** `starts`: the text's line starts when already known (see reparse.ts). */
  constructor(private readonly text: string, starts?: number[]) {
    this.starts = starts;
  }

  /** The line starts, if they have been computed. */
  knownStarts(): readonly number[] | undefined {
    return this.starts;
  }

  private lineStarts(): number[] {
    this.starts ??= lineStartsOf(this.text);
    return this.starts;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  positionAt(offset: number): TextPosition {
    return positionIn(this.text, this.lineStarts(), offset);
  }

  offsetAt(position: TextPosition): number {
    return offsetIn(this.text, this.lineStarts(), position);
  }
}
