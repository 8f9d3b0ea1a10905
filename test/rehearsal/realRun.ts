/**
 * The real run a rehearsal predicts: the task deployed and started on the emulator playing the
 * account, its outcome read back and described the way the rehearsal describes the twin's
 * (same report builder, same resource reader), so the two compare finding by finding.
 */
import { CreateMitigationActionCommand, StartAuditMitigationActionsTaskCommand } from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { buildReport, diffResources, executionsOf, readResources, snsChangesByFinding, takeSnapshot, waitForTask, wantedResources } from '../../rehearsal/index';
import type { FindingPrediction, RehearsalReport, RehearsalRequest } from '../../rehearsal/index';
import type { Account } from './helpers';

export async function runForReal(account: Account, request: RehearsalRequest, taskId: string): Promise<RehearsalReport> {
  const before = await takeSnapshot(account.iot, request);
  const mapped = new Set(Object.values(request.auditCheckToActionsMapping).flat());
  for (const action of request.actions.filter((candidate) => mapped.has(candidate.name))) {
    await account.iot.send(new CreateMitigationActionCommand({ actionName: action.name, roleArn: action.roleArn, actionParams: action.actionParams, tags: action.tags ? [...action.tags] : undefined }));
  }
  const target = before.target;
  await account.iot.send(
    new StartAuditMitigationActionsTaskCommand({
      taskId,
      clientRequestToken: taskId,
      target: { auditTaskId: target.auditTaskId, findingIds: target.findingIds ? [...target.findingIds] : undefined, auditCheckToReasonCodeFilter: target.auditCheckToReasonCodeFilter as Record<string, string[]> | undefined },
      auditCheckToActionsMapping: request.auditCheckToActionsMapping as Record<string, string[]>,
    }),
  );
  const taskStatus = await waitForTask(account.iot, taskId, 60_000);
  const executions = new Map();
  for (const finding of before.findings) executions.set(finding.findingId, await executionsOf(account.iot, taskId, finding.findingId, before));
  const after = await readResources(account.iot, wantedResources(before.findings, before.actions));
  const { messages } = await account.admin<{ messages: { topicArn: string; message: string; taskId?: string }[] }>('GET', 'sns');
  return buildReport(request, before, { taskStatus, executions, changes: diffResources(before.resources, after.resources), published: snsChangesByFinding(messages.filter((message) => message.taskId === taskId)) });
}

const outcomeOf = (finding: FindingPrediction) => ({
  disposition: finding.disposition,
  executions: finding.executions.map((execution) => `${execution.actionName} ${execution.status}${execution.errorCode ? ` ${execution.errorCode}` : ''}`),
  changes: finding.changes.map((change) => `${change.kind} ${change.id}: ${change.change}`).sort(),
});

/** Every finding: same disposition, same execution statuses and error codes, same resource changes. */
export function assertAgreement(predicted: RehearsalReport, real: RehearsalReport): void {
  assert.deepEqual(predicted.findings.map((finding) => finding.findingId).sort(), real.findings.map((finding) => finding.findingId).sort(), 'the same findings');
  const realById = new Map(real.findings.map((finding) => [finding.findingId, finding]));
  for (const finding of predicted.findings) assert.deepEqual(outcomeOf(finding), outcomeOf(realById.get(finding.findingId)!), `finding ${finding.findingId} (${finding.checkName})`);
  assert.equal(predicted.taskStatus, real.taskStatus);
}
