/**
 * Edits of a mitigation file's `suppressions` list that keep its comments and formatting
 * (jsonc-parser's modify, which formats only what it inserts): append one suppression, creating
 * the list when the file has none, and remove the one naming a check and resource. A suppression
 * is named by its check and resource identifier, as CreateAuditSuppression names it.
 */
import { modify, parseTree, findNodeAtLocation, getNodeValue, type Edit, type FormattingOptions } from 'jsonc-parser';
import { canonicalJson } from './json';

/** One replacement of the text: `length` characters at `offset` become `content`. */
export type TextEdit = Edit;

/** One resource identifier as a stable string: members sorted, unset ones left out. */
export function resourceIdentifierKey(identifier: unknown): string {
  return canonicalJson(identifier ?? {});
}

/** A suppression as the file writes it (common/documentModel.ts ModelSuppression). */
export interface SuppressionEntry {
  readonly checkName: string;
  readonly resourceIdentifier: Record<string, unknown>;
  readonly expirationDate?: string;
  readonly suppressIndefinitely?: boolean;
  readonly description: string;
}

/** The file's indentation, read from its first indented line (two spaces when it has none). */
export function detectFormatting(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 4, eol } : { insertSpaces: true, tabSize: indent.length, eol };
}

function rootOf(text: string) {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (root?.type !== 'object') throw new Error('The mitigation file is not a JSON object: fix it before adding a suppression.');
  return root;
}

/** Where the file's list names this check and resource, or -1. */
export function suppressionIndex(text: string, checkName: string, resourceIdentifier: unknown): number {
  const list = findNodeAtLocation(rootOf(text), ['suppressions']);
  if (list?.type !== 'array') return -1;
  const key = resourceIdentifierKey(resourceIdentifier);
  return (list.children ?? []).findIndex((item) => {
    const value = getNodeValue(item) as { checkName?: unknown; resourceIdentifier?: unknown } | null;
    return value?.checkName === checkName && resourceIdentifierKey(value.resourceIdentifier) === key;
  });
}

/** Appends `entry` to the `suppressions` list (created when missing); refuses one the file already has. */
export function appendSuppression(text: string, entry: SuppressionEntry, formattingOptions = detectFormatting(text)): Edit[] {
  const list = findNodeAtLocation(rootOf(text), ['suppressions']);
  if (list && list.type !== 'array') throw new Error('The file\'s "suppressions" is not a list: fix it before adding a suppression.');
  if (suppressionIndex(text, entry.checkName, entry.resourceIdentifier) >= 0) {
    throw new Error(`The file already suppresses ${entry.checkName} on ${resourceIdentifierKey(entry.resourceIdentifier)}.`);
  }
  const value = Object.fromEntries(Object.entries(entry).filter(([, member]) => member !== undefined));
  return list
    ? modify(text, ['suppressions', -1], value, { isArrayInsertion: true, formattingOptions })
    : modify(text, ['suppressions'], [value], { formattingOptions });
}

/** Removes the suppression of this check and resource; [] when the file has none. */
export function removeSuppression(text: string, checkName: string, resourceIdentifier: unknown, formattingOptions = detectFormatting(text)): Edit[] {
  const index = suppressionIndex(text, checkName, resourceIdentifier);
  return index < 0 ? [] : modify(text, ['suppressions', index], undefined, { formattingOptions });
}
