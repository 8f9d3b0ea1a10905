import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { computeDeployPlan, deployReport, summarizePlan } from '../../client/actions/model/deployPlan';
import { renderImportedFile } from '../../client/actions/model/fileTemplates';
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
