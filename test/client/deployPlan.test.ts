import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { computeDeployPlan, jsonEqual, summarizePlan } from '../../client/logic/deployPlan';
import { readMitigationFile, MitigationFileError } from '../../client/logic/mitigationFile';

const file = readMitigationFile(`{
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

test('invalid JSON is reported, not half-read', () => {
  assert.throws(() => readMitigationFile('{"actions": {'), MitigationFileError);
  assert.throws(() => readMitigationFile('[]'), MitigationFileError);
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

test('jsonEqual ignores key order and undefined members but not array order', () => {
  assert.ok(jsonEqual({ a: 1, b: [1, 2], c: undefined }, { b: [1, 2], a: 1 }));
  assert.ok(!jsonEqual([1, 2], [2, 1]));
  assert.ok(!jsonEqual({ a: 1 }, { a: '1' }));
});
