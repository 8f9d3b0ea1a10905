/**
 * Scheduled audits as the Audits view shows them (vscode-free): how often and on which day, the
 * checks, the next run from the calendar (common/auditSchedule.ts) and the last run the account
 * lists. AWS picks the time of day of a scheduled audit in a real account; the emulator starts it
 * at 00:00 UTC, the time the calendar gives.
 */
import { followingRun, type AuditSchedule } from '../../../common/auditSchedule';
import { auditTimeText } from '../../../common/auditLabel';
import type { AuditFrequency } from '../../../common/model';
import { plural } from '../../../common/text';
import type { NodeModel } from '../../shared/model/treeModel';
import type { ScheduledRun } from './auditLoopReads';

export interface ScheduleFacts {
  readonly scheduledAuditName?: string;
  readonly frequency?: AuditFrequency | string;
  readonly dayOfMonth?: string;
  readonly dayOfWeek?: string;
  readonly targetCheckNames?: readonly string[];
}

const WEEKDAYS: Readonly<Record<string, string>> = { SUN: 'Sunday', MON: 'Monday', TUE: 'Tuesday', WED: 'Wednesday', THU: 'Thursday', FRI: 'Friday', SAT: 'Saturday' };

function ordinal(day: number): string {
  const tens = day % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
  return `${day}${suffix}`;
}

/** "daily", "weekly on Monday", "every other Friday", "monthly on the 15th", "monthly on the last day". */
export function frequencyText(schedule: ScheduleFacts): string {
  const weekday = WEEKDAYS[schedule.dayOfWeek ?? ''] ?? schedule.dayOfWeek ?? '?';
  switch (schedule.frequency) {
    case 'DAILY':
      return 'daily';
    case 'WEEKLY':
      return `weekly on ${weekday}`;
    case 'BIWEEKLY':
      return `every other ${weekday}`;
    case 'MONTHLY':
      return schedule.dayOfMonth === 'LAST' ? 'monthly on the last day' : `monthly on the ${ordinal(Number(schedule.dayOfMonth))}`;
    default:
      return (schedule.frequency ?? 'unknown frequency').toLowerCase();
  }
}

/** The newest run of each scheduled audit, by name. */
export function lastRuns(runs: readonly ScheduledRun[]): Map<string, ScheduledRun> {
  const newest = new Map<string, ScheduledRun>();
  for (const run of runs) {
    if (!run.scheduledAuditName || !run.taskStartTime) continue;
    const before = newest.get(run.scheduledAuditName);
    if (!before || before.taskStartTime!.getTime() < run.taskStartTime.getTime()) newest.set(run.scheduledAuditName, run);
  }
  return newest;
}

const isFrequency = (value: string | undefined): value is AuditFrequency => value === 'DAILY' || value === 'WEEKLY' || value === 'BIWEEKLY' || value === 'MONTHLY';

/** The next run after `now` (BIWEEKLY counts two weeks from its last run), or undefined for an unknown frequency. */
export function nextRun(schedule: ScheduleFacts, lastRun: ScheduledRun | undefined, now: number): Date | undefined {
  if (!isFrequency(schedule.frequency)) return undefined;
  const calendar: AuditSchedule = { frequency: schedule.frequency, dayOfMonth: schedule.dayOfMonth, dayOfWeek: schedule.dayOfWeek };
  return new Date(followingRun(calendar, lastRun?.taskStartTime?.getTime(), now));
}

export const TIME_OF_DAY_NOTE = 'AWS picks the time of day a scheduled audit starts in a real account; the bundled emulator starts it at 00:00 UTC, the time shown here.';

const lower = (status: string | undefined) => (status ?? 'unknown').toLowerCase().replace(/_/g, ' ');

export function scheduleNode(schedule: ScheduleFacts, lastRun: ScheduledRun | undefined, now: number): NodeModel {
  const next = nextRun(schedule, lastRun, now);
  const checks = schedule.targetCheckNames ?? [];
  const nextText = next ? `next ${auditTimeText(next)}` : undefined;
  const lastText = lastRun ? `last ${auditTimeText(lastRun.taskStartTime)} ${lower(lastRun.taskStatus)}` : 'not run yet';
  const lines = [
    `**${schedule.scheduledAuditName}**: ${frequencyText(schedule)}, ${plural(checks.length, 'check')}`,
    '',
    ...checks.map((name) => `- ${name}`),
    '',
    next ? `Next run: ${auditTimeText(next)} UTC` : 'Next run: unknown',
    '',
    lastRun ? `Last run: ${auditTimeText(lastRun.taskStartTime)} UTC, ${lower(lastRun.taskStatus)} (audit \`${lastRun.taskId}\`)` : 'Last run: none in the last 90 days',
    '',
    `_${TIME_OF_DAY_NOTE}_`,
  ];
  return {
    label: schedule.scheduledAuditName ?? '(unnamed)',
    description: [frequencyText(schedule), nextText, lastText].filter(Boolean).join(' · '),
    tooltip: lines.join('\n'),
    icon: { id: 'calendar' },
    contextValue: 'schedule',
    collapsible: false,
  };
}

export function schedulesNode(): NodeModel {
  return {
    label: 'Schedules',
    tooltip: `**Scheduled audits** of this account and region, with their next and last runs.\n\n_${TIME_OF_DAY_NOTE}_`,
    icon: { id: 'history' },
    contextValue: 'schedules',
    collapsible: true,
  };
}
