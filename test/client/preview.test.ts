import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { MitigationActionType } from '../../common';
import { previewTask, renderPreviewMarkdown } from '../../client/tasks/model/preview';
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
  assert.match(renderPreviewMarkdown('t', preview), /\| f1 \| DEVICE_CERTIFICATE_SHARED_CHECK \| CRITICAL \| Device certificate aaaa \| Quarantine → Deactivate \|/);
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
