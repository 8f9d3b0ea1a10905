/**
 * `auditTaskId` values checked against the account's recent audits, when the client can list
 * them: a task started on an audit that does not exist fails (StartAuditMitigationActionsTask
 * answers ResourceNotFoundException), so the editor says so first. A warning, not an error:
 * the client lists only the most recent audits.
 */
import type { Node } from 'jsonc-parser';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import type { RecentAuditsResult } from '../../common/lspProtocol';
import { AuditTaskId } from '../../common/model';
import { isJsonObject } from '../../common/json';
import { patternOf } from '../../common/shapes';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { MitigationDocument } from '../../common/document/parse';

const UNKNOWN_AUDIT_CODE = 'unknown-audit';

/** The auditTaskId string nodes of a document (every task's target, or the start document's). */
export function auditTaskIdNodes(doc: MitigationDocument): Node[] {
  const nodes: (Node | undefined)[] = [];
  if (doc.kind === 'start-audit-mitigation-actions-task') nodes.push(doc.nodeAt(['target', 'auditTaskId']));
  if (doc.kind === 'mitigation-file') {
    // Only the task names are read here, and the ids' own offsets: the section need not be settled (see PendingShifts).
    const tasks = doc.placedNodeAt(['tasks']);
    for (const task of tasks?.type === 'object' ? tasks.children ?? [] : []) {
      const name = task.children?.[0]?.value;
      if (typeof name === 'string') nodes.push(doc.nodeAt(['tasks', name, 'target', 'auditTaskId']));
    }
  }
  return nodes.filter((node): node is Node => node?.type === 'string');
}

/**
 * Whether auditTaskIdNodes(doc) finds any, read from the plain value: a keystroke asks on every
 * validation, and the value, unlike the nodes, needs none of the tree's offsets settled.
 */
export function hasAuditTaskIds(doc: MitigationDocument): boolean {
  const value = doc.value;
  if (!isJsonObject(value)) return false;
  if (doc.kind === 'start-audit-mitigation-actions-task') return isJsonObject(value.target) && typeof value.target.auditTaskId === 'string';
  if (doc.kind !== 'mitigation-file' || !isJsonObject(value.tasks)) return false;
  for (const name of Object.keys(value.tasks)) {
    const task = value.tasks[name];
    if (isJsonObject(task) && isJsonObject(task.target) && typeof task.target.auditTaskId === 'string') return true;
  }
  return false;
}

export function unknownAuditDiagnostics(doc: MitigationDocument, audits: RecentAuditsResult, accountName: string | undefined, typing?: { offset: number; length: number }): Diagnostic[] {
  if (!audits.available) return [];
  const known = new Set(audits.audits.map((audit) => audit.taskId));
  const valid = patternOf(AuditTaskId)!;
  const out: Diagnostic[] = [];
  for (const node of auditTaskIdNodes(doc)) {
    const id = node.value as string;
    // A malformed id already has its own error; the one being typed waits like every token rule.
    if (!valid.test(id) || known.has(id)) continue;
    if (typing && typing.offset >= node.offset && typing.offset + typing.length <= node.offset + node.length) continue;
    const account = accountName ? `the account (${accountName})` : 'the account';
    out.push({
      range: doc.rangeOf(node.offset, node.length),
      severity: DiagnosticSeverity.Warning,
      code: UNKNOWN_AUDIT_CODE,
      source: DIAGNOSTIC_SOURCE,
      message: `Audit task "${id}" is not among the ${audits.audits.length} most recent audits of ${account}; starting this task fails if the audit does not exist.`,
    });
  }
  return out;
}
