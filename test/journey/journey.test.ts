/**
 * The product as a person meets it: code-server (a real VS Code) with the packaged .vsix
 * installed, a copy of examples/ as the workspace, driven through Debian Chromium with the
 * keyboard and the mouse. Every step waits on what the screen shows, then asserts; the last
 * step checks through the emulator's admin API that the task really changed the fleet.
 * Screenshots of the key moments go to test-results/screenshots/; with UPDATE_SCREENSHOTS=1 they
 * replace the committed ones in docs/screenshots/ (the README and user guide use them).
 */
import { CreateScheduledAuditCommand, DescribeAuditMitigationActionsTaskCommand, IoTClient, ListAuditFindingsCommand, ListAuditMitigationActionsExecutionsCommand, ListAuditTasksCommand } from '@aws-sdk/client-iot';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { codeServerBin, node24Bin, startCodeServer, type RunningCodeServer } from '../vscode/codeServer';
import { CONNECTION_STATUS, launchBrowser } from './browser';
import { descendants, isAlive, type ProcessInfo } from './processes';

const repoRoot = resolve(__dirname, '..', '..');
const vsix = join(repoRoot, 'dist', 'iot-mitigations.vsix');
const screenshots = process.env.UPDATE_SCREENSHOTS === '1' ? join(repoRoot, 'docs', 'screenshots') : join(repoRoot, 'test-results', 'screenshots');
const FILE = 'quarantine-workflow.mitigation.json';
const TASK = 'quarantine-compromised-devices';

/** What goes into the .vsix (see .vscodeignore): a newer one of these means a stale package. */
const PACKAGED_SOURCES = ['client', 'server', 'emulator', 'common', 'rehearsal', 'media', 'l10n', 'schemas', 'syntaxes', 'package.json', 'package.nls.json', 'language-configuration.json', '.vscodeignore'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

/** The artefact users get: packaged here when missing or older than its sources. */
function ensurePackage(): void {
  const sources = Math.max(...PACKAGED_SOURCES.map((path) => newestMtime(join(repoRoot, path))));
  if (existsSync(vsix) && statSync(vsix).mtimeMs >= sources) return;
  const run = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8', timeout: 5 * 60_000 });
  assert.equal(run.status, 0, `npm run package failed:\n${run.stdout}${run.stderr}`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'mitigations-journey-'));
const workspace = join(dataDir, 'examples');
let server: RunningCodeServer | undefined;
let browser: BrowserContext | undefined;
let page: Page;
let serverTree: ProcessInfo[] = [];

before(async () => {
  ensurePackage();
  cpSync(join(repoRoot, 'examples'), workspace, { recursive: true });
  const env = { ...process.env, PATH: `${node24Bin}:${process.env.PATH}`, XDG_CONFIG_HOME: join(dataDir, 'xdg-config'), XDG_DATA_HOME: join(dataDir, 'xdg-data') };
  const install = spawnSync(codeServerBin, ['--install-extension', vsix, '--user-data-dir', join(dataDir, 'ud'), '--extensions-dir', join(dataDir, 'ext')], { env, encoding: 'utf8', timeout: 60_000 });
  assert.match(`${install.stdout}${install.stderr}`, /successfully installed/, 'code-server installs the packaged extension');
  server = await startCodeServer({
    dataDir,
    settings: {
      'workbench.colorTheme': 'Default Dark Modern',
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'git.openRepositoryInParentFolders': 'never',
      // Completion comes when asked for (Ctrl+Space), so a list that pops up on a typed quote
      // cannot race the keystrokes that follow it.
      'editor.suggestOnTriggerCharacters': false,
      'mitigations.tasks.refreshInterval': 1,
      // Slow enough to watch a task run, fast enough for the suite.
      'mitigations.emulator.pace': 400,
    },
  });
  ({ context: browser, page } = await launchBrowser(dataDir));
  page.setDefaultTimeout(30_000);
  mkdirSync(screenshots, { recursive: true });
});

after(async () => {
  if (server) serverTree = descendants(server.process.pid!);
  await browser?.close().catch(() => undefined);
  await server?.stop();
  // The extension host stops the language server and the emulator; anything left is killed.
  for (const info of serverTree) if (isAlive(info.pid)) process.kill(info.pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
});

// ---- what a person does, in words ----

async function shot(name: string): Promise<void> {
  await page.mouse.move(0, 450); // no stray hover in the picture
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

async function runCommand(title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input:focus').waitFor();
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Find in the editor, then close the find widget: the cursor stays on the (only) match. */
async function findInEditor(text: string): Promise<void> {
  await page.keyboard.press('Control+F');
  // Keys typed before the find input has focus would land in the document.
  const input = page.locator('.find-widget textarea[aria-label="Find"]');
  await page.locator('.find-widget textarea:focus').waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await eventually(`the find input holds ${text}`, async () => (await input.inputValue()) === text);
  await page.locator('.find-widget .matchesCount', { hasText: '1 of 1' }).waitFor();
  const widget = page.locator('.find-widget.visible');
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    try {
      await widget.waitFor({ state: 'detached', timeout: 3000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await editorFocused();
}

/** The next keys go to the text editor. */
async function editorFocused(): Promise<void> {
  await page.locator('.editor-instance .monaco-editor.focused').waitFor();
}

function pane(name: string): Locator {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: name }) });
}

function treeRow(paneName: string, text: string): Locator {
  return pane(paneName).locator('.monaco-list-row', { hasText: text });
}

function fileOnDisk(): string {
  return readFileSync(join(workspace, FILE), 'utf8');
}

/** Polls `probe` until it holds; for effects outside the page, such as files and processes. */
async function eventually(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    assert.ok(Date.now() < deadline, `timed out waiting until ${what}`);
    await new Promise((poll) => setTimeout(poll, 100));
  }
}

async function save(expected: string): Promise<void> {
  await page.keyboard.press('Control+S');
  await eventually(`the saved file contains ${expected}`, () => fileOnDisk().includes(expected)).catch((error: Error) => {
    throw new Error(`${error.message}; its lines now:\n${fileOnDisk().split('\n').filter((line) => line.includes('CA_CERT')).join('\n')}`);
  });
}

/** The bundled emulator's URL, from the extension's own log ("The emulator is listening on ..."). */
let emulator: string | undefined;
async function emulatorUrl(): Promise<string> {
  const logs = join(dataDir, 'ud', 'logs');
  const find = () => {
    for (const session of existsSync(logs) ? readdirSync(logs) : []) {
      for (const host of readdirSync(join(logs, session)).filter((name) => name.startsWith('exthost'))) {
        const log = join(logs, session, host, 'iot-mitigations.iot-mitigations', 'IoT Mitigations.log');
        const match = existsSync(log) ? /The emulator is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(readFileSync(log, 'utf8')) : null;
        if (match) emulator = match[1];
      }
    }
    return emulator !== undefined;
  };
  await eventually('the extension logs the emulator URL', find, 30_000);
  return emulator!;
}

type Row = [string, Record<string, unknown>];
async function emulatorTables(): Promise<Record<string, Row[]>> {
  const response = await fetch(`${await emulatorUrl()}/_emulator/state`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { tables: Record<string, Row[]> }).tables;
}

// ---- the journey ----

/** One step of the journey: after a failed step the later ones are skipped, not run on a broken screen. */
let broken: string | undefined;
function step(name: string, timeoutMs: number, body: () => Promise<void>): void {
  test(name, { timeout: timeoutMs }, async (context) => {
    if (broken) {
      context.skip(`an earlier step failed: ${broken}`);
      return;
    }
    try {
      await body();
    } catch (error) {
      broken = name;
      await page.screenshot({ path: join(tmpdir(), 'mitigations-journey-failure.png') }).catch(() => undefined);
      throw error;
    }
  });
}

let auditId = '';
let taskId = '';
let stateBeforeTask: Record<string, Row[]> = {};

step('opens an example file from Quick Open; the extension activates on the bundled emulator', 120_000, async () => {
  await page.goto(`${server!.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input:focus').waitFor();
  await page.keyboard.type(FILE);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: 'A complete quarantine workflow' }).waitFor();
  assert.equal(await page.locator('.statusbar-item[id="status.editor.mode"]').innerText(), 'Mitigation JSON');
  await page.locator(`${CONNECTION_STATUS}:has(.codicon-beaker)`).waitFor({ timeout: 60_000 });
  assert.match(await page.locator(CONNECTION_STATUS).innerText(), /Emulator/);
});

step('types a new mapping and accepts an action-name completion', 60_000, async () => {
  // Find the last mapping line, go to its end and start a new one.
  await findInEditor('"DEVICE_CERTIFICATE_AGE_CHECK": ["NotifySecurityTeam"]');
  await page.keyboard.press('End');
  await page.keyboard.type(',');
  await page.keyboard.press('Enter');
  // The editor closes brackets and quotes as they are typed.
  await page.keyboard.type('"CA_CERTIFICATE_EXPIRING_CHECK": ["Noti');
  // Suggestions open by themselves inside strings in mitigation files; Ctrl+Space on an open
  // widget would toggle its details pane instead, so ask only when it did not open.
  const widget = page.locator('.suggest-widget.visible');
  if (!(await widget.waitFor({ timeout: 3_000 }).then(() => true, () => false))) await page.keyboard.press('Control+Space');
  const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'NotifySecurityTeam' });
  await suggestion.waitFor();
  assert.match(await suggestion.innerText(), /PUBLISH_FINDING_TO_SNS/, 'the completion names the action type');
  await shot('01-completion');
  await page.keyboard.press('Enter');
  await page.locator('.suggest-widget').waitFor({ state: 'hidden' });
  await save('"CA_CERTIFICATE_EXPIRING_CHECK": ["NotifySecurityTeam"]');
});

step('a mistyped check name is underlined, listed in Problems and fixed with the quick fix', 60_000, async () => {
  await page.keyboard.press('End');
  await page.keyboard.type(',');
  await page.keyboard.press('Enter');
  await page.keyboard.type('"CA_CERTIFICATE_KEY_QUALITY_CHEK": ["NotifySecurityTeam');
  await save('"CA_CERTIFICATE_KEY_QUALITY_CHEK": ["NotifySecurityTeam"]');
  await page.locator('.monaco-editor .squiggly-error').first().waitFor();

  await page.keyboard.press('Control+Shift+M');
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'CA_CERTIFICATE_KEY_QUALITY_CHEK' });
  await problem.waitFor();
  const problemText = await problem.innerText();
  assert.match(problemText, /is not a Device Defender audit check\. Did you mean CA_CERTIFICATE_KEY_QUALITY_CHECK\?/);
  assert.match(problemText, /unknown-check/, 'the diagnostic has its stable code');

  // Open the problem in the editor, then ask for quick fixes there.
  await problem.click();
  await page.keyboard.press('Enter');
  await editorFocused();
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Change "CA_CERTIFICATE_KEY_QUALITY_CHEK" to "CA_CERTIFICATE_KEY_QUALITY_CHECK"' });
  // A menu asked for before the editor has the file's code actions says "No code actions" and
  // does not refresh: close it and ask again (at most three times); the fix must then be listed.
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.keyboard.press('Control+.');
    if (await fix.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
    await page.keyboard.press('Escape');
  }
  await fix.waitFor();
  await shot('02-quick-fix');
  await fix.click();
  await save('"CA_CERTIFICATE_KEY_QUALITY_CHECK": ["NotifySecurityTeam"]');
  await page.locator('.part.panel', { hasText: 'No problems have been detected' }).waitFor();
  assert.equal(await page.locator('.monaco-editor .squiggly-error').count(), 0);
  await page.keyboard.press('Control+J'); // close the panel again
  await page.locator('.part.panel').waitFor({ state: 'hidden' });
});

step('hovering a check name explains the check', 60_000, async () => {
  const name = page.locator('.monaco-editor .view-lines .view-line span span', { hasText: 'DEVICE_CERTIFICATE_SHARED_CHECK' }).first();
  const hover = page.locator('.monaco-hover:visible', { hasText: 'DEVICE_CERTIFICATE_SHARED_CHECK' }).first();
  // The mouse may rest where the last click left it, under another word's hover that stays while
  // the pointer moves toward it: start from the status bar each time, at most three times.
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.locator('.statusbar').hover();
    await page.keyboard.press('Escape');
    await name.hover();
    if (await hover.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
  }
  await hover.waitFor();
  const text = await hover.innerText();
  assert.match(text, /CRITICAL/);
  assert.match(text, /Several devices connected with the same certificate/);
  assert.match(text, /Applicable actions: .*UPDATE_DEVICE_CERTIFICATE/);
  await page.screenshot({ path: join(screenshots, '03-hover.png') });
  await page.keyboard.press('Escape');
});

step('deploys the file\'s actions after reviewing the plan; the Actions view lists them', 90_000, async () => {
  await runCommand('Mitigations: Deploy Actions from This File');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor();
  const plan = await dialog.innerText();
  assert.match(plan, /Deploy to emulator: 5 to create, 0 to update, 0 unchanged\?/);
  for (const name of ['NotifySecurityTeam', 'QuarantineDevice', 'DeactivateDeviceCertificate', 'BlankPolicy', 'EnableIoTLogging']) assert.ok(plan.includes(`+ ${name}`), `the plan creates ${name}`);
  await shot('04-deploy-plan');
  await dialog.locator('.monaco-button', { hasText: 'Deploy' }).click();
  await page.locator('.notifications-toasts .notification-toast', { hasText: 'Deployed to emulator: 5 created.' }).waitFor();

  await page.locator('.activitybar .action-item [aria-label^="IoT Mitigations"]').first().click();
  for (const name of ['BlankPolicy', 'DeactivateDeviceCertificate', 'EnableIoTLogging', 'NotifySecurityTeam', 'QuarantineDevice']) {
    await treeRow('Actions', name).waitFor();
  }
  assert.match(await treeRow('Actions', 'QuarantineDevice').innerText(), /Add things to thing group/);
});

step('runs an on-demand audit and sees it complete with non-compliant checks', 120_000, async () => {
  await runCommand('Mitigations: Run Audit Now');
  await page.locator('.quick-input-widget', { hasText: 'Run Audit Now: checks' }).waitFor();
  assert.ok(await page.locator('.quick-input-list .monaco-list-row').count() > 1, 'the enabled checks are offered');
  await page.keyboard.press('Enter'); // all enabled checks are pre-selected
  const started = page.locator('.statusbar-item', { hasText: 'Started audit' });
  await started.waitFor();
  auditId = /Started audit (\S+)/.exec(await started.innerText())![1];

  // The Audits view follows the audit it started: no Refresh press. When the audit ends, a
  // notification says what it found and the audit stands first (under Schedules), labelled by kind, start and counts.
  await page.locator('.notifications-toasts .notification-toast', { hasText: /Audit finished: On-demand audit · .* non-compliant/ }).waitFor({ timeout: 90_000 });
  await treeRow('Audits', 'Schedules').waitFor();
  const audit = pane('Audits').locator('.monaco-list-row').nth(1);
  await audit.locator('.codicon-pass').waitFor();
  assert.match(await audit.innerText(), /On-demand audit · \d{4}-\d\d-\d\d \d\d:\d\d · \d+ non-compliant, \d+ critical/);
  await audit.click();
  const check = treeRow('Audits', 'DEVICE_CERTIFICATE_SHARED_CHECK');
  await check.waitFor();
  assert.match(await check.innerText(), /[1-9]\d* non-compliant of \d+/);
  await shot('05-audit');
  await audit.click(); // collapse it again
});

step('starts the task from its CodeLens on that audit and watches it run to completion', 120_000, async () => {
  stateBeforeTask = await emulatorTables();
  // The CodeLens sits just above the task's line.
  await page.locator('.editor-group-container .tab', { hasText: FILE }).click();
  await page.locator('.monaco-editor .view-lines').first().click();
  await findInEditor(`"${TASK}": {`);
  const taskLine = page.locator('.monaco-editor .view-line', { hasText: `"${TASK}": {` });
  await taskLine.waitFor();
  const lenses = page.locator('.monaco-editor .codelens-decoration', { hasText: 'Start task' });
  await lenses.first().waitFor();
  // The editor renders the lenses of lines it has just scrolled to a moment later: look again
  // until the one right above the task's line is there.
  let lens: Locator | undefined;
  let lineTop = 0;
  let lensTop = -Infinity;
  const lensAboveTask = async () => {
    lineTop = (await taskLine.boundingBox())!.y;
    [lens, lensTop] = [undefined, -Infinity];
    for (const candidate of await lenses.all()) {
      const box = await candidate.boundingBox();
      if (box && box.y < lineTop && box.y > lensTop) [lens, lensTop] = [candidate, box.y];
    }
    return lens !== undefined && lineTop - lensTop < 40;
  };
  await eventually('a "Start task" CodeLens stands right above the task', lensAboveTask).catch(() => undefined);
  assert.ok(lens && lineTop - lensTop < 40, 'a "Start task" CodeLens right above the task');
  await lens.locator('a', { hasText: 'Start task' }).click();

  await page.locator('.quick-input-widget', { hasText: `Start ${TASK}: which audit?` }).waitFor();
  const auditChoice = page.locator('.quick-input-list .monaco-list-row', { hasText: auditId });
  await auditChoice.waitFor();
  await shot('06-start-task-pick-audit');
  await auditChoice.click();
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Started mitigation task' });
  await toast.waitFor();
  taskId = new RegExp(`Started mitigation task (${TASK}-\\d{8}T\\d{6}Z)`).exec(await toast.innerText())![1];

  // Running: a spinning icon and progress; then a check mark, without touching anything.
  const task = treeRow('Tasks', taskId);
  // Running: the spinner and the progress ("44% (4/9)") in one rendering of the row.
  await task.filter({ has: page.locator('.codicon-loading'), hasText: /\d+% \(\d+\/\d+\)/ }).waitFor({ timeout: 15_000 });
  await shot('07-task-running');
  await task.locator('.codicon-pass').waitFor({ timeout: 90_000 });
  assert.match(await task.innerText(), /completed/);
  await page.locator('.notifications-toasts .notification-toast', { hasText: `Mitigation task ${taskId} completed` }).waitFor();
});

step('expands the task into per-check statistics and executions', 60_000, async () => {
  // Make room: fold the Actions and Audits views away.
  for (const name of ['Actions', 'Audits']) {
    const header = pane(name).locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }
  await treeRow('Tasks', taskId).click();
  const check = treeRow('Tasks', 'DEVICE_CERTIFICATE_SHARED_CHECK');
  await check.waitFor();
  assert.match(await check.innerText(), /(\d+)\/\1 succeeded/);
  await check.click();
  for (const action of ['NotifySecurityTeam', 'QuarantineDevice', 'DeactivateDeviceCertificate']) {
    const execution = treeRow('Tasks', `${action} → `);
    await execution.first().waitFor();
    assert.match(await execution.first().innerText(), /completed/);
  }
  await shot('08-task-executions');
});

step('opens the task details: the chart and the executions table', 60_000, async () => {
  const task = treeRow('Tasks', taskId);
  await task.hover();
  await task.locator('.action-label[aria-label="Show Task Details"]').click();
  const view = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
  await view.locator('.chart').waitFor();
  assert.equal(await view.locator('#task-status').innerText(), 'COMPLETED');
  assert.ok(await view.locator('.chart rect.segment').count() > 0, 'the chart has bars');
  const executions = (await emulatorTables()).executions.filter(([, execution]) => execution.taskId === taskId);
  assert.equal(await view.locator('table tbody tr').count(), executions.length, 'one table row per execution');
  await shot('09-task-details');
});

step('the emulator confirms it: certificates deactivated, things moved to the Quarantine group', 30_000, async () => {
  const stateAfterTask = await emulatorTables();
  const findings = new Map(stateAfterTask.findings);
  const executions = stateAfterTask.executions.map(([, execution]) => execution).filter((execution) => execution.taskId === taskId);
  const certificateOf = (findingId: unknown) => ((findings.get(String(findingId))?.nonCompliantResource as { resourceIdentifier?: { deviceCertificateId?: string } } | undefined)?.resourceIdentifier?.deviceCertificateId);

  const deactivated = executions.filter((execution) => execution.actionName === 'DeactivateDeviceCertificate' && execution.status === 'COMPLETED').map((execution) => certificateOf(execution.findingId));
  assert.ok(deactivated.length > 0, 'the task deactivated at least one certificate');
  const statusBefore = new Map(stateBeforeTask.certificates.map(([id, certificate]) => [id, certificate.status]));
  const statusAfter = new Map(stateAfterTask.certificates.map(([id, certificate]) => [id, certificate.status]));
  for (const id of deactivated) {
    assert.ok(id, 'each deactivation names a device certificate');
    assert.equal(statusBefore.get(id), 'ACTIVE', `${id} was active before the task`);
    assert.equal(statusAfter.get(id), 'INACTIVE', `${id} is inactive after the task`);
  }

  const quarantined = executions.filter((execution) => execution.actionName === 'QuarantineDevice' && execution.status === 'COMPLETED').map((execution) => certificateOf(execution.findingId));
  assert.ok(quarantined.length > 0, 'the task quarantined at least one device');
  const groupsBefore = new Map(stateBeforeTask.things.map(([name, thing]) => [name, thing.groupNames as string[]]));
  for (const id of quarantined) {
    const things = stateAfterTask.things.map(([, thing]) => thing).filter((thing) => (thing.principals as string[]).includes(id!));
    assert.ok(things.length > 0, `certificate ${id} belongs to a thing`);
    for (const thing of things) {
      assert.ok(!groupsBefore.get(String(thing.thingName))?.includes('Quarantine'), `${thing.thingName} was not quarantined before`);
      assert.ok((thing.groupNames as string[]).includes('Quarantine'), `${thing.thingName} is in Quarantine now`);
    }
  }
  const notified = stateAfterTask.snsMessages.filter(([, message]) => String(message.message).includes(taskId));
  assert.ok(notified.length > 0, 'the security team got SNS messages about the findings');
});

step('the walkthrough shows its steps, from connecting to inspecting executions', 60_000, async () => {
  const nls = JSON.parse(readFileSync(join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
  await runCommand('Welcome: Open Walkthrough...');
  const choice = page.locator('.quick-input-list .monaco-list-row', { hasText: nls['walkthrough.title'] });
  await choice.waitFor();
  await choice.click();
  const walkthrough = page.locator('.gettingStartedContainer');
  await walkthrough.locator('h2', { hasText: nls['walkthrough.title'] }).first().waitFor();
  for (const id of ['connect', 'file', 'deploy', 'audit', 'task', 'inspect']) {
    await walkthrough.locator('.getting-started-step', { hasText: nls[`walkthrough.${id}.title`] }).waitFor();
  }
  await shot('10-walkthrough');
});

// ---- the audit loop: suppress an accepted finding, live until a scheduled audit, mitigate around it ----

const EXPIRING = 'DEVICE_CERTIFICATE_EXPIRING_CHECK';
const SCHEDULE = 'NightlyExpiring';
const DAY_MS = 86_400_000;
let suppressedFinding = '';
let scheduledAuditId = '';

function iotClient(url: string): IoTClient {
  return new IoTClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEMULATORTEST', secretAccessKey: 'not-checked' } });
}

async function emulatorAdmin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${await emulatorUrl()}/_emulator/${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  assert.ok(response.ok, `admin ${method} ${path}: ${response.status}`);
  return (await response.json()) as T;
}

async function refreshAudits(): Promise<void> {
  await pane('Audits').locator('.pane-header').hover();
  await pane('Audits').locator('.pane-header .action-label[aria-label="Refresh"]').click();
}

/** The finding's row label (its resource), as the tree draws it: "Device certificate 3f2a8c01d4…". */
async function resourceLabel(row: Locator): Promise<string> {
  return (await row.locator('.label-name').innerText()).trim();
}

/** Suppress Finding… from a finding's context menu: the reason, the expiry, then where it goes. */
async function suppressFromMenu(row: Locator, reason: string, expiry: string): Promise<void> {
  const input = page.locator('.quick-input-widget', { hasText: 'Why is this finding accepted?' });
  // The tree may redraw the row under the menu (its audit follows itself): open the menu again then.
  for (let attempt = 1; ; attempt++) {
    await row.click({ button: 'right' });
    // Chosen with the keyboard: a pointer click on the menu's last item was seen not to run it.
    const item = page.locator('.context-view .monaco-menu .action-item', { hasText: 'Suppress Finding…' });
    await item.hover();
    await page.keyboard.press('Enter');
    try {
      await input.waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await page.keyboard.type(reason);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: expiry }).first().click();
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Apply to emulator now' }).click();
}

step('suppresses one expiring certificate\'s finding from its context menu, with a reason, for 30 days', 90_000, async () => {
  for (const name of ['Tasks', 'Actions']) {
    const header = pane(name).locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }
  const audits = pane('Audits').locator('.pane-header');
  if ((await audits.getAttribute('aria-expanded')) !== 'true') await audits.click();
  const audit = treeRow('Audits', 'On-demand audit').first();
  await audit.click();
  await treeRow('Audits', EXPIRING).click();
  // One the demo does not already suppress.
  const finding = pane('Audits').locator('.monaco-list-row', { hasText: /^Device certificate / }).filter({ hasNotText: 'suppressed' }).first();
  await finding.waitFor();
  suppressedFinding = await resourceLabel(finding);
  await suppressFromMenu(finding, 'Tracker fleet renews its certificates next month', '30 days');
  const until = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + 30 * DAY_MS).toISOString().slice(0, 10);
  const marked = treeRow('Audits', suppressedFinding).filter({ hasText: `suppressed until ${until}` });
  await marked.waitFor();
  await shot('14-finding-suppressed');
  const suppressions = (await emulatorTables()).suppressions.map(([, suppression]) => suppression);
  assert.ok(suppressions.some((suppression) => suppression.checkName === EXPIRING && suppression.description === 'Tracker fleet renews its certificates next month'), 'CreateAuditSuppression reached the emulator');
  await treeRow('Audits', 'On-demand audit').first().click(); // fold it again
});

step('schedules a daily audit and moves the emulator clock to its run; the Schedules node shows its next and last run', 120_000, async () => {
  const url = await emulatorUrl();
  const iot = iotClient(url);
  try {
    await iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: SCHEDULE, frequency: 'DAILY', targetCheckNames: [EXPIRING] }));
    await refreshAudits();
    await treeRow('Audits', 'Schedules').click();
    const schedule = treeRow('Audits', SCHEDULE);
    await schedule.filter({ hasText: /daily · next \d{4}-\d\d-\d\d 00:00 · not run yet/ }).waitFor();
    const next = /next (\d{4}-\d\d-\d\d) 00:00/.exec(await schedule.innerText())![1];

    // To the run time the view shows, and a minute past it: the emulator starts the audit at once.
    const now = Date.parse((await emulatorAdmin<{ now: string }>('GET', 'settings')).now);
    await emulatorAdmin('POST', 'settings', { advanceClockMs: Date.parse(`${next}T00:00:00Z`) - now + 60_000 });
    const window = { startTime: new Date(now), endTime: new Date(now + 2 * DAY_MS), taskType: 'SCHEDULED_AUDIT_TASK' as const };
    await eventually('the scheduled audit completes', async () => {
      const [task] = (await iot.send(new ListAuditTasksCommand(window))).tasks ?? [];
      scheduledAuditId = task?.taskId ?? '';
      return task?.taskStatus === 'COMPLETED';
    }, 60_000);
    await refreshAudits();
    // The Audits view lists the scheduled audit: its window follows the emulator's moved clock.
    await treeRow('Audits', 'Scheduled audit').waitFor();
    const following = new Date(Date.parse(`${next}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    await schedule.filter({ hasText: new RegExp(`daily · next ${following} 00:00 · last ${next} 00:0\\d completed`) }).waitFor();
    await schedule.hover();
    await page.locator('.monaco-hover', { hasText: 'AWS picks the time of day' }).waitFor();
    await shot('15-schedules');
  } finally {
    iot.destroy();
  }
});

step('a task over the scheduled audit, started from the Tasks view\'s wizard, skips the suppressed findings', 240_000, async () => {
  await treeRow('Audits', 'Schedules').click(); // fold the schedules
  await treeRow('Audits', 'Scheduled audit').click();
  await treeRow('Audits', EXPIRING).click();
  // Suppressed before the audit ran: the audit marked it, and the view names the suppression.
  await treeRow('Audits', suppressedFinding).filter({ hasText: 'suppressed until' }).waitFor();
  // Accepted after the audit ran: the task reaches its execution and skips it.
  const another = pane('Audits').locator('.monaco-list-row', { hasText: /^Device certificate / }).filter({ hasNotText: 'suppressed' }).first();
  await another.waitFor();
  const anotherLabel = await resourceLabel(another);
  await suppressFromMenu(another, 'Replaced in the lab next week', 'Indefinitely');
  await treeRow('Audits', anotherLabel).filter({ hasText: 'suppressed indefinitely' }).waitFor();

  // The Tasks view's own Start button; its wizard's first step picks the audit.
  await pane('Audits').locator('.pane-header').click(); // fold the Audits view: room for the Tasks view
  const tasksHeader = pane('Tasks').locator('.pane-header');
  if ((await tasksHeader.getAttribute('aria-expanded')) !== 'true') await tasksHeader.click();
  await tasksHeader.hover();
  await tasksHeader.locator('.action-label[aria-label^="Start Mitigation Task"]').click();
  await page.locator('.quick-input-widget', { hasText: 'Start Mitigation Task (1/4): audit' }).waitFor();
  // The picker counts its 90 days from the emulator's moved clock: the scheduled audit, newest, comes first.
  const newest = page.locator('.quick-input-list .monaco-list-row').first();
  await newest.filter({ hasText: scheduledAuditId }).waitFor();
  assert.match(await newest.innerText(), /Scheduled audit · \d{4}-\d\d-\d\d 00:0\d/);
  await newest.click();
  await page.locator('.quick-input-widget', { hasText: 'Start Mitigation Task (2/4)' }).waitFor();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: EXPIRING }).click();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget', { hasText: 'Start Mitigation Task (3/4)' }).waitFor();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'NotifySecurityTeam' }).click();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget', { hasText: 'Start Mitigation Task (4/4)' }).waitFor();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Start task' }).click();
  // The wizard names the task after the audit: mitigate-<its id's first 12 characters>-<start time>.
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: `Started mitigation task mitigate-${scheduledAuditId.slice(0, 12)}-` });
  await toast.waitFor();
  const started = /Started mitigation task (\S+)\./.exec(await toast.innerText())![1];

  // The Tasks view lists it (its window follows the emulator's clock too) and follows it to its end.
  const task = treeRow('Tasks', started);
  await task.locator('.codicon-pass').waitFor({ timeout: 120_000 });
  // The first task also mapped this check: fold it, so the rows below the new task are its own.
  const firstTask = treeRow('Tasks', taskId);
  if ((await firstTask.getAttribute('aria-expanded')) === 'true') await firstTask.click();
  await task.click();
  // The newest task stands first, its checks right below it.
  const check = treeRow('Tasks', EXPIRING).first();
  await check.filter({ hasText: /\d+\/\d+ succeeded, \d+ skipped/ }).waitFor();
  const skippedCount = Number(/(\d+) skipped/.exec(await check.innerText())![1]);
  assert.ok(skippedCount >= 2, `both suppressed findings are counted skipped: ${await check.innerText()}`);
  await check.click();
  const skippedRow = treeRow('Tasks', `NotifySecurityTeam → ${anotherLabel}`).filter({ hasText: 'skipped' }).first();
  await skippedRow.waitFor();
  assert.match(await skippedRow.innerText(), /skipped · Skipped because the finding is suppressed \(audit finding suppression\)\./);

  // The details: the skipped execution's row says why.
  await task.hover();
  await task.locator('.action-label[aria-label="Show Task Details"]').click();
  await page.locator('.editor-group-container .tab.active', { hasText: started }).waitFor();
  const view = page.frameLocator('iframe.webview:visible').frameLocator('iframe#active-frame');
  await view.locator('#task-status', { hasText: 'COMPLETED' }).waitFor();
  const skipped = view.locator('table tbody tr[data-status="SKIPPED"]');
  await skipped.first().waitFor();
  assert.match(await skipped.first().innerText(), /Skipped because the finding is suppressed \(audit finding suppression\)\./);
  assert.match(await view.locator('.check-count').first().getAttribute('title') ?? '', /\d+ skipped/);
  await shot('16-task-skips-suppressed');

  // What the account says, through the SDK: executions per finding, the task's target and statistics.
  const iot = iotClient(await emulatorUrl());
  try {
    const listed = (await iot.send(new ListAuditFindingsCommand({ taskId: scheduledAuditId, checkName: EXPIRING, maxResults: 250 }))).findings ?? [];
    // A row's label shortens the certificate id: "Device certificate 3f2a8c01d4…".
    const findingOf = (label: string) => listed.find((finding) => label.includes(finding.nonCompliantResource?.resourceIdentifier?.deviceCertificateId?.slice(0, 10) ?? '-'));
    const executionsOf = async (label: string) => (await iot.send(new ListAuditMitigationActionsExecutionsCommand({ taskId: started, findingId: findingOf(label)!.findingId! }))).actionsExecutions ?? [];
    assert.equal(findingOf(suppressedFinding)?.isSuppressed, true, 'the scheduled audit found the first one suppressed');
    assert.deepEqual(await executionsOf(suppressedFinding), [], 'the finding suppressed before the audit gets no execution');
    const ofAnother = await executionsOf(anotherLabel);
    assert.deepEqual(ofAnother.map((execution) => [execution.actionName, execution.status, execution.message]), [['NotifySecurityTeam', 'SKIPPED', 'Skipped because the finding is suppressed (audit finding suppression).']], 'the one suppressed after it is skipped, saying why');
    const described = await iot.send(new DescribeAuditMitigationActionsTaskCommand({ taskId: started }));
    assert.equal(described.target?.auditTaskId, scheduledAuditId, 'the task is over the scheduled audit');
    assert.ok((described.taskStatistics?.[EXPIRING]?.skippedFindingsCount ?? 0) >= 2, `both suppressed findings are skipped: ${JSON.stringify(described.taskStatistics)}`);
  } finally {
    iot.destroy();
  }
});
