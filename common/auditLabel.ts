/**
 * How an audit reads to a person wherever one is listed (the Audits view, the audit pickers,
 * audit-id completion in files): its kind, its start and what it found, e.g.
 * "On-demand audit · 2026-12-01 18:44 · 12 non-compliant, 3 critical". Audit ids are UUID-like
 * hex strings nobody tells apart; they go in tooltips and details.
 */
import { auditCheck } from './auditChecks';

export interface AuditLabelInput {
  /** AuditTaskType: ON_DEMAND_AUDIT_TASK or SCHEDULED_AUDIT_TASK. */
  readonly type?: string;
  /** AuditTaskStatus. */
  readonly status?: string;
  /** DescribeAuditTask's taskStartTime (a Date or epoch milliseconds). */
  readonly startTime?: Date | number;
  /** What the audit found, once known (see auditFindingCounts). */
  readonly counts?: AuditFindingCounts;
}

export interface AuditFindingCounts {
  /** Non-compliant resources over all checks (suppressed ones included, as the API counts them). */
  readonly nonCompliant: number;
  /** Of those, the ones of CRITICAL checks. */
  readonly critical: number;
}

interface CheckCounts {
  readonly nonCompliantResourcesCount?: number;
}

/** Counts DescribeAuditTask's auditDetails; severities come from the check catalogue. */
export function auditFindingCounts(details: Readonly<Record<string, CheckCounts>> | undefined): AuditFindingCounts | undefined {
  if (!details) return undefined;
  let nonCompliant = 0;
  let critical = 0;
  for (const [checkName, check] of Object.entries(details)) {
    const count = check.nonCompliantResourcesCount ?? 0;
    nonCompliant += count;
    if (auditCheck(checkName)?.severity === 'CRITICAL') critical += count;
  }
  return { nonCompliant, critical };
}

/** "2026-12-01 18:44" (UTC), or '' when the time is absent or not a date. */
export function auditTimeText(value: Date | number | undefined): string {
  if (value === undefined) return '';
  const time = typeof value === 'number' ? value : value.getTime();
  if (!Number.isFinite(time) || Math.abs(time) > 8.64e15) return '';
  return new Date(time).toISOString().slice(0, 16).replace('T', ' ');
}

function statusWords(status: string | undefined, counts: AuditFindingCounts | undefined): string {
  switch (status) {
    case 'COMPLETED':
      if (!counts) return 'completed';
      if (counts.nonCompliant === 0) return 'all compliant';
      return counts.critical > 0 ? `${counts.nonCompliant} non-compliant, ${counts.critical} critical` : `${counts.nonCompliant} non-compliant`;
    case 'IN_PROGRESS':
      return 'in progress';
    case undefined:
      return '';
    default:
      return status.toLowerCase().replace(/_/g, ' ');
  }
}

/** The audit as one line; the parts not known are left out. */
export function auditLabel(audit: AuditLabelInput): string {
  const kind = audit.type === 'SCHEDULED_AUDIT_TASK' ? 'Scheduled audit' : 'On-demand audit';
  return [kind, auditTimeText(audit.startTime), statusWords(audit.status, audit.counts)].filter(Boolean).join(' · ');
}

/** Newest first; audits without a start time last, in their listed order. */
export function newestFirst<T extends { readonly startTime?: Date | number }>(audits: readonly T[]): T[] {
  const time = (audit: T) => (audit.startTime === undefined ? -Infinity : typeof audit.startTime === 'number' ? audit.startTime : audit.startTime.getTime());
  return [...audits].sort((a, b) => time(b) - time(a));
}
