/**
 * What the cursor is on: a property name, a value, or a place where one may be typed. Works on
 * the error-tolerant jsonc-parser tree, so half-typed input (no colon yet, an unterminated string,
 * a bare word) still yields a context.
 */
import { SyntaxKind, createScanner, findNodeAtOffset, getNodePath, type Node } from 'jsonc-parser';
import type { JsonPath } from '../../common/validate';
import type { MitigationDocument } from '../../common/document/parse';

export interface Span {
  readonly offset: number;
  readonly length: number;
}

export interface KeyContext {
  readonly kind: 'key';
  /** The object the key belongs to (undefined for an empty document). */
  readonly objectNode: Node | undefined;
  readonly objectPath: JsonPath;
  /** The key string being edited, if the cursor is inside one. */
  readonly keyNode?: Node;
  /** Whether the property already has a colon (then only the name is replaced). */
  readonly hasColon: boolean;
  /** Text a completion replaces: the key string or the bare word at the cursor, never beyond the line. */
  readonly replace: Span;
}

export interface ValueContext {
  readonly kind: 'value';
  readonly path: JsonPath;
  readonly valueNode?: Node;
  readonly replace: Span;
}

export type CursorContext = KeyContext | ValueContext;

const WORD = /[A-Za-z0-9_\-$]/;

/** The bare (unquoted) word around the cursor on its line. */
function wordAt(text: string, offset: number): Span {
  let start = offset;
  while (start > 0 && WORD.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && WORD.test(text[end])) end++;
  return { offset: start, length: end - start };
}

function isClosed(text: string, node: Node): boolean {
  const last = text[node.offset + node.length - 1];
  switch (node.type) {
    case 'object':
      return last === '}';
    case 'array':
      return last === ']';
    case 'string':
      return node.length >= 2 && last === '"';
    default:
      return true;
  }
}

/** The part of a string node completion may replace: all of it, or up to the cursor when unterminated. */
function stringSpan(text: string, node: Node, offset: number): Span {
  return isClosed(text, node) ? { offset: node.offset, length: node.length } : { offset: node.offset, length: Math.max(offset, node.offset + 1) - node.offset };
}

export function pathOf(node: Node): JsonPath {
  return getNodePath(node);
}

/** Whether `offset` is inside a comment: a `//` earlier on its line outside strings, or an open block comment. */
function isInComment(text: string, offset: number): boolean {
  const blockStart = text.lastIndexOf('/*', offset - 2);
  if (blockStart >= 0 && text.lastIndexOf('*/', offset - 1) < blockStart + 2 && !isInString(text, blockStart)) return true;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let inString = false;
  for (let i = lineStart; i < offset - 1; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === '/' && text[i + 1] === '/') {
      return true;
    }
  }
  return false;
}

/** Whether `offset` is inside a string on its line (strings cannot span lines). */
function isInString(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let inString = false;
  for (let i = lineStart; i < offset; i++) {
    const ch = text[i];
    if (inString && ch === '\\') i++;
    else if (ch === '"') inString = !inString;
  }
  return inString;
}

export function cursorContext(doc: MitigationDocument, offset: number): CursorContext | undefined {
  const text = doc.text;
  if (isInComment(text, offset)) return undefined;
  if (!doc.root) {
    return text.trim() === '' || doc.syntaxIssues.length === 0 ? { kind: 'value', path: [], replace: wordAt(text, offset) } : undefined;
  }
  const node = findNodeAtOffset(doc.root, offset, true);
  if (!node) return undefined;
  const end = node.offset + node.length;
  // Right after a closed value: nothing to complete until a comma or a new line of input.
  if (offset === end && isClosed(text, node) && offset > node.offset) return undefined;
  const parent = node.parent;
  switch (node.type) {
    case 'string': {
      if (parent?.type === 'property' && parent.children?.[0] === node) {
        return {
          kind: 'key',
          objectNode: parent.parent,
          objectPath: parent.parent ? pathOf(parent.parent) : [],
          keyNode: node,
          hasColon: parent.colonOffset !== undefined,
          replace: stringSpan(text, node, offset),
        };
      }
      return { kind: 'value', path: pathOf(node), valueNode: node, replace: stringSpan(text, node, offset) };
    }
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: 'value', path: pathOf(node), valueNode: node, replace: { offset: node.offset, length: node.length } };
    case 'property': {
      if (parent === undefined || node.colonOffset === undefined || offset <= node.colonOffset) return undefined;
      const key = node.children?.[0]?.value;
      if (typeof key !== 'string') return undefined;
      return { kind: 'value', path: [...pathOf(parent), key], replace: wordAt(text, offset) };
    }
    case 'object':
      if (offset <= node.offset) return undefined;
      return { kind: 'key', objectNode: node, objectPath: pathOf(node), hasColon: false, replace: wordAt(text, offset) };
    case 'array': {
      if (offset <= node.offset) return undefined;
      const index = (node.children ?? []).filter((child) => child.offset + child.length <= offset).length;
      return { kind: 'value', path: [...pathOf(node), index], replace: wordAt(text, offset) };
    }
  }
}

/** The next significant character after `offset` (skipping whitespace and comments). */
export function nextSignificantChar(text: string, offset: number): string | undefined {
  let i = offset;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      i++;
    } else if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      return ch;
    }
  }
  return undefined;
}

/** The character before `offset`, skipping whitespace (comments before a cursor are rare enough to ignore). */
export function previousSignificantChar(text: string, offset: number): string | undefined {
  for (let i = offset - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch !== ' ' && ch !== '\t' && ch !== '\r' && ch !== '\n') return ch;
  }
  return undefined;
}

/**
 * Property names of the enclosing object that follow `offset`, read token by token (comments skipped)
 * up to the object's closing brace: unlike the tree, this sees past a half-typed entry.
 */
export function keysAfter(text: string, offset: number): string[] {
  const scanner = createScanner(text, true);
  scanner.setPosition(offset);
  const keys: string[] = [];
  let depth = 0;
  let pending: string | undefined;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) depth++;
    else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      if (--depth < 0) break;
    } else if (token === SyntaxKind.ColonToken && pending !== undefined && depth === 0) keys.push(pending);
    pending = token === SyntaxKind.StringLiteral ? scanner.getTokenValue() : undefined;
  }
  return keys;
}

/** The indentation of the line that holds `offset`. */
export function lineIndentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/** One indentation level as the document writes it (first indented line), two spaces otherwise. */
export function indentUnitOf(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text.slice(0, 10_000));
  return match ? match[1] : '  ';
}
