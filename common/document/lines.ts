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
    if (this.starts) return this.starts;
    const starts = [0];
    const text = this.text;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (!isLineBreak(code)) continue;
      if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      starts.push(i + 1);
    }
    this.starts = starts;
    return starts;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  /** An offset never lands inside a line break: it is moved back to the end of its line's text. */
  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart && isLineBreak(this.text.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  positionAt(offset: number): TextPosition {
    const clamped = Math.max(Math.min(offset, this.text.length), 0);
    const starts = this.lineStarts();
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (starts[mid] > clamped) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    return { line, character: this.beforeLineBreak(clamped, starts[line]) - starts[line] };
  }

  offsetAt(position: TextPosition): number {
    const starts = this.lineStarts();
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line];
    if (position.character <= 0) return lineStart;
    const nextLineStart = position.line + 1 < starts.length ? starts[position.line + 1] : this.text.length;
    return this.beforeLineBreak(Math.min(lineStart + position.character, nextLineStart), lineStart);
  }
}
