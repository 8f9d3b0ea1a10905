/**
 * The weekly audit loop through @aws-sdk/client-iot: configure checks, thresholds and the SNS
 * notification target, schedule audits on the emulator clock, suppress accepted findings with an
 * expiry, list a finding's related resources, mitigate, and delete the configuration.
 */
import {
  CreateAuditSuppressionCommand,
  CreateMitigationActionCommand,
  CreateScheduledAuditCommand,
  DeleteAccountAuditConfigurationCommand,
  DeleteAuditSuppressionCommand,
  DeleteScheduledAuditCommand,
  DescribeAccountAuditConfigurationCommand,
  DescribeAuditFindingCommand,
  DescribeAuditMitigationActionsTaskCommand,
  DescribeAuditSuppressionCommand,
  DescribeAuditTaskCommand,
  DescribeScheduledAuditCommand,
  InvalidRequestException,
  IoTClient,
  ListAuditFindingsCommand,
  ListAuditMitigationActionsExecutionsCommand,
  ListAuditSuppressionsCommand,
  ListAuditTasksCommand,
  ListRelatedResourcesForAuditFindingCommand,
  ListScheduledAuditsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  StartAuditMitigationActionsTaskCommand,
  StartOnDemandAuditTaskCommand,
  UpdateAccountAuditConfigurationCommand,
  UpdateAuditSuppressionCommand,
  UpdateScheduledAuditCommand,
  paginateListAuditSuppressions,
  paginateListRelatedResourcesForAuditFinding,
  paginateListScheduledAudits,
  type AuditFinding,
} from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { DEMO } from '../../emulator/index';
import { admin, DAY_MS, iotClient, startTestEmulator, useDemoEmulator, waitFor } from './helpers';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/${DEMO.mitigationRole}`;
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:${DEMO.topicName}`;
const LOGGING = { checkName: 'LOGGING_DISABLED_CHECK', resourceIdentifier: { account: ACCOUNT } };

async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  return promise.then(
    () => assert.fail('the request should have been refused'),
    (error: unknown) => error as Error & { $metadata?: { httpStatusCode?: number } },
  );
}

async function completedAudit(iot: IoTClient, taskId: string): Promise<void> {
  await waitFor(`audit ${taskId} to complete`, async () => ((await iot.send(new DescribeAuditTaskCommand({ taskId }))).taskStatus === 'COMPLETED' ? true : undefined));
}

async function onDemandAudit(iot: IoTClient, targetCheckNames: string[]): Promise<{ taskId: string; findings: AuditFinding[] }> {
  const { taskId } = await iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames }));
  await completedAudit(iot, taskId!);
  return { taskId: taskId!, findings: (await iot.send(new ListAuditFindingsCommand({ taskId, maxResults: 250 }))).findings ?? [] };
}

describe('emulator: the audit loop (SDK)', () => {
  const demo = useDemoEmulator({ reset: { seed: 'demo' } });
  afterEach(async () => {
    await admin(demo.emulator, 'POST', 'settings', { paceMs: 0, clockOffsetMs: 0 });
  });

  it('creates, describes, updates, lists and deletes suppressions, refusing what AWS refuses', async () => {
    const expires = new Date(Date.now() + 7 * DAY_MS);
    await demo.iot.send(new CreateAuditSuppressionCommand({ ...LOGGING, expirationDate: expires, description: 'Logging goes on next sprint', clientRequestToken: 'loop-1' }));
    const described = await demo.iot.send(new DescribeAuditSuppressionCommand(LOGGING));
    assert.deepEqual([described.checkName, described.resourceIdentifier, described.description, described.suppressIndefinitely], ['LOGGING_DISABLED_CHECK', { account: ACCOUNT }, 'Logging goes on next sprint', false]);
    assert.equal(Math.round(described.expirationDate!.getTime() / 1000), Math.round(expires.getTime() / 1000));
    // A retried create (same token) succeeds; another create of the same check and resource does not.
    await demo.iot.send(new CreateAuditSuppressionCommand({ ...LOGGING, expirationDate: expires, clientRequestToken: 'loop-1' }));
    const duplicate = await rejection(demo.iot.send(new CreateAuditSuppressionCommand({ ...LOGGING, suppressIndefinitely: true, clientRequestToken: 'loop-2' })));
    assert.ok(duplicate instanceof ResourceAlreadyExistsException);
    assert.equal(duplicate.$metadata?.httpStatusCode, 409);
    const refused = [
      [{ ...LOGGING, expirationDate: expires, suppressIndefinitely: true }, /either expirationDate or suppressIndefinitely/],
      [{ checkName: 'DEVICE_CERTIFICATE_EXPIRING_CHECK', resourceIdentifier: { deviceCertificateId: DEMO.certificates.expiring }, expirationDate: new Date(Date.now() - DAY_MS) }, /not in the future/],
      [{ checkName: 'DEVICE_CERTIFICATE_EXPIRING_CHECK', resourceIdentifier: { deviceCertificateId: DEMO.certificates.expiring } }, /needs an expirationDate or suppressIndefinitely/],
      [{ checkName: 'DEVICE_CERTIFICATE_EXPIRING_CHECK', resourceIdentifier: { account: ACCOUNT }, suppressIndefinitely: true }, /DEVICE_CERTIFICATE resources: resourceIdentifier must name one by deviceCertificateId/],
      [{ checkName: 'DEVICE_CERTIFICATE_AGE_CHECK', resourceIdentifier: { deviceCertificateId: DEMO.certificates.expiring }, suppressIndefinitely: true }, /DEVICE_CERTIFICATE_AGE_CHECK is not enabled/],
      [{ checkName: 'NOT_A_CHECK', resourceIdentifier: { account: ACCOUNT }, suppressIndefinitely: true }, /NOT_A_CHECK is not a valid audit check name/],
    ] as const;
    for (const [input, message] of refused) {
      const error = await rejection(demo.iot.send(new CreateAuditSuppressionCommand({ ...input, clientRequestToken: `bad-${input.checkName}` })));
      assert.ok(error instanceof InvalidRequestException, `${JSON.stringify(input)}: ${error.name}`);
      assert.match(error.message, message);
    }

    await demo.iot.send(new UpdateAuditSuppressionCommand({ ...LOGGING, suppressIndefinitely: true }));
    const indefinite = await demo.iot.send(new DescribeAuditSuppressionCommand(LOGGING));
    assert.deepEqual([indefinite.suppressIndefinitely, indefinite.expirationDate, indefinite.description], [true, undefined, 'Logging goes on next sprint'], 'an update keeps what it does not name');

    for (const [index, certificate] of [DEMO.certificates.healthy, DEMO.certificates.expiring].entries()) {
      await demo.iot.send(new CreateAuditSuppressionCommand({ checkName: 'DEVICE_CERTIFICATE_EXPIRING_CHECK', resourceIdentifier: { deviceCertificateId: certificate }, expirationDate: new Date(Date.now() + (index + 1) * DAY_MS), clientRequestToken: `cert-${index}` }));
    }
    const ascending: string[] = [];
    for await (const page of paginateListAuditSuppressions({ client: demo.iot, pageSize: 1 }, {})) ascending.push(...page.suppressions!.map((suppression) => suppression.resourceIdentifier!.deviceCertificateId ?? suppression.resourceIdentifier!.account!));
    // Soonest expiry first; the indefinite ones (the demo's tracker and the logging one) last.
    assert.deepEqual(ascending.slice(0, 2), [DEMO.certificates.healthy, DEMO.certificates.expiring]);
    assert.equal(ascending.length, 4);
    const descending = (await demo.iot.send(new ListAuditSuppressionsCommand({ checkName: 'DEVICE_CERTIFICATE_EXPIRING_CHECK', ascendingOrder: false }))).suppressions!;
    assert.equal(descending.at(-1)?.resourceIdentifier?.deviceCertificateId, DEMO.certificates.healthy);
    const one = (await demo.iot.send(new ListAuditSuppressionsCommand({ ...LOGGING }))).suppressions!;
    assert.deepEqual(one.map((suppression) => suppression.checkName), ['LOGGING_DISABLED_CHECK']);

    await demo.iot.send(new DeleteAuditSuppressionCommand(LOGGING));
    assert.ok((await rejection(demo.iot.send(new DescribeAuditSuppressionCommand(LOGGING)))) instanceof ResourceNotFoundException);
    assert.ok((await rejection(demo.iot.send(new UpdateAuditSuppressionCommand({ ...LOGGING, suppressIndefinitely: true })))) instanceof ResourceNotFoundException);
    await demo.iot.send(new DeleteAuditSuppressionCommand(LOGGING)); // deleting what is gone succeeds: the model declares no ResourceNotFoundException
  });

  it('flags suppressed findings, counts them in the audit, skips them in mitigation, and lets a suppression expire on the emulator clock', async () => {
    const demoAudit = (await demo.iot.send(new ListAuditTasksCommand({ startTime: new Date(Date.now() - DAY_MS), endTime: new Date(Date.now() + DAY_MS) }))).tasks![0].taskId!;
    const [loggingFinding] = (await demo.iot.send(new ListAuditFindingsCommand({ taskId: demoAudit, checkName: 'LOGGING_DISABLED_CHECK' }))).findings!;
    assert.equal(loggingFinding.isSuppressed, false);

    await demo.iot.send(new CreateAuditSuppressionCommand({ ...LOGGING, expirationDate: new Date(Date.now() + 2 * DAY_MS), clientRequestToken: 'expiring-suppression' }));
    const suppressedAudit = await onDemandAudit(demo.iot, ['LOGGING_DISABLED_CHECK']);
    assert.deepEqual(suppressedAudit.findings.map((finding) => finding.isSuppressed), [true]);
    const details = (await demo.iot.send(new DescribeAuditTaskCommand({ taskId: suppressedAudit.taskId }))).auditDetails!.LOGGING_DISABLED_CHECK;
    assert.deepEqual([details.checkRunStatus, details.nonCompliantResourcesCount, details.suppressedNonCompliantResourcesCount], ['COMPLETED_NON_COMPLIANT', 1, 1]);
    assert.equal((await demo.iot.send(new DescribeAuditFindingCommand({ findingId: suppressedAudit.findings[0].findingId }))).finding?.isSuppressed, true);
    const onlySuppressed = (await demo.iot.send(new ListAuditFindingsCommand({ taskId: suppressedAudit.taskId, listSuppressedFindings: true }))).findings!;
    assert.equal(onlySuppressed.length, 1);
    assert.equal((await demo.iot.send(new ListAuditFindingsCommand({ taskId: suppressedAudit.taskId, listSuppressedFindings: false }))).findings!.length, 0);

    // The demo audit's finding predates the suppression; mitigating it now skips it with the reason.
    await demo.iot.send(new CreateMitigationActionCommand({ actionName: 'LoopNotify', roleArn: ROLE, actionParams: { publishFindingToSnsParams: { topicArn: TOPIC } } }));
    await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: 'loop-skip', target: { findingIds: [loggingFinding.findingId!] }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['LoopNotify'] }, clientRequestToken: 'loop-skip' }));
    const task = await waitFor('the mitigation task to end', async () => {
      const described = await demo.iot.send(new DescribeAuditMitigationActionsTaskCommand({ taskId: 'loop-skip' }));
      return described.taskStatus === 'IN_PROGRESS' ? undefined : described;
    });
    assert.equal(task.taskStatus, 'COMPLETED');
    assert.deepEqual(task.taskStatistics?.LOGGING_DISABLED_CHECK, { totalFindingsCount: 1, failedFindingsCount: 0, succeededFindingsCount: 0, skippedFindingsCount: 1, canceledFindingsCount: 0 });
    const [execution] = (await demo.iot.send(new ListAuditMitigationActionsExecutionsCommand({ taskId: 'loop-skip', findingId: loggingFinding.findingId }))).actionsExecutions!;
    assert.equal(execution.status, 'SKIPPED');
    assert.match(execution.message ?? '', /the finding is suppressed/);
    const published = await admin<{ messages: { taskId?: string }[] }>(demo.emulator, 'GET', `sns?topicArn=${encodeURIComponent(TOPIC)}`);
    assert.equal(published.messages.filter((message) => message.taskId === 'loop-skip').length, 0, 'a skipped action publishes nothing');

    // Three days on, the suppression has expired: the next audit's finding is not suppressed.
    await admin(demo.emulator, 'POST', 'settings', { advanceClockMs: 3 * DAY_MS });
    const later = await onDemandAudit(demo.iot, ['LOGGING_DISABLED_CHECK']);
    assert.deepEqual(later.findings.map((finding) => finding.isSuppressed), [false]);
    assert.equal((await demo.iot.send(new DescribeAuditTaskCommand({ taskId: later.taskId }))).auditDetails!.LOGGING_DISABLED_CHECK.suppressedNonCompliantResourcesCount, 0);
  });

  it('runs scheduled audits on the emulator clock with the enabled checks only, and notifies the SNS target', async () => {
    await demo.iot.send(new UpdateAccountAuditConfigurationCommand({ auditNotificationTargetConfigurations: { SNS: { targetArn: TOPIC, roleArn: ROLE, enabled: true } } }));
    // A disabled check can be neither audited on demand nor scheduled.
    await demo.iot.send(new UpdateAccountAuditConfigurationCommand({ auditCheckConfigurations: { DEVICE_CERTIFICATE_EXPIRING_CHECK: { enabled: false } } }));
    const disabled = await rejection(demo.iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: ['DEVICE_CERTIFICATE_EXPIRING_CHECK'] })));
    assert.ok(disabled instanceof InvalidRequestException);
    assert.match(disabled.message, /DEVICE_CERTIFICATE_EXPIRING_CHECK is not enabled/);
    const { scheduledAuditArn } = await demo.iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Nightly', frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'], tags: [{ Key: 'team', Value: 'security' }] }));
    assert.equal(scheduledAuditArn, `arn:aws:iot:us-east-1:${ACCOUNT}:scheduledaudit/Nightly`);
    assert.deepEqual(await demo.iot.send(new DescribeScheduledAuditCommand({ scheduledAuditName: 'Nightly' })).then(({ $metadata: _metadata, ...rest }) => rest), {
      frequency: 'DAILY',
      targetCheckNames: ['LOGGING_DISABLED_CHECK'],
      scheduledAuditName: 'Nightly',
      scheduledAuditArn,
    });

    const window = { startTime: new Date(Date.now() - DAY_MS), endTime: new Date(Date.now() + 3 * DAY_MS), taskType: 'SCHEDULED_AUDIT_TASK' as const };
    assert.deepEqual((await demo.iot.send(new ListAuditTasksCommand(window))).tasks, [], 'nothing has run before its time');
    await admin(demo.emulator, 'POST', 'settings', { advanceClockMs: DAY_MS + 60_000 });
    const [scheduled] = await waitFor('the scheduled audit to start', async () => {
      const tasks = (await demo.iot.send(new ListAuditTasksCommand(window))).tasks!;
      return tasks.length ? tasks : undefined;
    });
    await completedAudit(demo.iot, scheduled.taskId!);
    const audit = await demo.iot.send(new DescribeAuditTaskCommand({ taskId: scheduled.taskId }));
    assert.deepEqual([audit.taskType, audit.scheduledAuditName, Object.keys(audit.auditDetails!)], ['SCHEDULED_AUDIT_TASK', 'Nightly', ['LOGGING_DISABLED_CHECK']]);

    const { messages } = await admin<{ messages: { taskId?: string; topicArn: string; message: string }[] }>(demo.emulator, 'GET', `sns?topicArn=${encodeURIComponent(TOPIC)}`);
    const notification = messages.find((message) => message.taskId === scheduled.taskId);
    assert.ok(notification, 'the audit notification reached the SNS target');
    assert.deepEqual(JSON.parse(notification.message), {
      accountId: ACCOUNT,
      taskId: scheduled.taskId,
      taskStatus: 'COMPLETED',
      taskType: 'SCHEDULED_AUDIT_TASK',
      scheduledAuditName: 'Nightly',
      failedChecksCount: 0,
      canceledChecksCount: 0,
      nonCompliantChecksCount: 1,
      compliantChecksCount: 0,
      totalChecksCount: 1,
      taskStartTime: audit.taskStartTime!.getTime(),
      auditDetails: [{ checkName: 'LOGGING_DISABLED_CHECK', checkRunStatus: 'COMPLETED_NON_COMPLIANT', nonCompliantResourcesCount: 1, suppressedNonCompliantResourcesCount: 0, totalResourcesCount: 1 }],
    });

    // A day later it runs again; with the SNS target disabled, no notification follows.
    await demo.iot.send(new UpdateAccountAuditConfigurationCommand({ auditNotificationTargetConfigurations: { SNS: { targetArn: TOPIC, roleArn: ROLE, enabled: false } } }));
    await admin(demo.emulator, 'POST', 'settings', { advanceClockMs: DAY_MS });
    const second = await waitFor('the second scheduled audit', async () => {
      const tasks = (await demo.iot.send(new ListAuditTasksCommand(window))).tasks!;
      return tasks.length === 2 ? tasks.find((task) => task.taskId !== scheduled.taskId) : undefined;
    });
    await completedAudit(demo.iot, second.taskId!);
    const after = await admin<{ messages: { taskId?: string }[] }>(demo.emulator, 'GET', 'sns');
    assert.equal(after.messages.filter((message) => message.taskId === second.taskId).length, 0);
  });

  it('manages scheduled audits: days per frequency, pagination, updates, the quota and deletion', async () => {
    const refusals = [
      [{ frequency: 'WEEKLY' }, /A WEEKLY scheduled audit needs dayOfWeek/],
      [{ frequency: 'MONTHLY' }, /A MONTHLY scheduled audit needs dayOfMonth/],
      [{ frequency: 'DAILY', dayOfWeek: 'MON' }, /dayOfWeek applies to WEEKLY and BIWEEKLY/],
      [{ frequency: 'WEEKLY', dayOfWeek: 'MON', dayOfMonth: '3' }, /dayOfMonth applies to MONTHLY/],
      [{ frequency: 'DAILY', targetCheckNames: ['DEVICE_CERTIFICATE_AGE_CHECK'] }, /DEVICE_CERTIFICATE_AGE_CHECK is not enabled/],
      [{ frequency: 'DAILY', targetCheckNames: [] }, /at least one audit check/],
    ] as const;
    for (const [input, message] of refusals) {
      const request = { scheduledAuditName: 'Bad', targetCheckNames: ['LOGGING_DISABLED_CHECK'], ...input } as ConstructorParameters<typeof CreateScheduledAuditCommand>[0];
      const error = await rejection(demo.iot.send(new CreateScheduledAuditCommand(request)));
      assert.ok(error instanceof InvalidRequestException, JSON.stringify(input));
      assert.match(error.message, message);
    }
    await demo.iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Weekly', frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: ['LOGGING_DISABLED_CHECK'] }));
    await demo.iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Fortnightly', frequency: 'BIWEEKLY', dayOfWeek: 'FRI', targetCheckNames: ['LOGGING_DISABLED_CHECK'] }));
    await demo.iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Monthly', frequency: 'MONTHLY', dayOfMonth: 'LAST', targetCheckNames: ['LOGGING_DISABLED_CHECK'] }));
    const names: string[] = [];
    for await (const page of paginateListScheduledAudits({ client: demo.iot, pageSize: 2 }, {})) names.push(...page.scheduledAudits!.map((audit) => `${audit.scheduledAuditName}:${audit.frequency}:${audit.dayOfWeek ?? audit.dayOfMonth}`));
    assert.deepEqual(names, ['Fortnightly:BIWEEKLY:FRI', 'Monthly:MONTHLY:LAST', 'Weekly:WEEKLY:MON']);

    await demo.iot.send(new UpdateScheduledAuditCommand({ scheduledAuditName: 'Weekly', frequency: 'BIWEEKLY' }));
    assert.equal((await demo.iot.send(new DescribeScheduledAuditCommand({ scheduledAuditName: 'Weekly' }))).dayOfWeek, 'MON', 'a weekly day carries over to BIWEEKLY');
    const needsDay = await rejection(demo.iot.send(new UpdateScheduledAuditCommand({ scheduledAuditName: 'Weekly', frequency: 'MONTHLY' })));
    assert.match(needsDay.message, /needs dayOfMonth/);
    await demo.iot.send(new UpdateScheduledAuditCommand({ scheduledAuditName: 'Weekly', frequency: 'MONTHLY', dayOfMonth: '31' }));
    const monthly = await demo.iot.send(new DescribeScheduledAuditCommand({ scheduledAuditName: 'Weekly' }));
    assert.deepEqual([monthly.frequency, monthly.dayOfMonth, monthly.dayOfWeek], ['MONTHLY', '31', undefined]);

    await demo.iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Four', frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] }));
    await demo.iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Five', frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] }));
    const sixth = await rejection(demo.iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Six', frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] })));
    assert.equal(sixth.name, 'LimitExceededException');
    const again = await rejection(demo.iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Five', frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] })));
    assert.ok(again instanceof ResourceAlreadyExistsException);

    const disableUsed = await rejection(demo.iot.send(new UpdateAccountAuditConfigurationCommand({ auditCheckConfigurations: { LOGGING_DISABLED_CHECK: { enabled: false } } })));
    assert.ok(disableUsed instanceof InvalidRequestException);
    assert.match(disableUsed.message, /LOGGING_DISABLED_CHECK is used by the scheduled audit\(s\) .*Five/);
    const stillEnabled = await demo.iot.send(new DescribeAccountAuditConfigurationCommand({}));
    assert.equal(stillEnabled.auditCheckConfigurations?.LOGGING_DISABLED_CHECK?.enabled, true, 'the refused update changed nothing');

    await demo.iot.send(new DeleteScheduledAuditCommand({ scheduledAuditName: 'Five' }));
    assert.ok((await rejection(demo.iot.send(new DescribeScheduledAuditCommand({ scheduledAuditName: 'Five' })))) instanceof ResourceNotFoundException);
    assert.ok((await rejection(demo.iot.send(new DeleteScheduledAuditCommand({ scheduledAuditName: 'Five' })))) instanceof ResourceNotFoundException);
  });

  it('finds what the configured thresholds of the expiry and age checks say', async () => {
    const expiring = async () => (await onDemandAudit(demo.iot, ['DEVICE_CERTIFICATE_EXPIRING_CHECK'])).findings.length;
    const byDefault = await expiring();
    await demo.iot.send(new UpdateAccountAuditConfigurationCommand({ auditCheckConfigurations: { DEVICE_CERTIFICATE_EXPIRING_CHECK: { enabled: true, configuration: { CERT_EXPIRATION_THRESHOLD_IN_DAYS: '3652' } } } }));
    const tenYears = await expiring();
    assert.ok(tenYears > byDefault, `a 3652-day threshold finds more than 30 days (${tenYears} vs ${byDefault})`);
    const configured = await demo.iot.send(new DescribeAccountAuditConfigurationCommand({}));
    assert.deepEqual(configured.auditCheckConfigurations?.DEVICE_CERTIFICATE_EXPIRING_CHECK, { enabled: true, configuration: { CERT_EXPIRATION_THRESHOLD_IN_DAYS: '3652' } });

    const aged = async (days: string) => {
      await demo.iot.send(new UpdateAccountAuditConfigurationCommand({ auditCheckConfigurations: { DEVICE_CERTIFICATE_AGE_CHECK: { enabled: true, configuration: { CERT_AGE_THRESHOLD_IN_DAYS: days } } } }));
      return (await onDemandAudit(demo.iot, ['DEVICE_CERTIFICATE_AGE_CHECK'])).findings;
    };
    const young = await aged('30');
    const old = await aged('3652');
    assert.ok(young.length > 0 && old.length === 0, `30 days finds ${young.length}, 3652 days finds ${old.length}`);
    assert.match(young[0].reasonForNonCompliance ?? '', /Threshold: 30 days/);
    const outOfRange = await rejection(demo.iot.send(new UpdateAccountAuditConfigurationCommand({ auditCheckConfigurations: { DEVICE_CERTIFICATE_AGE_CHECK: { enabled: true, configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '29' } } } })));
    assert.match(outOfRange.message, /from 30 to 3652/);
  });

  it('lists every related resource of a finding, page by page, while the finding shows at most 10', async () => {
    const clients = Array.from({ length: 12 }, (_, index) => ({ clientId: `shared-client-${index}`, certificateId: DEMO.certificates.healthy, connectedMinutesAgo: 30 }));
    await admin(demo.emulator, 'POST', 'seed', { connections: clients });
    const { findings } = await onDemandAudit(demo.iot, ['DEVICE_CERTIFICATE_SHARED_CHECK']);
    const shared = findings.find((finding) => finding.nonCompliantResource?.resourceIdentifier?.deviceCertificateId === DEMO.certificates.healthy)!;
    assert.equal(shared.relatedResources?.length, 10);
    const listed: string[] = [];
    for await (const page of paginateListRelatedResourcesForAuditFinding({ client: demo.iot, pageSize: 5 }, { findingId: shared.findingId })) {
      assert.ok(page.relatedResources!.length <= 5);
      listed.push(...page.relatedResources!.map((resource) => `${resource.resourceType}:${resource.resourceIdentifier?.clientId}`));
    }
    assert.ok(listed.length > 10 && new Set(listed).size === listed.length, `${listed.length} distinct related resources`);
    for (const client of clients) assert.ok(listed.includes(`CLIENT_ID:${client.clientId}`), `${client.clientId} is related`);
    const missing = await rejection(demo.iot.send(new ListRelatedResourcesForAuditFindingCommand({ findingId: 'no-such-finding' })));
    assert.ok(missing instanceof ResourceNotFoundException);
  });

  it('deletes the audit configuration (and, when asked, the scheduled audits), after which audits are off', async () => {
    await demo.iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Nightly', frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] }));
    const blocked = await rejection(demo.iot.send(new DeleteAccountAuditConfigurationCommand({})));
    assert.ok(blocked instanceof InvalidRequestException);
    assert.match(blocked.message, /scheduled audit\(s\) \(Nightly\).*deleteScheduledAudits=true/);
    await demo.iot.send(new DeleteAccountAuditConfigurationCommand({ deleteScheduledAudits: true }));
    assert.deepEqual((await demo.iot.send(new ListScheduledAuditsCommand({}))).scheduledAudits, []);
    const configuration = await demo.iot.send(new DescribeAccountAuditConfigurationCommand({}));
    assert.equal(configuration.roleArn, undefined);
    assert.ok(Object.values(configuration.auditCheckConfigurations!).every((check) => check.enabled === false), 'every check is disabled, the default');
    assert.ok((await rejection(demo.iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: ['LOGGING_DISABLED_CHECK'] })))) instanceof InvalidRequestException);
    assert.ok((await rejection(demo.iot.send(new DeleteAccountAuditConfigurationCommand({})))) instanceof ResourceNotFoundException);
    const first = await rejection(demo.iot.send(new UpdateAccountAuditConfigurationCommand({ auditCheckConfigurations: { LOGGING_DISABLED_CHECK: { enabled: true } } })));
    assert.match(first.message, /must set roleArn/);
  });

  it('keeps suppressions and scheduled audits across a restart on the same state file', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'audit-loop-')), 'state.json');
    let emulator = await startTestEmulator({ statePath });
    let iot = iotClient(emulator);
    await iot.send(new CreateAuditSuppressionCommand({ ...LOGGING, suppressIndefinitely: true, description: 'kept', clientRequestToken: 'durable' }));
    await iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Durable', frequency: 'MONTHLY', dayOfMonth: '15', targetCheckNames: ['LOGGING_DISABLED_CHECK'] }));
    iot.destroy();
    await emulator.close();
    emulator = await startTestEmulator({ statePath });
    iot = iotClient(emulator);
    try {
      assert.equal((await iot.send(new DescribeAuditSuppressionCommand(LOGGING))).description, 'kept');
      assert.equal((await iot.send(new DescribeScheduledAuditCommand({ scheduledAuditName: 'Durable' }))).dayOfMonth, '15');
    } finally {
      iot.destroy();
      await emulator.close();
    }
  });
});
