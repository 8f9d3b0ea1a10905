/** When scheduled audits run (emulator/audit/scheduler.ts): catching up after a jump of the emulator clock. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startDueScheduledAudits } from '../../../emulator/audit/scheduler';
import { RegionState } from '../../../emulator/state/regionState';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('emulator scheduler: due audits (the calendar: test/common/auditSchedule.test.ts)', () => {
  it('starts a due audit once after a jump of the clock, keeps the two-week rhythm, and skips a schedule whose checks are all disabled', () => {
    const state = new RegionState('123456789012', 'us-east-1', () => undefined);
    state.auditConfiguration = { roleArn: 'arn:aws:iam::123456789012:role/Audit', notifications: {}, checks: { LOGGING_DISABLED_CHECK: { enabled: true } } };
    const base = { scheduledAuditArn: 'arn', tags: [], creationDate: 0 };
    state.scheduledAudits.put('Fortnightly', { ...base, scheduledAuditName: 'Fortnightly', frequency: 'BIWEEKLY', dayOfWeek: 'THU', targetCheckNames: ['LOGGING_DISABLED_CHECK'], nextRunTime: at('2026-12-03T00:00:00Z') });
    state.scheduledAudits.put('Off', { ...base, scheduledAuditName: 'Off', frequency: 'DAILY', targetCheckNames: ['DEVICE_CERTIFICATE_AGE_CHECK'], nextRunTime: at('2026-12-03T00:00:00Z') });
    const started = startDueScheduledAudits(state, at('2026-12-30T08:00:00Z'));
    assert.deepEqual(started.map((task) => [task.taskType, task.scheduledAuditName, task.targetCheckNames]), [['SCHEDULED_AUDIT_TASK', 'Fortnightly', ['LOGGING_DISABLED_CHECK']]]);
    assert.equal(iso(state.scheduledAudits.get('Fortnightly')!.nextRunTime), '2026-12-31T00:00:00.000Z', 'every other Thursday from the first run');
    assert.equal(iso(state.scheduledAudits.get('Off')!.nextRunTime), '2026-12-31T00:00:00.000Z');
    assert.deepEqual(startDueScheduledAudits(state, at('2026-12-30T09:00:00Z')), [], 'nothing is due again before the next run');
  });
});
