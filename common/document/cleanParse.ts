/**
 * A one-pass parser for the common case: a text without a single syntax error. It builds the very
 * tree jsonc-parser's `parseTree` builds (same node types, offsets, lengths, colon offsets,
 * children, parents and values, with PARSE_OPTIONS: comments and trailing commas allowed) and the
 * plain value `getNodeValue` would build, in one pass over the text and without a scanner's
 * per-token bookkeeping. On the first thing jsonc-parser would report as an error it gives up,
 * so the caller runs jsonc-parser, whose messages and error recovery stay the only ones.
 * test/common/cleanParse.test.ts compares both on generated and mutated documents.
 */
import type { Node } from 'jsonc-parser';
import { MAX_NESTING_DEPTH } from './jsonSyntax';
import { MEMO_DEPTH } from './treeMemo';

export interface CleanParse {
  /** Undefined for a text of only whitespace and comments (jsonc-parser's empty content). */
  readonly root: Node | undefined;
  readonly value: unknown;
  /** The containers of the top MEMO_DEPTH levels, their values and whether no object in them repeats a key, index for index (see TreeMemo). */
  readonly shallowNodes: readonly Node[];
  readonly shallowValues: readonly unknown[];
  readonly shallowFreeOfDuplicates: readonly boolean[];
  /** Where each line starts, as LineIndex counts them: a clean text breaks lines only between tokens and in comments. */
  readonly lineStarts: number[];
}

/** jsonc-parser's nodes are read-only to its users; this module builds them. */
type BuiltNode = { -readonly [K in keyof Node]: Node[K] };

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

class TreeBuilder {
  private pos = 0;
  /** The plain value of the node the last parse call returned. */
  private value: unknown;
  readonly shallowNodes: Node[] = [];
  readonly shallowValues: unknown[] = [];
  readonly shallowFreeOfDuplicates: boolean[] = [];
  readonly lineStarts: number[] = [0];
  /** Repeated keys seen so far: a container whose subtree added none is free of them. */
  private duplicates = 0;

  constructor(private readonly text: string) {}

  parseDocument(): CleanParse {
    this.skipTrivia();
    if (this.pos >= this.text.length) return { root: undefined, value: undefined, shallowNodes: [], shallowValues: [], shallowFreeOfDuplicates: [], lineStarts: this.lineStarts };
    const root = this.parseValue(undefined, 1);
    const value = this.value;
    this.skipTrivia();
    if (this.pos < this.text.length) throw GIVE_UP;
    // parseTree's root has no parent property at all.
    delete root.parent;
    return { root, value, shallowNodes: this.shallowNodes, shallowValues: this.shallowValues, shallowFreeOfDuplicates: this.shallowFreeOfDuplicates, lineStarts: this.lineStarts };
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

  private parseValue(parent: Node | undefined, depth: number): BuiltNode {
    const code = this.text.charCodeAt(this.pos);
    switch (code) {
      case Code.OpenBrace:
        return this.parseObject(parent, depth);
      case Code.OpenBracket:
        return this.parseArray(parent, depth);
      case Code.Quote: {
        const offset = this.pos;
        const value = this.parseString();
        this.value = value;
        return { type: 'string', offset, length: this.pos - offset, parent, value };
      }
      case Code.LowerT:
        return this.parseWord('true', true, parent);
      case Code.LowerF:
        return this.parseWord('false', false, parent);
      case Code.LowerN:
        return this.parseWord('null', null, parent);
      default:
        if (code === Code.Minus || isDigit(code)) return this.parseNumber(parent);
        throw GIVE_UP;
    }
  }

  private parseWord(word: string, value: boolean | null, parent: Node | undefined): BuiltNode {
    const offset = this.pos;
    if (!this.text.startsWith(word, offset) || !endsWord(this.text.charCodeAt(offset + word.length))) throw GIVE_UP;
    this.pos = offset + word.length;
    this.value = value;
    return { type: value === null ? 'null' : 'boolean', offset, length: word.length, parent, value };
  }

  /** A number as jsonc-parser scans it: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? and nothing incomplete. */
  private parseNumber(parent: Node | undefined): BuiltNode {
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
    const value = Number(text.slice(offset, pos));
    this.value = value;
    return { type: 'number', offset, length: pos - offset, parent, value };
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

  /** Containers of the top levels are remembered with their values, as TreeMemo.valueOf would. */
  private remember(node: Node, value: unknown, depth: number, duplicatesBefore: number): void {
    if (depth > MEMO_DEPTH) return;
    this.shallowNodes.push(node);
    this.shallowValues.push(value);
    this.shallowFreeOfDuplicates.push(this.duplicates === duplicatesBefore);
  }

  private parseObject(parent: Node | undefined, depth: number): BuiltNode {
    this.enter(depth);
    const text = this.text;
    const children: Node[] = [];
    const node: BuiltNode = { type: 'object', offset: this.pos, length: -1, parent, children };
    const value: Record<string, unknown> = Object.create(null);
    const duplicatesBefore = this.duplicates;
    this.pos++;
    this.skipTrivia();
    while (text.charCodeAt(this.pos) !== Code.CloseBrace) {
      const keyOffset = this.pos;
      if (text.charCodeAt(keyOffset) !== Code.Quote) throw GIVE_UP;
      const key = this.parseString();
      const keyChildren: Node[] = [];
      const property: BuiltNode = { type: 'property', offset: keyOffset, length: -1, parent: node, children: keyChildren, colonOffset: -1 };
      keyChildren.push({ type: 'string', value: key, offset: keyOffset, length: this.pos - keyOffset, parent: property });
      this.skipTrivia();
      if (text.charCodeAt(this.pos) !== Code.Colon) throw GIVE_UP;
      property.colonOffset = this.pos;
      this.pos++;
      this.skipTrivia();
      const valueNode = this.parseValue(property, depth + 1);
      keyChildren.push(valueNode);
      property.length = valueNode.offset + valueNode.length - keyOffset;
      if (key in value) this.duplicates++;
      value[key] = this.value;
      children.push(property);
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
    node.length = this.pos - node.offset;
    this.remember(node, value, depth, duplicatesBefore);
    this.value = value;
    return node;
  }

  private parseArray(parent: Node | undefined, depth: number): BuiltNode {
    this.enter(depth);
    const text = this.text;
    const children: Node[] = [];
    const node: BuiltNode = { type: 'array', offset: this.pos, length: -1, parent, children };
    const value: unknown[] = [];
    const duplicatesBefore = this.duplicates;
    this.pos++;
    this.skipTrivia();
    while (text.charCodeAt(this.pos) !== Code.CloseBracket) {
      children.push(this.parseValue(node, depth + 1));
      value.push(this.value);
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
    node.length = this.pos - node.offset;
    this.remember(node, value, depth, duplicatesBefore);
    this.value = value;
    return node;
  }
}

/**
 * The tree and value of `text` when it has no syntax error and nests at most MAX_NESTING_DEPTH
 * levels; undefined otherwise (then jsonc-parser's parseTree gives the tree and the errors).
 */
export function parseCleanTree(text: string): CleanParse | undefined {
  try {
    return new TreeBuilder(text).parseDocument();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}
