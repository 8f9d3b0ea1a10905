/** Builds StartAuditMitigationActionsTask input from a task in a mitigation file (vscode-free). */
import { taskIdForStart, type ModelTask, type ModelTaskTarget } from '../../../common';

/** What a start needs of a task: a file's (ModelTask) or the wizard's. */
type StartableTask = Pick<ModelTask, 'name' | 'target' | 'auditCheckToActionsMapping' | 'clientRequestToken'>;

export interface StartTaskInput {
  readonly taskId: string;
  readonly target: ModelTaskTarget;
  readonly auditCheckToActionsMapping: Record<string, string[]>;
  readonly clientRequestToken: string;
}

/** A task without auditTaskId or findingIds targets an audit the user picks at start. */
export function needsAuditChoice(task: Pick<ModelTask, 'target'>): boolean {
  return !task.target.auditTaskId && !task.target.findingIds?.length;
}

export function buildStartInput(task: StartableTask, when: Date, chosenAuditTaskId?: string): StartTaskInput {
  const taskId = taskIdForStart(task.name, when);
  const target: ModelTaskTarget = needsAuditChoice(task) && chosenAuditTaskId ? { ...task.target, auditTaskId: chosenAuditTaskId } : task.target;
  const auditCheckToActionsMapping = Object.fromEntries(Object.entries(task.auditCheckToActionsMapping).map(([check, names]) => [check, [...names]]));
  // A fresh token per start: the taskId is unique per start, so idempotency is per click.
  const clientRequestToken = task.clientRequestToken ?? taskId.replace(/[^a-zA-Z0-9_-]/g, '').slice(-64);
  return { taskId, target, auditCheckToActionsMapping, clientRequestToken };
}
