import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { validateDocument } from '../../common';
import { renderImportedFile, renderTemplateFile } from '../../client/actions/model/fileTemplates';
import {
  PagedList, actionNode, auditCheckNodes, auditNode, checkStatisticsNode, executionNode, findingNode, taskNode, taskProgress,
} from '../../client/shared/model/treeModel';

test('pages accumulate until there is no next token', () => {
  const list = new PagedList<string>();
  assert.ok(!list.loaded);
  list.append(['a', 'b'], 'token-1');
  assert.ok(list.hasMore);
  list.append(['c'], '');
  assert.deepEqual(list.items, ['a', 'b', 'c']);
  assert.ok(list.loaded && !list.hasMore);
  list.reset();
  assert.deepEqual([list.items, list.loaded], [[], false]);
});

test('action nodes carry the type icon, title and params tooltip', () => {
  const node = actionNode({ actionName: 'Q', actionType: 'ADD_THINGS_TO_THING_GROUP', roleArn: 'arn:aws:iam::1:role/R', actionParams: { addThingsToThingGroupParams: { thingGroupNames: ['Quarantine'] } } });
  assert.equal(node.icon?.id, 'group-by-ref-type');
  assert.equal(node.description, 'Add things to thing groups');
  assert.equal(node.contextValue, 'action');
  assert.match(node.tooltip ?? '', /"thingGroupNames"/);
});

test('task nodes: status icon, progress while running, context for cancel', () => {
  const start = new Date('2026-11-22T08:00:00Z');
  const stats = { A: { totalFindingsCount: 4, succeededFindingsCount: 1, failedFindingsCount: 1 } };
  const running = taskNode({ taskId: 't1', taskStatus: 'IN_PROGRESS', startTime: start }, stats);
  assert.deepEqual([running.icon?.id, running.contextValue, running.description], ['loading~spin', 'task.running', '50% (2/4) · 2026-11-22 08:00 UTC']);
  const done = taskNode({ taskId: 't1', taskStatus: 'COMPLETED', startTime: start });
  assert.deepEqual([done.icon?.id, done.contextValue, done.description], ['pass', 'task', 'completed · 2026-11-22 08:00 UTC']);
  assert.deepEqual(taskProgress(undefined), { done: 0, total: 0 });
});

test('per-check statistics and executions', () => {
  const check = checkStatisticsNode('DEVICE_CERTIFICATE_SHARED_CHECK', { totalFindingsCount: 3, succeededFindingsCount: 1, failedFindingsCount: 2 });
  assert.equal(check.description, '1/3 succeeded, 2 failed');
  assert.equal(check.icon?.id, 'error');
  const finding = { findingId: 'f1', checkName: 'DEVICE_CERTIFICATE_SHARED_CHECK', severity: 'CRITICAL', nonCompliantResource: { resourceType: 'DEVICE_CERTIFICATE', resourceIdentifier: { deviceCertificateId: 'ab'.repeat(32) } } };
  const execution = executionNode({ findingId: 'f1', actionName: 'Q', status: 'FAILED', errorCode: 'INVALID_STATE_OF_RESOURCE', message: 'max groups' }, finding, ['sensor-1']);
  assert.deepEqual([execution.label, execution.description, execution.icon?.id], ['Q → Device certificate ababababab…', 'failed · INVALID_STATE_OF_RESOURCE · max groups', 'error']);
  // The tooltip has the whole id, the things, the check with its severity, and the finding id.
  for (const part of ['ab'.repeat(32), '`sensor-1`', 'DEVICE_CERTIFICATE_SHARED_CHECK (CRITICAL)', '`f1`']) assert.ok(execution.tooltip?.includes(part), part);
  // Without its finding (not read) it still says which finding.
  assert.equal(executionNode({ findingId: 'f2', actionName: 'Q', status: 'SUCCEEDED' }).label, 'Q → finding f2');
  // Skipped and canceled executions carry their reason.
  const skipped = executionNode({ findingId: 'f3', actionName: 'Q', status: 'SKIPPED', message: 'Skipped because an earlier action for this finding failed.' }, finding);
  assert.equal(skipped.description, 'skipped · Skipped because an earlier action for this finding failed.');
  assert.equal(executionNode({ findingId: 'f4', actionName: 'Q', status: 'CANCELED' }, finding).description, 'canceled');
});

test('audit checks sort non-compliant first and only those expand to findings', () => {
  const nodes = auditCheckNodes({
    LOGGING_DISABLED_CHECK: { checkRunStatus: 'COMPLETED_COMPLIANT', totalResourcesCount: 1, nonCompliantResourcesCount: 0 },
    DEVICE_CERTIFICATE_SHARED_CHECK: { checkRunStatus: 'COMPLETED_NON_COMPLIANT', totalResourcesCount: 10, nonCompliantResourcesCount: 3 },
  });
  assert.deepEqual(nodes.map(({ checkName, node }) => [checkName, node.collapsible, node.contextValue, node.description]), [
    ['DEVICE_CERTIFICATE_SHARED_CHECK', true, 'auditCheck.nonCompliant', '3 non-compliant of 10'],
    ['LOGGING_DISABLED_CHECK', false, 'auditCheck', '0 non-compliant of 1'],
  ]);
  const finding = findingNode({ findingId: 'f', severity: 'CRITICAL', reasonForNonComplianceCode: 'R', nonCompliantResource: { resourceType: 'DEVICE_CERTIFICATE', resourceIdentifier: { deviceCertificateId: '0123456789abcdef0123' } } });
  assert.deepEqual([finding.label, finding.description], ['Device certificate 0123456789…', 'CRITICAL · R']);
  const withThings = findingNode({ findingId: 'f', severity: 'CRITICAL', checkName: 'C', nonCompliantResource: { resourceType: 'IOT_POLICY', resourceIdentifier: { policyVersionIdentifier: { policyName: 'Open', policyVersionId: '2' } } } }, ['t1', 't2']);
  assert.deepEqual([withThings.label, withThings.description], ['Policy Open v2', 'CRITICAL · t1, t2']);
});

test('audits are labelled by kind, start and what they found; the id is in the tooltip', () => {
  const node = auditNode({ taskId: 'a3aea009955e501a31b764abe1bebd3d', taskStatus: 'COMPLETED', taskType: 'ON_DEMAND_AUDIT_TASK' }, { startTime: new Date('2026-12-01T18:44:10Z'), counts: { nonCompliant: 12, critical: 3 } });
  assert.deepEqual([node.label, node.contextValue, node.icon?.id], ['On-demand audit · 2026-12-01 18:44 · 12 non-compliant, 3 critical', 'audit', 'pass']);
  assert.match(node.tooltip ?? '', /a3aea009955e501a31b764abe1bebd3d/);
  const running = auditNode({ taskId: 'b', taskStatus: 'IN_PROGRESS', taskType: 'SCHEDULED_AUDIT_TASK' }, { startTime: new Date('2026-12-02T01:00:00Z') });
  assert.deepEqual([running.label, running.contextValue], ['Scheduled audit · 2026-12-02 01:00 · in progress', 'audit.running']);
  assert.equal(auditNode({ taskId: 'c', taskStatus: 'FAILED' }).label, 'On-demand audit · failed');
});

test('template and imported files are valid mitigation files', () => {
  assert.deepEqual(validateDocument(JSON.parse(renderTemplateFile())).problems.filter((problem) => problem.severity === 'error'), []);
  const imported = renderImportedFile([
    { actionName: 'b', roleArn: 'arn:aws:iam::123456789012:role/R', actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } } },
    { actionName: 'a', roleArn: 'arn:aws:iam::123456789012:role/R', actionParams: { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:t' } } },
  ]);
  assert.deepEqual(Object.keys(JSON.parse(imported).actions), ['a', 'b']);
  assert.deepEqual(validateDocument(JSON.parse(imported)).problems.filter((problem) => problem.severity === 'error'), []);
});
