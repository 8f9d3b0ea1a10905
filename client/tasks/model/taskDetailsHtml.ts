/**
 * The task details webview's HTML (vscode-free): on the page of shared/model/webviewPage.ts,
 * a per-check statistics chart in plain SVG and the executions table. Sorting and filtering run in media/taskDetails.js.
 */
import type { CheckStatistics, ExecutionSummary } from '../../shared/model/treeModel';
import { formatTime } from '../../shared/model/treeModel';
import { escapeHtml, renderWebviewPage } from '../../shared/model/webviewPage';

export interface TaskDetailsModel {
  readonly taskId: string;
  readonly taskStatus?: string;
  readonly startTime?: Date;
  readonly endTime?: Date;
  readonly taskStatistics: Readonly<Record<string, CheckStatistics>>;
  readonly target?: unknown;
  readonly executions: readonly ExecutionSummary[];
}

interface WebviewResources {
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

const SEGMENTS: readonly { key: keyof CheckStatistics; label: string; cssClass: string }[] = [
  { key: 'succeededFindingsCount', label: 'succeeded', cssClass: 'succeeded' },
  { key: 'failedFindingsCount', label: 'failed', cssClass: 'failed' },
  { key: 'skippedFindingsCount', label: 'skipped', cssClass: 'skipped' },
  { key: 'canceledFindingsCount', label: 'canceled', cssClass: 'canceled' },
];

/** One horizontal stacked bar per check; pending findings are the unfilled rest. */
function renderStatisticsChart(statistics: Readonly<Record<string, CheckStatistics>>): string {
  const checks = Object.entries(statistics);
  if (checks.length === 0) return '<p class="empty">No statistics yet.</p>';
  const labelWidth = 330;
  const barWidth = 360;
  const rowHeight = 26;
  const rows = checks.map(([checkName, stats], index) => {
    const total = stats.totalFindingsCount ?? 0;
    const y = index * rowHeight;
    let x = labelWidth;
    const segments = SEGMENTS.map(({ key, label, cssClass }) => {
      const count = stats[key] ?? 0;
      if (!count || !total) return '';
      const width = (count / total) * barWidth;
      const rect = `<rect class="bar ${cssClass}" x="${x.toFixed(1)}" y="${y + 4}" width="${width.toFixed(1)}" height="${rowHeight - 8}"><title>${escapeHtml(checkName)}: ${count} ${label}</title></rect>`;
      x += width;
      return rect;
    }).join('');
    return `<text class="label" x="0" y="${y + rowHeight / 2 + 4}">${escapeHtml(checkName)}</text>`
      + `<rect class="bar track" x="${labelWidth}" y="${y + 4}" width="${barWidth}" height="${rowHeight - 8}"></rect>${segments}`
      + `<text class="count" x="${labelWidth + barWidth + 8}" y="${y + rowHeight / 2 + 4}">${stats.succeededFindingsCount ?? 0}/${total}</text>`;
  });
  const height = checks.length * rowHeight;
  const legend = SEGMENTS.map(({ label, cssClass }) => `<span class="legend ${cssClass}">${label}</span>`).join(' ');
  return `<svg class="chart" role="img" aria-label="Findings per audit check" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}" width="100%" height="${height}">${rows.join('')}</svg><div class="legend-row">${legend}</div>`;
}

function renderExecutionsTable(executions: readonly ExecutionSummary[]): string {
  const rows = executions.map((execution) => {
    const status = execution.status ?? '';
    return `<tr data-status="${escapeHtml(status)}">`
      + `<td><a href="#" data-finding="${escapeHtml(execution.findingId)}" title="Show this finding">${escapeHtml(execution.findingId)}</a></td>`
      + `<td>${escapeHtml(execution.actionName)}</td>`
      + `<td class="status ${escapeHtml(status.toLowerCase())}">${escapeHtml(status)}</td>`
      + `<td>${escapeHtml(execution.errorCode)}${execution.message ? `: ${escapeHtml(execution.message)}` : ''}</td>`
      + `<td>${escapeHtml(formatTime(execution.startTime))}</td>`
      + '</tr>';
  });
  return '<table id="executions"><thead><tr>'
    + '<th data-sort="0" tabindex="0">Finding</th><th data-sort="1" tabindex="0">Action</th><th data-sort="2" tabindex="0">Status</th><th data-sort="3" tabindex="0">Error</th><th data-sort="4" tabindex="0">Started</th>'
    + `</tr></thead><tbody>${rows.join('') || '<tr><td colspan="5" class="empty">No executions.</td></tr>'}</tbody></table>`;
}

export function renderTaskDetailsHtml(model: TaskDetailsModel, resources: WebviewResources): string {
  const ended = model.endTime ? ` · ended ${escapeHtml(formatTime(model.endTime))}` : '';
  return renderWebviewPage({
    title: model.taskId,
    nonce: resources.nonce,
    style: { href: resources.styleUri, cspSource: resources.cspSource },
    body: `<header>
  <h1>${escapeHtml(model.taskId)}</h1>
  <p class="meta"><span class="status ${escapeHtml((model.taskStatus ?? '').toLowerCase())}" id="task-status">${escapeHtml(model.taskStatus)}</span> · started ${escapeHtml(formatTime(model.startTime))}${ended}</p>
  <button id="open-json" type="button">Open as JSON</button>
</header>
<section>
  <h2>Findings per audit check</h2>
  ${renderStatisticsChart(model.taskStatistics)}
</section>
<section>
  <h2>Executions (${model.executions.length})</h2>
  <input id="filter" type="search" placeholder="Filter by finding, action, status or error" aria-label="Filter executions">
  ${renderExecutionsTable(model.executions)}
</section>
<script nonce="${resources.nonce}" src="${escapeHtml(resources.scriptUri)}"></script>`,
  });
}
