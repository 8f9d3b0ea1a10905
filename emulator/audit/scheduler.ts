/**
 * Scheduled audits on the emulator clock, at the run times of the calendar the extension shows
 * too (common/auditSchedule.ts: 00:00 UTC of each run's day). An audit missed while the clock
 * jumped runs once, not once per missed day, and the next run is the first occurrence after now.
 */
import { followingRun } from '../../common/auditSchedule';
import type { Clock } from '../clock';
import type { Runner } from '../runner';
import type { RegionState } from '../state/regionState';
import type { Store } from '../state/store';
import type { AuditTask } from '../state/types';
import { createAuditTask, isCheckEnabled } from './engine';

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
