/**
 * The task details webview's HTML (vscode-free), on the page of shared/model/webviewPage.ts: the
 * task's facts, a per-check chart drawn from the task's statistics (DescribeAuditMitigationActionsTask
 * taskStatistics, never from the executions) and one page of the executions table. The page of
 * rows and its heading are also sent on their own when the view is filtered, sorted or paged
 * (media/taskDetails.js swaps them in), so both come from the functions here. The page can be
 * drawn before any execution is read (no `page` yet): the facts and the chart need only the task,
 * and the rows follow in a message.
 */
import type { CheckStatistics } from '../../shared/model/treeModel';
import { formatTime, taskProgress } from '../../shared/model/treeModel';
import { escapeHtml, renderWebviewPage } from '../../shared/model/webviewPage';
import { EXECUTION_COLUMNS, type ExecutionColumn, type ExecutionRow, type ExecutionView, type ViewPage } from './executionRows';

/** What DescribeAuditMitigationActionsTask tells: the facts and the chart are drawn from it alone. */
export interface TaskSummary {
  readonly taskStatus?: string;
  readonly startTime?: Date;
  readonly endTime?: Date;
  readonly taskStatistics: Readonly<Record<string, CheckStatistics>>;
  readonly target?: { readonly auditTaskId?: string; readonly findingIds?: readonly string[] };
}

export interface TaskDetailsModel extends TaskSummary {
  readonly taskId: string;
  readonly view: ExecutionView;
  /** Undefined while the first executions are read. */
  readonly page?: ViewPage;
  /** False while more executions can be loaded. */
  readonly complete: boolean;
}

interface WebviewResources {
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

const SEGMENTS: readonly { key: keyof CheckStatistics; label: string }[] = [
  { key: 'succeededFindingsCount', label: 'succeeded' },
  { key: 'failedFindingsCount', label: 'failed' },
  { key: 'skippedFindingsCount', label: 'skipped' },
  { key: 'canceledFindingsCount', label: 'canceled' },
];

const HEADERS: Readonly<Record<ExecutionColumn, string>> = {
  findingId: 'Finding',
  checkName: 'Check',
  severity: 'Severity',
  resourceFull: 'Resource',
  actionName: 'Action',
  status: 'Status',
  error: 'Error',
  started: 'Started',
};

/** Long check names break after their underscores instead of being clipped. */
function breakable(name: string): string {
  return escapeHtml(name).replace(/_/g, '_<wbr>');
}

const count = (value: number) => value.toLocaleString('en-US');

/** One stacked bar per check; pending findings are the unfilled rest of the track. */
export function renderStatisticsChart(statistics: Readonly<Record<string, CheckStatistics>>): string {
  const checks = Object.entries(statistics);
  if (checks.length === 0) return '<p class="empty">No statistics yet.</p>';
  const rows = checks.map(([checkName, stats]) => {
    const total = stats.totalFindingsCount ?? 0;
    // SVG attributes, not inline styles: the page's CSP allows no style attribute.
    let x = 0;
    const segments = SEGMENTS.map(({ key, label }) => {
      const value = stats[key] ?? 0;
      if (!value || !total) return '';
      const width = (value / total) * 1000;
      const rect = `<rect class="segment ${label}" x="${x.toFixed(1)}" y="0" width="${width.toFixed(1)}" height="10"><title>${escapeHtml(checkName)}: ${count(value)} ${label}</title></rect>`;
      x += width;
      return rect;
    }).join('');
    const parts = SEGMENTS.filter(({ key }) => stats[key]).map(({ key, label }) => `${count(stats[key] ?? 0)} ${label}`);
    const summary = `${count(stats.succeededFindingsCount ?? 0)}/${count(total)}`;
    return `<div class="check" role="listitem"><div class="check-name" title="${escapeHtml(checkName)}">${breakable(checkName)}</div>`
      + `<svg class="track" viewBox="0 0 1000 10" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(`${checkName}: ${parts.join(', ') || 'none done'} of ${count(total)}`)}"><rect class="segment pending" x="0" y="0" width="1000" height="10"></rect>${segments}</svg>`
      + `<div class="check-count" title="${escapeHtml(parts.join(', '))}">${summary}</div></div>`;
  });
  const legend = SEGMENTS.map(({ label }) => `<span class="legend ${label}">${label}</span>`).join(' ');
  return `<div class="chart" role="list" aria-label="Findings per audit check">${rows.join('')}</div><div class="legend-row">${legend}</div>`;
}

export function renderFacts(model: TaskSummary): string {
  const status = model.taskStatus ?? '';
  const { done, total } = taskProgress(model.taskStatistics);
  const target = model.target?.findingIds?.length
    ? `${count(model.target.findingIds.length)} listed findings`
    : model.target?.auditTaskId ? `audit ${escapeHtml(model.target.auditTaskId)}` : '';
  const facts: [string, string][] = [
    ['Status', `<span class="status ${escapeHtml(status.toLowerCase())}" id="task-status">${escapeHtml(status)}</span>`],
    ['Started', escapeHtml(formatTime(model.startTime))],
  ];
  if (model.endTime) facts.push(['Ended', escapeHtml(formatTime(model.endTime))]);
  if (target) facts.push(['Target', target]);
  facts.push(['Findings', `${count(done)} of ${count(total)} done`]);
  return `<dl class="facts">${facts.map(([name, value]) => `<div><dt>${name}</dt><dd>${value}</dd></div>`).join('')}</dl>`;
}

export function renderExecutionRows(rows: readonly ExecutionRow[]): string {
  if (rows.length === 0) return `<tr><td colspan="${EXECUTION_COLUMNS.length}" class="empty">No executions.</td></tr>`;
  return rows.map((row) => `<tr data-status="${escapeHtml(row.status)}">`
    + `<td><a href="#" data-finding="${escapeHtml(row.findingId)}" title="Show finding ${escapeHtml(row.findingId)}">${escapeHtml(row.findingId)}</a></td>`
    + `<td class="check-cell">${breakable(row.checkName)}</td>`
    + `<td>${escapeHtml(row.severity)}</td>`
    + `<td class="resource" title="${escapeHtml(`${row.resourceKind} ${row.resourceFull}`)}"><span class="kind">${escapeHtml(row.resourceKind)}</span> ${escapeHtml(row.resourceShort)}</td>`
    + `<td>${escapeHtml(row.actionName)}</td>`
    + `<td class="status ${escapeHtml(row.status.toLowerCase())}">${escapeHtml(row.status)}</td>`
    + `<td>${escapeHtml(row.error)}</td>`
    + `<td class="time">${escapeHtml(row.started)}</td>`
    + '</tr>').join('');
}

/** The table's one row when the executions could not be read. */
export function renderReadingFailed(reason: string): string {
  return `<tr><td colspan="${EXECUTION_COLUMNS.length}" class="empty">Could not read the executions: ${escapeHtml(reason)}</td></tr>`;
}

/** "4 of 16 executions", and how far the loading got when more can be read. */
export function renderExecutionsHeading(page: ViewPage, complete: boolean): string {
  const loaded = complete ? '' : ' loaded so far';
  return `${count(page.matching)} of ${count(page.loaded)} executions${loaded}`;
}

export function renderPager(page: ViewPage, complete: boolean): string {
  const more = complete ? '' : ' <button type="button" id="load-more">Load more</button>';
  return `<button type="button" id="previous-page"${page.page === 0 ? ' disabled' : ''}>Previous</button>`
    + ` <span id="page-number">Page ${count(page.page + 1)} of ${count(page.pages)}</span> `
    + `<button type="button" id="next-page"${page.page + 1 >= page.pages && complete ? ' disabled' : ''}>Next</button>${more}`;
}

/** Stands in for the rows until the first screen of them is read. */
const READING_ROW = `<tr class="reading"><td colspan="${EXECUTION_COLUMNS.length}" class="empty">Reading executions…</td></tr>`;

function renderTable(model: TaskDetailsModel): string {
  const headers = EXECUTION_COLUMNS.map((column) => {
    const sorted = model.view.sortColumn === column ? ` aria-sort="${model.view.ascending ? 'ascending' : 'descending'}"` : '';
    return `<th data-column="${column}" tabindex="0"${sorted}>${HEADERS[column]}</th>`;
  }).join('');
  return `<div class="table-scroll"><table id="executions"><thead><tr>${headers}</tr></thead><tbody>${model.page ? renderExecutionRows(model.page.rows) : READING_ROW}</tbody></table></div>`;
}

export function renderTaskDetailsHtml(model: TaskDetailsModel, resources: WebviewResources): string {
  return renderWebviewPage({
    title: model.taskId,
    nonce: resources.nonce,
    style: { href: resources.styleUri, cspSource: resources.cspSource },
    body: `<header>
  <h1>${escapeHtml(model.taskId)}</h1>
  <div id="task-facts">${renderFacts(model)}</div>
  <button id="open-json" type="button">Open as JSON</button>
</header>
<section>
  <h2>Findings per audit check</h2>
  <div id="task-chart">${renderStatisticsChart(model.taskStatistics)}</div>
</section>
<section>
  <h2 id="executions-heading" aria-live="polite">${model.page ? renderExecutionsHeading(model.page, model.complete) : 'Reading executions…'}</h2>
  <input id="filter" type="search" value="${escapeHtml(model.view.filter)}" placeholder="Filter by finding, check, severity, resource, action, status or error" aria-label="Filter executions">
  ${renderTable(model)}
  <nav id="pager" data-page="${model.page?.page ?? model.view.page}" aria-label="Pages of executions">${model.page ? renderPager(model.page, model.complete) : ''}</nav>
</section>
<script nonce="${resources.nonce}" src="${escapeHtml(resources.scriptUri)}"></script>`,
  });
}
