/**
 * The rehearsal report as a webview page (vscode-free), on the page of shared/model/webviewPage.ts
 * with its style inline and nonce'd: per finding a table
 * of actions with their predicted status and the resource changes, then what the twin cannot know.
 */
import type { FindingPrediction, RehearsalReport, ResourceChange } from '../../../rehearsal/types';
import { escapeHtml, renderWebviewPage } from '../../shared/model/webviewPage';

const STYLE = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.5em 2em; line-height: 1.45; }
h1 { font-size: 1.4em; margin-bottom: .2em; } h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border); }
h3 { font-size: 1em; margin: 1.2em 0 .3em; } .meta { color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; margin: .3em 0; } th:first-child, td:first-child { width: 15em; } th:nth-child(2), td:nth-child(2) { width: 9em; } th, td { text-align: left; padding: .2em .9em .2em 0; vertical-align: top; }
th { color: var(--vscode-descriptionForeground); font-weight: normal; }
.COMPLETED { color: var(--vscode-testing-iconPassed); } .FAILED, .START_FAILED { color: var(--vscode-testing-iconFailed); font-weight: bold; }
.SKIPPED, .CANCELED, .SUPPRESSED, .FILTERED { color: var(--vscode-descriptionForeground); }
.outcome { padding: .5em .8em; border-left: 3px solid var(--vscode-textLink-foreground); background: var(--vscode-textBlockQuote-background); }
.outcome.failing { border-left-color: var(--vscode-testing-iconFailed); }
code { font-family: var(--vscode-editor-font-family); font-size: .92em; word-break: break-all; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: .35em .9em; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
ul.changes { margin: .2em 0; padding-left: 1.2em; } .caveats li { margin-bottom: .35em; }`;

function changeHtml(change: ResourceChange): string {
  const what = { certificate: 'device certificate', caCertificate: 'CA certificate', thing: 'thing', policy: 'policy', logging: '', sns: 'SNS topic' }[change.kind];
  return change.kind === 'logging' ? escapeHtml(change.change) : `${what} <code>${escapeHtml(change.id)}</code>: ${escapeHtml(change.change)}`;
}

function findingHtml(finding: FindingPrediction): string {
  const skipped = finding.disposition === 'SUPPRESSED' ? 'Skipped: the finding is suppressed.' : finding.disposition === 'FILTERED' ? 'Skipped: its reason code is outside the reason-code filter.' : '';
  const rows = finding.executions
    .map((execution) => `<tr><td>${escapeHtml(execution.actionName)}</td><td class="${escapeHtml(execution.status)}">${escapeHtml(execution.status)}</td><td>${escapeHtml(execution.errorCode ? `${execution.errorCode}${execution.message ? `: ${execution.message}` : ''}` : '')}</td></tr>`)
    .join('');
  return `<h3>${escapeHtml(finding.checkName)} <span class="meta">${escapeHtml(finding.reasonCode)}</span></h3>
<p class="meta">Finding <code>${escapeHtml(finding.findingId)}</code> · ${escapeHtml(finding.resource)}${finding.severity ? ` · ${escapeHtml(finding.severity)}` : ''}</p>
${skipped ? `<p class="${finding.disposition}">${skipped}</p>` : ''}
${rows ? `<table><thead><tr><th>Action</th><th>Predicted status</th><th>Error the service gives</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
${finding.changes.length ? `<ul class="changes">${finding.changes.map((change) => `<li>${changeHtml(change)}</li>`).join('')}</ul>` : ''}`;
}

export function renderRehearsalHtml(report: RehearsalReport, nonce: string): string {
  const where = report.account ? `account ${report.account} (${report.region})` : `region ${report.region} (account id not read)`;
  const failing = report.startError !== undefined || report.summary.findingsPredictedToFail > 0;
  const outcome = report.startError ? `The task would not start: ${report.startError.errorCode}: ${report.startError.message}` : `Predicted task status: ${report.taskStatus}. ${report.summary.findingsPredictedToFail} of ${report.summary.mitigated} mitigated findings predicted to fail.`;
  const counts = Object.entries(report.summary.executions).map(([status, count]) => `<span class="${escapeHtml(status)}">${count} ${escapeHtml(status)}</span>`).join(', ') || 'none';
  const target = report.target.auditTaskId ? `audit ${report.target.auditTaskId}` : `findings ${(report.target.findingIds ?? []).join(', ')}`;
  return renderWebviewPage({
    title: `Rehearsal of ${report.taskName}`,
    nonce,
    style: { inline: STYLE },
    body: `<header>
  <h1>Rehearsal of ${escapeHtml(report.taskName)}</h1>
  <p class="meta">${escapeHtml(where)} · ${escapeHtml(target)} · snapshot ${escapeHtml(report.snapshotTakenAt)} · run on a local twin, nothing in the account was changed</p>
  <p class="outcome${failing ? ' failing' : ''}" id="outcome">${escapeHtml(outcome)}</p>
  <p>${report.summary.findings} findings: ${report.summary.mitigated} mitigated, ${report.summary.suppressed} suppressed, ${report.summary.filtered} outside the reason-code filter. Executions: ${counts}.</p>
  <button id="open-json" type="button">Open as JSON</button>
</header>
<section><h2>Findings</h2>${report.findings.map(findingHtml).join('\n') || '<p>None: the task would act on nothing.</p>'}</section>
<section><h2>Resource changes</h2>${report.changes.length ? `<ul class="changes">${report.changes.map((change) => `<li>${changeHtml(change)}</li>`).join('')}</ul>` : '<p>None.</p>'}</section>
<section><h2>Actions</h2><ul>${report.actions.map((action) => `<li><b>${escapeHtml(action.name)}</b> (${escapeHtml(action.type ?? 'unknown type')}, from the ${action.source}${action.accountDiffers ? '; the account holds different parameters: deploy to apply the file' : ''}): its role needs ${escapeHtml(action.rolePermissions.join(', ') || 'nothing known')}</li>`).join('')}</ul></section>
${report.notCopied.length ? `<section><h2>Not copied</h2><ul>${report.notCopied.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul></section>` : ''}
<section class="caveats"><h2>What the twin cannot know</h2><ul>${report.cannotKnow.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul></section>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.getElementById('open-json').addEventListener('click', () => vscode.postMessage({ type: 'openJson' }));
</script>`,
  });
}
