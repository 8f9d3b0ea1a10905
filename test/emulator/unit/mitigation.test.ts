/**
 * The mitigation engine and each action type's effect, run directly on a region: what each
 * effect changes (and only that), the documented execution error when it cannot, and the task's
 * statuses, statistics, cancel and the count of running tasks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyAction } from '../../../emulator/mitigation/effects';
import { cancelMitigationTask, createMitigationTask, processCurrentFinding, runningTaskCount, taskExecutions } from '../../../emulator/mitigation/engine';
import { putCaCertificate, putCertificate, putPolicy, putRole, putThing, putThingGroup } from '../../../emulator/fleet/builders';
import { RegionState } from '../../../emulator/state/regionState';
import type { ActionDefinition, AuditFinding, ResourceRef } from '../../../emulator/state/types';

const NOW = Date.UTC(2026, 0, 15);
const ALLOWED = 'arn:aws:iam::123456789012:role/Unknown'; // a role the emulator does not know is taken as allowed

function region(): RegionState {
  const state = new RegionState('123456789012', 'us-east-1', () => {});
  putCertificate(state, { certificateId: 'c1' }, NOW);
  putCertificate(state, { certificateId: 'c2' }, NOW);
  putCertificate(state, { certificateId: 'revoked', status: 'REVOKED' }, NOW);
  putCaCertificate(state, { certificateId: 'ca1' }, NOW);
  putThingGroup(state, { groupName: 'Quarantine' }, NOW);
  putThingGroup(state, { groupName: 'Fleet' }, NOW);
  putThingGroup(state, { groupName: 'Fleet-East', parentGroupName: 'Fleet' }, NOW);
  putThingGroup(state, { groupName: 'Smart', dynamic: true, queryString: 'attributes.kind:smart' }, NOW);
  putThing(state, { thingName: 'sensor', principals: ['c1'] }, NOW);
  putPolicy(state, 'open', { Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] }, NOW);
  return state;
}

let ids = 0;
function finding(checkName: string, resource: ResourceRef, reasonCode = 'REASON'): AuditFinding {
  const findingId = `f${++ids}`;
  return { findingId, taskId: 'audit1', checkName, taskStartTime: NOW, findingTime: NOW, severity: 'HIGH', nonCompliantResource: resource, relatedResources: [], reasonForNonCompliance: '', reasonForNonComplianceCode: reasonCode, isSuppressed: false };
}
const deviceFinding = (id: string, reasonCode?: string) => finding('DEVICE_CERTIFICATE_EXPIRING_CHECK', { resourceType: 'DEVICE_CERTIFICATE', resourceIdentifier: { deviceCertificateId: id } }, reasonCode);
const action = (name: string, actionParams: Record<string, unknown>, roleArn = ALLOWED): ActionDefinition => ({ name, id: `id-${name}`, roleArn, actionParams });
const DEACTIVATE = action('Deactivate', { updateDeviceCertificateParams: { action: 'DEACTIVATE' } });
const QUARANTINE = action('Quarantine', { addThingsToThingGroupParams: { thingGroupNames: ['Quarantine'] } });
const NOTIFY = action('Notify', { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:alerts' } });

describe('emulator mitigation effects', () => {
  it('UPDATE_DEVICE_CERTIFICATE deactivates the finding\'s certificate and nothing else; a revoked one is INVALID_STATE_OF_RESOURCE', () => {
    const state = region();
    assert.deepEqual(applyAction(state, DEACTIVATE, deviceFinding('c1'), NOW + 1, 't'), { ok: true });
    assert.deepEqual([state.certificates.get('c1')!.status, state.certificates.get('c1')!.customerVersion, state.certificates.get('c1')!.lastModifiedDate], ['INACTIVE', 2, NOW + 1]);
    assert.equal(state.certificates.get('c2')!.status, 'ACTIVE');
    assert.deepEqual(applyAction(state, DEACTIVATE, deviceFinding('c1'), NOW + 2, 't'), { ok: true }, 'deactivating an inactive certificate is a no-op success');
    assert.equal(state.certificates.get('c1')!.customerVersion, 2);
    assert.deepEqual(applyAction(state, DEACTIVATE, deviceFinding('revoked'), NOW, 't'), { ok: false, errorCode: 'INVALID_STATE_OF_RESOURCE', message: 'Certificate revoked is already REVOKED.' });
    assert.equal(applyAction(state, DEACTIVATE, deviceFinding('missing'), NOW, 't').ok, false);
  });

  it('UPDATE_CA_CERTIFICATE deactivates the CA certificate', () => {
    const state = region();
    const ca = finding('CA_CERTIFICATE_EXPIRING_CHECK', { resourceType: 'CA_CERTIFICATE', resourceIdentifier: { caCertificateId: 'ca1' } });
    assert.deepEqual(applyAction(state, action('CA', { updateCACertificateParams: { action: 'DEACTIVATE' } }), ca, NOW, 't'), { ok: true });
    assert.equal(state.caCertificates.get('ca1')!.status, 'INACTIVE');
  });

  it('ADD_THINGS_TO_THING_GROUP adds the things of the certificate; one group per hierarchy, no dynamic groups', () => {
    const state = region();
    assert.deepEqual(applyAction(state, QUARANTINE, deviceFinding('c1'), NOW, 't'), { ok: true });
    assert.deepEqual([state.things.get('sensor')!.groupNames, state.things.get('sensor')!.version], [['Quarantine'], 2]);
    const east = action('East', { addThingsToThingGroupParams: { thingGroupNames: ['Fleet-East'] } });
    const fleet = action('Fleet', { addThingsToThingGroupParams: { thingGroupNames: ['Fleet'] } });
    assert.deepEqual(applyAction(state, east, deviceFinding('c1'), NOW, 't'), { ok: true });
    const refused = applyAction(state, fleet, deviceFinding('c1'), NOW, 't');
    assert.deepEqual(refused.ok ? undefined : [refused.errorCode, refused.message], ['INVALID_STATE_OF_RESOURCE', 'Thing sensor is already in Fleet-East, in the same hierarchy as Fleet; a thing can be in only one group per hierarchy.']);
    const dynamic = applyAction(state, action('Smart', { addThingsToThingGroupParams: { thingGroupNames: ['Smart'] } }), deviceFinding('c1'), NOW, 't');
    assert.equal(dynamic.ok ? '' : dynamic.message, 'Thing group Smart is a dynamic group; things cannot be added to it.');
    assert.deepEqual(state.things.get('sensor')!.groupNames, ['Quarantine', 'Fleet-East'], 'refused additions change nothing');
    const orphan = applyAction(state, QUARANTINE, deviceFinding('c2'), NOW, 't');
    assert.equal(orphan.ok ? '' : orphan.message, "No things are attached to the finding's device certificate.");
  });

  it('REPLACE_DEFAULT_POLICY_VERSION adds a blank default version, up to the 5 versions a policy may have', () => {
    const state = region();
    const policyFinding = finding('IOT_POLICY_OVERLY_PERMISSIVE_CHECK', { resourceType: 'IOT_POLICY', resourceIdentifier: { policyVersionIdentifier: { policyName: 'open', policyVersionId: '1' } } });
    const replace = action('Blank', { replaceDefaultPolicyVersionParams: { templateName: 'BLANK_POLICY' } });
    for (let version = 2; version <= 5; version++) assert.deepEqual(applyAction(state, replace, policyFinding, NOW, 't'), { ok: true });
    const policy = state.policies.get('open')!;
    assert.deepEqual([policy.defaultVersionId, policy.versions.length, JSON.parse(policy.versions[4].document)], ['5', 5, { Version: '2012-10-17', Statement: [] }]);
    const full = applyAction(state, replace, policyFinding, NOW, 't');
    assert.equal(full.ok ? '' : full.message, 'Policy open already has 5 versions; delete one before a new default can be created.');
  });

  it('ENABLE_IOT_LOGGING sets the logging options; PUBLISH_FINDING_TO_SNS records one message naming the finding', () => {
    const state = region();
    const logging = action('Logs', { enableIoTLoggingParams: { roleArnForLogging: 'arn:aws:iam::123456789012:role/Logs', logLevel: 'ERROR' } });
    assert.deepEqual(applyAction(state, logging, deviceFinding('c1'), NOW, 't'), { ok: true });
    assert.deepEqual(state.logging, { roleArn: 'arn:aws:iam::123456789012:role/Logs', defaultLogLevel: 'ERROR', disableAllLogs: false });
    const target = deviceFinding('c1');
    assert.deepEqual(applyAction(state, NOTIFY, target, NOW, 'task-9'), { ok: true });
    const [message] = [...state.snsMessages.values()];
    assert.deepEqual([state.snsMessages.size, message.topicArn, message.taskId, JSON.parse(message.message).findingId], [1, 'arn:aws:sns:us-east-1:123456789012:alerts', 'task-9', target.findingId]);
  });

  it("a known role without the action type's permissions fails with INSUFFICIENT_PERMISSIONS and changes nothing", () => {
    const state = region();
    const weak = putRole(state, 'Weak', ['iot:DescribeCertificate']);
    assert.deepEqual(applyAction(state, { ...DEACTIVATE, roleArn: weak }, deviceFinding('c1'), NOW, 't'), { ok: false, errorCode: 'INSUFFICIENT_PERMISSIONS', message: `Role ${weak} is not authorized to perform iot:UpdateCertificate.` });
    assert.equal(state.certificates.get('c1')!.status, 'ACTIVE');
    const strong = putRole(state, 'Strong', ['iot:Update*']);
    assert.deepEqual(applyAction(state, { ...DEACTIVATE, roleArn: strong }, deviceFinding('c1'), NOW, 't'), { ok: true });
  });
});

describe('emulator mitigation engine', () => {
  function start(state: RegionState, candidates: AuditFinding[], mapping: Record<string, string[]>, definitions: ActionDefinition[], taskId = 'task1', reasonFilter?: Record<string, string[]>) {
    for (const candidate of candidates) state.findings.put(candidate.findingId, candidate);
    return createMitigationTask(state, { taskId, clientRequestToken: 'token', target: { auditTaskId: 'audit1' }, mapping, definitions, candidates, reasonFilter }, NOW);
  }
  const executions = (state: RegionState, taskId: string) => taskExecutions(state, taskId).map((execution) => `${execution.findingId}:${execution.actionName}:${execution.status}${execution.errorCode ? `:${execution.errorCode}` : ''}`);

  it('runs each finding\'s actions in order; a failed action skips the later ones; the task FAILS when any finding failed', () => {
    const state = region();
    const good = deviceFinding('c1');
    const bad = deviceFinding('revoked');
    const task = start(state, [good, bad], { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['Deactivate', 'Notify'] }, [DEACTIVATE, NOTIFY]);
    assert.deepEqual([task.taskStatus, task.findingCount, runningTaskCount(state)], ['IN_PROGRESS', 2, 1]);
    assert.deepEqual(executions(state, 'task1'), [`${good.findingId}:Deactivate:PENDING`, `${good.findingId}:Notify:PENDING`, `${bad.findingId}:Deactivate:PENDING`, `${bad.findingId}:Notify:PENDING`]);
    assert.equal(processCurrentFinding(state, 'task1', NOW + 1), 2);
    assert.equal(state.mitigationTasks.get('task1')!.taskStatus, 'IN_PROGRESS');
    assert.equal(processCurrentFinding(state, 'task1', NOW + 2), 1);
    assert.deepEqual(executions(state, 'task1'), [`${good.findingId}:Deactivate:COMPLETED`, `${good.findingId}:Notify:COMPLETED`, `${bad.findingId}:Deactivate:FAILED:INVALID_STATE_OF_RESOURCE`, `${bad.findingId}:Notify:SKIPPED`]);
    const done = state.mitigationTasks.get('task1')!;
    assert.deepEqual([done.taskStatus, done.endTime, runningTaskCount(state)], ['FAILED', NOW + 2, 0]);
    assert.deepEqual(done.taskStatistics.DEVICE_CERTIFICATE_EXPIRING_CHECK, { totalFindingsCount: 2, failedFindingsCount: 1, succeededFindingsCount: 1, skippedFindingsCount: 0, canceledFindingsCount: 0 });
    assert.equal(state.snsMessages.size, 1, 'the skipped notification was not sent');
    assert.equal(processCurrentFinding(state, 'task1', NOW + 3), 0, 'a finished task runs nothing more');
  });

  it('counts findings excluded by the reason filter or suppressed as skipped, and completes at once when nothing is left', () => {
    const state = region();
    const suppressed = { ...deviceFinding('c1'), isSuppressed: true };
    const filtered = deviceFinding('c2', 'CERTIFICATE_PAST_EXPIRATION');
    const task = start(state, [suppressed, filtered], { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['Deactivate'], LOGGING_DISABLED_CHECK: ['Notify'] }, [DEACTIVATE, NOTIFY], 'task2', { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['CERTIFICATE_APPROACHING_EXPIRATION'] });
    assert.deepEqual([task.taskStatus, task.endTime], ['COMPLETED', NOW]);
    assert.deepEqual(task.taskStatistics, {
      DEVICE_CERTIFICATE_EXPIRING_CHECK: { totalFindingsCount: 2, failedFindingsCount: 0, succeededFindingsCount: 0, skippedFindingsCount: 2, canceledFindingsCount: 0 },
      LOGGING_DISABLED_CHECK: { totalFindingsCount: 0, failedFindingsCount: 0, succeededFindingsCount: 0, skippedFindingsCount: 0, canceledFindingsCount: 0 },
    });
    assert.equal(state.certificates.get('c1')!.status, 'ACTIVE');
  });

  it('runs at most maxExecutions at a time; cancel keeps what ran and cancels the rest', () => {
    const state = region();
    const first = deviceFinding('c1');
    const second = deviceFinding('c2');
    start(state, [first, second], { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['Deactivate', 'Notify'] }, [DEACTIVATE, NOTIFY], 'task3');
    assert.equal(processCurrentFinding(state, 'task3', NOW, 1), 1);
    assert.equal(state.mitigationTasks.get('task3')!.cursor, 0, 'the finding is not done until all its actions ran');
    assert.equal(processCurrentFinding(state, 'task3', NOW, 1), 1);
    cancelMitigationTask(state, state.mitigationTasks.get('task3')!, NOW + 5);
    const canceled = state.mitigationTasks.get('task3')!;
    assert.deepEqual([canceled.taskStatus, canceled.endTime, runningTaskCount(state)], ['CANCELED', NOW + 5, 0]);
    assert.deepEqual(canceled.taskStatistics.DEVICE_CERTIFICATE_EXPIRING_CHECK, { totalFindingsCount: 2, failedFindingsCount: 0, succeededFindingsCount: 1, skippedFindingsCount: 0, canceledFindingsCount: 1 });
    assert.deepEqual(executions(state, 'task3'), [`${first.findingId}:Deactivate:COMPLETED`, `${first.findingId}:Notify:COMPLETED`, `${second.findingId}:Deactivate:CANCELED`, `${second.findingId}:Notify:CANCELED`]);
    assert.deepEqual([state.certificates.get('c1')!.status, state.certificates.get('c2')!.status], ['INACTIVE', 'ACTIVE'], 'applied effects are not rolled back; canceled ones never happen');
    assert.equal(processCurrentFinding(state, 'task3', NOW + 6), 0);
  });

  it('fails an execution whose finding has gone', () => {
    const state = region();
    const gone = deviceFinding('c1');
    start(state, [gone], { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['Deactivate'] }, [DEACTIVATE], 'task4');
    state.findings.delete(gone.findingId);
    processCurrentFinding(state, 'task4', NOW);
    const [execution] = taskExecutions(state, 'task4');
    assert.deepEqual([execution.status, execution.errorCode, execution.message, state.mitigationTasks.get('task4')!.taskStatus], ['FAILED', 'INVALID_STATE_OF_RESOURCE', 'The finding no longer exists.', 'FAILED']);
  });

  it('counts the tasks in progress across tasks', () => {
    const state = region();
    start(state, [deviceFinding('c1')], { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['Notify'] }, [NOTIFY], 'a');
    start(state, [deviceFinding('c2')], { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['Notify'] }, [NOTIFY], 'b');
    assert.equal(runningTaskCount(state), 2);
    processCurrentFinding(state, 'a', NOW);
    assert.deepEqual([state.mitigationTasks.get('a')!.taskStatus, runningTaskCount(state)], ['COMPLETED', 1]);
  });
});
