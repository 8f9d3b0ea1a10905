import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { MitigationActionType } from '../../common';
import { countPerAction, previewTask } from '../../client/tasks/model/preview';
import { MAX_PREVIEW_ROWS, renderPreviewHtml } from '../../client/tasks/model/previewHtml';
import { actionsNeedingTypedConfirmation } from '../../client/connection/model/confirmations';
import { buildStartInput, needsAuditChoice } from '../../client/tasks/model/taskStart';

const cert = (id: string) => ({ resourceType: 'DEVICE_CERTIFICATE', resourceIdentifier: { deviceCertificateId: id } });
const findings = [
  { findingId: 'f1', checkName: 'DEVICE_CERTIFICATE_SHARED_CHECK', severity: 'CRITICAL', reasonForNonComplianceCode: 'CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES', nonCompliantResource: cert('aaaa') },
  { findingId: 'f2', checkName: 'REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK', severity: 'MEDIUM', reasonForNonComplianceCode: 'REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE', nonCompliantResource: cert('bbbb') },
  { findingId: 'f3', checkName: 'DEVICE_CERTIFICATE_SHARED_CHECK', severity: 'CRITICAL', reasonForNonComplianceCode: 'CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES', isSuppressed: true, nonCompliantResource: cert('cccc') },
];
const types = new Map<string, MitigationActionType | undefined>([
  ['Quarantine', 'ADD_THINGS_TO_THING_GROUP'],
  ['Deactivate', 'UPDATE_DEVICE_CERTIFICATE'],
  ['Rotate', 'REPLACE_DEFAULT_POLICY_VERSION'],
]);

test('findings of mapped checks get their actions in order; the others say why not', () => {
  const preview = previewTask({ target: { auditTaskId: 'a1' }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_SHARED_CHECK: ['Quarantine', 'Deactivate'] } }, findings, types);
  assert.deepEqual(preview.rows.map((row) => [row.findingId, row.actions, row.excludedBecause]), [
    ['f1', ['Quarantine', 'Deactivate'], undefined],
    ['f2', [], 'no actions mapped to its check'],
    ['f3', [], 'suppressed'],
  ]);
  assert.equal(preview.mitigated, 1);
  assert.equal(preview.executions, 2);
  assert.deepEqual(preview.warnings, []);
  assert.deepEqual([preview.rows[0].resourceKind, preview.rows[0].resourceShort, preview.rows[0].resourceFull], ['Device certificate', 'aaaa', 'aaaa']);
  assert.deepEqual(countPerAction(preview, types), [
    { actionName: 'Quarantine', actionType: 'ADD_THINGS_TO_THING_GROUP', findings: 1 },
    { actionName: 'Deactivate', actionType: 'UPDATE_DEVICE_CERTIFICATE', findings: 1 },
  ]);
});

test('reason-code filters, explicit finding lists, missing and inapplicable actions', () => {
  const preview = previewTask({
    target: { findingIds: ['f1', 'f2', 'gone'], auditCheckToReasonCodeFilter: { REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK: ['OTHER'] } },
    auditCheckToActionsMapping: { DEVICE_CERTIFICATE_SHARED_CHECK: ['Rotate', 'Missing'], REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK: ['Deactivate'] },
  }, findings, types);
  assert.deepEqual(preview.rows.map((row) => row.excludedBecause), ['filtered out by reason code', 'filtered out by reason code']);
  assert.deepEqual(preview.warnings, [
    'Action "Rotate" (REPLACE_DEFAULT_POLICY_VERSION) cannot mitigate DEVICE_CERTIFICATE_SHARED_CHECK findings.',
    'Action "Missing" (for DEVICE_CERTIFICATE_SHARED_CHECK) does not exist in the account: deploy it first.',
    'Finding gone was not found (older than 90 days or mistyped).',
  ]);
});

test('start input: timestamped task id, chosen audit, and certificate-deactivating actions', () => {
  const task = { name: 'quarantine', target: {}, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_SHARED_CHECK: ['Quarantine', 'Deactivate'] } };
  assert.ok(needsAuditChoice(task));
  const input = buildStartInput(task, new Date('2026-11-22T08:00:00.123Z'), 'audit-1');
  assert.equal(input.taskId, 'quarantine-20261122T080000Z');
  assert.deepEqual(input.target, { auditTaskId: 'audit-1' });
  assert.match(input.clientRequestToken, /^[a-zA-Z0-9_-]{1,64}$/);
  assert.ok(!needsAuditChoice({ target: { findingIds: ['f1'] } }));
  const facts = new Map([...types].map(([name, type]) => [name, { type }]));
  assert.deepEqual(actionsNeedingTypedConfirmation(task.auditCheckToActionsMapping, facts), ['Deactivate']);
});

const longId = 'a3f29c81d07e4b6a9c5e2f18b7d4a0c3e6f91b2d58c7a4e0f3b6d9c2a1e8f7b5';
const resources = { cspSource: 'vscode-resource:', nonce: 'n1', styleUri: 'x.css' };

test('the preview page counts findings per action and names each resource, short with the whole id on hover', () => {
  const many = [...findings, { findingId: 'f4', checkName: 'DEVICE_CERTIFICATE_SHARED_CHECK', severity: 'CRITICAL', nonCompliantResource: cert(longId) }];
  const preview = previewTask({ target: { auditTaskId: 'a1' }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_SHARED_CHECK: ['Quarantine', 'Missing'] } }, many, types);
  const html = renderPreviewHtml('quarantine <now>', preview, types, resources);
  assert.match(html, /default-src 'none'; img-src vscode-resource:; style-src vscode-resource:; script-src 'nonce-n1'/);
  assert.ok(!html.includes('<script'), 'the preview runs no script');
  assert.ok(html.includes('Preview: quarantine &#60;now&#62;'));
  assert.match(html, /2 of 4 findings would be mitigated with 4 action executions/);
  assert.match(html, /<tr><td>Quarantine<\/td><td>ADD_THINGS_TO_THING_GROUP<\/td><td class="count">2<\/td><\/tr>/);
  assert.match(html, /<tr><td>Missing<\/td><td>not in the account<\/td><td class="count">2<\/td><\/tr>/);
  assert.match(html, /<li>Action &#34;Missing&#34; \(for DEVICE_CERTIFICATE_SHARED_CHECK\) does not exist in the account: deploy it first.<\/li>/);
  assert.ok(html.includes(`<td class="resource" title="Device certificate ${longId}"><span class="kind">Device certificate</span> a3f29c81d0…</td>`));
  assert.match(html, /<tr data-finding="f3">.*?none: suppressed/);
  assert.match(html, /Quarantine → Missing<\/td><\/tr>/);
});

test('a preview of a large audit lists a bounded number of findings and says so; its counts cover all', () => {
  const large = Array.from({ length: MAX_PREVIEW_ROWS + 5 }, (_, index) => ({ findingId: `f${index}`, checkName: 'DEVICE_CERTIFICATE_SHARED_CHECK', severity: 'CRITICAL', nonCompliantResource: cert(`id${index}`) }));
  const preview = previewTask({ target: { auditTaskId: 'a1' }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_SHARED_CHECK: ['Quarantine'] } }, large, types);
  const html = renderPreviewHtml('big', preview, types, resources);
  assert.equal((html.match(/<tr data-finding=/g) ?? []).length, MAX_PREVIEW_ROWS);
  assert.match(html, /The first 2,000 of 2,005 findings; the counts above cover all of them./);
  assert.match(html, /<td>Quarantine<\/td><td>ADD_THINGS_TO_THING_GROUP<\/td><td class="count">2,005<\/td>/);
});
