/**
 * The calendar of scheduled audits (AWS IoT API Reference, CreateScheduledAudit), one source for
 * the emulator that runs them and the extension that shows when they run next: DAILY, WEEKLY and
 * BIWEEKLY on dayOfWeek, MONTHLY on dayOfMonth (29 to 31 fall on the last day of a shorter month,
 * as the reference says, and LAST is the last day). AWS does not say at what time of day an audit
 * starts; these run times are 00:00 UTC of the day, which is when the emulator starts them.
 */
import { DAYS_OF_WEEK, type AuditFrequency } from './model';

export const DAY_MS = 86_400_000;

/** What a run time depends on: CreateScheduledAudit's frequency, dayOfMonth and dayOfWeek. */
export interface AuditSchedule {
  readonly frequency: AuditFrequency;
  readonly dayOfMonth?: string;
  readonly dayOfWeek?: string;
}

const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

function monthlyRun(year: number, month: number, dayOfMonth: string): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = dayOfMonth === 'LAST' ? lastDay : Math.min(Number(dayOfMonth), lastDay);
  return Date.UTC(year, month, day);
}

/** The first run of `schedule` strictly after `after` (BIWEEKLY: the first of its weekday, see followingRun). */
export function nextRunAfter(schedule: AuditSchedule, after: number): number {
  const tomorrow = startOfDay(after) + DAY_MS;
  switch (schedule.frequency) {
    case 'DAILY':
      return tomorrow;
    case 'WEEKLY':
    case 'BIWEEKLY': {
      const weekday = DAYS_OF_WEEK.indexOf((schedule.dayOfWeek ?? 'SUN') as (typeof DAYS_OF_WEEK)[number]);
      const daysAhead = (weekday - new Date(tomorrow).getUTCDay() + 7) % 7;
      return tomorrow + daysAhead * DAY_MS;
    }
    case 'MONTHLY': {
      const date = new Date(after);
      const thisMonth = monthlyRun(date.getUTCFullYear(), date.getUTCMonth(), schedule.dayOfMonth ?? '1');
      return thisMonth > after ? thisMonth : monthlyRun(date.getUTCFullYear(), date.getUTCMonth() + 1, schedule.dayOfMonth ?? '1');
    }
  }
}

/**
 * The next run after `now` of a schedule that last ran at `ran`: BIWEEKLY keeps its two-week
 * rhythm from that run (a schedule's first run sets it); the others follow the calendar alone.
 */
export function followingRun(schedule: AuditSchedule, ran: number | undefined, now: number): number {
  if (schedule.frequency !== 'BIWEEKLY' || ran === undefined) return nextRunAfter(schedule, now);
  let next = startOfDay(ran) + 14 * DAY_MS;
  while (next <= now) next += 14 * DAY_MS;
  return next;
}
