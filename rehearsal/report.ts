/** The rehearsal report as text (CLI) and as Markdown (the VS Code view). JSON is the report object itself. */
import type { FindingPrediction, PredictedExecution, RehearsalReport, ResourceChange } from './types';

export type ReportFormat = 'text' | 'markdown';

function changeWords(change: ResourceChange): string {
  const what = { certificate: 'device certificate', caCertificate: 'CA certificate', thing: 'thing', policy: 'policy', logging: 'account', sns: 'SNS topic' }[change.kind];
  return change.kind === 'logging' ? change.change : `${what} ${change.id}: ${change.change}`;
}

function executionWords(execution: PredictedExecution): string {
  const error = execution.errorCode ? ` ${execution.errorCode}${execution.message ? `: ${execution.message}` : ''}` : '';
  return `${execution.status}${error}`;
}

function targetWords(report: RehearsalReport): string {
  const target = report.target;
  const what = target.auditTaskId ? `the findings of audit ${target.auditTaskId}` : `findings ${(target.findingIds ?? []).join(', ')}`;
  const filter = target.auditCheckToReasonCodeFilter;
  const filterWords = filter ? `, only reason codes ${Object.entries(filter).map(([check, codes]) => `${check}: ${codes.join(', ')}`).join('; ')}` : '';
  return `${what}${filterWords}`;
}

function dispositionWords(finding: FindingPrediction): string {
  if (finding.disposition === 'SUPPRESSED') return 'skipped: the finding is suppressed';
  if (finding.disposition === 'FILTERED') return 'skipped: its reason code is outside the reason-code filter';
  if (finding.executions.length === 0) return 'no executions (the task did not run)';
  return '';
}

function summaryLines(report: RehearsalReport): string[] {
  const { summary } = report;
  const executions = Object.entries(summary.executions).map(([status, count]) => `${count} ${status}`).join(', ') || 'none';
  return [
    `${summary.findings} findings of the mapped checks: ${summary.mitigated} mitigated, ${summary.suppressed} suppressed (skipped), ${summary.filtered} outside the reason-code filter (skipped).`,
    `Executions: ${executions}. Findings predicted to fail: ${summary.findingsPredictedToFail}.`,
  ];
}

function heading(report: RehearsalReport): string {
  const where = report.account ? `account ${report.account} (${report.region})` : `region ${report.region} (account id not read)`;
  return `Rehearsal of task ${report.taskName} in ${where}`;
}

function outcomeLine(report: RehearsalReport): string {
  if (report.startError) return `The task would NOT start: ${report.startError.errorCode}: ${report.startError.message}`;
  return `Predicted task status: ${report.taskStatus}.`;
}

export function formatText(report: RehearsalReport): string {
  const lines = [heading(report), `Target: ${targetWords(report)}.`, `Snapshot taken ${report.snapshotTakenAt}. ${outcomeLine(report)}`, '', ...summaryLines(report), ''];
  lines.push('Findings:');
  if (report.findings.length === 0) lines.push('  (none: the task would act on nothing)');
  for (const finding of report.findings) {
    lines.push(`  ${finding.checkName} ${finding.reasonCode}, finding ${finding.findingId}`, `    ${finding.resource}`);
    const skipped = dispositionWords(finding);
    if (skipped) lines.push(`    ${skipped}`);
    const width = Math.max(0, ...finding.executions.map((execution) => execution.actionName.length));
    for (const execution of finding.executions) lines.push(`    ${execution.actionName.padEnd(width)}  ${executionWords(execution)}`);
    for (const change of finding.changes) lines.push(`    → ${changeWords(change)}`);
  }
  lines.push('', 'Resource changes:');
  if (report.changes.length === 0) lines.push('  none');
  for (const change of report.changes) lines.push(`  ${changeWords(change)}`);
  lines.push('', 'Actions:');
  for (const action of report.actions) lines.push(`  ${action.name} (${action.type ?? 'unknown type'}, from the ${action.source}${action.accountDiffers ? '; the account holds different parameters: deploy to apply the file' : ''}); its role needs ${action.rolePermissions.join(', ') || 'nothing known'}`);
  if (report.notCopied.length) {
    lines.push('', 'Not copied:');
    for (const note of report.notCopied) lines.push(`  - ${note}`);
  }
  lines.push('', 'What the twin cannot know:');
  for (const note of report.cannotKnow) lines.push(`  - ${note}`);
  return `${lines.join('\n')}\n`;
}

/** Markdown special characters in values (ids, messages) are escaped so they show as written. */
function md(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+!|<>])/g, '\\$1');
}

export function formatMarkdown(report: RehearsalReport): string {
  const lines = [`# ${md(heading(report))}`, '', `Target: ${md(targetWords(report))}.`, '', `Snapshot taken ${md(report.snapshotTakenAt)}. **${md(outcomeLine(report))}**`, '', ...summaryLines(report).map(md), ''];
  lines.push('## Findings', '');
  if (report.findings.length === 0) lines.push('None: the task would act on nothing.', '');
  for (const finding of report.findings) {
    lines.push(`### ${md(finding.checkName)}: ${md(finding.reasonCode)}`, '', `Finding \`${finding.findingId}\`, ${md(finding.resource)}.`, '');
    const skipped = dispositionWords(finding);
    if (skipped) lines.push(`*${md(skipped)}*`, '');
    if (finding.executions.length) {
      lines.push('| Action | Predicted status | Error |', '|---|---|---|');
      for (const execution of finding.executions) lines.push(`| ${md(execution.actionName)} | ${execution.status} | ${md(execution.errorCode ? `${execution.errorCode}${execution.message ? `: ${execution.message}` : ''}` : '')} |`);
      lines.push('');
    }
    for (const change of finding.changes) lines.push(`- ${md(changeWords(change))}`);
    if (finding.changes.length) lines.push('');
  }
  lines.push('## Resource changes', '');
  if (report.changes.length === 0) lines.push('None.');
  for (const change of report.changes) lines.push(`- ${md(changeWords(change))}`);
  lines.push('', '## Actions', '');
  for (const action of report.actions) lines.push(`- **${md(action.name)}** (${md(action.type ?? 'unknown type')}, from the ${action.source}${action.accountDiffers ? '; the account holds different parameters: deploy to apply the file' : ''}); its role needs ${md(action.rolePermissions.join(', ') || 'nothing known')}`);
  if (report.notCopied.length) {
    lines.push('', '## Not copied', '');
    for (const note of report.notCopied) lines.push(`- ${md(note)}`);
  }
  lines.push('', '## What the twin cannot know', '');
  for (const note of report.cannotKnow) lines.push(`- ${md(note)}`);
  return `${lines.join('\n')}\n`;
}

export function formatReport(report: RehearsalReport, format: ReportFormat): string {
  return format === 'markdown' ? formatMarkdown(report) : formatText(report);
}

/** The CLI's exit code: 1 when the task would not start or any execution is predicted to fail. */
export function predictsFailure(report: RehearsalReport): boolean {
  return report.startError !== undefined || report.findings.some((finding) => finding.executions.some((execution) => execution.status === 'FAILED'));
}
