/**
 * Which catalogue shape describes each JSON path of a document, and what role a value plays
 * there (an audit check name, a reference to an action, a reason code ...). Completion, hover
 * and code actions all start from here, so every one of them speaks the catalogue's words.
 */
import type { JsonPath } from '../../common/validate';
import { rootShape, type DocumentKind } from '../../common/document/envelope';
import type { MapShape, Member, Shape } from '../../common/shapes';

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
  | { readonly role: 'scheduled-audit-name' }
  /** A threshold name under a check's configuration in auditConfiguration. */
  | { readonly role: 'threshold-name'; readonly checkName: string }
  | { readonly role: 'plain' };

/** The role of a map key at `path` (the path of the entry's value). */
export function keyRole(kind: DocumentKind, path: JsonPath): ValueRole {
  const resolved = resolvePath(kind, path);
  if (!resolved) return { role: 'plain' };
  if (resolved.inMap) {
    if (resolved.inMap.key.name === 'AuditCheckName') return { role: 'check-name' };
    if (resolved.inMap.name === 'actions') return { role: 'action-definition' };
    if (resolved.inMap.name === 'tasks') return { role: 'task-name' };
    if (resolved.inMap.name === 'scheduledAudits') return { role: 'scheduled-audit-name' };
    if (resolved.inMap.key.name === 'ConfigName') return { role: 'threshold-name', checkName: String(path[path.length - 3] ?? '') };
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
    case 'AuditCheckName':
      return { role: 'check-name' };
    case 'ThingGroupName':
      return resolved.parent?.type === 'list' ? { role: 'thing-group-name' } : { role: 'plain' };
    default:
      return { role: 'plain' };
  }
}
