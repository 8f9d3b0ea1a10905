/**
 * Go to definition, find references and rename for action names: the keys under `actions` and
 * the names in every check's action list. Audit check names: checkReferences.ts.
 */
import type { Node } from 'jsonc-parser';
import type { Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { MitigationActionName } from '../../common/model';
import { stringShapeViolation } from '../../common/shapes';
import { actionIndex, actionNameAt } from './actionIndex';
import type { MitigationDocument } from '../../common/document/parse';
import type { WorkspaceIndex } from './workspaceIndex';
import { findCheckDefinition, findCheckReferences } from './checkReferences';

/** Raised for a rename the file cannot take; the server turns it into an error response. */
export class RenameError extends Error {}

/** The name inside the quotes of a string node. */
function innerRange(doc: MitigationDocument, node: Node): Range {
  return doc.rangeOf(node.offset + 1, Math.max(0, node.length - 2));
}

function definitionKey(doc: MitigationDocument, name: string): Node | undefined {
  return actionIndex(doc).definitions.get(name)?.property.children?.[0];
}

export function findDefinition(doc: MitigationDocument, position: Position, workspace?: WorkspaceIndex): Location | null {
  const at = actionNameAt(doc, doc.offsetAt(position));
  if (!at) return findCheckDefinition(doc, doc.offsetAt(position));
  const key = definitionKey(doc, at.name);
  if (key) return { uri: doc.uri, range: doc.rangeOf(key.offset, key.length) };
  const elsewhere = workspace?.definitionsElsewhere(at.name, doc.uri)[0];
  return elsewhere ? { uri: elsewhere.uri, range: elsewhere.range } : null;
}

/** Occurrences of `name` in the other files of the workspace: its definitions there and its references. */
function occurrencesElsewhere(doc: MitigationDocument, name: string, includeDeclaration: boolean, workspace: WorkspaceIndex | undefined): Location[] {
  if (!workspace) return [];
  const definitions = includeDeclaration ? workspace.definitionsElsewhere(name, doc.uri) : [];
  return [...definitions, ...workspace.referencesElsewhere(name, doc.uri)].map(({ uri, range }) => ({ uri, range }));
}

function occurrences(doc: MitigationDocument, name: string, includeDeclaration: boolean): Node[] {
  const nodes = actionIndex(doc).references.filter((reference) => reference.name === name).map((reference) => reference.node);
  const key = definitionKey(doc, name);
  if (includeDeclaration && key) nodes.unshift(key);
  return nodes;
}

export function findReferences(doc: MitigationDocument, position: Position, includeDeclaration: boolean, workspace?: WorkspaceIndex): Location[] {
  const at = actionNameAt(doc, doc.offsetAt(position));
  if (!at) return findCheckReferences(doc, doc.offsetAt(position), includeDeclaration);
  const here = occurrences(doc, at.name, includeDeclaration).map((node) => ({ uri: doc.uri, range: doc.rangeOf(node.offset, node.length) }));
  return [...here, ...occurrencesElsewhere(doc, at.name, includeDeclaration, workspace)];
}

export function prepareRename(doc: MitigationDocument, position: Position): { range: Range; placeholder: string } | null {
  const at = actionNameAt(doc, doc.offsetAt(position));
  return at ? { range: innerRange(doc, at.node), placeholder: at.name } : null;
}

function checkNewName(doc: MitigationDocument, oldName: string, newName: string, workspace: WorkspaceIndex | undefined): void {
  const violation = stringShapeViolation(newName, MitigationActionName);
  if (violation?.kind === 'min' || violation?.kind === 'max') throw new RenameError(`An action name has ${MitigationActionName.min} to ${MitigationActionName.max} characters.`);
  if (violation) throw new RenameError(`An action name may only contain ${MitigationActionName.patternHint}.`);
  if (newName !== oldName && actionIndex(doc).definitions.has(newName)) throw new RenameError(`The file already defines an action "${newName}".`);
  const clash = newName !== oldName ? workspace?.definitionsElsewhere(newName, doc.uri)[0] : undefined;
  if (clash) throw new RenameError(`The workspace already defines an action "${newName}" (in ${clash.uri}).`);
}

/** A quoted name's range without its quotes. */
function insideQuotes(range: Range): Range {
  return { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: range.end.character - 1 } };
}

export function doRename(doc: MitigationDocument, position: Position, newName: string, workspace?: WorkspaceIndex): WorkspaceEdit | null {
  const at = actionNameAt(doc, doc.offsetAt(position));
  if (!at) return null;
  checkNewName(doc, at.name, newName, workspace);
  const changes: Record<string, TextEdit[]> = { [doc.uri]: occurrences(doc, at.name, true).map((node) => ({ range: innerRange(doc, node), newText: newName })) };
  for (const location of occurrencesElsewhere(doc, at.name, true, workspace)) {
    (changes[location.uri] ??= []).push({ range: insideQuotes(location.range), newText: newName });
  }
  return { changes };
}
