/**
 * Cross-origin suite in a real browser (Debian Chromium driven by playwright-core): a page on
 * another origin tries what any web page can do without a preflight (text/plain fetches, a
 * form post, a beacon) against the admin API and the mitigation API. None of it may change
 * the emulator. The page's own server sees the same requests arrive with their Origin, which
 * proves the browser really sent them.
 */
import { CreateMitigationActionCommand, DescribeCertificateCommand, DescribeMitigationActionCommand, IoTClient, ListMitigationActionsCommand } from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext } from 'playwright-core';
import { DEMO, type RunningEmulator } from '../../emulator/index';
import { admin, iotClient, requireExecutable, startTestEmulator } from './helpers';

const CHROMIUM = '/usr/bin/chromium';
const ROLE = `arn:aws:iam::123456789012:role/${DEMO.mitigationRole}`;

/** What the attacking page does: every request a page can send cross-origin without a preflight. */
function attackPage(target: string, own: string): string {
  const action = JSON.stringify({ roleArn: ROLE, actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } } });
  return `<!doctype html><html><body>
<iframe name="sink"></iframe>
<form id="form" method="POST" action="${target}/_emulator/reset" enctype="text/plain" target="sink"><input name='{"seed":"empty","x":"' value='"}'></form>
<script>
window.attack = (async () => {
  const simple = (url, body) => fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body }).then(() => 'sent', (e) => 'error ' + e);
  const results = {};
  results.reset = await simple('${target}/_emulator/reset', '{"seed":"empty"}');
  results.seed = await simple('${target}/_emulator/seed', '{"roles":[{"roleName":"Evil","permissions":[]}]}');
  results.create = await simple('${target}/mitigationactions/actions/EvilDeactivate', ${JSON.stringify(action)});
  results.start = await simple('${target}/audit/mitigationactions/tasks/evil-task', JSON.stringify({ target: { findingIds: ['x'] }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['Deactivate'] }, clientRequestToken: 'evil' }));
  results.certificate = await fetch('${target}/certificates/${DEMO.certificates.healthy}?newStatus=INACTIVE', { method: 'PUT', mode: 'no-cors' }).then(() => 'sent', (e) => 'error ' + e);
  results.read = await fetch('${target}/_emulator/state').then((r) => r.text()).then((text) => 'read ' + text.length, (e) => 'blocked');
  results.beacon = navigator.sendBeacon('${target}/_emulator/reset', '{"seed":"empty"}');
  results.control = await simple('${own}/control', 'hello');
  document.getElementById('form').submit();
  await new Promise((resolve) => setTimeout(resolve, 500));
  return results;
})();
</script></body></html>`;
}

describe('emulator: cross-origin requests from a real browser (Chromium)', () => {
  let emulator: RunningEmulator;
  let iot: IoTClient;
  let page: Server;
  let pageUrl: string;
  let browser: BrowserContext;
  const arrivedAtPage: { path: string; origin?: string }[] = [];

  before(async () => {
    requireExecutable(CHROMIUM, 'install Debian Chromium with `apt-get install -y chromium`');
    emulator = await startTestEmulator();
    iot = iotClient(emulator);
    page = createServer((request, response) => {
      arrivedAtPage.push({ path: request.url ?? '', origin: request.headers.origin });
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end(attackPage(emulator.url, pageUrl));
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(page.address() as { port: number }).port}`;
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'iot-emulator-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    page?.close();
    iot?.destroy();
    await emulator?.close();
  });

  it('lets a page on another origin change nothing: no reset, no seed, no action, no task, no certificate update', async () => {
    await iot.send(new CreateMitigationActionCommand({ actionName: 'Marker', roleArn: ROLE, actionParams: { publishFindingToSnsParams: { topicArn: `arn:aws:sns:us-east-1:123456789012:${DEMO.topicName}` } } }));
    const before = await admin(emulator, 'GET', 'state');
    const tab = await browser.newPage();
    await tab.goto(`${pageUrl}/attack`);
    const results = (await tab.evaluate('window.attack')) as Record<string, unknown>;
    await tab.waitForTimeout(200); // let the form post land before the state is compared
    assert.equal(results.control, 'sent');
    assert.deepEqual(arrivedAtPage.find((request) => request.path === '/control'), { path: '/control', origin: pageUrl }, 'Chromium sends such requests, with the page origin');
    assert.equal(results.read, 'blocked', 'the page cannot read the emulator state either');
    assert.deepEqual(await admin(emulator, 'GET', 'state'), before, 'the emulator state is unchanged');
    assert.ok((await iot.send(new DescribeMitigationActionCommand({ actionName: 'Marker' }))).actionArn, 'no reset happened');
    assert.deepEqual((await iot.send(new ListMitigationActionsCommand({}))).actionIdentifiers?.map((action) => action.actionName), ['Marker']);
    assert.equal((await iot.send(new DescribeCertificateCommand({ certificateId: DEMO.certificates.healthy }))).certificateDescription?.status, 'ACTIVE');
  });

  it('still serves the same requests from a client that is not a web page (the control)', async () => {
    const response = await fetch(`${emulator.url}/mitigationactions/actions/NotFromAPage`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ roleArn: ROLE, actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } } }) });
    assert.equal(response.status, 200);
  });
});
