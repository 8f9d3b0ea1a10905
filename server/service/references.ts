/**
 * Go to definition, find references and rename for action names: the keys under `actions` and
 * the names in every check's action list.
 */
import type { Node } from 'jsonc-parser';
import type { Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { MitigationActionName } from '../../common/model';
import { patternOf } from '../../common/shapes';
import { actionIndex, actionNameAt } from './actionIndex';
import type { MitigationDocument } from './parse';

/** Raised for a rename the file cannot take; the server turns it into an error response. */
export class RenameError extends Error {}

/** The name inside the quotes of a string node. */
function innerRange(doc: MitigationDocument, node: Node): Range {
  return doc.rangeOf(node.offset + 1, Math.max(0, node.length - 2));
}

function definitionKey(doc: MitigationDocument, name: string): Node | undefined {
  return actionIndex(doc).definitions.get(name)?.property.children?.[0];
}

export function findDefinition(doc: MitigationDocument, position: Position): Location | null {
  const at = actionNameAt(doc, doc.offsetAt(position));
  const key = at && definitionKey(doc, at.name);
  return key ? { uri: doc.uri, range: doc.rangeOf(key.offset, key.length) } : null;
}

function occurrences(doc: MitigationDocument, name: string, includeDeclaration: boolean): Node[] {
  const nodes = actionIndex(doc).references.filter((reference) => reference.name === name).map((reference) => reference.node);
  const key = definitionKey(doc, name);
  if (includeDeclaration && key) nodes.unshift(key);
  return nodes;
}

export function findReferences(doc: MitigationDocument, position: Position, includeDeclaration: boolean): Location[] {
  const at = actionNameAt(doc, doc.offsetAt(position));
  if (!at) return [];
  return occurrences(doc, at.name, includeDeclaration).map((node) => ({ uri: doc.uri, range: doc.rangeOf(node.offset, node.length) }));
}

export function prepareRename(doc: MitigationDocument, position: Position): { range: Range; placeholder: string } | null {
  const at = actionNameAt(doc, doc.offsetAt(position));
  return at ? { range: innerRange(doc, at.node), placeholder: at.name } : null;
}

function checkNewName(doc: MitigationDocument, oldName: string, newName: string): void {
  const length = [...newName].length;
  if (length < (MitigationActionName.min ?? 1) || length > (MitigationActionName.max ?? Infinity)) {
    throw new RenameError(`An action name has ${MitigationActionName.min} to ${MitigationActionName.max} characters.`);
  }
  if (!patternOf(MitigationActionName)!.test(newName)) throw new RenameError(`An action name may only contain ${MitigationActionName.patternHint}.`);
  if (newName !== oldName && actionIndex(doc).definitions.has(newName)) throw new RenameError(`The file already defines an action "${newName}".`);
}

export function doRename(doc: MitigationDocument, position: Position, newName: string): WorkspaceEdit | null {
  const at = actionNameAt(doc, doc.offsetAt(position));
  if (!at) return null;
  checkNewName(doc, at.name, newName);
  const edits: TextEdit[] = occurrences(doc, at.name, true).map((node) => ({ range: innerRange(doc, node), newText: newName }));
  return { changes: { [doc.uri]: edits } };
}
