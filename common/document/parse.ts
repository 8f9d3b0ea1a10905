/**
 * Parsing and the per-document facts every reader shares (language service, `check`, deploy and
 * start): the jsonc-parser tree, its plain value, the document kind, syntax errors in domain
 * words, and O(1) child lookups. A parse is cached per document version (see `DocumentCache`),
 * so a burst of requests on the same version (diagnostics, completion, hover ...) parses once.
 */
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError, ParseErrorCode } from 'jsonc-parser';
import type { JsonPath } from '../validate';
import { detectDocumentKind, type DocumentKind } from './envelope';
import { LineIndex, type TextPosition, type TextRange } from './lines';

/** What a parse needs of a text document; an LSP TextDocument is one. */
export interface SourceText {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** Deeper nesting is never a mitigation file (they need 7 levels) and would overflow recursive walkers. */
export const MAX_NESTING_DEPTH = 256;

export interface SyntaxIssue {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

export const SYNTAX_MESSAGES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'Unexpected text here: expected a JSON value, a property name in quotes, or a comment.',
  [ParseErrorCode.InvalidNumberFormat]: 'This is not a valid JSON number.',
  [ParseErrorCode.PropertyNameExpected]: 'Expected a property name in double quotes.',
  [ParseErrorCode.ValueExpected]: 'Expected a value after the colon.',
  [ParseErrorCode.ColonExpected]: 'Expected ":" after the property name.',
  [ParseErrorCode.CommaExpected]: 'Expected a comma between the entries.',
  [ParseErrorCode.CloseBraceExpected]: 'Expected "}" to close the object.',
  [ParseErrorCode.CloseBracketExpected]: 'Expected "]" to close the list.',
  [ParseErrorCode.EndOfFileExpected]: 'Unexpected text after the end of the document.',
  [ParseErrorCode.InvalidCommentToken]: 'Invalid comment.',
  [ParseErrorCode.UnexpectedEndOfComment]: 'This block comment is not closed with "*/".',
  [ParseErrorCode.UnexpectedEndOfString]: 'This string is not closed with a double quote.',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'This number is incomplete.',
  [ParseErrorCode.InvalidUnicode]: 'Invalid \\u escape: it needs four hexadecimal digits.',
  [ParseErrorCode.InvalidEscapeCharacter]: 'Invalid escape character in a string.',
  [ParseErrorCode.InvalidCharacter]: 'Invalid character in a string (control characters must be escaped).',
};

function syntaxIssue(error: ParseError): SyntaxIssue {
  return { offset: error.offset, length: error.length, message: SYNTAX_MESSAGES[error.error] ?? `Syntax error: ${printParseErrorCode(error.error)}.` };
}

/**
 * The deepest bracket nesting of a JSON-with-comments text and where it first passes `limit`.
 * A flat loop, so it cannot overflow the stack the way a recursive parser would.
 */
export function nestingDepth(text: string, limit: number): { depth: number; exceededAt?: number } {
  let depth = 0;
  let deepest = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      for (i++; i < length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c /* \ */) i++;
        else if (c === 0x22 || c === 0x0a || c === 0x0d) break;
      }
    } else if (ch === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      while (i < length && text.charCodeAt(i) !== 0x0a) i++;
    } else if (ch === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? length : end + 1;
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return { depth: deepest, exceededAt: i };
      }
    } else if ((ch === 0x7d /* } */ || ch === 0x5d) /* ] */ && depth > 0) {
      depth--;
    }
  }
  return { depth: deepest };
}

/**
 * A stand-in with the root's top-level keys (and shape of the root): the document kind is
 * decided by those keys alone, so the full value need not be built for it.
 */
function topLevelKeys(root: Node): unknown {
  if (root.type !== 'object') return root.type === 'array' ? [] : null;
  const keys: Record<string, true> = {};
  for (const property of root.children ?? []) {
    const key = property.children?.[0]?.value;
    if (typeof key === 'string') keys[key] = true;
  }
  return keys;
}

/** Property nodes of an object, keyed by name; the last duplicate wins, as in getNodeValue. */
type ChildIndex = Map<string, Node>;

export class MitigationDocument {
  readonly root: Node | undefined;
  readonly kind: DocumentKind;
  private plainValue: unknown;
  private plainValueReady = false;
  readonly syntaxIssues: readonly SyntaxIssue[];
  /** Nesting beyond MAX_NESTING_DEPTH: not analysed, and not formatted (its indentation alone would be huge). */
  readonly tooDeep: boolean;
  private readonly childIndexes = new WeakMap<Node, ChildIndex>();
  /** Results features may memoise for this version, e.g. validation problems. */
  readonly memo = new Map<string, unknown>();

  /** Snapshots: an LSP TextDocument is updated in place by the document manager. */
  readonly text: string;
  readonly version: number;
  readonly uri: string;

  /** Offset/position conversions of the snapshot, so they stay right across an `await`. */
  private readonly lines: LineIndex;

  constructor(source: SourceText) {
    const text = source.getText();
    this.text = text;
    this.version = source.version;
    this.uri = source.uri;
    this.lines = new LineIndex(text);
    const nesting = nestingDepth(text, MAX_NESTING_DEPTH);
    this.tooDeep = nesting.exceededAt !== undefined;
    if (nesting.exceededAt !== undefined) {
      this.root = undefined;
      this.kind = 'unknown';
      this.syntaxIssues = [{ offset: nesting.exceededAt, length: 1, message: `Nesting deeper than ${MAX_NESTING_DEPTH} levels: this is not a mitigation file and is not analysed further.` }];
      return;
    }
    const errors: ParseError[] = [];
    // A byte order mark (Windows editors) is no syntax error; a space keeps every offset in place.
    const parsable = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
    this.root = parseTree(parsable, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
    this.kind = this.root ? detectDocumentKind(topLevelKeys(this.root), source.uri) : 'unknown';
    this.syntaxIssues = errors.map(syntaxIssue);
  }

  /** The plain JSON value (built on first use: completion and hover rarely need it). */
  get value(): unknown {
    if (!this.plainValueReady) {
      this.plainValue = this.root ? getNodeValue(this.root) : undefined;
      this.plainValueReady = true;
    }
    return this.plainValue;
  }

  positionAt(offset: number): TextPosition {
    return this.lines.positionAt(offset);
  }

  offsetAt(position: TextPosition): number {
    return this.lines.offsetAt(position);
  }

  rangeOf(offset: number, length: number): TextRange {
    return { start: this.positionAt(offset), end: this.positionAt(offset + length) };
  }

  get lineCount(): number {
    return this.lines.lineCount;
  }

  /** The property node named `key` in an object node. */
  property(objectNode: Node | undefined, key: string): Node | undefined {
    if (!objectNode || objectNode.type !== 'object') return undefined;
    let index = this.childIndexes.get(objectNode);
    if (!index) {
      index = new Map();
      for (const child of objectNode.children ?? []) {
        const keyNode = child.children?.[0];
        if (keyNode && typeof keyNode.value === 'string') index.set(keyNode.value, child);
      }
      this.childIndexes.set(objectNode, index);
    }
    return index.get(key);
  }

  /** The value node at a JSON path, or undefined when any step is missing. */
  nodeAt(path: JsonPath): Node | undefined {
    let node = this.root;
    for (const segment of path) {
      if (!node) return undefined;
      if (typeof segment === 'number') {
        node = node.type === 'array' ? node.children?.[segment] : undefined;
      } else {
        node = this.property(node, segment)?.children?.[1];
      }
    }
    return node;
  }

  /** The property node (key and value) whose value sits at `path`; undefined for the root or list items. */
  propertyAt(path: JsonPath): Node | undefined {
    if (path.length === 0 || typeof path[path.length - 1] === 'number') return undefined;
    return this.property(this.nodeAt(path.slice(0, -1)), path[path.length - 1] as string);
  }

  /** The memoised result of `compute` for this version. */
  cached<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const result = compute();
    this.memo.set(key, result);
    return result;
  }
}

/** Parses at most once per document version; a few documents are kept (open editors). */
export class DocumentCache {
  private readonly entries = new Map<string, MitigationDocument>();

  constructor(private readonly capacity = 16) {}

  get(textDocument: SourceText): MitigationDocument {
    const cached = this.entries.get(textDocument.uri);
    // Same version and the very same text (a cheap reference comparison in practice).
    if (cached && cached.version === textDocument.version && cached.text === textDocument.getText()) {
      this.entries.delete(textDocument.uri);
      this.entries.set(textDocument.uri, cached);
      return cached;
    }
    const parsed = new MitigationDocument(textDocument);
    this.entries.delete(textDocument.uri);
    this.entries.set(textDocument.uri, parsed);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
