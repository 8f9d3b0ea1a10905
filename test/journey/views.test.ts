/**
 * The sidebar trees on a 100,000-thing fleet, as a person meets them: code-server with the
 * packaged .vsix, Debian Chromium, the mouse and the keyboard. The bundled emulator is seeded
 * through its admin API with a generated fleet, an audit with more than 50,000 findings and a
 * task with as many executions; the trees show resources instead of ids, page with Load more,
 * and the emulator's request log proves that a render reads one page, not the fleet.
 * Screenshots go to test-results/screenshots/ (docs/screenshots/ with UPDATE_SCREENSHOTS=1).
 */
import { CreateMitigationActionCommand, DescribeAuditMitigationActionsTaskCommand, DescribeAuditTaskCommand, IoTClient, StartAuditMitigationActionsTaskCommand, StartOnDemandAuditTaskCommand } from '@aws-sdk/client-iot';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { codeServerBin, node24Bin, startCodeServer, type RunningCodeServer } from '../vscode/codeServer';
import { CONNECTION_STATUS, launchBrowser } from './browser';
import { descendants, isAlive, type ProcessInfo } from './processes';

const repoRoot = resolve(__dirname, '..', '..');
const vsix = join(repoRoot, 'dist', 'iot-mitigations.vsix');
const screenshots = process.env.UPDATE_SCREENSHOTS === '1' ? join(repoRoot, 'docs', 'screenshots') : join(repoRoot, 'test-results', 'screenshots');
const CHECK = 'DEVICE_CERTIFICATE_EXPIRING_CHECK';
const TASK = 'fleet-notify';
const PAGE = 50;
/** What goes into the .vsix: the package is rebuilt when any of these is newer than it. */
const PACKAGED = ['client', 'server', 'emulator', 'common', 'rehearsal', 'media', 'l10n', 'schemas', 'syntaxes', 'package.json', 'package.nls.json', 'language-configuration.json', '.vscodeignore'];

const dataDir = mkdtempSync(join(tmpdir(), 'mitigations-views-'));
const session = { server: undefined as RunningCodeServer | undefined, browser: undefined as BrowserContext | undefined, leftover: [] as ProcessInfo[], iot: undefined as IoTClient | undefined, emulator: '' };
let page: Page;

function packageIsStale(): boolean {
  if (!existsSync(vsix)) return true;
  // find prints the first packaged file newer than the .vsix, if any.
  const newer = spawnSync('find', [...PACKAGED.map((path) => join(repoRoot, path)), '-newer', vsix, '-print', '-quit'], { encoding: 'utf8' });
  return newer.stdout.trim().length > 0;
}

before(async () => {
  if (packageIsStale()) {
    const packaged = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8', timeout: 5 * 60_000 });
    assert.equal(packaged.status, 0, `npm run package failed:\n${packaged.stdout}${packaged.stderr}`);
  }
  cpSync(join(repoRoot, 'examples'), join(dataDir, 'examples'), { recursive: true });
  const installed = spawnSync(codeServerBin, ['--install-extension', vsix, '--user-data-dir', join(dataDir, 'ud'), '--extensions-dir', join(dataDir, 'ext')], {
    env: { ...process.env, PATH: `${node24Bin}:${process.env.PATH}`, XDG_CONFIG_HOME: join(dataDir, 'xdg-config'), XDG_DATA_HOME: join(dataDir, 'xdg-data') },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.match(`${installed.stdout}${installed.stderr}`, /successfully installed/);
  const settings = { 'workbench.colorTheme': 'Default Dark Modern', 'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'git.openRepositoryInParentFolders': 'never', 'mitigations.emulator.pace': 0, 'mitigations.pageSize': PAGE };
  session.server = await startCodeServer({ dataDir, settings });
  const launched = await launchBrowser(dataDir);
  session.browser = launched.context;
  page = launched.page;
  page.setDefaultTimeout(30_000);
  mkdirSync(screenshots, { recursive: true });
});

after(async () => {
  session.iot?.destroy();
  if (session.server) session.leftover = descendants(session.server.process.pid!);
  await session.browser?.close().catch(() => undefined);
  await session.server?.stop();
  for (const { pid } of session.leftover.filter((info) => isAlive(info.pid))) process.kill(pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
});

/** Polls until `probe` holds (for what happens outside the page). */
async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await probe()); await new Promise((wait) => setTimeout(wait, 200))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
  }
}

/** The views and their rows, as a person reaches them. */
const ui = {
  pane: (name: string) => page.locator('.pane', { has: page.locator('.pane-header', { hasText: name }) }),
  row: (paneName: string, text: string | RegExp) => ui.pane(paneName).locator('.monaco-list-row', { hasText: text }),
  /** Folds or unfolds a view by its header, as a click does. */
  async expanded(paneName: string, open: boolean) {
    const header = ui.pane(paneName).locator('.pane-header');
    if (((await header.getAttribute('aria-expanded')) === 'true') !== open) await header.click();
  },
  async refresh(paneName: string) {
    await ui.pane(paneName).locator('.pane-header').hover();
    await ui.pane(paneName).locator('.pane-header .action-label[aria-label="Refresh"]').click();
  },
  async shot(name: string) {
    await page.mouse.move(0, 450);
    await page.screenshot({ path: join(screenshots, `${name}.png`) });
  },
};

/** The bundled emulator's URL: the extension logs it when the emulator starts. */
async function emulatorUrl(): Promise<string> {
  if (session.emulator) return session.emulator;
  const logged = spawnSync('grep', ['-rhoE', 'The emulator is listening on http://127\\.0\\.0\\.1:[0-9]+', join(dataDir, 'ud', 'logs')], { encoding: 'utf8' });
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(logged.stdout)?.[0];
  if (url) session.emulator = url;
  return session.emulator;
}

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  await until('the extension logs the emulator URL', async () => (await emulatorUrl()) !== '', 30_000);
  const response = await fetch(`${session.emulator}/_emulator/${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await response.json()) as T;
  assert.ok(response.ok, `admin ${method} ${path}: ${JSON.stringify(json)}`);
  return json;
}

/** The API operations the emulator answered since the last look, counted by name. */
let mark = 0;
async function callsSince(): Promise<Record<string, number>> {
  const log = await admin<{ requests: { operation?: string }[]; lastSequence: number }>('GET', `requests?after=${mark}`);
  mark = log.lastSequence;
  return log.requests.reduce<Record<string, number>>((counts, { operation = '?' }) => ({ ...counts, [operation]: (counts[operation] ?? 0) + 1 }), {});
}

/** Steps run in order; after a failed one the rest are skipped rather than run on a broken screen. */
const failed: string[] = [];
function step(name: string, timeoutMs: number, body: () => Promise<void>): void {
  test(name, { timeout: timeoutMs }, async (context) => {
    if (failed.length > 0) return context.skip(`after the failed step "${failed[0]}"`);
    await body().catch(async (error: unknown) => {
      failed.push(name);
      await page.screenshot({ path: join(tmpdir(), 'mitigations-views-failure.png') }).catch(() => undefined);
      throw error;
    });
  });
}

let auditId = '';

step('the extension starts on the bundled emulator, seeded with 100,000 things, an audit and a task', 300_000, async () => {
  await page.goto(`${session.server!.url}/?folder=${encodeURIComponent(join(dataDir, 'examples'))}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // Opening the IoT Mitigations views activates the extension, which starts the bundled emulator.
  await page.locator('.activitybar .action-item .action-label[aria-label^="IoT Mitigations"]').click();
  await ui.pane('Audits').waitFor();
  await page.locator(`${CONNECTION_STATUS}:has(.codicon-beaker)`).waitFor({ timeout: 60_000 });
  const seeded = await admin<{ added: { generatedThings: number } }>('POST', 'seed', { generate: { things: 100_000, expiringPercent: 50 } });
  assert.equal(seeded.added.generatedThings, 100_000);
  const iot = (session.iot = new IoTClient({ endpoint: session.emulator, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEMULATORTEST', secretAccessKey: 'not-checked' } }));
  auditId = (await iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: [CHECK] }))).taskId!;
  await until('the audit ends', async () => (await iot.send(new DescribeAuditTaskCommand({ taskId: auditId }))).taskStatus === 'COMPLETED', 120_000);
  await iot.send(new CreateMitigationActionCommand({ actionName: 'FleetNotify', roleArn: 'arn:aws:iam::123456789012:role/IoTMitigationsRole', actionParams: { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:SecurityAlerts' } } }));
  await iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: TASK, target: { auditTaskId: auditId }, auditCheckToActionsMapping: { [CHECK]: ['FleetNotify'] }, clientRequestToken: TASK }));
  await until('the task ends', async () => (await iot.send(new DescribeAuditMitigationActionsTaskCommand({ taskId: TASK }))).taskStatus === 'COMPLETED', 180_000);
});

step('the Audits view labels the audit by what it found and pages its 50,000 findings', 120_000, async () => {
  await ui.expanded('Actions', false);
  await ui.expanded('Audits', true);
  await ui.refresh('Audits');
  const audit = ui.row('Audits', /On-demand audit · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · [5-9]\d{4} non-compliant/);
  await audit.first().waitFor();
  await audit.first().click();
  const check = ui.row('Audits', CHECK);
  await check.waitFor();
  await callsSince();
  await check.click();
  await ui.row('Audits', /^Device certificate [0-9a-f]{10}…/).first().waitFor();
  await ui.shot('11-audit-findings-by-resource');
  // One page: one ListAuditFindings, nothing per finding.
  // One findings page, and the suppressions that mark its rows.
  assert.deepEqual(await callsSince(), { ListAuditFindings: 1, ListAuditSuppressions: 1 });
  // The last row is Load more: End goes there, a click loads the next page.
  await ui.row('Audits', /^Device certificate /).first().click();
  await page.keyboard.press('End');
  const loadMore = ui.row('Audits', 'Load more…');
  await loadMore.waitFor();
  await callsSince();
  await loadMore.click();
  await until('Load more read the next page', async () => (await callsSince()).ListAuditFindings === 1, 30_000);
});

step('a finding\'s context menu offers its commands; Show Finding Details opens what and why', 60_000, async () => {
  // The view is scrolled to its end (Load more): the last finding drawn is on screen.
  const finding = ui.row('Audits', /^Device certificate /).last();
  const menu = page.locator('.context-view .monaco-menu');
  // A row's hover can appear as the menu opens and close it again: right-click until the menu stays.
  await until('the finding\'s context menu is open', async () => {
    await page.keyboard.press('Escape');
    await finding.click({ button: 'right' });
    return menu.locator('.action-label', { hasText: 'Show Finding Details' }).waitFor({ timeout: 5_000 }).then(() => true, () => false);
  }, 40_000);
  for (const title of ['Show Finding Details', 'Open Resource as JSON', 'Copy Finding ID', 'Start Mitigation Task for This Finding…']) {
    await menu.locator('.action-label', { hasText: title }).waitFor();
  }
  await ui.shot('12-finding-context-menu');
  await menu.locator('.action-label', { hasText: 'Show Finding Details' }).click();
  await page.locator('.editor-group-container .tab', { hasText: /^finding-/ }).first().waitFor();
  await page.locator('.monaco-editor .view-lines', { hasText: 'CERTIFICATE_APPROACHING_EXPIRATION' }).waitFor();
  await page.locator('.monaco-editor .view-lines', { hasText: /Things:.*device-\d{6}/ }).waitFor();
});

step('the Tasks view names the resource of each of the 50,000 executions, one page at a time', 120_000, async () => {
  await ui.expanded('Audits', false);
  await ui.expanded('Tasks', true);
  await ui.refresh('Tasks');
  const task = ui.row('Tasks', TASK);
  await task.waitFor();
  await task.click();
  const check = ui.row('Tasks', CHECK);
  await check.waitFor();
  assert.match(await check.innerText(), /[5-9]\d{4}\/[5-9]\d{4} succeeded/);
  await callsSince();
  await check.click();
  await ui.row('Tasks', /^FleetNotify → Device certificate [0-9a-f]{10}…/).first().waitFor();
  await ui.shot('13-task-executions-by-resource');
  const calls = await callsSince();
  assert.equal(calls.ListAuditFindings, 1, JSON.stringify(calls));
  assert.ok(calls.ListAuditMitigationActionsExecutions <= PAGE, JSON.stringify(calls));
  assert.deepEqual(Object.keys(calls).sort(), ['ListAuditFindings', 'ListAuditMitigationActionsExecutions']);
});
