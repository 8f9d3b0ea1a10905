/**
 * The task preview as a webview page (vscode-free): what would run, counted per action, then the
 * findings with their resources (short ids, the whole id on hover) and the actions each would get.
 * No script: the page only shows. A preview of a large audit lists the first MAX_PREVIEW_ROWS
 * findings; the counts always cover all of them.
 */
import type { MitigationActionType } from '../../../common';
import { escapeHtml, renderWebviewPage } from '../../shared/model/webviewPage';
import { countPerAction, type TaskPreview } from './preview';

export const MAX_PREVIEW_ROWS = 2000;

const count = (value: number) => value.toLocaleString('en-US');

function renderActionCounts(preview: TaskPreview, actionTypes: ReadonlyMap<string, MitigationActionType | undefined>): string {
  const counts = countPerAction(preview, actionTypes);
  if (counts.length === 0) return '<p class="empty">No finding would get an action.</p>';
  const rows = counts.map((entry) => `<tr><td>${escapeHtml(entry.actionName)}</td><td>${escapeHtml(entry.actionType ?? 'not in the account')}</td><td class="count">${count(entry.findings)}</td></tr>`);
  return `<table id="action-counts"><thead><tr><th>Action</th><th>Type</th><th>Findings</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderFindings(preview: TaskPreview): string {
  const shown = preview.rows.slice(0, MAX_PREVIEW_ROWS);
  const rows = shown.map((row) => {
    const actions = row.excludedBecause ? `<span class="empty">none: ${escapeHtml(row.excludedBecause)}</span>` : row.actions.map(escapeHtml).join(' → ');
    return `<tr data-finding="${escapeHtml(row.findingId)}"><td>${escapeHtml(row.findingId)}</td><td>${escapeHtml(row.checkName).replace(/_/g, '_<wbr>')}</td><td>${escapeHtml(row.severity)}</td>`
      + `<td class="resource" title="${escapeHtml(`${row.resourceKind} ${row.resourceFull}`)}"><span class="kind">${escapeHtml(row.resourceKind)}</span> ${escapeHtml(row.resourceShort)}</td><td>${actions}</td></tr>`;
  });
  const more = preview.rows.length > shown.length ? `<p class="empty">The first ${count(shown.length)} of ${count(preview.rows.length)} findings; the counts above cover all of them.</p>` : '';
  const body = rows.join('') || '<tr><td colspan="5" class="empty">The task selects no findings.</td></tr>';
  return `<div class="table-scroll"><table id="preview-findings"><thead><tr><th>Finding</th><th>Check</th><th>Severity</th><th>Resource</th><th>Actions, in order</th></tr></thead><tbody>${body}</tbody></table></div>${more}`;
}

export function renderPreviewHtml(title: string, preview: TaskPreview, actionTypes: ReadonlyMap<string, MitigationActionType | undefined>, resources: { readonly cspSource: string; readonly nonce: string; readonly styleUri: string }): string {
  const warnings = preview.warnings.length
    ? `<section class="warnings" id="preview-warnings"><h2>Warnings</h2><ul>${preview.warnings.map((warning) => `<li>${escapeHtml(warning)}</li>`).join('')}</ul></section>`
    : '';
  return renderWebviewPage({
    title: `Preview: ${title}`,
    nonce: resources.nonce,
    style: { href: resources.styleUri, cspSource: resources.cspSource },
    body: `<header>
  <h1>Preview: ${escapeHtml(title)}</h1>
  <p class="summary" id="preview-summary">${count(preview.mitigated)} of ${count(preview.rows.length)} findings would be mitigated with ${count(preview.executions)} action executions. Nothing has run yet.</p>
</header>
${warnings}
<section>
  <h2>Findings per action</h2>
  ${renderActionCounts(preview, actionTypes)}
</section>
<section>
  <h2>Findings</h2>
  ${renderFindings(preview)}
</section>`,
  });
}
