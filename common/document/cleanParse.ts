/**
 * A one-pass parser for the common case: a text without a single syntax error. It builds the
 * plain value `getNodeValue` would build and, instead of a tree, a flat table of where every value
 * lies (spanTable.ts), from which jsonc-parser's very tree (`parseTree` with PARSE_OPTIONS:
 * comments and trailing commas allowed; same node types, offsets, lengths, colon offsets,
 * children, parents and values) is built on first use. One pass over the text, without a
 * scanner's per-token bookkeeping and without a node object per token. On the first thing
 * jsonc-parser would report as an error it gives up, so the caller runs jsonc-parser, whose
 * messages and error recovery stay the only ones. test/common/cleanParse.test.ts compares both
 * on generated and mutated documents.
 */
import type { Node } from 'jsonc-parser';
import { MAX_NESTING_DEPTH } from './jsonSyntax';
import { SpanKind, SpanTableWriter, type SpanTable } from './spanTable';
import { MEMO_DEPTH } from './treeMemo';

export interface CleanValueParse {
  /** Undefined for a text of only whitespace and comments (jsonc-parser's empty content). */
  readonly value: unknown;
  /** Where each value lies; jsonc-parser's tree is built from it (undefined for an empty text). */
  readonly spans: SpanTable | undefined;
  /** Where each line starts, as LineIndex counts them: a clean text breaks lines only between tokens and in comments. */
  readonly lineStarts: number[];
}

export interface CleanParse {
  /** Undefined for a text of only whitespace and comments (jsonc-parser's empty content). */
  readonly root: Node | undefined;
  readonly value: unknown;
  /** The containers of the top MEMO_DEPTH levels, their values and whether no object in them repeats a key, index for index (see TreeMemo). */
  readonly shallowNodes: readonly Node[];
  readonly shallowValues: readonly unknown[];
  readonly shallowFreeOfDuplicates: readonly boolean[];
  readonly lineStarts: number[];
}

/** Thrown (one shared object, no stack) at the first syntax error. */
const GIVE_UP = { reason: 'not a clean JSON-with-comments text' };

const enum Code {
  Tab = 0x09,
  LineFeed = 0x0a,
  CarriageReturn = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Asterisk = 0x2a,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Slash = 0x2f,
  Zero = 0x30,
  Nine = 0x39,
  Colon = 0x3a,
  UpperE = 0x45,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  LowerE = 0x65,
  LowerF = 0x66,
  LowerN = 0x6e,
  LowerT = 0x74,
  LowerU = 0x75,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

const isDigit = (code: number) => code >= Code.Zero && code <= Code.Nine;

/** What may follow `true`, `false` or `null` in jsonc-parser's scanner without making one unknown word of them. */
function endsWord(code: number): boolean {
  switch (code) {
    case Code.Space:
    case Code.Tab:
    case Code.LineFeed:
    case Code.CarriageReturn:
    case Code.OpenBrace:
    case Code.CloseBrace:
    case Code.OpenBracket:
    case Code.CloseBracket:
    case Code.Quote:
    case Code.Colon:
    case Code.Comma:
    case Code.Slash:
      return true;
    default:
      return Number.isNaN(code); // the end of the text
  }
}

/** The value of one hexadecimal digit, or -1. */
function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

/**
 * One builder parses every clean text in turn (a parse never re-enters). One long-lived object
 * keeps its hidden class alive: a new builder per text would get a new class after each full
 * garbage collection, which drops V8's type feedback for it, and the optimised parser would then
 * bail out on every path this text takes for the first time (e.g. the first list of two items).
 */
class ValueBuilder {
  private text = '';
  private pos = 0;
  private lineStarts: number[] = [0];
  private readonly spans = new SpanTableWriter();
  /** Repeated keys seen so far: a container whose subtree added none is free of them. */
  private duplicates = 0;

  parseDocument(text: string): CleanValueParse {
    try {
      return this.parseText(text);
    } finally {
      // Keep nothing of this text alive until the next parse.
      this.text = '';
      this.lineStarts = [0];
      this.spans.release();
    }
  }

  private parseText(text: string): CleanValueParse {
    this.text = text;
    this.pos = 0;
    this.lineStarts = [0];
    this.duplicates = 0;
    this.spans.start(text.length);
    this.skipTrivia();
    if (this.pos >= this.text.length) return { value: undefined, spans: undefined, lineStarts: this.lineStarts };
    const value = this.parseValue(1);
    this.skipTrivia();
    if (this.pos < this.text.length) throw GIVE_UP;
    return { value, spans: this.spans.done(value), lineStarts: this.lineStarts };
  }

  /** Spaces, tabs, line breaks and comments, as jsonc-parser's scanner reads them as trivia. */
  private skipTrivia(): void {
    const text = this.text;
    const length = text.length;
    let pos = this.pos;
    while (pos < length) {
      const code = text.charCodeAt(pos);
      if (code === Code.Space || code === Code.Tab) {
        pos++;
      } else if (code === Code.LineFeed || code === Code.CarriageReturn) {
        pos = this.lineBreak(pos);
      } else if (code === Code.Slash) {
        const next = text.charCodeAt(pos + 1);
        if (next === Code.Slash) {
          pos += 2;
          while (pos < length) {
            const c = text.charCodeAt(pos);
            if (c === Code.LineFeed || c === Code.CarriageReturn) break;
            pos++;
          }
        } else if (next === Code.Asterisk) {
          const end = text.indexOf('*/', pos + 2);
          if (end < 0) throw GIVE_UP;
          for (pos += 2; pos < end; ) {
            const c = text.charCodeAt(pos);
            pos = c === Code.LineFeed || c === Code.CarriageReturn ? this.lineBreak(pos) : pos + 1;
          }
          pos = end + 2;
        } else {
          throw GIVE_UP;
        }
      } else {
        break;
      }
    }
    this.pos = pos;
  }

  /** Notes the line that starts after the break at `pos` ("\r\n" is one break); returns that start. */
  private lineBreak(pos: number): number {
    const next = this.text.charCodeAt(pos) === Code.CarriageReturn && this.text.charCodeAt(pos + 1) === Code.LineFeed ? pos + 2 : pos + 1;
    this.lineStarts.push(next);
    return next;
  }

  /** The value at `pos`, its entry in the table written; `pos` ends after it. */
  private parseValue(depth: number): unknown {
    const offset = this.pos;
    const index = this.spans.open(offset);
    const code = this.text.charCodeAt(offset);
    let kind: SpanKind;
    let value: unknown;
    switch (code) {
      case Code.OpenBrace:
        kind = SpanKind.Object;
        value = this.parseObject(index, depth);
        break;
      case Code.OpenBracket:
        kind = SpanKind.Array;
        value = this.parseArray(index, depth);
        break;
      case Code.Quote:
        kind = SpanKind.String;
        value = this.parseString();
        break;
      case Code.LowerT:
        kind = SpanKind.Boolean;
        value = this.parseWord('true', true);
        break;
      case Code.LowerF:
        kind = SpanKind.Boolean;
        value = this.parseWord('false', false);
        break;
      case Code.LowerN:
        kind = SpanKind.Null;
        value = this.parseWord('null', null);
        break;
      default:
        if (code !== Code.Minus && !isDigit(code)) throw GIVE_UP;
        kind = SpanKind.Number;
        value = this.parseNumber();
    }
    this.spans.finish(index, kind, this.pos);
    return value;
  }

  private parseWord<T extends boolean | null>(word: string, value: T): T {
    const offset = this.pos;
    if (!this.text.startsWith(word, offset) || !endsWord(this.text.charCodeAt(offset + word.length))) throw GIVE_UP;
    this.pos = offset + word.length;
    return value;
  }

  /** A number as jsonc-parser scans it: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? and nothing incomplete. */
  private parseNumber(): number {
    const text = this.text;
    const offset = this.pos;
    let pos = offset;
    if (text.charCodeAt(pos) === Code.Minus) pos++;
    const first = text.charCodeAt(pos);
    if (!isDigit(first)) throw GIVE_UP;
    pos++;
    if (first !== Code.Zero) while (isDigit(text.charCodeAt(pos))) pos++;
    if (text.charCodeAt(pos) === Code.Dot) {
      pos++;
      if (!isDigit(text.charCodeAt(pos))) throw GIVE_UP;
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    const exponent = text.charCodeAt(pos);
    if (exponent === Code.LowerE || exponent === Code.UpperE) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === Code.Plus || sign === Code.Minus) pos++;
      if (!isDigit(text.charCodeAt(pos))) throw GIVE_UP;
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    this.pos = pos;
    return Number(text.slice(offset, pos));
  }

  /** The string at `pos` (its opening quote), decoded; `pos` ends after the closing quote. */
  private parseString(): string {
    const text = this.text;
    const length = text.length;
    let pos = this.pos + 1;
    let start = pos;
    let result = '';
    for (;;) {
      if (pos >= length) throw GIVE_UP;
      const code = text.charCodeAt(pos);
      if (code === Code.Quote) break;
      if (code < 0x20) throw GIVE_UP;
      if (code !== Code.Backslash) {
        pos++;
        continue;
      }
      result += text.slice(start, pos);
      const escaped = text.charCodeAt(pos + 1);
      pos += 2;
      switch (escaped) {
        case Code.Quote:
          result += '"';
          break;
        case Code.Backslash:
          result += '\\';
          break;
        case Code.Slash:
          result += '/';
          break;
        case 0x62 /* b */:
          result += '\b';
          break;
        case Code.LowerF:
          result += '\f';
          break;
        case Code.LowerN:
          result += '\n';
          break;
        case 0x72 /* r */:
          result += '\r';
          break;
        case Code.LowerT:
          result += '\t';
          break;
        case Code.LowerU: {
          let unit = 0;
          for (let i = 0; i < 4; i++) {
            const digit = hexDigit(text.charCodeAt(pos + i));
            if (digit < 0) throw GIVE_UP;
            unit = unit * 16 + digit;
          }
          pos += 4;
          result += String.fromCharCode(unit);
          break;
        }
        default:
          throw GIVE_UP;
      }
      start = pos;
    }
    this.pos = pos + 1;
    return result + text.slice(start, pos);
  }

  private enter(depth: number): void {
    if (depth > MAX_NESTING_DEPTH) throw GIVE_UP;
  }

  /** The containers of the top levels note whether their subtree repeats a key (see TreeMemo). */
  private noteDuplicates(index: number, depth: number, duplicatesBefore: number): void {
    if (depth <= MEMO_DEPTH) this.spans.freeOfDuplicates(index, this.duplicates === duplicatesBefore);
  }

  private parseObject(index: number, depth: number): Record<string, unknown> {
    this.enter(depth);
    const text = this.text;
    const spans = this.spans;
    // A literal freed of its prototype keeps fast properties (a null-prototype object from Object.create(null) is a dictionary from the start): smaller, and faster to fill and to read.
    const value: Record<string, unknown> = {};
    Object.setPrototypeOf(value, null);
    const duplicatesBefore = this.duplicates;
    this.pos++;
    this.skipTrivia();
    while (text.charCodeAt(this.pos) !== Code.CloseBrace) {
      const keyOffset = this.pos;
      if (text.charCodeAt(keyOffset) !== Code.Quote) throw GIVE_UP;
      const key = this.parseString();
      const keyLength = this.pos - keyOffset;
      this.skipTrivia();
      const colonOffset = this.pos;
      if (text.charCodeAt(colonOffset) !== Code.Colon) throw GIVE_UP;
      this.pos++;
      this.skipTrivia();
      const member = spans.count;
      const memberValue = this.parseValue(depth + 1);
      spans.key(member, key, keyOffset, keyLength, colonOffset);
      if (key in value) {
        this.duplicates++;
        spans.repeatedKey(index, member, value[key]);
      }
      value[key] = memberValue;
      this.skipTrivia();
      const next = text.charCodeAt(this.pos);
      if (next === Code.Comma) {
        this.pos++;
        this.skipTrivia();
      } else if (next !== Code.CloseBrace) {
        throw GIVE_UP;
      }
    }
    this.pos++;
    this.noteDuplicates(index, depth, duplicatesBefore);
    return value;
  }

  private parseArray(index: number, depth: number): unknown[] {
    this.enter(depth);
    const text = this.text;
    const value: unknown[] = [];
    const duplicatesBefore = this.duplicates;
    this.pos++;
    this.skipTrivia();
    while (text.charCodeAt(this.pos) !== Code.CloseBracket) {
      value.push(this.parseValue(depth + 1));
      this.skipTrivia();
      const next = text.charCodeAt(this.pos);
      if (next === Code.Comma) {
        this.pos++;
        this.skipTrivia();
      } else if (next !== Code.CloseBracket) {
        throw GIVE_UP;
      }
    }
    this.pos++;
    this.noteDuplicates(index, depth, duplicatesBefore);
    return value;
  }
}

/**
 * The value of `text` and where its values lie, when it has no syntax error and nests at most
 * MAX_NESTING_DEPTH levels; undefined otherwise (then jsonc-parser's parseTree gives the tree and
 * the errors).
 */
const builder = new ValueBuilder();

export function parseCleanValue(text: string): CleanValueParse | undefined {
  try {
    return builder.parseDocument(text);
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

/** parseCleanValue with jsonc-parser's tree built at once (what test/common/cleanParse.test.ts compares with parseTree). */
export function parseCleanTree(text: string): CleanParse | undefined {
  const parsed = parseCleanValue(text);
  if (!parsed) return undefined;
  if (!parsed.spans) return { root: undefined, value: undefined, shallowNodes: [], shallowValues: [], shallowFreeOfDuplicates: [], lineStarts: parsed.lineStarts };
  return { ...parsed.spans.buildTree(), value: parsed.value, lineStarts: parsed.lineStarts };
}
