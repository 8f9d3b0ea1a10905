/**
 * Scheduled audits on the emulator clock (AWS IoT API Reference, CreateScheduledAudit): DAILY,
 * WEEKLY and BIWEEKLY on dayOfWeek, MONTHLY on dayOfMonth (29 to 31 fall on the last day of a
 * shorter month, as the reference says). AWS does not say at what time of day an audit starts;
 * the emulator starts each at 00:00 UTC of its day. An audit missed while the clock jumped runs
 * once, not once per missed day, and the next run is the first occurrence after now.
 */
import { DAYS_OF_WEEK } from '../../common/model';
import { DAY_MS, type Clock } from '../clock';
import type { Runner } from '../runner';
import type { RegionState } from '../state/regionState';
import type { Store } from '../state/store';
import type { AuditTask, ScheduledAudit } from '../state/types';
import { createAuditTask, isCheckEnabled } from './engine';

type Schedule = Pick<ScheduledAudit, 'frequency' | 'dayOfMonth' | 'dayOfWeek'>;

const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

function monthlyRun(year: number, month: number, dayOfMonth: string): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = dayOfMonth === 'LAST' ? lastDay : Math.min(Number(dayOfMonth), lastDay);
  return Date.UTC(year, month, day);
}

/** The first run of `schedule` strictly after `after`. */
export function nextRunAfter(schedule: Schedule, after: number): number {
  const tomorrow = startOfDay(after) + DAY_MS;
  switch (schedule.frequency) {
    case 'DAILY':
      return tomorrow;
    case 'WEEKLY':
    case 'BIWEEKLY': {
      const weekday = DAYS_OF_WEEK.indexOf(schedule.dayOfWeek ?? 'SUN');
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

/** The run after one that has just happened at `ran` (BIWEEKLY keeps its two-week rhythm), past `now`. */
function followingRun(schedule: ScheduledAudit, ran: number, now: number): number {
  if (schedule.frequency !== 'BIWEEKLY') return nextRunAfter(schedule, now);
  let next = ran + 14 * DAY_MS;
  while (next <= now) next += 14 * DAY_MS;
  return next;
}

/**
 * Starts the audit of every schedule whose run time has come, with the schedule's checks that
 * are enabled in the account's audit configuration (a disabled check is not run; with none
 * enabled no audit starts), and moves each schedule to its next run. Returns the new audits.
 */
export function startDueScheduledAudits(state: RegionState, now: number): AuditTask[] {
  const started: AuditTask[] = [];
  for (const schedule of [...state.scheduledAudits.values()]) {
    if (schedule.nextRunTime > now) continue;
    const checks = schedule.targetCheckNames.filter((name) => isCheckEnabled(state, name));
    if (checks.length) started.push(createAuditTask(state, checks, now, undefined, schedule.scheduledAuditName));
    state.scheduledAudits.put(schedule.scheduledAuditName, { ...schedule, nextRunTime: followingRun(schedule, schedule.nextRunTime, now) });
  }
  return started;
}

/** Starts every due scheduled audit of every region, makes it durable and hands it to the runner. */
export function runDueScheduledAudits(store: Store, runner: Runner, now: number): number {
  let started = 0;
  for (const state of store.existingRegions()) {
    if (state.scheduledAudits.size === 0) continue;
    const tasks = store.atomically(state, () => startDueScheduledAudits(state, now));
    store.commit();
    for (const task of tasks) runner.runAudit(state, task.taskId);
    started += tasks.length;
  }
  return started;
}

/** How often the wall clock is looked at for due scheduled audits (a clock moved through the admin API is looked at at once). */
const SCHEDULER_TICK_MS = 1000;

/** Checks for due scheduled audits every tick until stopped; the timer does not keep the process alive. */
export function startScheduler(store: Store, runner: Runner, clock: Clock): { stop(): void } {
  const timer = setInterval(() => runDueScheduledAudits(store, runner, clock.now()), SCHEDULER_TICK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
