/**
 * The audit notification sent to the account's SNS target when an audit completes (AWS IoT Device
 * Defender Developer Guide, "Audit" — SNS notifications, and UpdateAccountAuditConfiguration's
 * auditNotificationTargetConfigurations): the audit's counts per check run status and one entry per
 * check. Sent only while the SNS target is enabled and names a topic.
 */
import { newUuid } from '../fleet/ids';
import type { RegionState } from '../state/regionState';
import type { AuditTask } from '../state/types';

/** The message body: the fields of the Device Defender guide's example audit notification, each check with the AuditCheckDetails counts. */
export function auditNotification(state: RegionState, task: AuditTask): Record<string, unknown> {
  const details = Object.entries(task.auditDetails);
  const count = (status: string) => details.filter(([, detail]) => detail.checkRunStatus === status).length;
  return {
    accountId: state.account,
    taskId: task.taskId,
    taskStatus: task.taskStatus,
    taskType: task.taskType,
    ...(task.scheduledAuditName === undefined ? {} : { scheduledAuditName: task.scheduledAuditName }),
    failedChecksCount: count('FAILED'),
    canceledChecksCount: count('CANCELED'),
    nonCompliantChecksCount: count('COMPLETED_NON_COMPLIANT'),
    compliantChecksCount: count('COMPLETED_COMPLIANT'),
    totalChecksCount: details.length,
    taskStartTime: task.taskStartTime,
    auditDetails: details.map(([checkName, detail]) => ({
      checkName,
      checkRunStatus: detail.checkRunStatus,
      nonCompliantResourcesCount: detail.nonCompliantResourcesCount ?? 0,
      suppressedNonCompliantResourcesCount: detail.suppressedNonCompliantResourcesCount ?? 0,
      totalResourcesCount: detail.totalResourcesCount ?? 0,
      ...(detail.errorCode === undefined ? {} : { errorCode: detail.errorCode, message: detail.message }),
    })),
  };
}

export function notifyAuditCompleted(state: RegionState, task: AuditTask, now: number): void {
  const target = state.auditConfiguration?.notifications.SNS;
  if (!target?.enabled || !target.targetArn) return;
  state.snsMessages.put(newUuid(), {
    messageId: newUuid(),
    topicArn: target.targetArn,
    subject: `AWS IoT Device Defender audit ${task.taskId} ${task.taskStatus}`,
    message: JSON.stringify(auditNotification(state, task)),
    timestamp: now,
    taskId: task.taskId,
  });
}
