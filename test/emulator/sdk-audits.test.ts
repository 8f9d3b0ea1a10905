/** Audits through @aws-sdk/client-iot: the demo audit's findings, new audits over the live state, cancel, filters, configuration. */
import {
  CancelAuditTaskCommand,
  DescribeAccountAuditConfigurationCommand,
  DescribeAuditFindingCommand,
  DescribeAuditTaskCommand,
  InvalidRequestException,
  LimitExceededException,
  ListAuditFindingsCommand,
  ListAuditTasksCommand,
  ResourceNotFoundException,
  StartOnDemandAuditTaskCommand,
  UpdateAccountAuditConfigurationCommand,
  paginateListAuditFindings,
} from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { AUDIT_CHECKS } from '../../common/auditChecks';
import { DEMO } from '../../emulator/index';
import { admin, useDemoEmulator, DAY_MS, waitFor } from './helpers';

const WINDOW = () => ({ startTime: new Date(Date.now() - DAY_MS), endTime: new Date(Date.now() + DAY_MS) });

describe('emulator: audits (SDK)', () => {
  const demo = useDemoEmulator({ reset: { seed: 'demo' } });
  afterEach(async () => {
    await admin(demo.emulator, 'POST', 'settings', { paceMs: 0, clockOffsetMs: 0 });
  });

  async function completedAudit(targetCheckNames: string[]): Promise<string> {
    const { taskId } = await demo.iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames }));
    assert.match(taskId ?? '', /^[0-9a-f]{32}$/);
    await waitFor('the audit to complete', async () => ((await demo.iot.send(new DescribeAuditTaskCommand({ taskId }))).taskStatus === 'COMPLETED' ? true : undefined));
    return taskId!;
  }

  it('holds a completed demo audit whose findings carry the reference severities, reason codes and resources', async () => {
    const [audit] = (await demo.iot.send(new ListAuditTasksCommand(WINDOW()))).tasks!;
    const described = await demo.iot.send(new DescribeAuditTaskCommand({ taskId: audit.taskId }));
    assert.equal(described.taskStatus, 'COMPLETED');
    assert.equal(described.taskType, 'ON_DEMAND_AUDIT_TASK');
    const enabled = AUDIT_CHECKS.filter((check) => check.enabledByDefault).length;
    assert.equal(described.taskStatistics?.totalChecks, enabled);
    assert.equal((described.taskStatistics?.compliantChecks ?? 0) + (described.taskStatistics?.nonCompliantChecks ?? 0), enabled);
    const findings = (await demo.iot.send(new ListAuditFindingsCommand({ taskId: audit.taskId, maxResults: 250 }))).findings!;
    const byCheck = new Map(findings.map((finding) => [finding.checkName!, finding]));
    for (const check of AUDIT_CHECKS.filter((candidate) => candidate.enabledByDefault)) {
      const finding = byCheck.get(check.name);
      assert.ok(finding, `the demo fleet has a ${check.name} finding`);
      assert.equal(finding.severity, check.severity);
      assert.ok(check.reasonCodes.includes(finding.reasonForNonComplianceCode!), `${finding.reasonForNonComplianceCode} is a reason code of ${check.name}`);
      assert.equal(finding.nonCompliantResource?.resourceType, check.resourceType);
      assert.ok(finding.findingTime instanceof Date && finding.taskStartTime instanceof Date);
    }
    const shared = byCheck.get('DEVICE_CERTIFICATE_SHARED_CHECK')!;
    assert.equal(shared.nonCompliantResource?.resourceIdentifier?.deviceCertificateId, DEMO.certificates.shared);
    assert.ok((shared.relatedResources ?? []).length >= 2);
    assert.ok(shared.relatedResources!.every((resource) => resource.resourceType === 'CLIENT_ID' && /^\d{13}$/.test(resource.additionalInfo?.CONNECTION_TIME ?? '')));
    assert.deepEqual(byCheck.get('LOGGING_DISABLED_CHECK')?.nonCompliantResource?.resourceIdentifier, { account: '123456789012' });
    assert.deepEqual(byCheck.get('IOT_POLICY_OVERLY_PERMISSIVE_CHECK')?.nonCompliantResource?.resourceIdentifier?.policyVersionIdentifier, { policyName: 'AllowEverythingPolicy', policyVersionId: '1' });

    const one = await demo.iot.send(new DescribeAuditFindingCommand({ findingId: shared.findingId }));
    assert.equal(one.finding?.checkName, 'DEVICE_CERTIFICATE_SHARED_CHECK');
    await assert.rejects(demo.iot.send(new DescribeAuditFindingCommand({ findingId: 'no-such-finding' })), ResourceNotFoundException);
    await assert.rejects(demo.iot.send(new DescribeAuditTaskCommand({ taskId: 'ffffffffffffffffffffffffffffffff' })), ResourceNotFoundException);
  });

  it('filters findings by check, resource, suppression and time, and rejects taskId with a time range', async () => {
    const [audit] = (await demo.iot.send(new ListAuditTasksCommand(WINDOW()))).tasks!;
    const suppressed = await demo.iot.send(new ListAuditFindingsCommand({ taskId: audit.taskId, listSuppressedFindings: true }));
    assert.deepEqual(suppressed.findings?.map((finding) => finding.nonCompliantResource?.resourceIdentifier?.deviceCertificateId), [DEMO.certificates.suppressed]);
    const unsuppressed = await demo.iot.send(new ListAuditFindingsCommand({ taskId: audit.taskId, listSuppressedFindings: false, checkName: 'DEVICE_CERTIFICATE_EXPIRING_CHECK' }));
    assert.equal(unsuppressed.findings?.length, 2);
    const byResource = await demo.iot.send(new ListAuditFindingsCommand({ resourceIdentifier: { deviceCertificateId: DEMO.certificates.weakKey }, ...WINDOW() }));
    assert.deepEqual(byResource.findings?.map((finding) => finding.checkName), ['DEVICE_CERTIFICATE_KEY_QUALITY_CHECK']);
    const future = await demo.iot.send(new ListAuditFindingsCommand({ startTime: new Date(Date.now() + DAY_MS), endTime: new Date(Date.now() + 2 * DAY_MS) }));
    assert.deepEqual(future.findings, []);
    await assert.rejects(demo.iot.send(new ListAuditFindingsCommand({ taskId: audit.taskId, ...WINDOW() })), /either taskId or startTime/);
    await assert.rejects(demo.iot.send(new ListAuditFindingsCommand({ startTime: new Date() })), /together/);
    // The resourceIdentifier filter is validated against its member shapes
    // (AWS IoT API Reference, data type ResourceIdentifier).
    for (const [resourceIdentifier, pattern] of [
      [{ deviceCertificateId: 'abc' }, /resourceIdentifier\.deviceCertificateId.*length/],
      [{ account: '12345' }, /resourceIdentifier\.account/],
      [{ policyVersionIdentifier: { policyName: 'AllowEverythingPolicy', policyVersionId: 'v1' } }, /resourceIdentifier\.policyVersionIdentifier\.policyVersionId/],
      [{ issuerCertificateIdentifier: { issuerId: 'not-hex' } }, /resourceIdentifier\.issuerCertificateIdentifier\.issuerId/],
    ] as const) {
      await assert.rejects(demo.iot.send(new ListAuditFindingsCommand({ resourceIdentifier, ...WINDOW() })), (error: Error) => error instanceof InvalidRequestException && pattern.test(error.message), JSON.stringify(resourceIdentifier));
    }
    const byPolicy = await demo.iot.send(new ListAuditFindingsCommand({ resourceIdentifier: { policyVersionIdentifier: { policyName: 'AllowEverythingPolicy', policyVersionId: '1' } }, ...WINDOW() }));
    assert.deepEqual(byPolicy.findings?.map((finding) => finding.checkName), ['IOT_POLICY_OVERLY_PERMISSIVE_CHECK']);
  });

  it('evaluates a new audit against the state at that time: aging the clock expires certificates', async () => {
    const before = await completedAudit(['DEVICE_CERTIFICATE_EXPIRING_CHECK']);
    const count = async (taskId: string) => (await demo.iot.send(new ListAuditFindingsCommand({ taskId }))).findings!.length;
    assert.equal(await count(before), 3);
    // 480 days later the certificate that expires in 500 days is inside the 30-day window too.
    await admin(demo.emulator, 'POST', 'settings', { clockOffsetMs: 480 * DAY_MS });
    const later = await completedAudit(['DEVICE_CERTIFICATE_EXPIRING_CHECK']);
    assert.ok((await count(later)) > 3);
  });

  it('honours the account audit configuration: disabled checks cannot run, thresholds apply', async () => {
    await assert.rejects(demo.iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: ['DEVICE_CERTIFICATE_AGE_CHECK'] })), /not enabled/);
    await assert.rejects(demo.iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: ['NOT_A_CHECK'] })), /not an audit check/);
    await assert.rejects(demo.iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: [] })), InvalidRequestException);
    await demo.iot.send(new UpdateAccountAuditConfigurationCommand({ auditCheckConfigurations: { DEVICE_CERTIFICATE_AGE_CHECK: { enabled: true, configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '700' } } } }));
    const configuration = await demo.iot.send(new DescribeAccountAuditConfigurationCommand({}));
    assert.equal(configuration.auditCheckConfigurations?.DEVICE_CERTIFICATE_AGE_CHECK?.enabled, true);
    assert.deepEqual(configuration.auditCheckConfigurations?.DEVICE_CERTIFICATE_AGE_CHECK?.configuration, { CERT_AGE_THRESHOLD_IN_DAYS: '700' });
    assert.equal(Object.keys(configuration.auditCheckConfigurations ?? {}).length, 17);
    const audit = await completedAudit(['DEVICE_CERTIFICATE_AGE_CHECK']);
    const findings = (await demo.iot.send(new ListAuditFindingsCommand({ taskId: audit }))).findings!;
    assert.deepEqual(findings.map((finding) => finding.nonCompliantResource?.resourceIdentifier?.deviceCertificateId), [DEMO.certificates.old]);
    await assert.rejects(demo.iot.send(new UpdateAccountAuditConfigurationCommand({ auditCheckConfigurations: { DEVICE_CERTIFICATE_AGE_CHECK: { enabled: true, configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '5' } } } })), /30 to 3652/);
    await assert.rejects(demo.iot.send(new UpdateAccountAuditConfigurationCommand({ auditNotificationTargetConfigurations: { EMAIL: { enabled: true } } as never })), /'auditNotificationTargetConfigurations\.EMAIL \(key\)' failed to satisfy constraint: Member must satisfy enum value set: \[SNS\]/);
    await demo.iot.send(new UpdateAccountAuditConfigurationCommand({ auditNotificationTargetConfigurations: { SNS: { targetArn: 'arn:aws:sns:us-east-1:123456789012:audit', roleArn: 'arn:aws:iam::123456789012:role/AuditSns', enabled: true } } }));
    assert.equal((await demo.iot.send(new DescribeAccountAuditConfigurationCommand({}))).auditNotificationTargetConfigurations?.SNS?.enabled, true);
  });

  it('requires roleArn and an enabled check on the first configuration of an empty account', async () => {
    await admin(demo.emulator, 'POST', 'reset', { seed: 'empty' });
    const empty = await demo.iot.send(new DescribeAccountAuditConfigurationCommand({}));
    assert.equal(empty.roleArn, undefined);
    assert.ok(Object.values(empty.auditCheckConfigurations ?? {}).every((check) => check.enabled === false));
    await assert.rejects(demo.iot.send(new UpdateAccountAuditConfigurationCommand({ auditCheckConfigurations: { LOGGING_DISABLED_CHECK: { enabled: true } } })), /roleArn/);
    await assert.rejects(demo.iot.send(new UpdateAccountAuditConfigurationCommand({ roleArn: 'arn:aws:iam::123456789012:role/Audit' })), /at least one/);
    await demo.iot.send(new UpdateAccountAuditConfigurationCommand({ roleArn: 'arn:aws:iam::123456789012:role/Audit', auditCheckConfigurations: { LOGGING_DISABLED_CHECK: { enabled: true } } }));
    const audit = await completedAudit(['LOGGING_DISABLED_CHECK']);
    assert.equal((await demo.iot.send(new ListAuditFindingsCommand({ taskId: audit }))).findings?.length, 1);
  });

  it('cancels an audit in progress; its checks that did not run are canceled', async () => {
    await admin(demo.emulator, 'POST', 'settings', { paceMs: 5_000 });
    const { taskId } = await demo.iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: ['LOGGING_DISABLED_CHECK', 'CONFLICTING_CLIENT_IDS_CHECK'] }));
    assert.equal((await demo.iot.send(new DescribeAuditTaskCommand({ taskId }))).taskStatus, 'IN_PROGRESS');
    await demo.iot.send(new CancelAuditTaskCommand({ taskId }));
    const canceled = await demo.iot.send(new DescribeAuditTaskCommand({ taskId }));
    assert.equal(canceled.taskStatus, 'CANCELED');
    assert.equal(canceled.taskStatistics?.canceledChecks, 2);
    await assert.rejects(demo.iot.send(new CancelAuditTaskCommand({ taskId })), InvalidRequestException);
    await assert.rejects(demo.iot.send(new CancelAuditTaskCommand({ taskId: 'ffffffffffffffffffffffffffffffff' })), ResourceNotFoundException);
    const listed = await demo.iot.send(new ListAuditTasksCommand({ ...WINDOW(), taskStatus: 'CANCELED' }));
    assert.deepEqual(listed.tasks?.map((task) => task.taskId), [taskId]);
  });

  it('allows at most 10 on-demand audits in progress', async () => {
    await admin(demo.emulator, 'POST', 'settings', { paceMs: 60_000 });
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => demo.iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: ['LOGGING_DISABLED_CHECK'] }))));
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 10);
    assert.ok(results.filter((result) => result.status === 'rejected').every((result) => (result as PromiseRejectedResult).reason instanceof LimitExceededException));
  });

  it('pages through more than 1,000 findings of a generated fleet with the SDK paginator', async () => {
    await admin(demo.emulator, 'POST', 'seed', { generate: { things: 12_000, expiringPercent: 10, weakKeyPercent: 0 } });
    const audit = await completedAudit(['DEVICE_CERTIFICATE_EXPIRING_CHECK']);
    const ids = new Set<string>();
    let pages = 0;
    for await (const page of paginateListAuditFindings({ client: demo.iot, pageSize: 250 }, { taskId: audit })) {
      pages++;
      for (const finding of page.findings ?? []) ids.add(finding.findingId!);
    }
    assert.equal(ids.size, 1_200 + 3);
    assert.equal(pages, Math.ceil(1_203 / 250));
    await assert.rejects(demo.iot.send(new ListAuditTasksCommand({ startTime: new Date(Date.now() - 91 * DAY_MS), endTime: new Date() })), /90 days/);
  });
});
