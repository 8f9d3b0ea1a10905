/**
 * Where each action name is defined and referenced in a document. Navigation (definition,
 * references, rename), hover, inlay hints and completion share it; it is built once per version.
 */
import type { Node } from 'jsonc-parser';
import type { MitigationActionType } from '../../common/model';
import type { MitigationDocument } from '../../common/document/parse';
import { validationCacheOf } from './diagnostics';

export interface ActionDefinition {
  readonly name: string;
  /** The property node `"name": {...}` under `actions`. */
  readonly property: Node;
  readonly type: MitigationActionType | undefined;
}

export interface ActionReference {
  readonly name: string;
  /** The string node inside a check's action list. */
  readonly node: Node;
  readonly checkName: string;
  /** The task that holds the mapping; undefined in a start-task CLI document. */
  readonly taskName?: string;
}

export interface ActionIndex {
  /** The last definition of each name wins, as in the parsed value. */
  readonly definitions: ReadonlyMap<string, ActionDefinition>;
  readonly references: readonly ActionReference[];
}

function keyOf(property: Node): string | undefined {
  const key = property.children?.[0]?.value;
  return typeof key === 'string' ? key : undefined;
}

function collectMapping(mapping: Node | undefined, taskName: string | undefined, out: ActionReference[]): void {
  if (mapping?.type !== 'object') return;
  for (const checkProperty of mapping.children ?? []) {
    const checkName = keyOf(checkProperty);
    const list = checkProperty.children?.[1];
    if (checkName === undefined || list?.type !== 'array') continue;
    for (const item of list.children ?? []) {
      if (item.type === 'string') out.push({ name: item.value as string, node: item, checkName, taskName });
    }
  }
}

export function actionIndex(doc: MitigationDocument): ActionIndex {
  return doc.cached('actionIndex', () => {
    const definitions = new Map<string, ActionDefinition>();
    const references: ActionReference[] = [];
    if (doc.kind === 'mitigation-file') {
      // The validator's map for this version: the types of unchanged actions are not worked out again.
      const localTypes = validationCacheOf(doc).localActionTypes(doc.value);
      for (const property of doc.nodeAt(['actions'])?.type === 'object' ? doc.nodeAt(['actions'])!.children ?? [] : []) {
        const name = keyOf(property);
        if (name === undefined) continue;
        definitions.set(name, { name, property, type: localTypes.get(name) });
      }
      const tasks = doc.nodeAt(['tasks']);
      for (const task of tasks?.type === 'object' ? tasks.children ?? [] : []) {
        const taskName = keyOf(task);
        collectMapping(doc.property(task.children?.[1], 'auditCheckToActionsMapping')?.children?.[1], taskName, references);
      }
    } else if (doc.kind === 'start-audit-mitigation-actions-task') {
      collectMapping(doc.nodeAt(['auditCheckToActionsMapping']), undefined, references);
    }
    return { definitions, references };
  });
}

/** The string node at `offset` when it names an action (a definition key or a reference). */
export function actionNameAt(doc: MitigationDocument, offset: number): { name: string; node: Node } | undefined {
  const index = actionIndex(doc);
  for (const definition of index.definitions.values()) {
    const key = definition.property.children![0];
    if (offset >= key.offset && offset <= key.offset + key.length) return { name: definition.name, node: key };
  }
  for (const reference of index.references) {
    if (offset >= reference.node.offset && offset <= reference.node.offset + reference.node.length) return { name: reference.name, node: reference.node };
  }
  return undefined;
}
