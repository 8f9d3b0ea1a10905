/**
 * Which catalogue shape describes each JSON path of a document, and what role a value plays
 * there (an audit check name, a reference to an action, a reason code ...). Completion, hover
 * and code actions all start from here, so every one of them speaks the catalogue's words.
 */
import { MITIGATION_FILE_SHAPES, CLI_INPUT_SHAPES, type DocumentKind, type JsonPath } from '../../common/validate';
import { MitigationActionName, MitigationActionsTaskId } from '../../common/model';
import type { MapShape, Member, Shape, StringShape, StructureShape } from '../../common/shapes';

// The catalogue describes an action and a task of the file; the file's top level is the
// format's own envelope around them (see issue 2), described here.
const SchemaUri: StringShape = { type: 'string', name: '$schema' };
const SCHEMA_MEMBER: Member = { shape: SchemaUri, description: 'The JSON schema of this file, for editors that validate plain JSON.' };

const ActionsMap: MapShape = { type: 'map', name: 'actions', key: MitigationActionName, value: MITIGATION_FILE_SHAPES.action };
const TasksMap: MapShape = { type: 'map', name: 'tasks', key: MitigationActionsTaskId, value: MITIGATION_FILE_SHAPES.task };

export const MITIGATION_FILE_ROOT: StructureShape = {
  type: 'structure',
  name: 'mitigation file',
  members: {
    $schema: SCHEMA_MEMBER,
    actions: {
      shape: ActionsMap,
      description: 'Mitigation action definitions, keyed by action name (the AWS actionName). A start creates or updates them in the account.',
    },
    tasks: {
      shape: TasksMap,
      description: 'Audit mitigation tasks, keyed by task name. Each start creates a unique taskId from the name.',
    },
  },
};

// CLI input documents hold the operation's parameters only: the AWS CLI rejects "$schema" there.
const ROOTS: Record<Exclude<DocumentKind, 'unknown'>, StructureShape> = {
  'mitigation-file': MITIGATION_FILE_ROOT,
  'create-mitigation-action': CLI_INPUT_SHAPES.createMitigationAction,
  'update-mitigation-action': CLI_INPUT_SHAPES.updateMitigationAction,
  'start-audit-mitigation-actions-task': CLI_INPUT_SHAPES.startAuditMitigationActionsTask,
};

export function rootShape(kind: DocumentKind): StructureShape {
  return kind === 'unknown' ? MITIGATION_FILE_ROOT : ROOTS[kind];
}

export interface ResolvedPath {
  /** The shape of the value at the path. */
  readonly shape: Shape;
  /** The structure member that holds it, when the last step is a structure member. */
  readonly member?: Member;
  /** The map that holds it, when the last step is a map entry (then the key is a name). */
  readonly inMap?: MapShape;
  /** The shape that holds the value (structure, map or list). */
  readonly parent?: Shape;
}

/** Follows a JSON path through the shapes; undefined where the document leaves the format. */
export function resolvePath(kind: DocumentKind, path: JsonPath): ResolvedPath | undefined {
  let resolved: ResolvedPath = { shape: rootShape(kind) };
  for (const segment of path) {
    const shape = resolved.shape;
    if (shape.type === 'structure' && typeof segment === 'string') {
      const member = shape.members[segment];
      if (!member) return undefined;
      resolved = { shape: member.shape, member, parent: shape };
    } else if (shape.type === 'map' && typeof segment === 'string') {
      resolved = { shape: shape.value, inMap: shape, parent: shape };
    } else if (shape.type === 'list' && typeof segment === 'number') {
      resolved = { shape: shape.item, parent: shape };
    } else {
      return undefined;
    }
  }
  return resolved;
}

/** What a string means to the domain, decided by the catalogue shape names. */
export type ValueRole =
  | { readonly role: 'check-name' }
  | { readonly role: 'action-reference'; readonly checkName: string }
  | { readonly role: 'action-definition' }
  | { readonly role: 'task-name' }
  | { readonly role: 'reason-code'; readonly checkName: string }
  | { readonly role: 'audit-task-id' }
  | { readonly role: 'finding-id' }
  | { readonly role: 'thing-group-name' }
  | { readonly role: 'params-key' }
  | { readonly role: 'plain' };

/** The role of a map key at `path` (the path of the entry's value). */
export function keyRole(kind: DocumentKind, path: JsonPath): ValueRole {
  const resolved = resolvePath(kind, path);
  if (!resolved) return { role: 'plain' };
  if (resolved.inMap) {
    if (resolved.inMap.key.name === 'AuditCheckName') return { role: 'check-name' };
    if (resolved.inMap.name === 'actions') return { role: 'action-definition' };
    if (resolved.inMap.name === 'tasks') return { role: 'task-name' };
  }
  if (resolved.parent?.type === 'structure' && resolved.parent.exactlyOne) return { role: 'params-key' };
  return { role: 'plain' };
}

/** The role of a string value at `path`. */
export function valueRole(kind: DocumentKind, path: JsonPath): ValueRole {
  const resolved = resolvePath(kind, path);
  if (!resolved) return { role: 'plain' };
  const checkName = String(path[path.length - 2] ?? '');
  switch (resolved.shape.name) {
    case 'MitigationActionName':
      return resolved.parent?.type === 'list' ? { role: 'action-reference', checkName } : { role: 'plain' };
    case 'ReasonForNonComplianceCode':
      return { role: 'reason-code', checkName };
    case 'AuditTaskId':
      return { role: 'audit-task-id' };
    case 'FindingId':
      return { role: 'finding-id' };
    case 'ThingGroupName':
      return resolved.parent?.type === 'list' ? { role: 'thing-group-name' } : { role: 'plain' };
    default:
      return { role: 'plain' };
  }
}
