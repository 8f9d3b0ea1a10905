/**
 * Audit mitigation actions tasks end to end through @aws-sdk/client-iot: every action type's
 * real effect checked through the resource operations, failures, skips, suppression,
 * filters, cancel, the 10-task limit under 50 parallel starts, and idempotency.
 */
import {
  AuditFinding,
  CancelAuditMitigationActionsTaskCommand,
  CreateMitigationActionCommand,
  DeleteMitigationActionCommand,
  DescribeAuditMitigationActionsTaskCommand,
  DescribeAuditMitigationActionsTaskCommandOutput,
  DescribeCACertificateCommand,
  DescribeCertificateCommand,
  GetPolicyCommand,
  GetV2LoggingOptionsCommand,
  InvalidRequestException,
  LimitExceededException,
  ListAuditFindingsCommand,
  ListAuditMitigationActionsExecutionsCommand,
  ListAuditMitigationActionsTasksCommand,
  ListAuditTasksCommand,
  ListPolicyVersionsCommand,
  ListThingGroupsForThingCommand,
  MitigationActionParams,
  ResourceNotFoundException,
  StartAuditMitigationActionsTaskCommand,
  StartOnDemandAuditTaskCommand,
  DescribeAuditTaskCommand,
  TaskAlreadyExistsException,
} from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DEMO } from '../../emulator/index';
import { admin, useDemoEmulator, DAY_MS, waitFor } from './helpers';

const FULL_ROLE = `arn:aws:iam::123456789012:role/${DEMO.mitigationRole}`;
const RESTRICTED_ROLE = `arn:aws:iam::123456789012:role/${DEMO.restrictedRole}`;
const TOPIC = `arn:aws:sns:us-east-1:123456789012:${DEMO.topicName}`;

describe('emulator: audit mitigation actions tasks (SDK)', () => {
  let auditTaskId: string;
  const demo = useDemoEmulator();
  beforeEach(async () => {
    const tasks = await demo.iot.send(new ListAuditTasksCommand({ startTime: new Date(Date.now() - DAY_MS), endTime: new Date(Date.now() + DAY_MS) }));
    assert.equal(tasks.tasks?.length, 1, 'the demo seed holds one completed audit');
    auditTaskId = tasks.tasks![0].taskId!;
  });
  afterEach(async () => {
    await admin(demo.emulator, 'POST', 'settings', { paceMs: 0 });
  });

  async function action(actionName: string, actionParams: MitigationActionParams, roleArn = FULL_ROLE): Promise<void> {
    await demo.iot.send(new CreateMitigationActionCommand({ actionName, roleArn, actionParams }));
  }

  async function findings(checkName: string): Promise<AuditFinding[]> {
    const result = await demo.iot.send(new ListAuditFindingsCommand({ taskId: auditTaskId, checkName }));
    return result.findings ?? [];
  }

  async function finished(taskId: string): Promise<DescribeAuditMitigationActionsTaskCommandOutput> {
    return waitFor(`task ${taskId} to finish`, async () => {
      const task = await demo.iot.send(new DescribeAuditMitigationActionsTaskCommand({ taskId }));
      return task.taskStatus === 'IN_PROGRESS' ? undefined : task;
    });
  }

  async function executions(taskId: string, findingId: string) {
    return (await demo.iot.send(new ListAuditMitigationActionsExecutionsCommand({ taskId, findingId }))).actionsExecutions ?? [];
  }

  function certificateOf(finding: AuditFinding): string {
    return finding.nonCompliantResource!.resourceIdentifier!.deviceCertificateId!;
  }

  it('deactivates a device certificate named by a finding', async () => {
    await action('Deactivate', { updateDeviceCertificateParams: { action: 'DEACTIVATE' } });
    const [expired] = (await findings('DEVICE_CERTIFICATE_EXPIRING_CHECK')).filter((finding) => finding.reasonForNonComplianceCode === 'CERTIFICATE_PAST_EXPIRATION');
    const started = await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: 'deactivate-1', target: { findingIds: [expired.findingId!] }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['Deactivate'] } }));
    assert.equal(started.taskId, 'deactivate-1');
    const task = await finished('deactivate-1');
    assert.equal(task.taskStatus, 'COMPLETED');
    assert.deepEqual(task.taskStatistics, { DEVICE_CERTIFICATE_EXPIRING_CHECK: { totalFindingsCount: 1, failedFindingsCount: 0, succeededFindingsCount: 1, skippedFindingsCount: 0, canceledFindingsCount: 0 } });
    assert.ok(task.endTime instanceof Date && task.startTime instanceof Date && task.endTime >= task.startTime);
    assert.deepEqual(task.actionsDefinition?.map((definition) => definition.name), ['Deactivate']);
    const [execution] = await executions('deactivate-1', expired.findingId!);
    assert.equal(execution.status, 'COMPLETED');
    assert.equal(execution.actionName, 'Deactivate');
    const certificate = await demo.iot.send(new DescribeCertificateCommand({ certificateId: certificateOf(expired) }));
    assert.equal(certificate.certificateDescription?.status, 'INACTIVE');
  });

  it('runs actions in mapping order on every unsuppressed finding of an audit and never touches suppressed ones', async () => {
    await action('Notify', { publishFindingToSnsParams: { topicArn: TOPIC } });
    await action('Quarantine', { addThingsToThingGroupParams: { thingGroupNames: [DEMO.quarantineGroup] } });
    await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: 'expiring', target: { auditTaskId }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['Notify', 'Quarantine'] } }));
    const task = await finished('expiring');
    assert.equal(task.taskStatus, 'COMPLETED');
    assert.deepEqual(task.taskStatistics?.DEVICE_CERTIFICATE_EXPIRING_CHECK, { totalFindingsCount: 3, failedFindingsCount: 0, succeededFindingsCount: 2, skippedFindingsCount: 1, canceledFindingsCount: 0 });
    const all = await findings('DEVICE_CERTIFICATE_EXPIRING_CHECK');
    const suppressed = all.find((finding) => finding.isSuppressed)!;
    assert.deepEqual(await executions('expiring', suppressed.findingId!), []);
    for (const finding of all.filter((candidate) => !candidate.isSuppressed)) {
      assert.deepEqual((await executions('expiring', finding.findingId!)).map((execution) => [execution.actionName, execution.status]), [['Notify', 'COMPLETED'], ['Quarantine', 'COMPLETED']]);
    }
    for (const thingName of ['thermostat-01', 'thermostat-02']) {
      const groups = await demo.iot.send(new ListThingGroupsForThingCommand({ thingName }));
      assert.ok(groups.thingGroups?.some((group) => group.groupName === DEMO.quarantineGroup), `${thingName} is quarantined`);
    }
    const tracker = await demo.iot.send(new ListThingGroupsForThingCommand({ thingName: 'tracker-01' }));
    assert.ok(!tracker.thingGroups?.some((group) => group.groupName === DEMO.quarantineGroup), 'the suppressed finding was not mitigated');
    const sns = await admin<{ messages: { topicArn: string; taskId: string; message: string }[] }>(demo.emulator, 'GET', `sns?topicArn=${encodeURIComponent(TOPIC)}`);
    assert.equal(sns.messages.length, 2);
    assert.ok(sns.messages.every((message) => message.taskId === 'expiring' && JSON.parse(message.message).checkName === 'DEVICE_CERTIFICATE_EXPIRING_CHECK'));
  });

  it('fails with INSUFFICIENT_PERMISSIONS when the role lacks the permission and skips the later actions', async () => {
    await action('RestrictedDeactivate', { updateDeviceCertificateParams: { action: 'DEACTIVATE' } }, RESTRICTED_ROLE);
    await action('Notify', { publishFindingToSnsParams: { topicArn: TOPIC } });
    const [finding] = await findings('DEVICE_CERTIFICATE_KEY_QUALITY_CHECK');
    await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: 'restricted', target: { findingIds: [finding.findingId!] }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_KEY_QUALITY_CHECK: ['RestrictedDeactivate', 'Notify'] } }));
    const task = await finished('restricted');
    assert.equal(task.taskStatus, 'FAILED');
    assert.equal(task.taskStatistics?.DEVICE_CERTIFICATE_KEY_QUALITY_CHECK?.failedFindingsCount, 1);
    const [first, second] = await executions('restricted', finding.findingId!);
    assert.equal(first.status, 'FAILED');
    assert.equal(first.errorCode, 'INSUFFICIENT_PERMISSIONS');
    assert.match(first.message ?? '', /iot:UpdateCertificate/);
    assert.equal(second.status, 'SKIPPED');
    const failedOnly = await demo.iot.send(new ListAuditMitigationActionsExecutionsCommand({ taskId: 'restricted', findingId: finding.findingId!, actionStatus: 'FAILED' }));
    assert.deepEqual(failedOnly.actionsExecutions?.map((execution) => execution.actionName), ['RestrictedDeactivate']);
    const certificate = await demo.iot.send(new DescribeCertificateCommand({ certificateId: certificateOf(finding) }));
    assert.equal(certificate.certificateDescription?.status, 'ACTIVE');
  });

  it('fails with INVALID_STATE_OF_RESOURCE for a thing at the 10-group limit unless dynamic groups may be evicted', async () => {
    await action('Quarantine', { addThingsToThingGroupParams: { thingGroupNames: [DEMO.quarantineGroup] } });
    await action('QuarantineOverride', { addThingsToThingGroupParams: { thingGroupNames: [DEMO.quarantineGroup], overrideDynamicGroups: true } });
    const crowded = (await findings('DEVICE_CERTIFICATE_KEY_QUALITY_CHECK')).find((finding) => certificateOf(finding) === DEMO.certificates.crowded)!;
    await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: 'crowded', target: { findingIds: [crowded.findingId!] }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_KEY_QUALITY_CHECK: ['Quarantine'] } }));
    assert.equal((await finished('crowded')).taskStatus, 'FAILED');
    const [failed] = await executions('crowded', crowded.findingId!);
    assert.equal(failed.errorCode, 'INVALID_STATE_OF_RESOURCE');
    assert.match(failed.message ?? '', /10 thing groups/);

    await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: 'crowded-override', target: { findingIds: [crowded.findingId!] }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_KEY_QUALITY_CHECK: ['QuarantineOverride'] } }));
    assert.equal((await finished('crowded-override')).taskStatus, 'COMPLETED');
    const groups = (await demo.iot.send(new ListThingGroupsForThingCommand({ thingName: 'meter-02' }))).thingGroups!.map((group) => group.groupName);
    assert.equal(groups.length, 10);
    assert.ok(groups.includes(DEMO.quarantineGroup));
    assert.ok(!groups.includes('LowBattery'), 'the dynamic group made room');
  });

  it('replaces the default policy version with a blank one, and a new audit no longer finds it', async () => {
    await action('BlankPolicy', { replaceDefaultPolicyVersionParams: { templateName: 'BLANK_POLICY' } });
    await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: 'policy', target: { auditTaskId }, auditCheckToActionsMapping: { IOT_POLICY_OVERLY_PERMISSIVE_CHECK: ['BlankPolicy'] } }));
    assert.equal((await finished('policy')).taskStatus, 'COMPLETED');
    const policy = await demo.iot.send(new GetPolicyCommand({ policyName: 'AllowEverythingPolicy' }));
    assert.equal(policy.defaultVersionId, '2');
    assert.deepEqual(JSON.parse(policy.policyDocument!).Statement, []);
    const versions = await demo.iot.send(new ListPolicyVersionsCommand({ policyName: 'AllowEverythingPolicy' }));
    assert.deepEqual(versions.policyVersions?.map((version) => [version.versionId, version.isDefaultVersion]), [['2', true], ['1', false]]);

    const { taskId } = await demo.iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: ['IOT_POLICY_OVERLY_PERMISSIVE_CHECK', 'IOT_POLICY_POTENTIAL_MISCONFIGURATION_CHECK'] }));
    await waitFor('the new audit', async () => ((await demo.iot.send(new DescribeAuditTaskCommand({ taskId }))).taskStatus === 'COMPLETED' ? true : undefined));
    const after = await demo.iot.send(new ListAuditFindingsCommand({ taskId }));
    assert.deepEqual(after.findings?.map((finding) => finding.checkName), ['IOT_POLICY_POTENTIAL_MISCONFIGURATION_CHECK']);
  });

  it('enables IoT logging and deactivates a revoked CA certificate', async () => {
    await action('EnableLogging', { enableIoTLoggingParams: { roleArnForLogging: `arn:aws:iam::123456789012:role/${DEMO.loggingRole}`, logLevel: 'ERROR' } });
    await action('DeactivateCA', { updateCACertificateParams: { action: 'DEACTIVATE' } });
    await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: 'account', target: { auditTaskId }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['EnableLogging'], REVOKED_CA_CERTIFICATE_STILL_ACTIVE_CHECK: ['DeactivateCA'] } }));
    const task = await finished('account');
    assert.equal(task.taskStatus, 'COMPLETED');
    assert.equal(task.taskStatistics?.LOGGING_DISABLED_CHECK?.succeededFindingsCount, 1);
    const logging = await demo.iot.send(new GetV2LoggingOptionsCommand({}));
    assert.equal(logging.defaultLogLevel, 'ERROR');
    assert.equal(logging.disableAllLogs, false);
    const ca = await demo.iot.send(new DescribeCACertificateCommand({ certificateId: DEMO.caCertificates.revokedByIssuer }));
    assert.equal(ca.certificateDescription?.status, 'INACTIVE');
  });

  it('applies auditCheckToReasonCodeFilter and counts filtered findings as skipped', async () => {
    await action('Deactivate', { updateDeviceCertificateParams: { action: 'DEACTIVATE' } });
    await demo.iot.send(new StartAuditMitigationActionsTaskCommand({
      taskId: 'filtered',
      target: { auditTaskId, auditCheckToReasonCodeFilter: { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['CERTIFICATE_PAST_EXPIRATION'] } },
      auditCheckToActionsMapping: { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['Deactivate'] },
    }));
    const task = await finished('filtered');
    assert.deepEqual(task.taskStatistics?.DEVICE_CERTIFICATE_EXPIRING_CHECK, { totalFindingsCount: 3, failedFindingsCount: 0, succeededFindingsCount: 1, skippedFindingsCount: 2, canceledFindingsCount: 0 });
    assert.equal((await demo.iot.send(new DescribeCertificateCommand({ certificateId: DEMO.certificates.expired }))).certificateDescription?.status, 'INACTIVE');
    assert.equal((await demo.iot.send(new DescribeCertificateCommand({ certificateId: DEMO.certificates.expiring }))).certificateDescription?.status, 'ACTIVE');
  });

  it('cancels a running task: what ran stays applied, the rest is CANCELED', async () => {
    await admin(demo.emulator, 'POST', 'settings', { paceMs: 1500 });
    await action('Notify', { publishFindingToSnsParams: { topicArn: TOPIC } });
    const targets = [...(await findings('DEVICE_CERTIFICATE_KEY_QUALITY_CHECK')), ...(await findings('DEVICE_CERTIFICATE_SHARED_CHECK'))];
    await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: 'to-cancel', target: { findingIds: targets.map((finding) => finding.findingId!) }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_KEY_QUALITY_CHECK: ['Notify'], DEVICE_CERTIFICATE_SHARED_CHECK: ['Notify'] } }));
    const running = await demo.iot.send(new DescribeAuditMitigationActionsTaskCommand({ taskId: 'to-cancel' }));
    assert.equal(running.taskStatus, 'IN_PROGRESS');
    assert.equal(running.endTime, undefined);
    await waitFor('the first execution to complete', async () => ((await executions('to-cancel', targets[0].findingId!))[0].status === 'COMPLETED' ? true : undefined), 200, 25);
    await demo.iot.send(new CancelAuditMitigationActionsTaskCommand({ taskId: 'to-cancel' }));
    const task = await demo.iot.send(new DescribeAuditMitigationActionsTaskCommand({ taskId: 'to-cancel' }));
    assert.equal(task.taskStatus, 'CANCELED');
    assert.ok(task.endTime instanceof Date);
    const statuses = (await Promise.all(targets.map((finding) => executions('to-cancel', finding.findingId!)))).flat().map((execution) => execution.status);
    assert.equal(statuses[0], 'COMPLETED');
    assert.equal(statuses[statuses.length - 1], 'CANCELED');
    const completed = statuses.filter((status) => status === 'COMPLETED').length;
    const sns = await admin<{ messages: unknown[] }>(demo.emulator, 'GET', 'sns');
    assert.equal(sns.messages.length, completed, 'only the executions that ran published');
    const canceledFindings = Object.values(task.taskStatistics ?? {}).reduce((sum, stats) => sum + (stats.canceledFindingsCount ?? 0), 0);
    assert.equal(canceledFindings, statuses.filter((status) => status === 'CANCELED').length);
    await assert.rejects(demo.iot.send(new CancelAuditMitigationActionsTaskCommand({ taskId: 'to-cancel' })), InvalidRequestException);
    await assert.rejects(demo.iot.send(new CancelAuditMitigationActionsTaskCommand({ taskId: 'never-started' })), ResourceNotFoundException);
  });

  it('accepts exactly 10 of 200 parallel starts and answers the rest with LimitExceededException', async () => {
    await admin(demo.emulator, 'POST', 'settings', { paceMs: 60_000 });
    await action('Notify', { publishFindingToSnsParams: { topicArn: TOPIC } });
    const [finding] = await findings('LOGGING_DISABLED_CHECK');
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, index) => demo.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: `parallel-${index}`, target: { findingIds: [finding.findingId!] }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Notify'] } }))),
    );
    const accepted = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    assert.equal(accepted.length, 10);
    assert.equal(rejected.length, 190);
    assert.ok(rejected.every((result) => result.reason instanceof LimitExceededException && result.reason.$metadata.httpStatusCode === 410));
    const listed = await demo.iot.send(new ListAuditMitigationActionsTasksCommand({ startTime: new Date(Date.now() - DAY_MS), endTime: new Date(Date.now() + DAY_MS), taskStatus: 'IN_PROGRESS' }));
    assert.equal(listed.tasks?.length, 10);
  });

  it('is idempotent on taskId + clientRequestToken and rejects another token', async () => {
    await action('Notify', { publishFindingToSnsParams: { topicArn: TOPIC } });
    const [finding] = await findings('LOGGING_DISABLED_CHECK');
    const input = { taskId: 'once', target: { findingIds: [finding.findingId!] }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Notify'] }, clientRequestToken: 'token-1' };
    assert.equal((await demo.iot.send(new StartAuditMitigationActionsTaskCommand(input))).taskId, 'once');
    assert.equal((await demo.iot.send(new StartAuditMitigationActionsTaskCommand(input))).taskId, 'once');
    const error = await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ ...input, clientRequestToken: 'token-2' })).catch((e: unknown) => e);
    assert.ok(error instanceof TaskAlreadyExistsException);
    assert.equal(error.$metadata.httpStatusCode, 400);
    await finished('once');
    assert.equal((await admin<{ messages: unknown[] }>(demo.emulator, 'GET', 'sns')).messages.length, 1, 'the replay did not run the task twice');
  });

  const invalidStarts: [string, () => Record<string, unknown>, RegExp][] = [
    ['an action that does not exist', () => ({ target: { auditTaskId }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Nope'] } }), /The mitigation action Nope does not exist in this account/],
    ['an action type the check does not accept', () => ({ target: { auditTaskId }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['EnableLogging'] } }), /does not apply/],
    ['both auditTaskId and findingIds', () => ({ target: { auditTaskId, findingIds: ['f'] }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['EnableLogging'] } }), /either findingIds or an auditTaskId/],
    ['an unknown finding', () => ({ target: { findingIds: ['no-such-finding'] }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['EnableLogging'] } }), /does not exist/],
    ['an unknown audit', () => ({ target: { auditTaskId: 'ffffffffffffffffffffffffffffffff' }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['EnableLogging'] } }), /does not exist/],
    ['an unknown check', () => ({ target: { auditTaskId }, auditCheckToActionsMapping: { NOT_A_CHECK: ['EnableLogging'] } }), /NOT_A_CHECK is not a valid audit check name/],
    ['a legacy check name', () => ({ target: { auditTaskId }, auditCheckToActionsMapping: { REVOKED_CA_CERT_CHECK: ['EnableLogging'] } }), /REVOKED_CA_CERT_CHECK is not a valid audit check name; the API calls this check REVOKED_CA_CERTIFICATE_STILL_ACTIVE_CHECK/],
    ['six actions for one check', () => ({ target: { auditTaskId }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: Array(6).fill('EnableLogging') } }), /'auditCheckToActionsMapping\.LOGGING_DISABLED_CHECK' failed to satisfy constraint: Member must have length less than or equal to 5/],
    ['a task id with a space', () => ({ taskId: 'bad id', target: { auditTaskId }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['EnableLogging'] } }), /pattern/],
  ];
  for (const [what, build, message] of invalidStarts) {
    it(`rejects a start with ${what}`, async () => {
      await action('EnableLogging', { enableIoTLoggingParams: { roleArnForLogging: FULL_ROLE, logLevel: 'WARN' } });
      const error = await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: 'invalid', ...build() } as never)).catch((e: unknown) => e);
      assert.ok(error instanceof InvalidRequestException, String(error));
      assert.match(error.message, message);
    });
  }

  it('lists tasks by audit, finding and status inside the 90-day window, and keeps the action snapshot', async () => {
    await action('Notify', { publishFindingToSnsParams: { topicArn: TOPIC } });
    const [finding] = await findings('LOGGING_DISABLED_CHECK');
    await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: 'listed', target: { auditTaskId }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Notify'] } }));
    await finished('listed');
    await demo.iot.send(new DeleteMitigationActionCommand({ actionName: 'Notify' }));
    const window = { startTime: new Date(Date.now() - DAY_MS), endTime: new Date(Date.now() + DAY_MS) };
    const byAudit = await demo.iot.send(new ListAuditMitigationActionsTasksCommand({ ...window, auditTaskId }));
    assert.deepEqual(byAudit.tasks?.map((task) => [task.taskId, task.taskStatus]), [['listed', 'COMPLETED']]);
    assert.equal((await demo.iot.send(new ListAuditMitigationActionsTasksCommand({ ...window, findingId: finding.findingId }))).tasks?.length, 1);
    assert.equal((await demo.iot.send(new ListAuditMitigationActionsTasksCommand({ ...window, findingId: 'other' }))).tasks?.length, 0);
    assert.equal((await demo.iot.send(new ListAuditMitigationActionsTasksCommand({ ...window, taskStatus: 'FAILED' }))).tasks?.length, 0);
    await assert.rejects(demo.iot.send(new ListAuditMitigationActionsTasksCommand({ startTime: new Date(Date.now() - 100 * DAY_MS), endTime: new Date() })), /90 days/);
    await assert.rejects(demo.iot.send(new ListAuditMitigationActionsTasksCommand({ startTime: new Date() } as never)), /endTime/);
    const described = await demo.iot.send(new DescribeAuditMitigationActionsTaskCommand({ taskId: 'listed' }));
    assert.deepEqual(described.actionsDefinition?.[0].actionParams, { publishFindingToSnsParams: { topicArn: TOPIC } });
    assert.deepEqual(described.target, { auditTaskId });
    await assert.rejects(demo.iot.send(new DescribeAuditMitigationActionsTaskCommand({ taskId: 'unknown-task' })), ResourceNotFoundException);
    await assert.rejects(demo.iot.send(new ListAuditMitigationActionsExecutionsCommand({ taskId: 'listed' } as never)), /findingId/);
  });
});
