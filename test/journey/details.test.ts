/**
 * The task preview and the task details view as a person sees them, in code-server (a real VS
 * Code, the working tree's dist/ installed as a symlink, as `npm start` does) driven by Debian
 * Chromium: the preview of an example task, then the details of a 50,000-execution task on the
 * bundled emulator, filtered by a certificate id, in the light, dark and high-contrast themes.
 * For each theme it takes screenshots (test-results/screenshots/, or docs/screenshots/ with
 * UPDATE_SCREENSHOTS=1) and measures what makes the views readable: the WCAG contrast ratio of
 * their text against its background, font sizes against the editor's, and that no chart label
 * or status line is clipped in a narrow editor. Run `npm run build` first.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { repoRoot } from '../../scripts/code-server.mjs';
import { CONNECTION_STATUS } from './browser';
import { FIRST_SCREEN } from '../../client/tasks/model/executionRows';
import { buildFleetTask, type FleetTask } from './fleetTask';
import { startLinkedSession, type LinkedSession } from './linkedSession';

const screenshots = process.env.UPDATE_SCREENSHOTS === '1' ? join(repoRoot, 'docs', 'screenshots') : join(repoRoot, 'test-results', 'screenshots');
const FILE = 'quarantine-workflow.mitigation.json';
const THEMES = [
  { name: 'Default Light Modern', label: 'Light Modern', slug: 'light', workbenchClass: 'vs' },
  { name: 'Default Dark Modern', label: 'Dark Modern', slug: 'dark', workbenchClass: 'vs-dark' },
  { name: 'Default High Contrast', label: 'Dark High Contrast', slug: 'high-contrast', workbenchClass: 'hc-black' },
] as const;
/** WCAG 2.1 AA: 4.5:1 for text; 3:1 for large text and the parts of a chart. */
const TEXT_CONTRAST = 4.5;

let session: LinkedSession;
let page: Page;
let fleet: FleetTask | undefined;

before(async () => {
  session = await startLinkedSession('details', { 'workbench.colorTheme': THEMES[1].name, 'mitigations.emulator.pace': 0, 'mitigations.tasks.refreshInterval': 1 });
  page = session.page;
  // A narrow window: the details view gets about half of it beside the side bar.
  await page.setViewportSize({ width: 1000, height: 900 });
  page.setDefaultTimeout(60_000);
  mkdirSync(screenshots, { recursive: true });
});

after(() => session?.close());

async function pick(title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input:focus').fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
}

/** The content frame of the webview tab whose title starts with `title`. */
async function webview(title: string): Promise<FrameLocator> {
  await page.locator('.tabs-container .tab', { hasText: title }).first().click();
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
}

interface Measured {
  readonly selector: string;
  readonly contrast: number;
  readonly fontSize: number;
  readonly clipped: boolean;
}

/**
 * In the webview: for the first element of each selector, its text's contrast ratio against the
 * background it sits on, its font size and whether it is clipped. Written as source text: the test
 * runner's compiler would wrap named functions in a helper the webview does not have.
 */
const MEASURE_IN_PAGE = `(body, wanted) => {
  const rgb = (value) => (value.match(/[\\d.]+/g) || []).map(Number);
  const channel = (c) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = (element) => {
    for (let current = element; current; current = current.parentElement) {
      const parts = rgb(getComputedStyle(current).backgroundColor);
      if (parts.length === 3 || (parts.length === 4 && parts[3] > 0.5)) return parts.slice(0, 3);
    }
    return rgb(getComputedStyle(document.documentElement).backgroundColor).slice(0, 3);
  };
  const editorFontSize = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-font-size')) || 0;
  const elements = wanted.map((selector) => {
    const element = body.querySelector(selector);
    if (!element) throw new Error('nothing matches ' + selector);
    const style = getComputedStyle(element);
    const fore = luminance(rgb(style.color));
    const back = luminance(background(element));
    const contrast = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
    return { selector, contrast: Math.round(contrast * 100) / 100, fontSize: parseFloat(style.fontSize), clipped: element.scrollWidth > element.clientWidth + 1 };
  });
  return { editorFontSize, elements };
}`;

async function measure(view: FrameLocator, selectors: readonly string[]): Promise<{ editorFontSize: number; elements: Measured[] }> {
  // A function made from the text: Playwright sends its source to the page and calls it there.
  const inPage = new Function(`return ${MEASURE_IN_PAGE}`)() as (body: unknown, wanted: readonly string[]) => { editorFontSize: number; elements: Measured[] };
  return view.locator('body').evaluate(inPage, selectors);
}

function assertReadable(theme: string, view: string, measured: { editorFontSize: number; elements: Measured[] }): void {
  assert.ok(measured.editorFontSize > 0, 'the webview has the editor font size');
  for (const element of measured.elements) {
    const where = `${view}, ${theme}: ${element.selector}`;
    assert.ok(element.contrast >= TEXT_CONTRAST, `${where} has contrast ${element.contrast}, below ${TEXT_CONTRAST}`);
    assert.ok(element.fontSize >= measured.editorFontSize, `${where} is ${element.fontSize}px, smaller than the editor's ${measured.editorFontSize}px`);
    assert.equal(element.clipped, false, `${where} is clipped`);
  }
}

/** Preferences: Color Theme, as a person switches it. */
async function useTheme(theme: (typeof THEMES)[number]): Promise<void> {
  await pick('Preferences: Color Theme');
  // The picker lists a theme by its label ("Light Modern"), the setting by its id.
  await page.locator('.quick-input-widget input:focus').fill(theme.label);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: theme.label }).first().click();
  await page.locator(`.monaco-workbench.${theme.workbenchClass}`).waitFor();
}

async function shot(name: string): Promise<void> {
  await page.mouse.move(0, 450);
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

const measurements: string[] = [];

test('the preview and the details of a 50,000-execution task: readable in light, dark and high contrast', { timeout: 15 * 60_000 }, async () => {
  try {
    await previewAndDetails();
  } catch (error) {
    await page.screenshot({ path: join(tmpdir(), 'mitigations-details-failure.png') }).catch(() => undefined);
    throw error;
  }
});

async function previewAndDetails(): Promise<void> {
  await page.goto(`${session.server.url}/?folder=${encodeURIComponent(session.workspace)}`, { timeout: 120_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).click({ timeout: 60_000 });
  await page.locator('.tab.active', { hasText: FILE }).waitFor();
  await page.locator(`${CONNECTION_STATUS}:has(.codicon-beaker)`).waitFor({ timeout: 180_000 });

  // The preview of the file's first task, on the demo audit.
  await pick('Mitigations: Preview Task Findings');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Which task?' }).waitFor();
  const taskChoice = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
  await taskChoice.waitFor();
  const taskName = (await taskChoice.innerText()).split('\n')[0].trim();
  await page.keyboard.press('Enter');
  const previewTab = page.locator('.tabs-container .tab', { hasText: `Preview ${taskName}` });
  // The task may leave the audit open: then the next pick is the audit.
  await Promise.race([previewTab.waitFor({ timeout: 60_000 }), page.locator('.quick-input-widget .quick-input-title', { hasText: 'which audit?' }).waitFor({ timeout: 60_000 }).then(() => page.keyboard.press('Enter'))]);
  await previewTab.waitFor({ timeout: 60_000 });
  const preview = await webview(`Preview ${taskName}`);
  await preview.locator('#preview-summary').waitFor();
  assert.match(await preview.locator('#preview-summary').innerText(), /^\d+ of \d+ findings would be mitigated with \d+ action executions\. Nothing has run yet\.$/);
  assert.ok(await preview.locator('#action-counts tbody tr').count() > 0, 'findings counted per action');
  const resourceCell = preview.locator('#preview-findings td.resource').first();
  assert.match((await resourceCell.getAttribute('title')) ?? '', /^[A-Z][a-zA-Z ]+ \S+/, 'the whole resource id on hover');

  // The 50,000-execution task, built on the extension's own emulator.
  fleet = await buildFleetTask(await session.emulatorUrl(), { things: 100_000, expiringPercent: 50, taskId: 'fleet-50k' });
  // 50,000 generated, plus the demo fleet's own few expiring certificates.
  assert.ok(fleet.findings >= 50_000 && fleet.findings < 50_010, `${fleet.findings} findings`);
  const total = fleet.findings.toLocaleString('en-US');

  await page.locator('.activitybar .action-item [aria-label^="IoT Mitigations"]').first().click();
  const row = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Tasks' }) }).locator('.monaco-list-row', { hasText: fleet.taskId });
  await page.locator('.pane-header', { hasText: 'Tasks' }).locator('.actions .action-label[aria-label^="Refresh"]').click().catch(() => undefined);
  await row.waitFor({ timeout: 30_000 });
  await row.hover();
  const opened = Date.now();
  await row.locator('.action-label[aria-label="Show Task Details"]').click();
  const details = await webview(`Task ${fleet.taskId}`);
  // The first screen of rows comes before the rest of the page.
  await details.locator('#executions tbody tr[data-status]').nth(FIRST_SCREEN - 1).waitFor({ timeout: 30_000 });
  const firstScreen = Date.now() - opened;
  assert.match(await details.locator('#executions-heading').innerText(), /^([\d,]+) of \1 executions loaded so far$/);
  assert.ok((await details.locator('.facts').innerText()).includes('done'), 'the facts are there with the first rows');
  await details.locator('#executions tbody tr[data-status]').nth(99).waitFor({ timeout: 30_000 });
  measurements.push(`details of the 50,000-execution task: first screen shown ${firstScreen} ms, first page ${Date.now() - opened} ms after the click`);
  // One page of findings or two (a suppressed finding has no execution): far from all of them.
  const firstHeading = /^(\d+) of \1 executions loaded so far$/.exec(await details.locator('#executions-heading').innerText());
  assert.ok(firstHeading && Number(firstHeading[1]) >= 100 && Number(firstHeading[1]) < 300, `heading: ${firstHeading?.[0]}`);
  assert.equal(await details.locator('#executions tbody tr[data-status]').count(), 100, 'a page of the table');
  assert.ok((await details.locator('.facts').innerText()).includes(`${total} of ${total} done`), 'the facts count every finding, from the task statistics');
  // Succeeded of all (the demo's suppressed finding is skipped).
  assert.match(await details.locator('.check-count').first().innerText(), new RegExp(`^\\d{2},\\d{3}/${total}$`));

  // Filter by a certificate id beyond its shortened part: the one execution of that certificate.
  const certificate = ((await details.locator('#executions td.resource').nth(7).getAttribute('title')) ?? '').split(' ').pop()!;
  assert.match(certificate, /^[0-9a-f]{64}$/);
  await details.locator('#filter').fill(certificate.slice(0, 24));
  await details.locator('#executions-heading', { hasText: new RegExp(`^1 of ${firstHeading[1]} executions loaded so far$`) }).waitFor();
  assert.equal(await details.locator('#executions tbody tr[data-status]').count(), 1);
  // Sorting by resource, then the next page, read from the extension host on demand.
  await details.locator('#filter').fill('');
  await details.locator('#executions-heading', { hasText: new RegExp(`^${firstHeading[1]} of ${firstHeading[1]} `) }).waitFor();
  await details.locator('th[data-column="resourceFull"]').click();
  await details.locator('th[data-column="resourceFull"][aria-sort="ascending"]').waitFor();
  await details.locator('#next-page').click();
  await details.locator('#page-number', { hasText: /^Page 2 of / }).waitFor();
  assert.match(await details.locator('#executions-heading').innerText(), /^(\d+) of \1 executions loaded so far$/);
  await details.locator('#previous-page').click();
  await details.locator('#page-number', { hasText: /^Page 1 of / }).waitFor();
  const shown = await details.locator('#executions td.resource').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('title') ?? ''));
  assert.deepEqual(shown, [...shown].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })), 'sorted by the whole resource id');

  for (const theme of THEMES) {
    await useTheme(theme);
    const themedDetails = await webview(`Task ${fleet.taskId}`);
    await themedDetails.locator('#executions tbody tr[data-status]').first().waitFor();
    // Shown again after the preview's tab, the webview loaded again and kept its sort.
    await themedDetails.locator('th[data-column="resourceFull"][aria-sort="ascending"]').waitFor();
    const resources = await themedDetails.locator('#executions td.resource').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('title') ?? ''));
    assert.deepEqual(resources, shown, `${theme.slug}: the same sorted first page after a reload`);
    const detailsMeasured = await measure(themedDetails, ['h1', '.facts dt', '.facts dd', '.check-name', '.check-count', '.legend-row', '#executions-heading', 'th', 'td', 'td.resource', 'td.status', 'td a', '#page-number']);
    await shot(`details-${theme.slug}`);
    const themedPreview = await webview(`Preview ${taskName}`);
    await themedPreview.locator('#preview-summary').waitFor();
    const previewMeasured = await measure(themedPreview, ['h1', '#preview-summary', '#action-counts td', '#preview-findings th', '#preview-findings td.resource']);
    await shot(`preview-${theme.slug}`);
    for (const [view, measured] of [['details', detailsMeasured], ['preview', previewMeasured]] as const) {
      const lowest = measured.elements.reduce((low, element) => (element.contrast < low.contrast ? element : low));
      measurements.push(`${view}, ${theme.slug}: lowest contrast ${lowest.contrast} (${lowest.selector}), text ≥ ${Math.min(...measured.elements.map((element) => element.fontSize))}px, editor font ${measured.editorFontSize}px`);
    }
    assertReadable(theme.slug, 'details', detailsMeasured);
    assertReadable(theme.slug, 'preview', previewMeasured);
    // No chart label cut off: each check name is whole, wrapped at most.
    const labels = await themedDetails.locator('.check-name').evaluateAll((cells) => cells.map((cell) => cell.scrollWidth <= cell.clientWidth + 1));
    assert.ok(labels.every(Boolean), `${theme.slug}: a chart label is clipped`);
  }
  process.stdout.write(`${measurements.join('\n')}\n`);
}
