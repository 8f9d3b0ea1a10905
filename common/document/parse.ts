/**
 * Parsing and the per-document facts every reader shares (language service, `check`, deploy and
 * start): the jsonc-parser tree, its plain value, the document kind, syntax errors in domain
 * words, and O(1) child lookups. A parse is cached per document version (see `DocumentCache`),
 * so a burst of requests on the same version (diagnostics, completion, hover ...) parses once.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError, ParseErrorCode } from 'jsonc-parser';
import type { JsonPath } from '../validate';
import { parseCleanValue } from './cleanParse';
import { detectDocumentKind, type DocumentKind } from './envelope';
import { MAX_NESTING_DEPTH, PARSE_OPTIONS, nestingDepth } from './jsonSyntax';
import { LineIndex, type TextPosition, type TextRange } from './lines';
import type { NodePlace, SpanTable } from './spanTable';
import { reparse, relocateLineStarts, type TextChange } from './reparse';
import { TreeMemo } from './treeMemo';

export { MAX_NESTING_DEPTH, nestingDepth } from './jsonSyntax';
export type { TextChange } from './reparse';

/** What a parse needs of a text document; an LSP TextDocument is one. */
export interface SourceText {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

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

/** The key string of the property that holds `node`, if any. */
export function keyNodeOf(node: Node): Node | undefined {
  return node.parent?.type === 'property' && node.parent.children?.[1] === node ? node.parent.children[0] : undefined;
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

export class MitigationDocument {
  readonly kind: DocumentKind;
  readonly syntaxIssues: readonly SyntaxIssue[];
  /** Nesting beyond MAX_NESTING_DEPTH: not analysed, and not formatted (its indentation alone would be huge). */
  readonly tooDeep: boolean;
  /** Results features may memoise for this version, e.g. validation problems. */
  readonly memo = new Map<string, unknown>();
  /**
   * Facts about nodes that carry over to the next version when it is re-parsed incrementally,
   * and features' state that lives as long as the document (see TreeMemo).
   */
  readonly nodeFacts: TreeMemo;

  /** Snapshots: an LSP TextDocument is updated in place by the document manager. */
  readonly text: string;
  readonly version: number;
  readonly uri: string;

  /** Offset/position conversions of the snapshot, so they stay right across an `await`. */
  private readonly lines: LineIndex;
  /**
   * The tree, once built (a clean text's is built from `spans` on first use); after an
   * incremental re-parse some of its offsets may lag behind (see PendingShifts).
   */
  private tree: Node | undefined;
  /** A clean text's value and where its values lie, until the tree is built from them. */
  private spans: SpanTable | undefined;

  /**
   * Parses `source`; `reused` is a tree of this very text that an incremental re-parse built
   * from the previous version's, with that version's node facts.
   */
  constructor(source: SourceText, reused?: { root: Node; nodeFacts: TreeMemo; lineStarts?: number[] }) {
    const text = source.getText();
    this.text = text;
    this.version = source.version;
    this.uri = source.uri;
    this.nodeFacts = reused?.nodeFacts ?? new TreeMemo();
    if (reused) {
      this.lines = new LineIndex(text, reused.lineStarts);
      this.tooDeep = false;
      this.tree = reused.root;
      this.kind = detectDocumentKind(topLevelKeys(reused.root), source.uri);
      this.syntaxIssues = [];
      return;
    }
    // A byte order mark (Windows editors) is no syntax error; a space keeps every offset in place.
    const parsable = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
    // Most versions parse cleanly: one pass builds the value and where each value lies, and
    // the tree waits until a feature asks for it (diagnostics need only the value and a few
    // places). Only a text with an error takes jsonc-parser's path, for its messages and its
    // error recovery.
    const clean = parseCleanValue(parsable);
    this.lines = new LineIndex(text, clean?.lineStarts);
    if (clean) {
      this.tooDeep = false;
      this.spans = clean.spans;
      // The kind is decided by the root's keys, which its plain value has.
      this.kind = clean.spans ? detectDocumentKind(clean.value, source.uri) : 'unknown';
      this.syntaxIssues = [];
      return;
    }
    const nesting = nestingDepth(text, MAX_NESTING_DEPTH);
    this.tooDeep = nesting.exceededAt !== undefined;
    if (nesting.exceededAt !== undefined) {
      this.tree = undefined;
      this.kind = 'unknown';
      this.syntaxIssues = [{ offset: nesting.exceededAt, length: 1, message: `Nesting deeper than ${MAX_NESTING_DEPTH} levels: this is not a mitigation file and is not analysed further.` }];
      return;
    }
    const errors: ParseError[] = [];
    this.tree = parseTree(parsable, errors, PARSE_OPTIONS);
    this.kind = this.tree ? detectDocumentKind(topLevelKeys(this.tree), source.uri) : 'unknown';
    this.syntaxIssues = errors.map(syntaxIssue);
  }

  /** Builds the tree now if it waits to be built (see `root`). */
  buildTree(): void {
    if (!this.spans) return;
    const built = this.spans.buildTree();
    this.nodeFacts.rememberParsed(built.shallowNodes, built.shallowValues, built.shallowFreeOfDuplicates);
    this.tree = built.root;
    this.spans = undefined;
  }

  /** True when no object of the text repeats a key, as far as known without walking the tree. */
  get knownFreeOfDuplicateKeys(): boolean {
    if (this.spans) return !this.spans.repeatsKeys;
    return this.tree !== undefined && this.nodeFacts.knownFreeOfDuplicates(this.tree) === true;
  }

  /**
   * The next version after `changes`, re-parsed incrementally from this one, or undefined when
   * only a full parse is exact. On success this version's tree becomes the new version's: this
   * document must not be read any more.
   */
  static afterChanges(previous: MitigationDocument, source: SourceText, changes: readonly TextChange[]): MitigationDocument | undefined {
    previous.buildTree();
    if (!previous.tree || previous.tooDeep || previous.syntaxIssues.length || !changes.length) return undefined;
    const text = source.getText();
    const expectedLength = changes.reduce((length, change) => length - change.removed + change.inserted, previous.text.length);
    if (expectedLength !== text.length) return undefined;
    const reparsed = reparse(previous.tree, text, changes, previous.nodeFacts.shifts);
    if (!reparsed) return undefined;
    for (const node of reparsed.changed) previous.nodeFacts.forget(node, reparsed.rebuilt.has(node) ? 'children' : 'content');
    const oldStarts = previous.lines.knownStarts();
    const lineStarts = oldStarts && relocateLineStarts(oldStarts, reparsed.spans, text);
    return new MitigationDocument(source, { root: previous.tree, nodeFacts: previous.nodeFacts, lineStarts });
  }

  /**
   * jsonc-parser's tree of the text with every offset in place (built first if it waits to be,
   * settled if an incremental re-parse left offsets to move); undefined for a text of only
   * whitespace and comments, or nested too deep.
   */
  get root(): Node | undefined {
    this.buildTree();
    this.nodeFacts.shifts.settleAll();
    return this.tree;
  }

  /** Whether the text parsed to a tree (`root` is defined), without building or settling it. */
  get hasTree(): boolean {
    return this.spans !== undefined || this.tree !== undefined;
  }

  /** The tree for walks that read no offsets but those of nodes they `settle` first (see PendingShifts). */
  get unsettledRoot(): Node | undefined {
    this.buildTree();
    return this.tree;
  }

  /** Brings the children of `node` to their offsets, for readers of `unsettledRoot`. */
  settle(node: Node): void {
    this.nodeFacts.shifts.settle(node);
  }

  /** The plain JSON value (built on first use: completion and hover rarely need it). */
  get value(): unknown {
    if (this.spans) return this.spans.value;
    return this.tree ? this.nodeFacts.valueOf(this.tree) : undefined;
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
    return this.nodeFacts.indexOf(objectNode).get(key);
  }

  /** The value node at a JSON path, or undefined when any step is missing; its subtree's offsets are in place. */
  nodeAt(path: JsonPath): Node | undefined {
    const node = this.placedNodeAt(path);
    if (node) this.nodeFacts.shifts.settleSubtree(node);
    return node;
  }

  /**
   * nodeAt(path) with only its own offsets and its key's in place, not its descendants': enough
   * to draw a range, and a problem about a whole section settles none of it.
   */
  placedNodeAt(path: JsonPath): Node | undefined {
    this.buildTree();
    let node = this.tree;
    for (const segment of path) {
      if (!node) return undefined;
      node = this.placedChild(node, segment);
    }
    return node;
  }

  /** The child of `node` at `segment`, with its own offsets and its key's in place. */
  private placedChild(node: Node, segment: string | number): Node | undefined {
    const shifts = this.nodeFacts.shifts;
    shifts.settle(node);
    if (typeof segment === 'number') return node.type === 'array' ? node.children?.[segment] : undefined;
    const property = this.property(node, segment);
    if (property) shifts.settle(property);
    return property?.children?.[1];
  }

  /**
   * Where the deepest existing value along `path` lies (the whole path's when it exists), and
   * its key's place for a property's value: read from the parse's table while the tree is not
   * built, so diagnostics need no tree.
   */
  placeAt(path: JsonPath): NodePlace | undefined {
    if (this.spans) return this.spans.placeAt(path);
    const node = this.placedAlong(path);
    if (!node) return undefined;
    const key = keyNodeOf(node);
    return key ? { type: node.type, offset: node.offset, length: node.length, key: { offset: key.offset, length: key.length } } : { type: node.type, offset: node.offset, length: node.length };
  }

  /**
   * The deepest existing node along `path` with its own offsets and its key's in place (as
   * placedNodeAt places them), remembered per version by path: a kept problem keeps its path
   * array, and diagnostics ask where each problem is more than once.
   */
  private placedAlong(path: JsonPath): Node | undefined {
    const places = this.cached('placesAlong', () => new Map<JsonPath, Node | undefined>());
    if (places.has(path)) return places.get(path);
    let node = this.tree;
    for (const segment of path) {
      const next = node && this.placedChild(node, segment);
      if (!next) break;
      node = next;
    }
    places.set(path, node);
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

/** Edits noted for a document since the version the cache holds, in the order they were made. */
interface NotedChanges {
  readonly fromVersion: number;
  toVersion: number;
  readonly changes: TextChange[];
}

/** The one change between two texts: what lies between their common prefix and common suffix. */
function differenceOf(before: string, after: string): TextChange {
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < shortest - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { offset: start, removed: before.length - tail - start, inserted: after.length - tail - start };
}

/**
 * Parses at most once per document version; a few documents are kept (open editors). A new
 * version of a cached document is re-parsed incrementally when it can be: from the edits noted
 * for it (the language server notes every change it receives), else from the one stretch that
 * differs between the two texts.
 */
export class DocumentCache {
  private readonly entries = new Map<string, MitigationDocument>();
  private readonly noted = new Map<string, NotedChanges>();

  constructor(private readonly capacity = 16) {}

  get(textDocument: SourceText): MitigationDocument {
    const cached = this.entries.get(textDocument.uri);
    const text = textDocument.getText();
    // Same version and the very same text (a cheap reference comparison in practice).
    if (cached && cached.version === textDocument.version && cached.text === text) {
      this.entries.delete(textDocument.uri);
      this.entries.set(textDocument.uri, cached);
      return cached;
    }
    const parsed = (cached && this.reparsed(cached, textDocument, text)) ?? new MitigationDocument(textDocument);
    this.noted.delete(textDocument.uri);
    this.entries.delete(textDocument.uri);
    this.entries.set(textDocument.uri, parsed);
    while (this.entries.size > this.capacity) this.delete(this.entries.keys().next().value as string);
    return parsed;
  }

  private reparsed(cached: MitigationDocument, textDocument: SourceText, text: string): MitigationDocument | undefined {
    const noted = this.noted.get(textDocument.uri);
    const changes = noted && noted.fromVersion === cached.version && noted.toVersion === textDocument.version ? noted.changes : [differenceOf(cached.text, text)];
    return MitigationDocument.afterChanges(cached, textDocument, changes);
  }

  /** Notes the edits that made version `toVersion` of a document from version `fromVersion`. */
  noteChanges(uri: string, fromVersion: number, toVersion: number, changes: readonly TextChange[]): void {
    const noted = this.noted.get(uri);
    if (noted && noted.toVersion === fromVersion) {
      noted.changes.push(...changes);
      noted.toVersion = toVersion;
    } else {
      this.noted.set(uri, { fromVersion, toVersion, changes: [...changes] });
    }
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.noted.delete(uri);
  }

  clear(): void {
    this.entries.clear();
    this.noted.clear();
  }
}
