/** The calendar of scheduled audits (common/auditSchedule.ts), which the emulator runs and the Audits view shows. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { followingRun, nextRunAfter } from '../../common/auditSchedule';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('audit schedule: next run after an instant', () => {
  it('runs DAILY at the next 00:00 UTC, WEEKLY and BIWEEKLY on their day', () => {
    const wednesdayNoon = at('2026-12-02T12:00:00Z');
    assert.equal(iso(nextRunAfter({ frequency: 'DAILY' }, wednesdayNoon)), '2026-12-03T00:00:00.000Z');
    assert.equal(iso(nextRunAfter({ frequency: 'WEEKLY', dayOfWeek: 'MON' }, wednesdayNoon)), '2026-12-07T00:00:00.000Z');
    assert.equal(iso(nextRunAfter({ frequency: 'WEEKLY', dayOfWeek: 'WED' }, wednesdayNoon)), '2026-12-09T00:00:00.000Z', 'the day itself has begun: next week');
    assert.equal(iso(nextRunAfter({ frequency: 'BIWEEKLY', dayOfWeek: 'THU' }, wednesdayNoon)), '2026-12-03T00:00:00.000Z');
    assert.equal(iso(nextRunAfter({ frequency: 'WEEKLY', dayOfWeek: 'WED' }, at('2026-12-02T00:00:00Z'))), '2026-12-09T00:00:00.000Z', 'strictly after: the run at this instant is not the next one');
    assert.equal(iso(nextRunAfter({ frequency: 'DAILY' }, at('2026-12-31T23:59:59Z'))), '2027-01-01T00:00:00.000Z', 'across the year');
  });

  it('runs MONTHLY on its day, on the last day of a month too short for it, and on LAST', () => {
    assert.equal(iso(nextRunAfter({ frequency: 'MONTHLY', dayOfMonth: '15' }, at('2026-12-02T12:00:00Z'))), '2026-12-15T00:00:00.000Z');
    assert.equal(iso(nextRunAfter({ frequency: 'MONTHLY', dayOfMonth: '1' }, at('2026-12-02T12:00:00Z'))), '2027-01-01T00:00:00.000Z');
    assert.equal(iso(nextRunAfter({ frequency: 'MONTHLY', dayOfMonth: '31' }, at('2027-02-02T00:00:00Z'))), '2027-02-28T00:00:00.000Z');
    assert.equal(iso(nextRunAfter({ frequency: 'MONTHLY', dayOfMonth: '30' }, at('2028-02-10T00:00:00Z'))), '2028-02-29T00:00:00.000Z', 'a leap February');
    assert.equal(iso(nextRunAfter({ frequency: 'MONTHLY', dayOfMonth: 'LAST' }, at('2028-02-29T00:00:00Z'))), '2028-03-31T00:00:00.000Z');
    assert.equal(iso(nextRunAfter({ frequency: 'MONTHLY', dayOfMonth: 'LAST' }, at('2026-04-03T00:00:00Z'))), '2026-04-30T00:00:00.000Z');
  });
});

describe('audit schedule: the run after a run', () => {
  it('keeps BIWEEKLY two weeks from its last run, skipping the weeks between', () => {
    const thursday = at('2026-12-03T00:00:00Z');
    assert.equal(iso(followingRun({ frequency: 'BIWEEKLY', dayOfWeek: 'THU' }, thursday, at('2026-12-09T12:00:00Z'))), '2026-12-17T00:00:00.000Z', 'not the Thursday of the week between');
    assert.equal(iso(followingRun({ frequency: 'BIWEEKLY', dayOfWeek: 'THU' }, thursday, at('2026-12-18T00:00:00Z'))), '2026-12-31T00:00:00.000Z');
    assert.equal(iso(followingRun({ frequency: 'BIWEEKLY', dayOfWeek: 'THU' }, at('2026-12-03T00:05:00Z'), at('2026-12-04T00:00:00Z'))), '2026-12-17T00:00:00.000Z', 'a run that began after midnight counts from its day');
  });

  it('follows the calendar for the other frequencies and for a schedule that never ran', () => {
    const now = at('2026-12-02T12:00:00Z');
    assert.equal(iso(followingRun({ frequency: 'BIWEEKLY', dayOfWeek: 'THU' }, undefined, now)), '2026-12-03T00:00:00.000Z');
    assert.equal(iso(followingRun({ frequency: 'WEEKLY', dayOfWeek: 'THU' }, at('2026-11-26T00:00:00Z'), now)), '2026-12-03T00:00:00.000Z');
    assert.equal(iso(followingRun({ frequency: 'MONTHLY', dayOfMonth: 'LAST' }, at('2026-11-30T00:00:00Z'), now)), '2026-12-31T00:00:00.000Z');
  });
});
