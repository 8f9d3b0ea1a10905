/**
 * Go to definition and find references for audit check names. A check is not defined in the
 * file, but the file's auditConfiguration decides whether it runs: a check named by a schedule,
 * a suppression or a task goes to its entry there; references are every place the file names it.
 */
import type { Node } from 'jsonc-parser';
import type { Location } from 'vscode-languageserver-protocol';
import { resolveAuditCheck } from '../../common/auditChecks';
import type { MitigationDocument } from '../../common/document/parse';

interface CheckOccurrence {
  /** The API name (a legacy name resolves to it). */
  readonly name: string;
  /** The string node: a map key or a list item or a value. */
  readonly node: Node;
  readonly inConfiguration: boolean;
}

function keysOf(node: Node | undefined): Node[] {
  return node?.type === 'object' ? (node.children ?? []).map((property) => property.children?.[0]).filter((key): key is Node => key?.type === 'string') : [];
}

function occurrence(node: Node | undefined, inConfiguration = false): CheckOccurrence[] {
  const check = node?.type === 'string' ? resolveAuditCheck(String(node.value)) : undefined;
  return check && node ? [{ name: check.name, node, inConfiguration }] : [];
}

/** Every audit check name of a mitigation file, in document order of the sections. */
function checkOccurrences(doc: MitigationDocument): CheckOccurrence[] {
  if (doc.kind !== 'mitigation-file' || !doc.root) return [];
  const found: CheckOccurrence[] = [];
  for (const key of keysOf(doc.nodeAt(['auditConfiguration', 'auditCheckConfigurations']))) found.push(...occurrence(key, true));
  for (const schedule of doc.nodeAt(['scheduledAudits'])?.children ?? []) {
    for (const item of doc.property(schedule.children?.[1], 'targetCheckNames')?.children?.[1]?.children ?? []) found.push(...occurrence(item));
  }
  for (const suppression of doc.nodeAt(['suppressions'])?.children ?? []) found.push(...occurrence(doc.property(suppression, 'checkName')?.children?.[1]));
  for (const task of doc.nodeAt(['tasks'])?.children ?? []) {
    const value = task.children?.[1];
    for (const key of keysOf(doc.property(value, 'auditCheckToActionsMapping')?.children?.[1])) found.push(...occurrence(key));
    const filter = doc.property(doc.property(value, 'target')?.children?.[1], 'auditCheckToReasonCodeFilter')?.children?.[1];
    for (const key of keysOf(filter)) found.push(...occurrence(key));
  }
  return found;
}

function at(doc: MitigationDocument, offset: number): { name: string; all: CheckOccurrence[] } | undefined {
  const all = checkOccurrences(doc);
  const hit = all.find((each) => offset >= each.node.offset && offset <= each.node.offset + each.node.length);
  return hit ? { name: hit.name, all } : undefined;
}

function location(doc: MitigationDocument, node: Node): Location {
  return { uri: doc.uri, range: doc.rangeOf(node.offset, node.length) };
}

export function findCheckDefinition(doc: MitigationDocument, offset: number): Location | null {
  const found = at(doc, offset);
  const entry = found?.all.find((each) => each.inConfiguration && each.name === found.name);
  return entry ? location(doc, entry.node) : null;
}

export function findCheckReferences(doc: MitigationDocument, offset: number, includeDeclaration: boolean): Location[] {
  const found = at(doc, offset);
  if (!found) return [];
  return found.all.filter((each) => each.name === found.name && (includeDeclaration || !each.inConfiguration)).map((each) => location(doc, each.node));
}
