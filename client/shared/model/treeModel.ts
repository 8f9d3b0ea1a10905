/**
 * What the sidebar trees show, built from API pages (vscode-free). Tree providers turn these
 * models into TreeItems; keeping the wording and icons here lets them be unit-tested.
 */
import { ACTION_TYPES, auditCheck } from '../../../common';
import { auditLabel, auditTimeText, type AuditFindingCounts } from '../../../common/auditLabel';
import type { FindingLike } from '../../audits/model/findings';
import type { SuppressionStatus } from '../../audits/model/suppressions';
import { findingResource } from './findingResource';

interface NodeIcon {
  /** A codicon id, e.g. "pass" or "loading~spin". */
  readonly id: string;
  /** A theme colour id, e.g. "testing.iconPassed". */
  readonly color?: string;
}

export interface NodeModel {
  readonly label: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip?: string;
  readonly icon?: NodeIcon;
  /** The `viewItem` menus key on. */
  readonly contextValue?: string;
  readonly collapsible: boolean;
}

/** Accumulates the pages of one paginated list; "Load more" asks for the next page. */
export class PagedList<T> {
  items: T[] = [];
  nextToken: string | undefined;
  private loadedOnce = false;

  get loaded(): boolean {
    return this.loadedOnce;
  }

  get hasMore(): boolean {
    return this.nextToken !== undefined;
  }

  append(items: readonly T[] | undefined, nextToken: string | undefined): void {
    this.items.push(...(items ?? []));
    this.nextToken = nextToken || undefined;
    this.loadedOnce = true;
  }

  reset(): void {
    this.items = [];
    this.nextToken = undefined;
    this.loadedOnce = false;
  }
}

const TASK_STATUS_ICONS: Record<string, NodeIcon> = {
  IN_PROGRESS: { id: 'loading~spin' },
  COMPLETED: { id: 'pass', color: 'testing.iconPassed' },
  FAILED: { id: 'error', color: 'testing.iconFailed' },
  CANCELED: { id: 'circle-slash', color: 'disabledForeground' },
  PENDING: { id: 'clock' },
  SKIPPED: { id: 'debug-step-over', color: 'disabledForeground' },
  COMPLETED_COMPLIANT: { id: 'pass', color: 'testing.iconPassed' },
  COMPLETED_NON_COMPLIANT: { id: 'warning', color: 'list.warningForeground' },
  WAITING_FOR_DATA_COLLECTION: { id: 'clock' },
};

function statusIcon(status: string | undefined): NodeIcon {
  return TASK_STATUS_ICONS[status ?? ''] ?? { id: 'question' };
}

/** "2026-11-22 08:00" in UTC, stable across machines. */
export function formatTime(value: Date | number | undefined): string {
  if (value === undefined) return '';
  const date = typeof value === 'number' ? new Date(value) : value;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function lower(status: string | undefined): string {
  return (status ?? 'unknown').toLowerCase().replace(/_/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// Actions

interface ActionSummary {
  readonly actionName?: string;
  readonly actionArn?: string;
  readonly creationDate?: Date;
  readonly actionType?: string;
  readonly roleArn?: string;
  readonly actionParams?: unknown;
}

export function actionNode(action: ActionSummary): NodeModel {
  const info = ACTION_TYPES.find((candidate) => candidate.type === action.actionType);
  const lines = [`**${action.actionName}**`, '', info ? `${info.title} (\`${info.type}\`)` : `\`${action.actionType ?? 'unknown type'}\``];
  if (action.roleArn) lines.push('', `Role: \`${action.roleArn}\``);
  if (action.actionParams) lines.push('', '```json', JSON.stringify(action.actionParams, null, 2), '```');
  return {
    label: action.actionName ?? '(unnamed)',
    description: info?.title ?? action.actionType,
    tooltip: lines.join('\n'),
    icon: { id: info?.icon ?? 'symbol-event' },
    contextValue: 'action',
    collapsible: false,
  };
}

// ---------------------------------------------------------------------------------------------
// Mitigation tasks

interface TaskSummary {
  readonly taskId?: string;
  readonly startTime?: Date;
  readonly taskStatus?: string;
}

export interface CheckStatistics {
  readonly totalFindingsCount?: number;
  readonly failedFindingsCount?: number;
  readonly succeededFindingsCount?: number;
  readonly skippedFindingsCount?: number;
  readonly canceledFindingsCount?: number;
}

export function taskProgress(statistics: Readonly<Record<string, CheckStatistics>> | undefined): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const stats of Object.values(statistics ?? {})) {
    total += stats.totalFindingsCount ?? 0;
    done += (stats.failedFindingsCount ?? 0) + (stats.succeededFindingsCount ?? 0) + (stats.skippedFindingsCount ?? 0) + (stats.canceledFindingsCount ?? 0);
  }
  return { done, total };
}

export function taskNode(task: TaskSummary, statistics?: Readonly<Record<string, CheckStatistics>>): NodeModel {
  const running = task.taskStatus === 'IN_PROGRESS';
  let description = `${lower(task.taskStatus)} · ${formatTime(task.startTime)}`;
  if (running && statistics) {
    const { done, total } = taskProgress(statistics);
    if (total > 0) description = `${Math.round((done / total) * 100)}% (${done}/${total}) · ${formatTime(task.startTime)}`;
  }
  return {
    label: task.taskId ?? '(unknown task)',
    description,
    tooltip: `**${task.taskId}**\n\nStatus: ${task.taskStatus}\n\nStarted: ${formatTime(task.startTime)}`,
    icon: statusIcon(task.taskStatus),
    contextValue: running ? 'task.running' : 'task',
    collapsible: true,
  };
}

export function checkStatisticsNode(checkName: string, stats: CheckStatistics): NodeModel {
  const parts = [`${stats.succeededFindingsCount ?? 0}/${stats.totalFindingsCount ?? 0} succeeded`];
  if (stats.failedFindingsCount) parts.push(`${stats.failedFindingsCount} failed`);
  if (stats.skippedFindingsCount) parts.push(`${stats.skippedFindingsCount} skipped`);
  if (stats.canceledFindingsCount) parts.push(`${stats.canceledFindingsCount} canceled`);
  const icon: NodeIcon = stats.failedFindingsCount
    ? { id: 'error', color: 'testing.iconFailed' }
    : (stats.succeededFindingsCount ?? 0) === (stats.totalFindingsCount ?? 0)
      ? { id: 'pass', color: 'testing.iconPassed' }
      : { id: 'symbol-class' };
  return {
    label: checkName,
    description: parts.join(', '),
    tooltip: `**${checkName}**\n\n${auditCheck(checkName)?.description ?? ''}\n\nFindings: ${stats.totalFindingsCount ?? 0} total, ${parts.join(', ')}`,
    icon,
    contextValue: 'taskCheck',
    collapsible: true,
  };
}

export interface ExecutionSummary {
  readonly taskId?: string;
  readonly findingId?: string;
  readonly actionName?: string;
  readonly status?: string;
  readonly startTime?: Date;
  readonly endTime?: Date;
  readonly errorCode?: string;
  readonly message?: string;
}

/** Statuses whose reason (message or error code) the label's description carries. */
const EXPLAINED_STATUSES = new Set(['FAILED', 'SKIPPED', 'CANCELED']);

/** The resource lines of a tooltip: kind and whole id, the things, the check and its severity. */
function resourceLines(finding: FindingLike, things: readonly string[] | undefined): string[] {
  const resource = findingResource(finding.nonCompliantResource);
  const lines = [`${resource.kind}: \`${resource.full}\``];
  if (things?.length) lines.push('', `Things: ${things.map((name) => `\`${name}\``).join(', ')}`);
  lines.push('', `Check: ${finding.checkName ?? '—'}${finding.severity ? ` (${finding.severity})` : ''}`);
  if (finding.reasonForNonComplianceCode) lines.push('', `Reason: ${finding.reasonForNonComplianceCode}`);
  return lines;
}

/**
 * An execution names the resource its action touched (from its finding, when read) and, when
 * failed, skipped or canceled, why.
 */
export function executionNode(execution: ExecutionSummary, finding?: FindingLike, things?: readonly string[]): NodeModel {
  const target = finding ? findingResource(finding.nonCompliantResource).label : `finding ${execution.findingId}`;
  const reason = EXPLAINED_STATUSES.has(execution.status ?? '') ? execution.message || execution.errorCode : undefined;
  const lines = [`**${execution.actionName}** on ${finding ? target : `finding \`${execution.findingId}\``}`, '', `Status: ${execution.status}`];
  if (execution.errorCode) lines.push('', `Error: ${execution.errorCode}${execution.message ? `: ${execution.message}` : ''}`);
  else if (execution.message) lines.push('', execution.message);
  if (finding) lines.push('', ...resourceLines(finding, things));
  lines.push('', `Finding \`${execution.findingId}\``);
  return {
    label: `${execution.actionName} → ${target}`,
    description: [lower(execution.status), execution.errorCode && execution.message ? execution.errorCode : undefined, reason].filter(Boolean).join(' · '),
    tooltip: lines.join('\n'),
    icon: statusIcon(execution.status),
    contextValue: 'execution',
    collapsible: false,
  };
}

// ---------------------------------------------------------------------------------------------
// Audits

interface AuditSummary {
  readonly taskId?: string;
  readonly taskStatus?: string;
  readonly taskType?: string;
}

/** What DescribeAuditTask adds to a listed audit: its start and what it found. */
export interface AuditFacts {
  readonly startTime?: Date;
  readonly counts?: AuditFindingCounts;
}

/** An audit as a person tells it apart (common/auditLabel.ts); the id is in the tooltip. */
export function auditNode(audit: AuditSummary, facts: AuditFacts = {}): NodeModel {
  const started = auditTimeText(facts.startTime);
  const lines = [`Audit \`${audit.taskId}\``, '', `${audit.taskType === 'SCHEDULED_AUDIT_TASK' ? 'Scheduled' : 'On-demand'}, ${lower(audit.taskStatus)}${started ? `, started ${started} UTC` : ''}`];
  if (facts.counts) lines.push('', `${facts.counts.nonCompliant} non-compliant resources, ${facts.counts.critical} of critical checks`);
  return {
    label: auditLabel({ type: audit.taskType, status: audit.taskStatus, startTime: facts.startTime, counts: facts.counts }),
    tooltip: lines.join('\n'),
    icon: statusIcon(audit.taskStatus),
    contextValue: audit.taskStatus === 'IN_PROGRESS' ? 'audit.running' : 'audit',
    collapsible: true,
  };
}

interface AuditCheckDetails {
  readonly checkRunStatus?: string;
  readonly checkCompliant?: boolean;
  readonly totalResourcesCount?: number;
  readonly nonCompliantResourcesCount?: number;
  readonly suppressedNonCompliantResourcesCount?: number;
  readonly errorCode?: string;
  readonly message?: string;
}

/** Checks of an audit, non-compliant first (those are the ones with findings to mitigate). */
export function auditCheckNodes(details: Readonly<Record<string, AuditCheckDetails>> | undefined): { checkName: string; node: NodeModel }[] {
  return Object.entries(details ?? {})
    .sort(([aName, a], [bName, b]) => (b.nonCompliantResourcesCount ?? 0) - (a.nonCompliantResourcesCount ?? 0) || aName.localeCompare(bName))
    .map(([checkName, check]) => {
      const nonCompliant = check.nonCompliantResourcesCount ?? 0;
      const description = check.errorCode
        ? `${lower(check.checkRunStatus)} · ${check.errorCode}`
        : `${nonCompliant} non-compliant of ${check.totalResourcesCount ?? 0}`;
      const info = auditCheck(checkName);
      return {
        checkName,
        node: {
          label: checkName,
          description,
          tooltip: `**${checkName}**${info ? ` (${info.severity})` : ''}\n\n${info?.description ?? ''}${check.message ? `\n\n${check.message}` : ''}`,
          icon: statusIcon(check.checkRunStatus),
          contextValue: nonCompliant > 0 ? 'auditCheck.nonCompliant' : 'auditCheck',
          collapsible: nonCompliant > 0,
        },
      };
    });
}

const SEVERITY_ICONS: Record<string, NodeIcon> = {
  CRITICAL: { id: 'error', color: 'errorForeground' },
  HIGH: { id: 'warning', color: 'list.warningForeground' },
  MEDIUM: { id: 'info', color: 'editorInfo.foreground' },
  LOW: { id: 'circle-outline' },
};

/**
 * A finding names its resource; its check is the parent node, its severity the icon. A
 * suppression of the account that names it says until when; without one, the flag the audit
 * set says it was suppressed when the check ran.
 */
export function findingNode(finding: FindingLike, things?: readonly string[], suppression?: SuppressionStatus): NodeModel {
  const lines = [`**${findingResource(finding.nonCompliantResource).label}**`, '', ...resourceLines(finding, things), '', `Finding \`${finding.findingId}\``];
  const suppressedText = suppression?.text ?? (finding.isSuppressed ? 'suppressed' : undefined);
  if (suppression) lines.push('', `${capitalized(suppression.text)}${suppression.reason ? `: ${suppression.reason}` : ''}`);
  else if (finding.isSuppressed) lines.push('', 'Suppressed when the audit ran');
  return {
    label: findingResource(finding.nonCompliantResource).label,
    description: [finding.severity, finding.reasonForNonComplianceCode, suppressedText, things?.length ? things.join(', ') : undefined].filter(Boolean).join(' · '),
    tooltip: lines.join('\n'),
    icon: SEVERITY_ICONS[finding.severity ?? ''] ?? { id: 'circle-outline' },
    contextValue: suppression ? 'finding.suppressed' : 'finding',
    collapsible: false,
  };
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
