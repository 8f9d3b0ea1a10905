/**
 * Audit mitigation actions tasks (AWS IoT Device Defender Developer Guide, "Mitigation
 * actions", and AWS IoT API Reference, StartAuditMitigationActionsTask): one execution per (finding, action)
 * in mapping order; a failed action skips the finding's later actions; the task FAILS when
 * any finding failed; cancel stops what has not run and keeps what has. Findings are
 * processed one at a time so progress survives a restart at any point.
 */
import type { RegionState } from '../state/regionState';
import type { ActionDefinition, AuditFinding, Execution, MitigationTask, TaskStatistics } from '../state/types';
import { activeSuppression } from '../audit/suppressions';
import { applyAction } from './effects';

const executionKey = (taskId: string, position: number, actionIndex: number): string => `${taskId}/${position}/${actionIndex}`;

const emptyStatistics = (): TaskStatistics => ({ totalFindingsCount: 0, failedFindingsCount: 0, succeededFindingsCount: 0, skippedFindingsCount: 0, canceledFindingsCount: 0 });

/** Creates the task and its PENDING executions. Validation happened in the operation. */
export function createMitigationTask(
  state: RegionState,
  init: { taskId: string; clientRequestToken: string; target: Record<string, unknown>; mapping: Record<string, string[]>; definitions: ActionDefinition[]; candidates: AuditFinding[]; reasonFilter?: Record<string, string[]> },
  now: number,
): MitigationTask {
  const statistics: Record<string, TaskStatistics> = {};
  const order: AuditFinding[] = [];
  for (const finding of init.candidates) {
    const actions = init.mapping[finding.checkName];
    if (!actions) continue;
    const stats = (statistics[finding.checkName] ??= emptyStatistics());
    stats.totalFindingsCount++;
    const filtered = init.reasonFilter && !(init.reasonFilter[finding.checkName] ?? []).includes(finding.reasonForNonComplianceCode);
    if (filtered || finding.isSuppressed) stats.skippedFindingsCount++;
    else order.push(finding);
  }
  for (const check of Object.keys(init.mapping)) statistics[check] ??= emptyStatistics();
  const task: MitigationTask = {
    taskId: init.taskId,
    clientRequestToken: init.clientRequestToken,
    taskStatus: 'IN_PROGRESS',
    startTime: now,
    target: init.target,
    auditCheckToActionsMapping: init.mapping,
    actionsDefinition: init.definitions,
    taskStatistics: statistics,
    findingCount: order.length,
    cursor: 0,
  };
  state.taskPlans.put(task.taskId, order.map((finding) => finding.findingId));
  const byName = new Map(init.definitions.map((definition) => [definition.name, definition]));
  order.forEach((finding, position) => {
    init.mapping[finding.checkName].forEach((name, index) => {
      const execution: Execution = { taskId: task.taskId, findingId: finding.findingId, checkName: finding.checkName, actionName: name, actionId: byName.get(name)!.id, status: 'PENDING' };
      state.executions.put(executionKey(task.taskId, position, index), execution);
    });
  });
  if (order.length === 0) finishTask(state, task, now);
  else state.mitigationTasks.put(task.taskId, task);
  return state.mitigationTasks.get(task.taskId) ?? task;
}

function finishTask(state: RegionState, task: MitigationTask, now: number): void {
  const failed = Object.values(task.taskStatistics).some((stats) => stats.failedFindingsCount > 0);
  state.mitigationTasks.put(task.taskId, { ...task, taskStatus: failed ? 'FAILED' : 'COMPLETED', endTime: now });
}

function executionsAt(state: RegionState, task: MitigationTask, position: number): [string, Execution][] {
  const findingId = state.planOf(task.taskId)[position];
  const keys = state.executionsByTask.get(task.taskId)?.get(findingId) ?? [];
  const found: [string, Execution][] = [];
  for (const key of keys) {
    const execution = state.executions.get(key);
    if (execution !== undefined) found.push([key, execution]);
  }
  return found;
}

/** A task's action definitions by name; a task's definitions never change, so this is built once per task, not per finding. */
const definitionsByTask = new WeakMap<readonly ActionDefinition[], ReadonlyMap<string, ActionDefinition>>();

function definitionsOf(task: MitigationTask): ReadonlyMap<string, ActionDefinition> {
  let definitions = definitionsByTask.get(task.actionsDefinition);
  if (!definitions) definitionsByTask.set(task.actionsDefinition, (definitions = new Map(task.actionsDefinition.map((definition) => [definition.name, definition]))));
  return definitions;
}

/** The execution a paced run would show IN_PROGRESS next, or undefined when the finding is done. */
export function nextExecution(state: RegionState, task: MitigationTask): [string, Execution] | undefined {
  if (task.taskStatus !== 'IN_PROGRESS' || task.cursor >= task.findingCount) return undefined;
  return executionsAt(state, task, task.cursor).find(([, execution]) => execution.status === 'PENDING' || execution.status === 'IN_PROGRESS');
}

export function markInProgress(state: RegionState, key: string, execution: Execution, now: number): void {
  if (execution.status === 'PENDING') state.executions.put(key, { ...execution, status: 'IN_PROGRESS', startTime: now });
}

/**
 * Runs the current finding's next executions (at most `maxExecutions`) and, once all of them
 * are done, moves to the next finding. Returns how many ran. Safe to repeat after a restart.
 */
export function processCurrentFinding(state: RegionState, taskId: string, now: number, maxExecutions = Infinity): number {
  const task = state.mitigationTasks.get(taskId);
  if (!task || task.taskStatus !== 'IN_PROGRESS') return 0;
  if (task.cursor >= task.findingCount) {
    finishTask(state, task, now);
    return 0;
  }
  const finding = state.findings.get(state.planOf(taskId)[task.cursor]);
  const definitions = definitionsOf(task);
  let failed = false;
  let skipped = false;
  let ran = 0;
  for (const [key, execution] of executionsAt(state, task, task.cursor)) {
    if (execution.status === 'FAILED') failed = true;
    if (execution.status !== 'PENDING' && execution.status !== 'IN_PROGRESS') continue;
    const startTime = execution.startTime ?? now;
    if (failed) {
      state.executions.put(key, { ...execution, status: 'SKIPPED', startTime, endTime: now, message: 'Skipped because an earlier action for this finding failed.' });
      continue;
    }
    // A finding suppressed since its audit (or still suppressed) is never mitigated ("Mitigation actions", Device Defender guide).
    if (finding && activeSuppression(state, finding.checkName, finding.nonCompliantResource.resourceIdentifier, now)) {
      skipped = true;
      state.executions.put(key, { ...execution, status: 'SKIPPED', startTime, endTime: now, message: 'Skipped because the finding is suppressed (audit finding suppression).' });
      continue;
    }
    if (ran >= maxExecutions) return ran;
    ran++;
    const outcome = finding
      ? applyAction(state, definitions.get(execution.actionName)!, finding, now, taskId)
      : ({ ok: false, errorCode: 'INVALID_STATE_OF_RESOURCE', message: 'The finding no longer exists.' } as const);
    if (outcome.ok) {
      state.executions.put(key, { ...execution, status: 'COMPLETED', startTime, endTime: now });
    } else {
      failed = true;
      state.executions.put(key, { ...execution, status: 'FAILED', startTime, endTime: now, errorCode: outcome.errorCode, message: outcome.message });
    }
  }
  const checkName = finding?.checkName ?? state.executions.get(executionKey(taskId, task.cursor, 0))?.checkName ?? '';
  const statistics = { ...task.taskStatistics };
  const stats = { ...(statistics[checkName] ?? emptyStatistics()) };
  if (failed) stats.failedFindingsCount++;
  else if (skipped) stats.skippedFindingsCount++;
  else stats.succeededFindingsCount++;
  statistics[checkName] = stats;
  const advanced: MitigationTask = { ...task, taskStatistics: statistics, cursor: task.cursor + 1 };
  if (advanced.cursor >= advanced.findingCount) finishTask(state, advanced, now);
  else state.mitigationTasks.put(taskId, advanced);
  return ran;
}

/** Cancels a running task: executions not finished become CANCELED; applied effects stay. */
export function cancelMitigationTask(state: RegionState, task: MitigationTask, now: number): void {
  const statistics = Object.fromEntries(Object.entries(task.taskStatistics).map(([check, stats]) => [check, { ...stats }]));
  for (let position = task.cursor; position < task.findingCount; position++) {
    let failed = false;
    let checkName = '';
    for (const [key, execution] of executionsAt(state, task, position)) {
      checkName = execution.checkName;
      if (execution.status === 'FAILED') failed = true;
      if (execution.status === 'PENDING' || execution.status === 'IN_PROGRESS') state.executions.put(key, { ...execution, status: 'CANCELED', endTime: now });
    }
    const stats = statistics[checkName];
    if (!stats) continue;
    if (failed) stats.failedFindingsCount++;
    else stats.canceledFindingsCount++;
  }
  state.mitigationTasks.put(task.taskId, { ...task, taskStatus: 'CANCELED', endTime: now, taskStatistics: statistics, cursor: task.findingCount });
}

export function runningTaskCount(state: RegionState): number {
  let count = 0;
  for (const task of state.mitigationTasks.values()) if (task.taskStatus === 'IN_PROGRESS') count++;
  return count;
}
