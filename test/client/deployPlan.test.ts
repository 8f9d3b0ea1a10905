import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { computeDeployPlan, deployReport, summarizePlan } from '../../client/actions/model/deployPlan';
import { renderImportedFile } from '../../client/actions/model/fileTemplates';
import { auditLoopDetail, deploySummary, planAuditConfiguration, planScheduledAudits, planSuppressions } from '../../client/actions/model/auditDeployPlan';
import { deployQuestion } from '../../client/connection/model/confirmations';
import { jsonEqual } from '../../common/json';
import { errorsOf, readDocumentModel } from '../../common';

const file = readDocumentModel(`{
  // comments are allowed
  "actions": {
    "New": { "roleArn": "arn:aws:iam::123456789012:role/R", "actionParams": { "updateDeviceCertificateParams": { "action": "DEACTIVATE" } } },
    "Same": { "roleArn": "arn:aws:iam::123456789012:role/R", "actionParams": { "addThingsToThingGroupParams": { "thingGroupNames": ["Q"], "overrideDynamicGroups": false } } },
    "Changed": { "roleArn": "arn:aws:iam::123456789012:role/Other", "actionParams": { "publishFindingToSnsParams": { "topicArn": "arn:aws:sns:us-east-1:123456789012:t" } } },
    "Broken": { "roleArn": 5 },
  },
  "tasks": { "t": { "auditCheckToActionsMapping": { "X": ["New"] } } }
}`);

test('reads actions with their types and skips malformed ones', () => {
  assert.deepEqual(file.actions.map((action) => [action.name, action.type]), [
    ['New', 'UPDATE_DEVICE_CERTIFICATE'],
    ['Same', 'ADD_THINGS_TO_THING_GROUP'],
    ['Changed', 'PUBLISH_FINDING_TO_SNS'],
  ]);
  assert.deepEqual(file.tasks.map((task) => task.name), ['t']);
});

test('invalid JSON is reported with errors, and a non-object reads no actions', () => {
  const broken = readDocumentModel('{"actions": {');
  // Two unclosed objects are one cause: the editor reports it once, and so does the model.
  assert.deepEqual(errorsOf(broken).map((problem) => [problem.code, problem.message]), [['syntax', 'Expected "}" to close the object.']]);
  const list = readDocumentModel('[]');
  assert.deepEqual(errorsOf(list).map((problem) => problem.code), ['unknown-document']);
  assert.deepEqual([list.actions, list.tasks], [[], []]);
});

test('plan: create, update (with the differing fields), unchanged, and account-only actions', () => {
  const plan = computeDeployPlan(file.actions, [
    { name: 'Same', roleArn: 'arn:aws:iam::123456789012:role/R', actionParams: { addThingsToThingGroupParams: { overrideDynamicGroups: false, thingGroupNames: ['Q'] } } },
    { name: 'Changed', roleArn: 'arn:aws:iam::123456789012:role/R', actionParams: { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:t' } } },
    { name: 'Zeta' },
    { name: 'Alpha' },
  ]);
  assert.deepEqual(plan.steps.map((step) => [step.action.name, step.change, step.differences]), [
    ['New', 'create', []],
    ['Same', 'unchanged', []],
    ['Changed', 'update', ['roleArn']],
  ]);
  assert.deepEqual(plan.onlyInAccount, ['Alpha', 'Zeta']);
  assert.equal(summarizePlan(plan), '1 to create, 1 to update, 1 unchanged, 2 only in the account (kept)');
});

test('jsonEqual (common/json.ts, what a deploy compares params with) ignores key order and undefined members but not array order', () => {
  assert.ok(jsonEqual({ a: 1, b: [1, 2], c: undefined }, { b: [1, 2], a: 1 }));
  assert.ok(!jsonEqual([1, 2], [2, 1]));
  assert.ok(!jsonEqual({ a: 1 }, { a: '1' }));
});

test('deploy report: every action with its result, and what a failure part-way leaves in the account', () => {
  const report = deployReport([
    { name: 'New', change: 'create', result: 'created' },
    { name: 'Same', change: 'unchanged', result: 'unchanged' },
    { name: 'Changed', change: 'update', result: 'failed', reason: 'InvalidRequestException: roleArn is not valid' },
    { name: 'Later', change: 'create', result: 'failed', reason: 'LimitExceededException: 100 actions' },
    { name: 'Stopped', change: 'update', result: 'not attempted' },
  ], 'account 210987654321 (eu-west-1)');
  assert.equal(report.ok, false);
  assert.equal(report.message, 'Deploy to account 210987654321 (eu-west-1) did not complete: 1 created, 1 unchanged, 2 failed, 1 not attempted. Changed: InvalidRequestException: roleArn is not valid; Later: LimitExceededException: 100 actions');
  assert.equal(report.detail, [
    'Now in the account:',
    '- New created',
    '- Same unchanged',
    '- Changed NOT updated, keeps its previous definition (InvalidRequestException: roleArn is not valid)',
    '- Later NOT created (LimitExceededException: 100 actions)',
    '- Stopped not updated, keeps its previous definition (deploy stopped)',
  ].join('\n'));
  const clean = deployReport([{ name: 'New', change: 'create', result: 'created' }, { name: 'Changed', change: 'update', result: 'updated' }], 'emulator');
  assert.deepEqual([clean.ok, clean.message], [true, 'Deployed to emulator: 1 created, 1 updated.']);
});

test('plan: tags are compared by key and value; a file without "tags" keeps the account\'s', () => {
  const role = 'arn:aws:iam::123456789012:role/R';
  const actionParams = { updateCACertificateParams: { action: 'DEACTIVATE' } };
  const tagged = readDocumentModel(JSON.stringify({
    actions: {
      Retagged: { roleArn: role, actionParams, tags: [{ Key: 'team', Value: 'sec' }, { Key: 'env', Value: 'prod' }, { Key: 'owner' }] },
      SameTags: { roleArn: role, actionParams, tags: [{ Key: 'b', Value: '2' }, { Key: 'a' }] },
      NoTagsMember: { roleArn: role, actionParams },
      Cleared: { roleArn: 'arn:aws:iam::123456789012:role/Other', actionParams, tags: [] },
    },
  }));
  const arn = (name: string) => `arn:aws:iot:us-east-1:123456789012:mitigationaction/${name}`;
  const plan = computeDeployPlan(tagged.actions, [
    { name: 'Retagged', actionArn: arn('Retagged'), roleArn: role, actionParams, tags: [{ Key: 'team', Value: 'sec' }, { Key: 'env', Value: 'dev' }, { Key: 'gone', Value: 'x' }] },
    { name: 'SameTags', actionArn: arn('SameTags'), roleArn: role, actionParams, tags: [{ Key: 'a', Value: '' }, { Key: 'b', Value: '2' }] },
    { name: 'NoTagsMember', actionArn: arn('NoTagsMember'), roleArn: role, actionParams, tags: [{ Key: 'kept', Value: 'yes' }] },
    { name: 'Cleared', actionArn: arn('Cleared'), roleArn: role, actionParams, tags: [{ Key: 'x' }] },
  ]);
  assert.deepEqual(plan.steps.map((step) => [step.action.name, step.change, step.differences, step.tagChanges, step.actionArn]), [
    ['Retagged', 'update', ['tags'], { set: [{ Key: 'env', Value: 'prod' }, { Key: 'owner' }], remove: ['gone'] }, arn('Retagged')],
    ['SameTags', 'unchanged', [], undefined, arn('SameTags')],
    ['NoTagsMember', 'unchanged', [], undefined, arn('NoTagsMember')],
    ['Cleared', 'update', ['roleArn', 'tags'], { set: [], remove: ['x'] }, arn('Cleared')],
  ]);
});

test('an imported file carries the account\'s tags, and deploying it back changes nothing', () => {
  const account = [
    { actionName: 'Tagged', actionArn: 'arn:aws:iot:us-east-1:123456789012:mitigationaction/Tagged', roleArn: 'arn:aws:iam::123456789012:role/R', actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } }, tags: [{ Key: 'team', Value: 'sec' }, { Key: 'flag' }] },
    { actionName: 'Plain', actionArn: 'arn:aws:iot:us-east-1:123456789012:mitigationaction/Plain', roleArn: 'arn:aws:iam::123456789012:role/R', actionParams: { updateCACertificateParams: { action: 'DEACTIVATE' } }, tags: [] },
  ];
  const imported = readDocumentModel(renderImportedFile(account));
  assert.deepEqual(errorsOf(imported), []);
  assert.deepEqual(imported.actions.map((action) => [action.name, action.tags]), [['Plain', undefined], ['Tagged', [{ Key: 'team', Value: 'sec' }, { Key: 'flag' }]]]);
  const plan = computeDeployPlan(imported.actions, account.map((action) => ({ ...action, name: action.actionName })));
  assert.deepEqual(plan.steps.map((step) => step.change), ['unchanged', 'unchanged']);
});

const role = 'arn:aws:iam::123456789012:role/AuditRole';
const topic = 'arn:aws:sns:us-east-1:123456789012:audits';
const certificate = 'a'.repeat(64);

test('audit configuration: only the members the file writes are compared and sent; disabling a check and turning a target off are destructive', () => {
  const loop = readDocumentModel(JSON.stringify({
    auditConfiguration: {
      roleArn: role,
      auditNotificationTargetConfigurations: { SNS: { enabled: false } },
      auditCheckConfigurations: {
        LOGGING_DISABLED_CHECK: { enabled: false },
        DEVICE_CERTIFICATE_AGE_CHECK: { configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '400' } },
        DEVICE_CERTIFICATE_EXPIRING_CHECK: { enabled: true },
        CA_CERTIFICATE_EXPIRING_CHECK: { enabled: true },
      },
    },
  }));
  const step = planAuditConfiguration(loop.auditConfiguration!, {
    roleArn: role,
    auditNotificationTargetConfigurations: { SNS: { targetArn: topic, roleArn: role, enabled: true } },
    auditCheckConfigurations: {
      LOGGING_DISABLED_CHECK: { enabled: true },
      DEVICE_CERTIFICATE_AGE_CHECK: { enabled: true, configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '365' } },
      DEVICE_CERTIFICATE_EXPIRING_CHECK: { enabled: true, configuration: { CERT_EXPIRATION_THRESHOLD_IN_DAYS: '60' } },
      CA_CERTIFICATE_EXPIRING_CHECK: { enabled: false },
      CONFLICTING_CLIENT_IDS_CHECK: { enabled: true },
    },
  });
  assert.equal(step.change, 'update');
  assert.deepEqual(step.differences, ['SNS', 'LOGGING_DISABLED_CHECK', 'DEVICE_CERTIFICATE_AGE_CHECK', 'CA_CERTIFICATE_EXPIRING_CHECK']);
  // The role is the same, the expiring check already enabled, the unmentioned check not sent: each entry sent whole.
  assert.deepEqual(step.request, {
    auditNotificationTargetConfigurations: { SNS: { targetArn: topic, roleArn: role, enabled: false } },
    auditCheckConfigurations: {
      LOGGING_DISABLED_CHECK: { enabled: false },
      DEVICE_CERTIFICATE_AGE_CHECK: { enabled: true, configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '400' } },
      CA_CERTIFICATE_EXPIRING_CHECK: { enabled: true },
    },
  });
  assert.deepEqual(step.destructive, ['turn off the SNS notification target', 'disable LOGGING_DISABLED_CHECK']);
  assert.equal(deployQuestion(5, 'audit configuration: update (SNS)', { actionsOnly: false, destructive: step.destructive }), 'Turn off the SNS notification target, disable LOGGING_DISABLED_CHECK and deploy 5 change(s) (audit configuration: update (SNS))');

  const same = planAuditConfiguration({ path: [], roleArn: role, auditCheckConfigurations: { LOGGING_DISABLED_CHECK: { enabled: true } } }, { roleArn: role, auditCheckConfigurations: { LOGGING_DISABLED_CHECK: { enabled: true } } });
  assert.deepEqual([same.change, same.differences, same.request, same.destructive], ['unchanged', [], {}, []]);
  const newRole = planAuditConfiguration({ path: [], roleArn: `${role}2` }, { roleArn: role });
  assert.deepEqual([newRole.change, newRole.request], ['update', { roleArn: `${role}2` }]);
});

test('scheduled audits: create, update of the schedule, the checks (in any order) and the tags, unchanged, and the account\'s others kept', () => {
  const loop = readDocumentModel(JSON.stringify({
    scheduledAudits: {
      fresh: { frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] },
      moved: { frequency: 'MONTHLY', dayOfMonth: '1', targetCheckNames: ['LOGGING_DISABLED_CHECK'] },
      rechecked: { frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: ['LOGGING_DISABLED_CHECK', 'CA_CERTIFICATE_EXPIRING_CHECK'], tags: [{ Key: 'team', Value: 'sec' }] },
      same: { frequency: 'WEEKLY', dayOfWeek: 'FRI', targetCheckNames: ['B_CHECK', 'A_CHECK'] },
    },
  }));
  const arn = (name: string) => `arn:aws:iot:us-east-1:123456789012:scheduledaudit/${name}`;
  const section = planScheduledAudits(loop.scheduledAudits, [
    { name: 'moved', arn: arn('moved'), frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: ['LOGGING_DISABLED_CHECK'] },
    { name: 'rechecked', arn: arn('rechecked'), frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: ['LOGGING_DISABLED_CHECK'], tags: [{ Key: 'old' }] },
    { name: 'same', arn: arn('same'), frequency: 'WEEKLY', dayOfWeek: 'FRI', targetCheckNames: ['A_CHECK', 'B_CHECK'], tags: [{ Key: 'kept' }] },
    { name: 'console-made', frequency: 'DAILY', targetCheckNames: ['X'] },
  ]);
  assert.deepEqual(section.steps.map((step) => [step.audit.name, step.change, step.differences, step.arn]), [
    ['fresh', 'create', [], undefined],
    ['moved', 'update', ['schedule'], arn('moved')],
    ['rechecked', 'update', ['targetCheckNames', 'tags'], arn('rechecked')],
    ['same', 'unchanged', [], arn('same')],
  ]);
  assert.deepEqual(section.steps[2].tagChanges, { set: [{ Key: 'team', Value: 'sec' }], remove: ['old'] });
  assert.deepEqual(section.onlyInAccount, ['console-made']);
  const plan = { scheduledAudits: section };
  assert.equal(deploySummary(undefined, plan), 'scheduled audits: 1 to create, 2 to update, 1 unchanged, 1 only in the account (kept)');
  assert.deepEqual(auditLoopDetail(plan), ['Scheduled audits:', '+ fresh', '~ moved (schedule)', '~ rechecked (targetCheckNames, tags: +team -old)', '= same', 'In the account, not in this file (kept): console-made']);
});

test('suppressions: keyed by check and resource (key order aside); create, update of the expiry and the description, unchanged, kept', () => {
  const loop = readDocumentModel(JSON.stringify({
    suppressions: [
      { checkName: 'DEVICE_CERTIFICATE_EXPIRING_CHECK', resourceIdentifier: { deviceCertificateId: certificate }, expirationDate: '2031-01-01', description: 'replaced in January' },
      { checkName: 'DEVICE_CERTIFICATE_AGE_CHECK', resourceIdentifier: { deviceCertificateId: certificate }, suppressIndefinitely: true, description: 'lab device' },
      { checkName: 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK', resourceIdentifier: { policyVersionIdentifier: { policyVersionId: '1', policyName: 'P' } }, expirationDate: '2031-06-01T12:00:00Z', description: 'new words' },
      { checkName: 'LOGGING_DISABLED_CHECK', resourceIdentifier: { account: '123456789012' }, expirationDate: '2031-06-01T12:00:00.000Z', description: 'same' },
    ],
  }));
  const section = planSuppressions(loop.suppressions, [
    { checkName: 'DEVICE_CERTIFICATE_AGE_CHECK', resourceIdentifier: { deviceCertificateId: certificate }, expirationDate: new Date('2030-01-01T00:00:00Z'), suppressIndefinitely: false, description: 'lab device' },
    { checkName: 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK', resourceIdentifier: { policyVersionIdentifier: { policyName: 'P', policyVersionId: '1' } }, expirationDate: new Date('2031-06-01T12:00:00Z'), description: 'old words' },
    { checkName: 'LOGGING_DISABLED_CHECK', resourceIdentifier: { account: '123456789012' }, expirationDate: new Date('2031-06-01T12:00:00.400Z'), description: 'same' },
    { checkName: 'CA_CERTIFICATE_EXPIRING_CHECK', resourceIdentifier: { caCertificateId: 'b'.repeat(64) }, suppressIndefinitely: true },
  ]);
  assert.deepEqual(section.steps.map((step) => [step.suppression.checkName, step.change, step.differences]), [
    ['DEVICE_CERTIFICATE_EXPIRING_CHECK', 'create', []],
    ['DEVICE_CERTIFICATE_AGE_CHECK', 'update', ['expiry']],
    ['IOT_POLICY_OVERLY_PERMISSIVE_CHECK', 'update', ['description']],
    ['LOGGING_DISABLED_CHECK', 'unchanged', []],
  ]);
  assert.equal(section.steps[2].label, 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK for policyVersionIdentifier {"policyName":"P","policyVersionId":"1"}');
  assert.deepEqual(section.onlyInAccount, [`CA_CERTIFICATE_EXPIRING_CHECK for caCertificateId ${'b'.repeat(64)}`]);
  // An indefinite suppression the file gives a date is an expiry change too.
  const dated = planSuppressions([{ ...loop.suppressions[0] }], [{ checkName: 'DEVICE_CERTIFICATE_EXPIRING_CHECK', resourceIdentifier: { deviceCertificateId: certificate }, suppressIndefinitely: true, description: 'replaced in January' }]);
  assert.deepEqual(dated.steps.map((step) => step.differences), [['expiry']]);
  assert.throws(() => planSuppressions([{ ...loop.suppressions[0], expirationDate: 'next tuesday' }], []), /DEVICE_CERTIFICATE_EXPIRING_CHECK for deviceCertificateId a+ has an expirationDate that is not an ISO 8601 date: "next tuesday"/);
});

test('deploy summary: a file of actions only keeps its words, sections are named otherwise', () => {
  const actions = computeDeployPlan(file.actions, []);
  assert.equal(deploySummary(actions, {}), '3 to create, 0 to update, 0 unchanged');
  assert.equal(deployQuestion(3, '3 to create, 0 to update, 0 unchanged', { actionsOnly: true, destructive: [] }), 'Deploy 3 mitigation action change(s) (3 to create, 0 to update, 0 unchanged)');
  const configuration = planAuditConfiguration({ path: [], roleArn: role }, {});
  assert.equal(deploySummary(actions, { auditConfiguration: configuration }), 'actions: 3 to create, 0 to update, 0 unchanged; audit configuration: update (roleArn)');
  assert.deepEqual(auditLoopDetail({ auditConfiguration: configuration }), ['Audit configuration:', '~ update roleArn']);
});
