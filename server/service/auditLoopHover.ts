/**
 * Hover texts of the audit loop's sections: a check's threshold with its range and default, and
 * a scheduled audit in words (when it runs, which checks, which of them the file disables).
 */
import { resolveAuditCheck } from '../../common/auditChecks';
import { checksDisabledIn } from '../../common/auditLoopValidation';
import { DayOfWeekShape } from '../../common/model';
import type { MitigationDocument } from '../../common/document/parse';
import { isJsonObject } from '../../common/json';

export function thresholdHover(checkName: string, key: string): string {
  const check = resolveAuditCheck(checkName);
  const config = check?.config;
  if (!check || !config) return `**${key}**\n\n${check ? `${check.name} takes no configuration.` : ''}`;
  if (config.name !== key) return `**${key}** is not a threshold of ${check.name}; its threshold is \`${config.name}\`.`;
  const what = key === 'CERT_AGE_THRESHOLD_IN_DAYS' ? 'a device certificate older than this many days is reported' : 'a certificate expiring within this many days is reported';
  return `**${key}**: days, ${config.min} to ${config.max} (default ${config.default}), written as a string.\n\nFor ${check.name}: ${what}.`;
}

/** When a schedule runs, in words: "every Monday", "every other Friday", "on the last day of every month". */
function runsText(frequency: unknown, dayOfWeek: unknown, dayOfMonth: unknown): string {
  const day = typeof dayOfWeek === 'string' ? DayOfWeekShape.enumDescriptions?.[dayOfWeek]?.replace(/\.$/, '') : undefined;
  switch (frequency) {
    case 'DAILY':
      return 'Runs every day';
    case 'WEEKLY':
      return day ? `Runs every ${day}` : 'Runs every week (dayOfWeek is missing)';
    case 'BIWEEKLY':
      return day ? `Runs every other ${day}` : 'Runs every other week (dayOfWeek is missing)';
    case 'MONTHLY':
      if (dayOfMonth === 'LAST') return 'Runs on the last day of every month';
      return typeof dayOfMonth === 'string' ? `Runs on day ${dayOfMonth} of every month (the last day in months without it)` : 'Runs every month (dayOfMonth is missing)';
    default:
      return 'Its frequency is not set';
  }
}

export function scheduleHover(doc: MitigationDocument, name: string): string {
  const file = isJsonObject(doc.value) ? doc.value : {};
  const audits = isJsonObject(file.scheduledAudits) ? file.scheduledAudits : {};
  const schedule = isJsonObject(audits[name]) ? audits[name] : {};
  const disabled = checksDisabledIn(file);
  const checks = Array.isArray(schedule.targetCheckNames) ? schedule.targetCheckNames.filter((check): check is string => typeof check === 'string') : [];
  const lines = checks.map((check) => `- \`${check}\`${disabled.has(resolveAuditCheck(check)?.name ?? check) ? ' (disabled in this file\'s auditConfiguration)' : ''}`);
  const start = 'The system picks the start time of each run; each produces an audit of type SCHEDULED_AUDIT_TASK.';
  return `**Scheduled audit ${name}**\n\n${runsText(schedule.frequency, schedule.dayOfWeek, schedule.dayOfMonth)}. ${start}${lines.length ? `\n\nChecks:\n${lines.join('\n')}` : ''}`;
}
