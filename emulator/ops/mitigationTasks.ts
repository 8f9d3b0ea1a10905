/**
 * StartAuditMitigationActionsTask, CancelAuditMitigationActionsTask,
 * ListAuditMitigationActionsExecutions, ListAuditMitigationActionsTasks,
 * DescribeAuditMitigationActionsTask (AWS IoT API Reference, one page per operation; semantics
 * from the AWS IoT Device Defender Developer Guide, "Mitigation actions").
 */
import { QUOTAS } from '../../common/limits';
import { AuditMitigationActionsExecutionStatusShape, AuditMitigationActionsTaskStatusShape, AuditTaskId, FindingId, MitigationActionsTaskId } from '../../common/model';
import { errorsOnly, validateStartAuditMitigationActionsTask } from '../../common/validate';
import { invalidRequest, limitExceeded, notFound, taskAlreadyExists } from '../errors';
import { cancelMitigationTask, createMitigationTask, findingExecutions, runningTaskCount } from '../mitigation/engine';
import { paginate, timeKey } from '../pagination';
import type { AuditFinding, MitigationTask } from '../state/types';
import { isObject } from '../http/wire';
import { accountActions } from './mitigationActions';
import { compact, maxResultsFromQuery, rejectProblems, retentionStart, seconds, type Handler } from './operation';

export const startAuditMitigationActionsTask: Handler = ({ state, input, now, runner }) => {
  const taskId = input.label('taskId', MitigationActionsTaskId);
  // A request is validated in full before idempotency is looked at, as the service does.
  const request: Record<string, unknown> = { ...input.body, taskId };
  rejectProblems(errorsOnly(validateStartAuditMitigationActionsTask(request, { account: accountActions(state) })), request);
  const existing = state.mitigationTasks.get(taskId);
  if (existing) {
    // The same token replays the start; another token is a conflict.
    if (existing.clientRequestToken === request.clientRequestToken) return { taskId };
    throw taskAlreadyExists(`A mitigation actions task with id ${taskId} already exists with a different clientRequestToken.`);
  }
  const target = request.target as Record<string, unknown>;
  const mapping = request.auditCheckToActionsMapping as Record<string, string[]>;
  const candidates = targetFindings(state, target);
  if (runningTaskCount(state) >= QUOTAS.concurrentMitigationTasks) {
    throw limitExceeded(`${QUOTAS.concurrentMitigationTasks} audit mitigation actions tasks are already running; wait for one to finish or cancel one.`);
  }
  const names = [...new Set(Object.values(mapping).flat())];
  const definitions = names.map((name) => {
    const action = state.mitigationActions.get(name)!;
    return { name: action.actionName, id: action.actionId, roleArn: action.roleArn, actionParams: action.actionParams };
  });
  const reasonFilter = isObject(target.auditCheckToReasonCodeFilter) ? (target.auditCheckToReasonCodeFilter as Record<string, string[]>) : undefined;
  const task = createMitigationTask(state, { taskId, clientRequestToken: request.clientRequestToken as string, target, mapping, definitions, candidates, reasonFilter }, now);
  if (task.taskStatus === 'IN_PROGRESS') runner.runMitigationTask(state, taskId);
  return { taskId };
};

function targetFindings(state: Parameters<Handler>[0]['state'], target: Record<string, unknown>): AuditFinding[] {
  if (typeof target.auditTaskId === 'string') {
    const audit = state.auditTasks.get(target.auditTaskId);
    if (!audit) throw invalidRequest(`Audit task ${target.auditTaskId} does not exist.`);
    if (audit.taskStatus === 'IN_PROGRESS') throw invalidRequest(`Audit task ${target.auditTaskId} is still in progress; mitigate its findings once it has completed.`);
    return (state.findingsByAudit.get(audit.taskId) ?? []).map((id) => state.findings.get(id)!).filter(Boolean);
  }
  const ids = target.findingIds as string[];
  return [...new Set(ids)].map((id) => {
    const finding = state.findings.get(id);
    if (!finding) throw invalidRequest(`Audit finding ${id} does not exist.`);
    return finding;
  });
}

export const cancelAuditMitigationActionsTask: Handler = ({ state, input, now }) => {
  const taskId = input.label('taskId', MitigationActionsTaskId);
  const task = state.mitigationTasks.get(taskId);
  if (!task) throw notFound(`Audit mitigation actions task ${taskId} does not exist.`);
  if (task.taskStatus !== 'IN_PROGRESS') throw invalidRequest(`Audit mitigation actions task ${taskId} is ${task.taskStatus}; only a task in progress can be canceled.`);
  cancelMitigationTask(state, task, now);
  return undefined;
};

export const listAuditMitigationActionsExecutions: Handler = ({ state, input }) => {
  const taskId = input.queryString('taskId', MitigationActionsTaskId, true)!;
  const findingId = input.queryString('findingId', FindingId, true)!;
  const actionStatus = input.queryString('actionStatus', AuditMitigationActionsExecutionStatusShape);
  const maxResults = maxResultsFromQuery(input);
  const listed = findingExecutions(state, taskId, findingId).filter(([, execution]) => !actionStatus || execution.status === actionStatus);
  const page = paginate(listed, { operation: 'ListAuditMitigationActionsExecutions', filters: { taskId, findingId, actionStatus }, keyOf: ([key]) => key, order: 'insertion', maxResults, nextToken: input.queryString('nextToken') });
  return compact({
    actionsExecutions: page.items.map(([, execution]) =>
      compact({
        taskId: execution.taskId,
        findingId: execution.findingId,
        actionName: execution.actionName,
        actionId: execution.actionId,
        status: execution.status,
        startTime: seconds(execution.startTime),
        endTime: seconds(execution.endTime),
        errorCode: execution.errorCode,
        message: execution.message,
      }),
    ),
    nextToken: page.nextToken,
  });
};

function taskTouchesAudit(state: Parameters<Handler>[0]['state'], task: MitigationTask, auditTaskId: string): boolean {
  if (task.target.auditTaskId === auditTaskId) return true;
  return state.planOf(task.taskId).some((id) => state.findings.get(id)?.taskId === auditTaskId) || ((task.target.findingIds as string[] | undefined) ?? []).some((id) => state.findings.get(id)?.taskId === auditTaskId);
}

export const listAuditMitigationActionsTasks: Handler = ({ state, input, now }) => {
  const startTime = input.queryTimestamp('startTime', true)!;
  const endTime = input.queryTimestamp('endTime', true)!;
  const auditTaskId = input.queryString('auditTaskId', AuditTaskId);
  const findingId = input.queryString('findingId', FindingId);
  const taskStatus = input.queryString('taskStatus', AuditMitigationActionsTaskStatusShape);
  const maxResults = maxResultsFromQuery(input);
  if (startTime < retentionStart(now)) throw invalidRequest(`startTime is more than ${QUOTAS.retentionDays} days in the past; tasks are kept for ${QUOTAS.retentionDays} days.`);
  if (endTime < startTime) throw invalidRequest('endTime must not be before startTime.');
  // endTime bounds when a task ended; a task still running has not ended and stays listed while it started in the window.
  const tasks = [...state.mitigationTasks.values()].filter(
    (task) =>
      task.startTime >= startTime &&
      (task.endTime === undefined ? task.startTime <= endTime : task.endTime <= endTime) &&
      (!taskStatus || task.taskStatus === taskStatus) &&
      (!findingId || state.planOf(task.taskId).includes(findingId) || ((task.target.findingIds as string[] | undefined) ?? []).includes(findingId)) &&
      (!auditTaskId || taskTouchesAudit(state, task, auditTaskId)),
  );
  const page = paginate(tasks, { operation: 'ListAuditMitigationActionsTasks', filters: { startTime, endTime, auditTaskId, findingId, taskStatus }, keyOf: (task) => timeKey(task.startTime, task.taskId), order: 'key', maxResults, nextToken: input.queryString('nextToken') });
  return compact({
    tasks: page.items.map((task) => ({ taskId: task.taskId, startTime: seconds(task.startTime), taskStatus: task.taskStatus })),
    nextToken: page.nextToken,
  });
};

export const describeAuditMitigationActionsTask: Handler = ({ state, input }) => {
  const taskId = input.label('taskId', MitigationActionsTaskId);
  const task = state.mitigationTasks.get(taskId);
  if (!task) throw notFound(`Audit mitigation actions task ${taskId} does not exist.`);
  return compact({
    taskStatus: task.taskStatus,
    startTime: seconds(task.startTime),
    endTime: seconds(task.endTime),
    taskStatistics: task.taskStatistics,
    target: task.target,
    auditCheckToActionsMapping: task.auditCheckToActionsMapping,
    actionsDefinition: task.actionsDefinition,
  });
};
