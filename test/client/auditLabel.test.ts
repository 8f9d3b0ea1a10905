import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { auditFindingCounts, auditLabel, auditTimeText, newestFirst } from '../../common/auditLabel';

test('counts non-compliant resources over the checks, critical ones by the catalogue severity', () => {
  const counts = auditFindingCounts({
    DEVICE_CERTIFICATE_SHARED_CHECK: { nonCompliantResourcesCount: 3 }, // CRITICAL
    DEVICE_CERTIFICATE_EXPIRING_CHECK: { nonCompliantResourcesCount: 9 }, // MEDIUM
    LOGGING_DISABLED_CHECK: {},
  });
  assert.deepEqual(counts, { nonCompliant: 12, critical: 3 });
  assert.equal(auditFindingCounts(undefined), undefined);
});

test('one line per audit: kind, start (UTC), and what it found or where it stands', () => {
  const startTime = Date.UTC(2026, 11, 1, 18, 44, 59);
  assert.equal(auditLabel({ type: 'ON_DEMAND_AUDIT_TASK', status: 'COMPLETED', startTime, counts: { nonCompliant: 12, critical: 3 } }), 'On-demand audit · 2026-12-01 18:44 · 12 non-compliant, 3 critical');
  assert.equal(auditLabel({ type: 'SCHEDULED_AUDIT_TASK', status: 'COMPLETED', startTime: new Date(startTime), counts: { nonCompliant: 4, critical: 0 } }), 'Scheduled audit · 2026-12-01 18:44 · 4 non-compliant');
  assert.equal(auditLabel({ type: 'ON_DEMAND_AUDIT_TASK', status: 'COMPLETED', counts: { nonCompliant: 0, critical: 0 } }), 'On-demand audit · all compliant');
  assert.equal(auditLabel({ status: 'IN_PROGRESS', startTime }), 'On-demand audit · 2026-12-01 18:44 · in progress');
  assert.equal(auditLabel({ status: 'COMPLETED' }), 'On-demand audit · completed');
  assert.equal(auditLabel({ status: 'CANCELED' }), 'On-demand audit · canceled');
  // A start time beyond what a Date holds is left out, not thrown on.
  assert.equal(auditTimeText(9e15), '');
  assert.equal(auditTimeText(Number.NaN), '');
});

test('newest first, audits without a start time last in their listed order', () => {
  const audits = [{ id: 'old', startTime: 1 }, { id: 'none-1' }, { id: 'new', startTime: new Date(5) }, { id: 'none-2' }, { id: 'mid', startTime: 3 }];
  assert.deepEqual(newestFirst(audits).map((audit) => audit.id), ['new', 'mid', 'old', 'none-1', 'none-2']);
});
