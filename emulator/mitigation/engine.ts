/**
 * Audit mitigation actions tasks (AWS IoT Device Defender Developer Guide, "Mitigation
 * actions", and AWS IoT API Reference, StartAuditMitigationActionsTask): one execution per (finding, action)
 * in mapping order; a failed action skips the finding's later actions; the task FAILS when
 * any finding failed; cancel stops what has not run and keeps what has.
 *
 * An execution is stored only when it has something of its own to say: started apart from a
 * run (paced), FAILED, SKIPPED, or CANCELED while it had started. The rest are derived: PENDING
 * after the task's cursor, CANCELED there once the task is canceled, and COMPLETED inside an
 * execution run (one record per chunk of findings run in one go). The task's record (cursor and
 * statistics) is written once per chunk, so progress survives a restart at any chunk.
 */
import type { RegionState } from '../state/regionState';
import type { ActionDefinition, AuditFinding, Execution, MitigationTask, TaskStatistics } from '../state/types';
import { activeSuppression } from '../audit/suppressions';
import { prepareAction, type PreparedAction } from './effects';

export const executionKey = (taskId: string, position: number, actionIndex: number): string => `${taskId}/${position}/${actionIndex}`;

const emptyStatistics = (): TaskStatistics => ({ totalFindingsCount: 0, failedFindingsCount: 0, succeededFindingsCount: 0, skippedFindingsCount: 0, canceledFindingsCount: 0 });

const SKIPPED_AFTER_FAILURE = 'Skipped because an earlier action for this finding failed.';
const SKIPPED_SUPPRESSED = 'Skipped because the finding is suppressed (audit finding suppression).';
const FINDING_GONE = { ok: false, errorCode: 'INVALID_STATE_OF_RESOURCE', message: 'The finding no longer exists.' } as const;

/** Check names of a plan as runs of equal neighbours (an audit's findings come check by check, so a task has a handful). */
function checkRunsOf(findings: readonly AuditFinding[]): [string, number][] {
  const runs: [string, number][] = [];
  for (const finding of findings) {
    const last = runs[runs.length - 1];
    if (last && last[0] === finding.checkName) last[1]++;
    else runs.push([finding.checkName, 1]);
  }
  return runs;
}

/** Creates the task and its plan; its executions are PENDING by derivation. Validation happened in the operation. */
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
    checkRuns: checkRunsOf(order),
  };
  state.taskPlans.put(task.taskId, order.map((finding) => finding.findingId));
  if (order.length === 0) finishTask(state, task, now);
  else state.mitigationTasks.put(task.taskId, task);
  return state.mitigationTasks.get(task.taskId) ?? task;
}

function finishTask(state: RegionState, task: MitigationTask, now: number): void {
  const failed = Object.values(task.taskStatistics).some((stats) => stats.failedFindingsCount > 0);
  state.mitigationTasks.put(task.taskId, { ...task, taskStatus: failed ? 'FAILED' : 'COMPLETED', endTime: now });
}

/** The check of the finding at a plan position. */
function checkAt(state: RegionState, task: MitigationTask, position: number): string {
  if (task.checkRuns) {
    let end = 0;
    for (const [checkName, count] of task.checkRuns) {
      end += count;
      if (position < end) return checkName;
    }
    return '';
  }
  // A task saved before check runs were kept has a record for every execution.
  return state.findings.get(state.planOf(task.taskId)[position])?.checkName ?? state.executions.get(executionKey(task.taskId, position, 0))?.checkName ?? '';
}

/** A task's action definitions by name; a task's definitions never change, so this is built once per task, not per finding. */
const definitionsByTask = new WeakMap<readonly ActionDefinition[], ReadonlyMap<string, ActionDefinition>>();

function definitionsOf(task: MitigationTask): ReadonlyMap<string, ActionDefinition> {
  let definitions = definitionsByTask.get(task.actionsDefinition);
  if (!definitions) definitionsByTask.set(task.actionsDefinition, (definitions = new Map(task.actionsDefinition.map((definition) => [definition.name, definition]))));
  return definitions;
}

/** The execution of action `index` of the finding at `position`, stored or derived. */
function executionAt(state: RegionState, task: MitigationTask, position: number, index: number, checkName: string): Execution {
  const stored = state.executions.get(executionKey(task.taskId, position, index));
  if (stored) return stored;
  const actionName = task.auditCheckToActionsMapping[checkName]?.[index] ?? '';
  const base = { taskId: task.taskId, findingId: state.planOf(task.taskId)[position], checkName, actionName, actionId: definitionsOf(task).get(actionName)?.id ?? '' };
  const run = state.runCovering(task.taskId, position);
  if (run) return { ...base, status: 'COMPLETED', startTime: run.time, endTime: run.time };
  if (task.taskStatus === 'CANCELED') return { ...base, status: 'CANCELED', endTime: task.endTime };
  return { ...base, status: 'PENDING' };
}

function executionsAtPosition(state: RegionState, task: MitigationTask, position: number): Execution[] {
  const checkName = checkAt(state, task, position);
  const count = task.auditCheckToActionsMapping[checkName]?.length ?? 0;
  return Array.from({ length: count }, (_, index) => executionAt(state, task, position, index, checkName));
}

/** Plan position of each finding, per plan (plans never change once written). */
const positionsByPlan = new WeakMap<readonly string[], ReadonlyMap<string, number>>();

/** A finding's executions in a task, in action order, with their keys (ListAuditMitigationActionsExecutions); none when the task does not mitigate it. */
export function findingExecutions(state: RegionState, taskId: string, findingId: string): [string, Execution][] {
  const task = state.mitigationTasks.get(taskId);
  if (!task) return [];
  const plan = state.planOf(taskId);
  let positions = positionsByPlan.get(plan);
  if (!positions) positionsByPlan.set(plan, (positions = new Map(plan.map((id, position) => [id, position]))));
  const position = positions.get(findingId);
  if (position === undefined) return [];
  return executionsAtPosition(state, task, position).map((execution, index) => [executionKey(taskId, position, index), execution]);
}

/** Every execution of a task in plan and action order, stored or derived (tests and small tasks; a finding's list is `findingExecutions`). */
export function taskExecutions(state: RegionState, taskId: string): Execution[] {
  const task = state.mitigationTasks.get(taskId);
  if (!task) return [];
  return Array.from({ length: task.findingCount }, (_, position) => executionsAtPosition(state, task, position)).flat();
}

/** The execution a paced run would show IN_PROGRESS next, or undefined when the finding is done. */
export function nextExecution(state: RegionState, task: MitigationTask): [string, Execution] | undefined {
  if (task.taskStatus !== 'IN_PROGRESS' || task.cursor >= task.findingCount) return undefined;
  const index = executionsAtPosition(state, task, task.cursor).findIndex((execution) => execution.status === 'PENDING' || execution.status === 'IN_PROGRESS');
  if (index < 0) return undefined;
  const key = executionKey(task.taskId, task.cursor, index);
  return [key, executionAt(state, task, task.cursor, index, checkAt(state, task, task.cursor))];
}

export function markInProgress(state: RegionState, key: string, execution: Execution, now: number): void {
  if (execution.status === 'PENDING') state.executions.put(key, { ...execution, status: 'IN_PROGRESS', startTime: now });
}

/** Runs the current finding's next executions (at most `maxExecutions`) and, once all of them are done, moves to the next finding. Returns how many ran. */
export function processCurrentFinding(state: RegionState, taskId: string, now: number, maxExecutions = Infinity): number {
  return runFindings(state, taskId, now, maxExecutions, true);
}

/**
 * Runs the task's findings from its cursor while about `budget` executions fit (at least the
 * current finding's next one): one task record and one execution run for the lot. Returns how
 * many executions were considered (ran or skipped). Safe to repeat after a restart.
 */
export function runExecutions(state: RegionState, taskId: string, now: number, budget: number): number {
  return runFindings(state, taskId, now, budget, false);
}

function runFindings(state: RegionState, taskId: string, now: number, budget: number, onlyCurrentFinding: boolean): number {
  const task = state.mitigationTasks.get(taskId);
  if (!task || task.taskStatus !== 'IN_PROGRESS') return 0;
  if (task.cursor >= task.findingCount) {
    finishTask(state, task, now);
    return 0;
  }
  const plan = state.planOf(taskId);
  const mapping = task.auditCheckToActionsMapping;
  const definitions = definitionsOf(task);
  const prepared = new Map<string, PreparedAction>();
  const actionOf = (name: string): PreparedAction => {
    let action = prepared.get(name);
    if (!action) prepared.set(name, (action = prepareAction(state, definitions.get(name)!)));
    return action;
  };
  // Older tasks have a stored record for every execution; newer ones only where one started apart from a run (the current finding).
  const everyExecutionStored = task.checkRuns === undefined;
  const anySuppressions = state.suppressions.size > 0;
  const statistics: Record<string, TaskStatistics> = {};
  for (const [check, stats] of Object.entries(task.taskStatistics)) statistics[check] = { ...stats };
  const from = task.cursor;
  let cursor = from;
  let considered = 0;
  let ran = 0;
  while (cursor < task.findingCount) {
    const current = cursor === from;
    if (!current && onlyCurrentFinding) break;
    const finding = state.findings.get(plan[cursor]);
    const checkName = finding?.checkName ?? checkAt(state, task, cursor);
    const actions = mapping[checkName] ?? [];
    // Past the current finding, a finding starts only when all of it fits: only the current one can stop half done.
    if (!current && considered + actions.length > budget) break;
    const keepRecords = current || everyExecutionStored;
    const suppressed = finding !== undefined && anySuppressions && activeSuppression(state, finding.checkName, finding.nonCompliantResource.resourceIdentifier, now) !== undefined;
    let failed = false;
    let skipped = false;
    let stopped = false;
    for (let index = 0; index < actions.length; index++) {
      const key = keepRecords ? executionKey(taskId, cursor, index) : '';
      const stored = keepRecords ? state.executions.get(key) : undefined;
      if (stored?.status === 'FAILED') failed = true;
      if (stored && stored.status !== 'PENDING' && stored.status !== 'IN_PROGRESS') continue;
      const record = (status: Execution['status'], extra: Partial<Execution> = {}) =>
        state.executions.put(key || executionKey(taskId, cursor, index), {
          ...(stored ?? { taskId, findingId: plan[cursor], checkName, actionName: actions[index], actionId: definitions.get(actions[index])!.id }),
          status,
          startTime: stored?.startTime ?? now,
          endTime: now,
          ...extra,
        });
      if (failed) {
        record('SKIPPED', { message: SKIPPED_AFTER_FAILURE });
        considered++;
        continue;
      }
      // A finding suppressed since its audit (or still suppressed) is never mitigated ("Mitigation actions", Device Defender guide).
      if (suppressed) {
        skipped = true;
        record('SKIPPED', { message: SKIPPED_SUPPRESSED });
        considered++;
        continue;
      }
      if (considered >= budget) {
        stopped = true;
        break;
      }
      considered++;
      ran++;
      const outcome = finding ? actionOf(actions[index])(finding, now, taskId) : FINDING_GONE;
      if (!outcome.ok) {
        failed = true;
        record('FAILED', { errorCode: outcome.errorCode, message: outcome.message });
      } else if (keepRecords) record('COMPLETED');
      // Otherwise the chunk's execution run says it COMPLETED.
    }
    if (stopped) break;
    const stats = (statistics[checkName] ??= emptyStatistics());
    if (failed) stats.failedFindingsCount++;
    else if (skipped) stats.skippedFindingsCount++;
    else stats.succeededFindingsCount++;
    cursor++;
  }
  if (cursor > from) {
    if (!onlyCurrentFinding) state.executionRuns.put(`${taskId}/${from}`, { taskId, from, to: cursor, time: now });
    const advanced: MitigationTask = { ...task, taskStatistics: statistics, cursor };
    if (cursor >= task.findingCount) finishTask(state, advanced, now);
    else state.mitigationTasks.put(taskId, advanced);
  }
  return onlyCurrentFinding ? ran : considered;
}

/** Cancels a running task: executions not finished become CANCELED; applied effects stay. */
export function cancelMitigationTask(state: RegionState, task: MitigationTask, now: number): void {
  const statistics = Object.fromEntries(Object.entries(task.taskStatistics).map(([check, stats]) => [check, { ...stats }]));
  // Only the current finding can have started; later ones are CANCELED by derivation unless a record of theirs (older tasks) says otherwise.
  const everyExecutionStored = task.checkRuns === undefined;
  for (let position = task.cursor; position < task.findingCount; position++) {
    const checkName = checkAt(state, task, position);
    let failed = false;
    if (position === task.cursor || everyExecutionStored) {
      const count = task.auditCheckToActionsMapping[checkName]?.length ?? 0;
      for (let index = 0; index < count; index++) {
        const key = executionKey(task.taskId, position, index);
        const stored = state.executions.get(key);
        if (stored?.status === 'FAILED') failed = true;
        if (stored && (stored.status === 'PENDING' || stored.status === 'IN_PROGRESS')) state.executions.put(key, { ...stored, status: 'CANCELED', endTime: now });
      }
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
