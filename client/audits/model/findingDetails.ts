/**
 * A finding as a read-only Markdown document (vscode-free): the resource and why it is
 * non-compliant, the check and its severity, its suppression, the audit, and what a task did about it.
 */
import type { AuditFinding, AuditMitigationActionExecutionMetadata } from '@aws-sdk/client-iot';
import { auditCheck } from '../../../common';
import { findingResource } from '../../shared/model/findingResource';
import type { SuppressionStatus } from './suppressions';

function when(date: Date | undefined): string {
  return date ? `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC` : '—';
}

function cell(text: string | undefined): string {
  return (text ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export interface FindingDetailsInput {
  readonly finding: AuditFinding;
  /** The things of a device certificate, when read. */
  readonly things?: readonly string[];
  /** The executions of the task this finding was opened from, if any. */
  readonly executions?: readonly AuditMitigationActionExecutionMetadata[];
  readonly taskId?: string;
  /** The account's suppression naming this finding's check and resource, if any. */
  readonly suppression?: SuppressionStatus;
}

/** "until 2027-01-31: reason", "indefinitely: reason", "expired 2026-11-30: reason". */
function suppressionText(suppression: SuppressionStatus): string {
  return `${suppression.text.replace(/^suppressed |^suppression /, '')}${suppression.reason ? `: ${suppression.reason}` : ''}`;
}

export function renderFindingDetails({ finding, things, executions, taskId, suppression }: FindingDetailsInput): string {
  const resource = findingResource(finding.nonCompliantResource);
  const check = finding.checkName ? auditCheck(finding.checkName) : undefined;
  const lines = [
    `# ${resource.label}`,
    '',
    `- **${resource.kind}:** \`${resource.full}\``,
  ];
  if (things?.length) lines.push(`- **Things:** ${things.map((name) => `\`${name}\``).join(', ')}`);
  for (const [key, value] of Object.entries(finding.nonCompliantResource?.additionalInfo ?? {})) lines.push(`- **${key}:** ${value}`);
  lines.push(
    `- **Check:** ${finding.checkName ?? '—'}${finding.severity ? ` (${finding.severity})` : ''}`,
    `- **Reason:** ${finding.reasonForNonComplianceCode ?? '—'}${finding.reasonForNonCompliance ? `: ${finding.reasonForNonCompliance}` : ''}`,
    `- **Suppressed when audited:** ${finding.isSuppressed ? 'yes' : 'no'}`,
    ...(suppression ? [`- **Suppression:** ${suppressionText(suppression)}`] : []),
    `- **Finding:** \`${finding.findingId}\`, found ${when(finding.findingTime)}`,
    `- **Audit:** \`${finding.taskId}\`, started ${when(finding.taskStartTime)}`,
  );
  if (check) lines.push('', `## ${check.name}`, '', check.description);
  const related = finding.relatedResources ?? [];
  if (related.length) {
    lines.push('', '## Related resources', '');
    for (const other of related) lines.push(`- ${findingResource(other).kind} \`${findingResource(other).full}\``);
  }
  if (executions) {
    lines.push('', `## Actions of task ${taskId ?? ''}`.trimEnd(), '');
    if (executions.length === 0) lines.push('No action ran on this finding.');
    else {
      lines.push('| Action | Status | Started | Ended | Reason |', '|---|---|---|---|---|');
      for (const execution of executions) {
        const reason = [execution.errorCode, execution.message].filter(Boolean).join(': ');
        lines.push(`| ${cell(execution.actionName)} | ${cell(execution.status)} | ${when(execution.startTime)} | ${when(execution.endTime)} | ${cell(reason) || '—'} |`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
