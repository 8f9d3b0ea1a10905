/** Builds StartAuditMitigationActionsTask input from a task in a mitigation file (vscode-free). */
import { taskIdForStart, type MitigationActionType } from '../../common';
import type { FileTask, FileTaskTarget } from './mitigationFile';

export interface StartTaskInput {
  readonly taskId: string;
  readonly target: FileTaskTarget;
  readonly auditCheckToActionsMapping: Record<string, string[]>;
  readonly clientRequestToken: string;
}

/** A task without auditTaskId or findingIds targets an audit the user picks at start. */
export function needsAuditChoice(task: Pick<FileTask, 'target'>): boolean {
  return !task.target.auditTaskId && !task.target.findingIds?.length;
}

export function buildStartInput(task: FileTask, when: Date, chosenAuditTaskId?: string): StartTaskInput {
  const taskId = taskIdForStart(task.name, when);
  const target: FileTaskTarget = needsAuditChoice(task) && chosenAuditTaskId ? { ...task.target, auditTaskId: chosenAuditTaskId } : task.target;
  const auditCheckToActionsMapping = Object.fromEntries(Object.entries(task.auditCheckToActionsMapping).map(([check, names]) => [check, [...names]]));
  // A fresh token per start: the taskId is unique per start, so idempotency is per click.
  const clientRequestToken = task.clientRequestToken ?? taskId.replace(/[^a-zA-Z0-9_-]/g, '').slice(-64);
  return { taskId, target, auditCheckToActionsMapping, clientRequestToken };
}

/** Action types that cut devices off: starting them against AWS needs a typed confirmation. */
const CERTIFICATE_DEACTIVATING: readonly MitigationActionType[] = ['UPDATE_DEVICE_CERTIFICATE', 'UPDATE_CA_CERTIFICATE'];

export function deactivatesCertificates(mapping: Readonly<Record<string, readonly string[]>>, actionTypes: ReadonlyMap<string, MitigationActionType | undefined>): string[] {
  const names = new Set(Object.values(mapping).flat());
  return [...names].filter((name) => {
    const type = actionTypes.get(name);
    return type !== undefined && CERTIFICATE_DEACTIVATING.includes(type);
  });
}
