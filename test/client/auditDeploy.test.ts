/**
 * A deploy of the audit-loop sections against the real emulator through the real SDK: the
 * plan read from the account, the same apply as the Deploy command (client/actions/model/
 * deployApply.ts), then the account read back, changed, and a failure part-way reported.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DescribeScheduledAuditCommand, ListAuditSuppressionsCommand, DescribeAccountAuditConfigurationCommand, ListTagsForResourceCommand } from '@aws-sdk/client-iot';
import { auditLoopDetail, type AuditLoopPlan } from '../../client/actions/model/auditDeployPlan';
import { AuditLoopApi } from '../../client/actions/model/auditLoopApi';
import { applyDeploy, deployItems } from '../../client/actions/model/deployApply';
import { computeDeployPlan, deployReport, type DeployPlan } from '../../client/actions/model/deployPlan';
import { importedSections } from '../../client/authoring/model/auditLoopImport';
import { renderImportedFile } from '../../client/actions/model/fileTemplates';
import { explainError } from '../../client/shared/model/errors';
import { IotApi } from '../../client/shared/model/iotApi';
import { errorsOf, readDocumentModel, type DocumentModel } from '../../common';
import { admin, useDemoEmulator } from '../emulator/helpers';

const emulator = useDemoEmulator({ reset: { seed: 'empty' } });
const fixture = readFileSync(join(__dirname, '../vscode/fixtures/workspace/audit-deploy.mitigation.json'), 'utf8');

/** The plan as the Deploy command reads it: actions described, each audit-loop section the file writes. */
async function planOf(model: DocumentModel): Promise<{ api: IotApi; loop: AuditLoopApi; plan: DeployPlan; auditPlan: AuditLoopPlan }> {
  const api = new IotApi(emulator.iot);
  const loop = new AuditLoopApi(emulator.iot);
  const account = await api.listAllActions();
  const described = await Promise.all(account.map(async (action) => ({ ...(await api.describeAction(action.actionName)), tags: action.actionArn ? await api.listTags(action.actionArn) : [] })));
  const plan = computeDeployPlan(model.actions, described.map((action) => ({ name: action.actionName ?? '', actionArn: action.actionArn, roleArn: action.roleArn, actionParams: action.actionParams as Record<string, unknown>, tags: action.tags })));
  return { api, loop, plan, auditPlan: await loop.plan(model) };
}

async function deploy(model: DocumentModel) {
  const { api, loop, plan, auditPlan } = await planOf(model);
  const outcomes = await applyDeploy(deployItems(api, loop, plan, auditPlan), { explain: (error) => explainError(error, { connection: 'emulator' }).message });
  return { auditPlan, outcomes, report: deployReport(outcomes, 'emulator') };
}

test('a first deploy creates every section\'s items, the account then holds them, and a second plan changes nothing', async () => {
  const model = readDocumentModel(fixture);
  assert.deepEqual(errorsOf(model), []);
  const first = await deploy(model);
  assert.deepEqual(first.outcomes.map((outcome) => [outcome.name, outcome.result]), [
    ['NotifyAuditTeam', 'created'],
    ['audit configuration', 'updated'],
    ['scheduled audit weekly-certificates', 'created'],
    ['scheduled audit monthly-logging', 'created'],
    ['suppression LOGGING_DISABLED_CHECK for account 123456789012', 'created'],
  ]);
  assert.equal(first.report.message, 'Deployed to emulator: 4 created, 1 updated.');

  const configuration = await emulator.iot.send(new DescribeAccountAuditConfigurationCommand({}));
  assert.equal(configuration.roleArn, 'arn:aws:iam::123456789012:role/IoTDeviceDefenderAuditRole');
  assert.deepEqual(configuration.auditCheckConfigurations?.DEVICE_CERTIFICATE_AGE_CHECK, { enabled: true, configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '400' } });
  assert.equal(configuration.auditNotificationTargetConfigurations?.SNS?.targetArn, 'arn:aws:sns:us-east-1:123456789012:AuditNotifications');
  const weekly = await emulator.iot.send(new DescribeScheduledAuditCommand({ scheduledAuditName: 'weekly-certificates' }));
  assert.deepEqual([weekly.frequency, weekly.dayOfWeek, weekly.targetCheckNames], ['WEEKLY', 'MON', ['DEVICE_CERTIFICATE_EXPIRING_CHECK', 'DEVICE_CERTIFICATE_AGE_CHECK']]);
  const [suppression] = (await emulator.iot.send(new ListAuditSuppressionsCommand({}))).suppressions ?? [];
  assert.deepEqual([suppression.expirationDate?.toISOString(), suppression.description], ['2030-01-01T00:00:00.000Z', 'Logging goes to the central account until the migration ends']);

  const again = await planOf(model);
  assert.deepEqual([again.plan.steps.map((step) => step.change), again.auditPlan.auditConfiguration?.change, again.auditPlan.scheduledAudits?.steps.map((step) => step.change), again.auditPlan.suppressions?.steps.map((step) => step.change)], [['unchanged'], 'unchanged', ['unchanged', 'unchanged'], ['unchanged']]);

  // Imported back from the account, the file plans no change either.
  const imported = readDocumentModel(renderImportedFile([], importedSections(await again.loop.auditLoop(), Date.now()).sections));
  assert.deepEqual(errorsOf(imported), []);
  const importedPlan = await planOf({ ...imported, actions: [] });
  assert.deepEqual([importedPlan.auditPlan.auditConfiguration?.change, importedPlan.auditPlan.scheduledAudits?.steps.map((step) => step.change), importedPlan.auditPlan.suppressions?.steps.map((step) => step.change)], ['unchanged', ['unchanged', 'unchanged'], ['unchanged']]);
});

test('updates: a schedule\'s day and checks, a suppression\'s expiry and reason, a threshold and a disabled check; the account\'s others are kept', async () => {
  await deploy(readDocumentModel(fixture));
  const edited = JSON.parse(fixture) as Record<string, Record<string, unknown> | unknown[]> & { auditConfiguration: Record<string, unknown> };
  const checks = (edited.auditConfiguration.auditCheckConfigurations as Record<string, unknown>);
  checks.DEVICE_CERTIFICATE_AGE_CHECK = { enabled: true, configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '500' } };
  checks.CA_CERTIFICATE_EXPIRING_CHECK = { enabled: true };
  edited.scheduledAudits = { 'weekly-certificates': { frequency: 'BIWEEKLY', dayOfWeek: 'FRI', targetCheckNames: ['DEVICE_CERTIFICATE_AGE_CHECK'] } };
  edited.suppressions = [{ checkName: 'LOGGING_DISABLED_CHECK', resourceIdentifier: { account: '123456789012' }, suppressIndefinitely: true, description: 'Logging stays central' }];
  const second = await deploy(readDocumentModel(JSON.stringify(edited)));
  assert.equal(second.report.ok, true, second.report.message);
  assert.deepEqual(second.auditPlan.auditConfiguration?.differences, ['DEVICE_CERTIFICATE_AGE_CHECK', 'CA_CERTIFICATE_EXPIRING_CHECK']);
  assert.deepEqual(second.auditPlan.scheduledAudits?.steps.map((step) => [step.change, step.differences]), [['update', ['schedule', 'targetCheckNames']]]);
  assert.deepEqual(second.auditPlan.scheduledAudits?.onlyInAccount, ['monthly-logging']);
  assert.deepEqual(second.auditPlan.suppressions?.steps.map((step) => [step.change, step.differences]), [['update', ['expiry', 'description']]]);
  const weekly = await emulator.iot.send(new DescribeScheduledAuditCommand({ scheduledAuditName: 'weekly-certificates' }));
  assert.deepEqual([weekly.frequency, weekly.dayOfWeek, weekly.targetCheckNames], ['BIWEEKLY', 'FRI', ['DEVICE_CERTIFICATE_AGE_CHECK']]);
  // The schedule the file no longer names is kept, never deleted.
  assert.equal((await emulator.iot.send(new DescribeScheduledAuditCommand({ scheduledAuditName: 'monthly-logging' }))).frequency, 'MONTHLY');
  const [suppression] = (await emulator.iot.send(new ListAuditSuppressionsCommand({}))).suppressions ?? [];
  assert.deepEqual([suppression.suppressIndefinitely, suppression.expirationDate, suppression.description], [true, undefined, 'Logging stays central']);
  const configuration = await emulator.iot.send(new DescribeAccountAuditConfigurationCommand({}));
  assert.deepEqual(configuration.auditCheckConfigurations?.DEVICE_CERTIFICATE_AGE_CHECK, { enabled: true, configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '500' } });
  assert.equal(configuration.auditCheckConfigurations?.CA_CERTIFICATE_EXPIRING_CHECK?.enabled, true);
  assert.equal(configuration.auditCheckConfigurations?.LOGGING_DISABLED_CHECK?.enabled, true, 'a check the file still enables stays enabled');

  // Disabling a check and turning the target off: planned as destructive. (LOGGING_DISABLED_CHECK
  // stays on: a scheduled audit the account keeps uses it, and AWS refuses to disable such a check.)
  checks.CA_CERTIFICATE_EXPIRING_CHECK = { enabled: false };
  (edited.auditConfiguration.auditNotificationTargetConfigurations as Record<string, unknown>).SNS = { enabled: false };
  delete edited.suppressions;
  const third = await deploy(readDocumentModel(JSON.stringify({ ...edited, scheduledAudits: {} })));
  assert.deepEqual(third.auditPlan.auditConfiguration?.destructive, ['turn off the SNS notification target', 'disable CA_CERTIFICATE_EXPIRING_CHECK']);
  const after = await emulator.iot.send(new DescribeAccountAuditConfigurationCommand({}));
  assert.deepEqual([after.auditCheckConfigurations?.CA_CERTIFICATE_EXPIRING_CHECK?.enabled, after.auditNotificationTargetConfigurations?.SNS], [false, { targetArn: 'arn:aws:sns:us-east-1:123456789012:AuditNotifications', roleArn: 'arn:aws:iam::123456789012:role/IoTDeviceDefenderAuditRole', enabled: false }]);
});

test('a failure part-way: the AWS error is reported, the other items still go, and the report says what is in the account', async () => {
  await emulator.admin('POST', 'settings', { injectErrors: { CreateScheduledAudit: { errorType: 'LimitExceededException', count: 1 } } });
  const result = await deploy(readDocumentModel(fixture));
  assert.equal(result.report.ok, false);
  assert.match(result.report.message, /^Deploy to emulator did not complete: 3 created, 1 updated, 1 failed\. scheduled audit weekly-certificates: .*LimitExceededException/);
  assert.match(result.report.detail, /- scheduled audit weekly-certificates NOT created \(.*LimitExceededException.*\)\n- scheduled audit monthly-logging created\n- suppression LOGGING_DISABLED_CHECK for account 123456789012 created$/);
  // Deploying again creates only what is missing.
  const retry = await deploy(readDocumentModel(fixture));
  assert.equal(retry.report.message, 'Deployed to emulator: 1 created, 4 unchanged.');
});

test('a suppression of a check the account has disabled: the service refuses it, with its reason', async () => {
  const model = readDocumentModel(JSON.stringify({
    auditConfiguration: { roleArn: 'arn:aws:iam::123456789012:role/IoTDeviceDefenderAuditRole', auditCheckConfigurations: { LOGGING_DISABLED_CHECK: { enabled: true } } },
    suppressions: [{ checkName: 'CONFLICTING_CLIENT_IDS_CHECK', resourceIdentifier: { clientId: 'sensor-7' }, suppressIndefinitely: true, description: 'test rig' }],
  }));
  const result = await deploy({ ...model, scheduledAudits: [] });
  assert.deepEqual(result.outcomes.map((outcome) => [outcome.name, outcome.result]), [['audit configuration', 'updated'], ['suppression CONFLICTING_CLIENT_IDS_CHECK for clientId sensor-7', 'failed']]);
  assert.match(result.outcomes[1].reason ?? '', /CONFLICTING_CLIENT_IDS_CHECK/);
});

test("a scheduled audit's tags: created with it, changed by key, left alone without \"tags\", imported, removed by []", async () => {
  const { auditConfiguration } = JSON.parse(fixture) as { auditConfiguration: unknown };
  const fileWith = (schedule: Record<string, unknown>) => readDocumentModel(JSON.stringify({ auditConfiguration, scheduledAudits: { tagged: { frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'], ...schedule } } }));
  const tagsInAccount = async () => (await emulator.iot.send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:iot:us-east-1:123456789012:scheduledaudit/tagged' }))).tags;

  const created = await deploy(fileWith({ tags: [{ Key: 'team', Value: 'security' }, { Key: 'reviewed' }] }));
  assert.equal(created.report.ok, true, created.report.message);
  assert.deepEqual(await tagsInAccount(), [{ Key: 'team', Value: 'security' }, { Key: 'reviewed' }]);
  assert.deepEqual((await planOf(fileWith({ tags: [{ Key: 'reviewed', Value: '' }, { Key: 'team', Value: 'security' }] }))).auditPlan.scheduledAudits?.steps.map((step) => step.change), ['unchanged'], 'order and an empty Value are no change');

  const changed = await deploy(fileWith({ tags: [{ Key: 'team', Value: 'audit' }, { Key: 'owner', Value: 'ops' }] }));
  const step = changed.auditPlan.scheduledAudits!.steps[0];
  assert.deepEqual([step.change, step.differences, step.tagChanges], ['update', ['tags'], { set: [{ Key: 'team', Value: 'audit' }, { Key: 'owner', Value: 'ops' }], remove: ['reviewed'] }]);
  assert.ok(auditLoopDetail(changed.auditPlan).includes('~ tagged (tags: +team +owner -reviewed)'), auditLoopDetail(changed.auditPlan).join('\n'));
  assert.deepEqual(changed.outcomes.map((outcome) => [outcome.name, outcome.result]), [['audit configuration', 'unchanged'], ['scheduled audit tagged', 'updated']]);
  assert.deepEqual(await tagsInAccount(), [{ Key: 'team', Value: 'audit' }, { Key: 'owner', Value: 'ops' }]);

  // No "tags" in the file: the account's are neither read nor changed.
  const untouched = await planOf(fileWith({}));
  assert.deepEqual(untouched.auditPlan.scheduledAudits?.steps.map((step) => [step.change, step.tagChanges]), [['unchanged', undefined]]);

  const imported = importedSections(await untouched.loop.auditLoop(), Date.now()).sections;
  assert.deepEqual((imported.scheduledAudits as Record<string, { tags?: unknown }>).tagged.tags, [{ Key: 'team', Value: 'audit' }, { Key: 'owner', Value: 'ops' }]);
  const importedModel = readDocumentModel(renderImportedFile([], imported));
  assert.deepEqual(errorsOf(importedModel), []);
  assert.deepEqual((await planOf({ ...importedModel, actions: [] })).auditPlan.scheduledAudits?.steps.map((step) => step.change), ['unchanged'], 'the imported tags deploy back as no change');

  const cleared = await deploy(fileWith({ frequency: 'WEEKLY', dayOfWeek: 'MON', tags: [] }));
  assert.deepEqual(cleared.auditPlan.scheduledAudits?.steps.map((step) => step.differences), [['schedule', 'tags']]);
  assert.equal(cleared.report.ok, true, cleared.report.message);
  assert.deepEqual(await tagsInAccount(), []);
  assert.equal((await emulator.iot.send(new DescribeScheduledAuditCommand({ scheduledAuditName: 'tagged' }))).dayOfWeek, 'MON');
});

test("a scheduled audit's tags the service refuses: the deploy reports the reason and the schedule keeps its tags", async () => {
  const { auditConfiguration } = JSON.parse(fixture) as { auditConfiguration: unknown };
  const fileWith = (tags: unknown) => readDocumentModel(JSON.stringify({ auditConfiguration, scheduledAudits: { tagged: { frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'], tags } } }));
  await deploy(fileWith([{ Key: 'team', Value: 'security' }]));
  const refused = await deploy(fileWith([{ Key: 'aws:owner', Value: 'me' }]));
  assert.equal(refused.report.ok, false);
  assert.match(refused.report.message, /scheduled audit tagged: .*"aws:" are reserved for AWS \(aws:owner\)/);
  assert.match(refused.report.detail, /- scheduled audit tagged NOT updated, keeps its previous definition/);
  const tags = (await emulator.iot.send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:iot:us-east-1:123456789012:scheduledaudit/tagged' }))).tags;
  assert.deepEqual(tags, [{ Key: 'team', Value: 'security' }], 'TagResource was refused before UntagResource ran');
});

test('a role without iot:ListTagsForResource: an import writes the schedules without tags and names them, a deploy of tags is refused with the reason', async () => {
  const { auditConfiguration } = JSON.parse(fixture) as { auditConfiguration: unknown };
  const fileWith = (schedule: Record<string, unknown>) => readDocumentModel(JSON.stringify({ auditConfiguration, scheduledAudits: { tagged: { frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'], ...schedule } } }));
  await deploy(fileWith({ tags: [{ Key: 'team', Value: 'security' }] }));
  await admin(emulator.emulator, 'POST', 'settings', { denyOperations: ['ListTagsForResource'] });
  try {
    const loop = new AuditLoopApi(emulator.iot);
    const imported = importedSections(await loop.auditLoop(), Date.now());
    assert.deepEqual(imported.untaggedSchedules, ['tagged']);
    assert.equal((imported.sections.scheduledAudits as Record<string, { tags?: unknown }>).tagged.tags, undefined);
    // Without "tags" the file plans no change: a deploy leaves the account's tags alone.
    const importedModel = readDocumentModel(renderImportedFile([], imported.sections));
    assert.deepEqual((await loop.plan(importedModel)).scheduledAudits?.steps.map((step) => step.change), ['unchanged']);
    // A file that names tags must compare them: the plan fails with IAM's reason, nothing changes.
    await assert.rejects(loop.plan(fileWith({ tags: [{ Key: 'team', Value: 'audit' }] })), (error: unknown) => explainError(error, { connection: 'aws' }).message.startsWith('Access denied: User: arn:aws:iam::123456789012:root is not authorized to perform: iot:ListTagsForResource'));
    // An action's tags the same way, through the Import command's read.
    const api = new IotApi(emulator.iot);
    await api.createAction('TaggedNotify', 'arn:aws:iam::123456789012:role/IoTMitigationActionRole', { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:AuditNotifications' } }, [{ Key: 'team', Value: 'security' }]);
    assert.equal(await api.listTagsIfAllowed('arn:aws:iot:us-east-1:123456789012:mitigationaction/TaggedNotify'), undefined);
    await assert.rejects(api.listTags('arn:aws:iot:us-east-1:123456789012:mitigationaction/TaggedNotify'), { name: 'AccessDeniedException' });
  } finally {
    await admin(emulator.emulator, 'POST', 'settings', { denyOperations: [] });
  }
  assert.deepEqual(importedSections(await new AuditLoopApi(emulator.iot).auditLoop(), Date.now()).untaggedSchedules, [], 'allowed again, the tags are read');
});
