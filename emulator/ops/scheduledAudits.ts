/**
 * CreateScheduledAudit, DescribeScheduledAudit, UpdateScheduledAudit, DeleteScheduledAudit,
 * ListScheduledAudits (AWS IoT API Reference, one page per operation; the quota of 5 scheduled
 * audits from "AWS IoT Device Defender endpoints and quotas"). When each runs: audit/scheduler.ts.
 * A schedule's tags are set at creation and then by TagResource/UntagResource (ops/tags.ts).
 */
import { AUDIT_CHECKS, auditCheck } from '../../common/auditChecks';
import { nextRunAfter } from '../../common/auditSchedule';
import { AuditFrequencyShape, DayOfMonth, DayOfWeekShape, ScheduledAuditName, type AuditFrequency, type DayOfWeek } from '../../common/model';
import { isCheckEnabled } from '../audit/engine';
import { ApiError, invalidRequest, limitExceeded, notFound } from '../errors';
import { paginate } from '../pagination';
import type { RegionState } from '../state/regionState';
import type { ScheduledAudit, Tag } from '../state/types';
import { compact, maxResultsFromQuery, type Handler, type OperationContext } from './operation';
import { mergedTags } from './tags';
import { QUOTAS } from '../../common/limits';

/** Scheduled audits per account and region (AWS IoT Device Defender endpoints and quotas). */
const MAX_SCHEDULED_AUDITS = QUOTAS.scheduledAuditsPerAccount;

function checkNames(state: RegionState, value: unknown): string[] {
  const names = value as string[];
  if (names.length === 0) throw invalidRequest("'targetCheckNames' must name at least one audit check.");
  for (const name of names) {
    if (!auditCheck(name)) throw invalidRequest(`${name} is not a valid audit check name. Valid checks: ${AUDIT_CHECKS.map((check) => check.name).join(', ')}.`);
    if (!isCheckEnabled(state, name)) throw invalidRequest(`Audit check ${name} is not enabled for this account; enable it with UpdateAccountAuditConfiguration first.`);
  }
  return [...new Set(names)];
}

/** The day a frequency needs: dayOfWeek for WEEKLY and BIWEEKLY, dayOfMonth for MONTHLY, neither for DAILY. */
function scheduleDays(frequency: AuditFrequency, dayOfMonth: string | undefined, dayOfWeek: string | undefined): Pick<ScheduledAudit, 'dayOfMonth' | 'dayOfWeek'> {
  const weekly = frequency === 'WEEKLY' || frequency === 'BIWEEKLY';
  if (weekly && dayOfWeek === undefined) throw invalidRequest(`A ${frequency} scheduled audit needs dayOfWeek (SUN to SAT).`);
  if (frequency === 'MONTHLY' && dayOfMonth === undefined) throw invalidRequest('A MONTHLY scheduled audit needs dayOfMonth (1 to 31, or LAST).');
  if (!weekly && dayOfWeek !== undefined) throw invalidRequest(`dayOfWeek applies to WEEKLY and BIWEEKLY scheduled audits, not ${frequency}.`);
  if (frequency !== 'MONTHLY' && dayOfMonth !== undefined) throw invalidRequest(`dayOfMonth applies to MONTHLY scheduled audits, not ${frequency}.`);
  return compact({ dayOfMonth, dayOfWeek: dayOfWeek as DayOfWeek | undefined });
}

function named(state: RegionState, name: string): ScheduledAudit {
  const schedule = state.scheduledAudits.get(name);
  if (!schedule) throw notFound(`Scheduled audit ${name} does not exist.`);
  return schedule;
}

const days = ({ input }: OperationContext) => ({ dayOfMonth: input.bodyString('dayOfMonth', DayOfMonth), dayOfWeek: input.bodyString('dayOfWeek', DayOfWeekShape) });

export const createScheduledAudit: Handler = (context) => {
  const { state, input, now } = context;
  const scheduledAuditName = input.label('scheduledAuditName', ScheduledAuditName);
  const frequency = input.bodyString('frequency', AuditFrequencyShape, true) as AuditFrequency;
  const { dayOfMonth, dayOfWeek } = days(context);
  const schedule = scheduleDays(frequency, dayOfMonth, dayOfWeek);
  const targetCheckNames = checkNames(state, input.body.targetCheckNames);
  const tags = mergedTags([], (input.body.tags as Tag[] | undefined) ?? []);
  const scheduledAuditArn = state.arn('iot', `scheduledaudit/${scheduledAuditName}`);
  if (state.scheduledAudits.has(scheduledAuditName)) {
    throw new ApiError(409, 'ResourceAlreadyExistsException', `Scheduled audit ${scheduledAuditName} already exists.`, { resourceId: scheduledAuditName, resourceArn: scheduledAuditArn });
  }
  if (state.scheduledAudits.size >= MAX_SCHEDULED_AUDITS) throw limitExceeded(`The account already has ${MAX_SCHEDULED_AUDITS} scheduled audits, the most it may have.`);
  const audit: ScheduledAudit = {
    scheduledAuditName,
    scheduledAuditArn,
    frequency,
    ...schedule,
    targetCheckNames,
    tags,
    creationDate: now,
    nextRunTime: nextRunAfter({ frequency, ...schedule }, now),
  };
  state.scheduledAudits.put(scheduledAuditName, audit);
  return { scheduledAuditArn };
};

/** ScheduledAuditMetadata: what ListScheduledAudits shows of each schedule. */
const metadata = (schedule: ScheduledAudit) =>
  compact({ scheduledAuditName: schedule.scheduledAuditName, scheduledAuditArn: schedule.scheduledAuditArn, frequency: schedule.frequency, dayOfMonth: schedule.dayOfMonth, dayOfWeek: schedule.dayOfWeek });

export const describeScheduledAudit: Handler = ({ state, input }) => {
  const schedule = named(state, input.label('scheduledAuditName', ScheduledAuditName));
  return { ...metadata(schedule), targetCheckNames: schedule.targetCheckNames };
};

/** Members left out keep their value; a new frequency takes the day it needs from the request or, when it needs the same kind of day, from the schedule. */
export const updateScheduledAudit: Handler = (context) => {
  const { state, input, now } = context;
  const current = named(state, input.label('scheduledAuditName', ScheduledAuditName));
  const frequency = (input.bodyString('frequency', AuditFrequencyShape) as AuditFrequency | undefined) ?? current.frequency;
  const requested = days(context);
  const keepsDayKind = (frequency === 'MONTHLY') === (current.frequency === 'MONTHLY') && (frequency === 'DAILY') === (current.frequency === 'DAILY');
  const schedule = scheduleDays(frequency, requested.dayOfMonth ?? (keepsDayKind ? current.dayOfMonth : undefined), requested.dayOfWeek ?? (keepsDayKind ? current.dayOfWeek : undefined));
  const targetCheckNames = input.body.targetCheckNames === undefined ? current.targetCheckNames : checkNames(state, input.body.targetCheckNames);
  const timingChanged = frequency !== current.frequency || schedule.dayOfMonth !== current.dayOfMonth || schedule.dayOfWeek !== current.dayOfWeek;
  const { dayOfMonth: _month, dayOfWeek: _week, ...rest } = current;
  const updated: ScheduledAudit = { ...rest, frequency, ...schedule, targetCheckNames, nextRunTime: timingChanged ? nextRunAfter({ frequency, ...schedule }, now) : current.nextRunTime };
  state.scheduledAudits.put(current.scheduledAuditName, updated);
  return { scheduledAuditArn: current.scheduledAuditArn };
};

export const deleteScheduledAudit: Handler = ({ state, input }) => {
  const schedule = named(state, input.label('scheduledAuditName', ScheduledAuditName));
  state.scheduledAudits.delete(schedule.scheduledAuditName);
  return undefined;
};

export const listScheduledAudits: Handler = ({ state, input }) => {
  const page = paginate([...state.scheduledAudits.values()], { operation: 'ListScheduledAudits', filters: {}, keyOf: (schedule) => schedule.scheduledAuditName, order: 'key', maxResults: maxResultsFromQuery(input), nextToken: input.queryString('nextToken') });
  return compact({ scheduledAudits: page.items.map(metadata), nextToken: page.nextToken });
};
