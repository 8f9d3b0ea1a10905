/**
 * The task details view at fleet scale (issue 13), in a real VS Code: code-server with the working
 * tree's dist/ installed as a symlink (as `npm start` does), driven by Debian Chromium.
 *
 * Two tasks on the extension's own emulator, built through its API: a small one (a 10-thing
 * fleet beside the demo's own certificates, as few executions as the demo task) — the anchor — and
 * one of 50,000 executions (100,000 generated things, half of them with an expiring certificate).
 * For each, measured N times:
 *
 * - page drawn: from the click on "Show Task Details" in the Tasks view until the webview shows
 *   the task's heading, its facts and the chart (from its statistics), before any row;
 * - first useful paint: from the click until, in addition, the executions heading counts the
 *   rows and the first screen of them is in the table (all rows of the small task, the first
 *   FIRST_SCREEN of the large one; the bench checks that the webview's height holds no more);
 * - whole first page: until the table's first page (100 rows of the large task) is there;
 * - filter: inside the webview, from typing a whole certificate id into the filter until the
 *   table shows the one matching execution and the next frame is painted.
 *
 * Medians, and the ratio large/small, go to BENCHMARKS.md ("Task details at fleet scale").
 *
 *   npm run build && npx tsx bench/details.bench.ts [--runs N]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { FIRST_SCREEN } from '../client/tasks/model/executionRows';
import { buildFleetTask, type FleetTask } from '../test/journey/fleetTask';
import { startLinkedSession } from '../test/journey/linkedSession';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}
const RUNS = option('runs', 7);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Times {
  readonly drawn: number[];
  readonly paint: number[];
  readonly page: number[];
  readonly filter: number[];
  /** Rows inside the webview's height at the first useful paint (the largest seen). */
  visible: number;
}

async function closeEditors(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input:focus').fill('>View: Close All Editors');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Close All Editors' }).first().click();
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
}

/** Types `needle` into the filter from inside the webview and times it to the painted result. */
function timedFilter(view: FrameLocator, needle: string, expected: RegExp): Promise<number> {
  return view.locator('body').evaluate((_body, [text, pattern]) => new Promise<number>((resolveTime) => {
    const global = globalThis as unknown as {
      document: { getElementById(id: string): { value: string; textContent: string; dispatchEvent(event: unknown): void } };
      Event: new (type: string) => unknown;
      MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
      requestAnimationFrame(callback: () => void): void;
      performance: { now(): number };
    };
    const filter = global.document.getElementById('filter');
    const heading = global.document.getElementById('executions-heading');
    const wanted = new RegExp(pattern);
    const started = global.performance.now();
    const observer = new global.MutationObserver(() => {
      if (!wanted.test(heading.textContent)) return;
      observer.disconnect();
      global.requestAnimationFrame(() => resolveTime(global.performance.now() - started));
    });
    observer.observe(heading, { childList: true, characterData: true, subtree: true });
    filter.value = text;
    filter.dispatchEvent(new global.Event('input'));
  }), [needle, expected.source] as const);
}

/** Rows the table's first page holds (the panel's page size). */
const PAGE_ROWS = 100;

/**
 * Clicks the inline `button` of `row`, which shows while the row is hovered; returns when the click
 * was made (performance.now()). The tooltip of another row the pointer rested on can cover this
 * row, and the Tasks view may draw its rows again just after a hover, which hides the button:
 * then the row is hovered and clicked again.
 */
async function clickInline(row: Locator, button: Locator): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      // A tooltip of the row the pointer rests on can cover this one: dismiss it first.
      await row.page().keyboard.press('Escape');
      await row.page().mouse.move(0, 0);
      await row.hover();
      await button.waitFor({ state: 'visible', timeout: 2_000 });
      const clicked = performance.now();
      await button.click({ timeout: 2_000 });
      return clicked;
    } catch (error) {
      if (attempt === 10) throw error;
      process.stderr.write(`bench: the Show Task Details button could not be clicked (attempt ${attempt}: ${(error as Error).message.split('\n')[0]}); hovering again\n`);
    }
  }
}

/** `large`: a task of more than a page; else every execution is awaited (the heading counts them all, none left to load). */
async function measureTask(page: Page, task: FleetTask, large: boolean): Promise<Times> {
  const times: Times = { drawn: [], paint: [], page: [], filter: [], visible: 0 };
  const row = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Tasks' }) }).locator('.monaco-list-row', { hasText: task.taskId });
  const rows = (view: FrameLocator) => view.locator('#executions tbody tr[data-status]');
  for (let run = 0; run < RUNS; run++) {
    const clicked = await clickInline(row, row.locator('.action-label[aria-label="Show Task Details"]'));
    const view = page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
    // The task's own counts: the facts' "n of m done" and a bar per check, from its statistics.
    const drawn = Promise.all([view.locator('.facts', { hasText: / of [\d,]+ done/ }).waitFor(), view.locator('.chart .check-count').first().waitFor()])
      .then(() => performance.now() - clicked);
    const counted = view.locator('#executions-heading', { hasText: large ? /^[\d,]+ of [\d,]+ executions/ : /^([\d,]+) of \1 executions$/ });
    await Promise.all([counted.waitFor({ timeout: 60_000 }), large ? rows(view).nth(FIRST_SCREEN - 1).waitFor({ timeout: 60_000 }) : undefined]);
    times.paint.push(performance.now() - clicked);
    times.drawn.push(await drawn);
    // The first screen is honest when the webview shows no more rows than it holds.
    const visible = await rows(view).evaluateAll((cells) => cells.filter((cell) => cell.getBoundingClientRect().top < (globalThis as unknown as { innerHeight: number }).innerHeight).length);
    times.visible = Math.max(times.visible, visible);
    if (large) await rows(view).nth(PAGE_ROWS - 1).waitFor({ timeout: 60_000 });
    times.page.push(performance.now() - clicked);
    const ids = await view.locator('#executions td.resource').evaluateAll((cells) => cells.map((cell) => (cell.getAttribute('title') ?? '').split(' ').pop() ?? ''));
    times.filter.push(await timedFilter(view, ids[(run * 7) % ids.length], /^1 of /));
    process.stdout.write(`${task.taskId} run ${run + 1}: drawn ${times.drawn[run].toFixed(0)} ms, first useful paint ${times.paint[run].toFixed(0)} ms (${visible} rows in view), page ${times.page[run].toFixed(0)} ms, filter ${times.filter[run].toFixed(0)} ms\n`);
    await closeEditors(page);
  }
  return times;
}

function updateBenchmarksFile(section: string): void {
  const path = resolve(__dirname, '../BENCHMARKS.md');
  const current = readFileSync(path, 'utf8');
  const heading = '## Task details at fleet scale';
  const start = current.indexOf(`${heading}\n`);
  let next: string;
  if (start < 0) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const after = current.indexOf('\n## ', start + heading.length);
    next = `${current.slice(0, start)}${section}${after < 0 ? '' : current.slice(after + 1)}`;
  }
  writeFileSync(path, next.endsWith('\n') ? next : `${next}\n`);
}

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0];
  const session = await startLinkedSession('details-bench', { 'mitigations.emulator.pace': 0, 'workbench.colorTheme': 'Default Dark Modern' });
  const { page } = session;
  page.setDefaultTimeout(60_000);
  try {
    await page.goto(`${session.server.url}/?folder=${encodeURIComponent(session.workspace)}`, { timeout: 120_000 });
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.activitybar .action-item [aria-label^="IoT Mitigations"]').first().click();
    const url = await session.emulatorUrl();
    const small = await buildFleetTask(url, { things: 10, expiringPercent: 50, taskId: 'details-small', prefix: 'small' });
    const large = await buildFleetTask(url, { things: 100_000, expiringPercent: 50, taskId: 'details-50k', prefix: 'large' });
    process.stdout.write(`tasks built: ${small.findings} and ${large.findings} executions\n`);
    const refresh = page.locator('.pane-header', { hasText: 'Tasks' });
    await refresh.hover();
    await refresh.locator('.action-label[aria-label^="Refresh"]').click();
    const smallTimes = await measureTask(page, small, false);
    const largeTimes = await measureTask(page, large, true);
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    const row = (name: string, pick: (times: Times) => number[], goal: string) => {
      const smallMedian = median(pick(smallTimes));
      const largeMedian = median(pick(largeTimes));
      return `| ${name} | ${ms(smallMedian)} | ${ms(largeMedian)} | ${(largeMedian / smallMedian).toFixed(2)} | ${goal} |`;
    };
    const section = `## Task details at fleet scale

Command: \`npm run build && npx tsx bench/details.bench.ts\` (${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}; load average at start ${loadAtStart.toFixed(1)}; code-server with the working tree's dist/, Debian Chromium headless; medians of ${RUNS} openings of each task).

Anchor: a small task of ${small.findings} findings (10 generated things beside the demo fleet) in the same window.
Large: ${large.findings.toLocaleString("en-US")} findings, one execution each (100,000 generated things, half with an expiring certificate).
Times are from the click on "Show Task Details" in the Tasks view. Page drawn: the webview shows the task's facts
("n of m done") and the chart, both from DescribeAuditMitigationActionsTask. First useful paint: in addition the
executions heading counts the rows ("25 of 25 executions loaded so far") and the first screen of rows is in the table:
all rows of the small task, the first ${FIRST_SCREEN} of the large one (at most ${Math.max(smallTimes.visible, largeTimes.visible)} rows fitted in the
webview's height). Whole first page: the table's ${PAGE_ROWS} rows (the small task has fewer: its first paint). The filter is timed
inside the webview, from the typed certificate id to the painted single-row result.

| Measure | small task | 50,000-execution task | ratio | goal |
|---|---:|---:|---:|---:|
${row('Page drawn (facts and chart)', (times) => times.drawn, '')}
${row('First useful paint', (times) => times.paint, '≤ 1 s')}
${row(`Whole first page (${PAGE_ROWS} rows)`, (times) => times.page, '')}
${row('Filter by certificate id', (times) => times.filter, '≤ 200 ms')}
`;
    process.stdout.write(`${section}\n`);
    if (process.env.DETAILS_BENCH_DRY_RUN !== '1') updateBenchmarksFile(section);
  } finally {
    await session.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
