/**
 * Audit tasks: creation with every target check IN_PROGRESS, then one check at a time turned
 * into findings against the state as it is when that check runs (the runner paces the checks).
 */
import { AUDIT_CHECKS, auditCheck } from '../../common/auditChecks';
import { newAuditTaskId, newUuid } from '../fleet/ids';
import type { RegionState } from '../state/regionState';
import type { AuditConfiguration, AuditFinding, AuditTask } from '../state/types';
import { CHECK_EVALUATORS } from './checks';
import { notifyAuditCompleted } from './notifications';
import { activeSuppression } from './suppressions';

/** The configuration a region starts with: AWS's default set of checks enabled. */
export function defaultAuditConfiguration(roleArn?: string): AuditConfiguration {
  const checks = Object.fromEntries(AUDIT_CHECKS.map((check) => [check.name, { enabled: roleArn !== undefined && check.enabledByDefault }]));
  return roleArn ? { roleArn, notifications: {}, checks } : { notifications: {}, checks };
}

export function isCheckEnabled(state: RegionState, checkName: string): boolean {
  return state.auditConfiguration?.checks[checkName]?.enabled === true;
}

/** An audit with every check IN_PROGRESS; one started by a scheduled audit names it. */
export function createAuditTask(state: RegionState, checkNames: readonly string[], now: number, taskId = newAuditTaskId(), scheduledAuditName?: string): AuditTask {
  const task: AuditTask = {
    taskId,
    taskType: scheduledAuditName === undefined ? 'ON_DEMAND_AUDIT_TASK' : 'SCHEDULED_AUDIT_TASK',
    ...(scheduledAuditName === undefined ? {} : { scheduledAuditName }),
    taskStatus: 'IN_PROGRESS',
    taskStartTime: now,
    targetCheckNames: [...new Set(checkNames)],
    auditDetails: Object.fromEntries([...new Set(checkNames)].map((name) => [name, { checkRunStatus: 'IN_PROGRESS' as const }])),
  };
  state.auditTasks.put(task.taskId, task);
  return task;
}

/** The next check of a running audit that has not run yet. */
export function nextPendingCheck(task: AuditTask): string | undefined {
  return task.targetCheckNames.find((name) => task.auditDetails[name]?.checkRunStatus === 'IN_PROGRESS');
}

/** Runs one check of an audit and records its findings; completes the audit after its last check. */
export function runAuditCheck(state: RegionState, taskId: string, checkName: string, now: number): void {
  const task = state.auditTasks.get(taskId);
  if (!task || task.taskStatus !== 'IN_PROGRESS') return;
  const info = auditCheck(checkName);
  const evaluate = CHECK_EVALUATORS[checkName];
  const details = { ...task.auditDetails };
  if (!info || !evaluate) {
    details[checkName] = { checkRunStatus: 'FAILED', errorCode: 'AUDIT_CHECK_DISABLED', message: `${checkName} is not a check this emulator knows.` };
  } else {
    const configuration = state.auditConfiguration?.checks[checkName]?.configuration ?? {};
    const result = evaluate({ state, now, configuration });
    let suppressedCount = 0;
    for (const raw of result.findings) {
      const suppressed = activeSuppression(state, checkName, raw.resource.resourceIdentifier, now) !== undefined;
      if (suppressed) suppressedCount++;
      const finding: AuditFinding = {
        findingId: newUuid(),
        taskId,
        checkName,
        taskStartTime: task.taskStartTime,
        findingTime: now,
        severity: info.severity,
        nonCompliantResource: raw.resource,
        relatedResources: raw.related,
        reasonForNonCompliance: raw.reason,
        reasonForNonComplianceCode: raw.reasonCode,
        isSuppressed: suppressed,
      };
      state.findings.put(finding.findingId, finding);
    }
    const compliant = result.findings.length === 0;
    details[checkName] = {
      checkRunStatus: compliant ? 'COMPLETED_COMPLIANT' : 'COMPLETED_NON_COMPLIANT',
      checkCompliant: compliant,
      totalResourcesCount: result.total,
      nonCompliantResourcesCount: result.findings.length,
      suppressedNonCompliantResourcesCount: suppressedCount,
    };
  }
  const updated: AuditTask = { ...task, auditDetails: details };
  if (!nextPendingCheck(updated)) updated.taskStatus = 'COMPLETED';
  state.auditTasks.put(taskId, updated);
  if (updated.taskStatus === 'COMPLETED') notifyAuditCompleted(state, updated, now);
}

/** Runs every remaining check at once (the demo seed's completed audit, fleet generation). */
export function runAuditToCompletion(state: RegionState, taskId: string, now: number): void {
  for (let task = state.auditTasks.get(taskId); task && task.taskStatus === 'IN_PROGRESS'; task = state.auditTasks.get(taskId)) {
    const next = nextPendingCheck(task);
    if (!next) break;
    runAuditCheck(state, taskId, next, now);
  }
}

export function cancelAudit(state: RegionState, task: AuditTask): void {
  const details = Object.fromEntries(
    Object.entries(task.auditDetails).map(([name, detail]) => [name, detail.checkRunStatus === 'IN_PROGRESS' ? { checkRunStatus: 'CANCELED' as const } : detail]),
  );
  state.auditTasks.put(task.taskId, { ...task, taskStatus: 'CANCELED', auditDetails: details });
}

/** TaskStatistics of DescribeAuditTask, derived from the per-check details. */
export function auditStatistics(task: AuditTask): Record<string, number> {
  const details = Object.values(task.auditDetails);
  const count = (status: string) => details.filter((detail) => detail.checkRunStatus === status).length;
  return {
    totalChecks: details.length,
    inProgressChecks: count('IN_PROGRESS'),
    waitingForDataCollectionChecks: count('WAITING_FOR_DATA_COLLECTION'),
    compliantChecks: count('COMPLETED_COMPLIANT'),
    nonCompliantChecks: count('COMPLETED_NON_COMPLIANT'),
    failedChecks: count('FAILED'),
    canceledChecks: count('CANCELED'),
  };
}
