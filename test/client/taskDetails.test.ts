/**
 * The task details view's model and HTML: executions read page by page through the real SDK from
 * an in-process emulator (a generated fleet, an audit, a task), filtered and sorted on every
 * column including the finding's resource, and the page that renders them.
 */
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { IotApi } from '../../client/shared/model/iotApi';
import { escapeHtml } from '../../client/shared/model/webviewPage';
import { checkExecutionsPage, ExecutionPager, filterRows, findingsPage, FIRST_SCREEN, sortRows, viewPage, type ExecutionRow } from '../../client/tasks/model/executionRows';
import { renderExecutionsHeading, renderReadingFailed, renderTaskDetailsHtml } from '../../client/tasks/model/taskDetailsHtml';
import { iotClient, startTestEmulator } from '../emulator/helpers';
import { buildFleetTask, type FleetTask } from '../journey/fleetTask';
import type { RunningEmulator } from '../../emulator/index';
import type { IoTClient } from '@aws-sdk/client-iot';

let emulator: RunningEmulator;
let client: IoTClient;
let fleet: FleetTask;

before(async () => {
  emulator = await startTestEmulator({ seed: 'empty' });
  client = iotClient(emulator);
  fleet = await buildFleetTask(emulator.url, { things: 500, expiringPercent: 50, taskId: 'fleet-task' });
});

after(async () => {
  client.destroy();
  await emulator.close();
});

/** Counts the calls the pager makes, on the real API. */
function countingApi(): { api: IotApi; calls: Map<string, number> } {
  const api = new IotApi(client);
  const calls = new Map<string, number>();
  const count = (name: string) => calls.set(name, (calls.get(name) ?? 0) + 1);
  const source = {
    listFindings: (...args: Parameters<IotApi['listFindings']>) => { count('ListAuditFindings'); return api.listFindings(...args); },
    describeFinding: (id: string) => { count('DescribeAuditFinding'); return api.describeFinding(id); },
    listExecutions: (taskId: string, findingId: string) => { count('ListAuditMitigationActionsExecutions'); return api.listExecutions(taskId, findingId); },
  };
  return { api: source as unknown as IotApi, calls };
}

async function describedTask() {
  return { ...(await new IotApi(client).describeTask(fleet.taskId)), taskId: fleet.taskId };
}

test('the fleet task has one finding per expiring certificate, all mitigated', async () => {
  assert.equal(fleet.findings, 250);
  const task = await describedTask();
  assert.equal(task.taskStatus, 'COMPLETED');
  assert.equal(task.taskStatistics?.DEVICE_CERTIFICATE_EXPIRING_CHECK?.succeededFindingsCount, 250);
});

test('executions load as many findings as rows are wanted: a first screen, then the rest of the page, each row with its finding\'s check, severity and resource', async () => {
  const { api, calls } = countingApi();
  const pager = new ExecutionPager(api, await describedTask(), { findingsPerPage: 100, maxRows: 10_000 });
  await pager.ensure(FIRST_SCREEN);
  assert.equal(pager.rows.length, FIRST_SCREEN, 'a first screen of findings, one execution each');
  assert.equal(calls.get('ListAuditFindings'), 1);
  assert.equal(calls.get('ListAuditMitigationActionsExecutions'), FIRST_SCREEN);
  assert.equal(pager.complete, false);
  await pager.ensure(100);
  assert.equal(pager.rows.length, 100, 'the rest of the page: only the findings still wanted');
  assert.equal(calls.get('ListAuditFindings'), 2);
  assert.equal(calls.get('ListAuditMitigationActionsExecutions'), 100);
  const row = pager.rows[0];
  assert.equal(row.checkName, 'DEVICE_CERTIFICATE_EXPIRING_CHECK');
  assert.equal(row.resourceKind, 'Device certificate');
  assert.match(row.resourceFull, /^[0-9a-f]{64}$/);
  assert.equal(row.resourceShort, `${row.resourceFull.slice(0, 10)}…`);
  assert.equal(row.status, 'COMPLETED');
  assert.equal(row.actionName, 'fleet-task-notify');
  assert.ok(row.severity.length > 0);
  await pager.ensure(10_000);
  assert.equal(pager.rows.length, 250);
  assert.equal(pager.complete, true);
  assert.equal(calls.get('ListAuditFindings'), 4, 'at most a page of findings a request: 25, 75, 100, 50');
  assert.equal(calls.get('ListAuditMitigationActionsExecutions'), 250);
  assert.equal(new Set(pager.rows.map((each) => each.findingId)).size, 250, 'no finding twice');
});

test('the row limit bounds what is held, however large the task', async () => {
  const pager = new ExecutionPager(new IotApi(client), await describedTask(), { findingsPerPage: 100, maxRows: 150 });
  await pager.ensure(Number.MAX_SAFE_INTEGER);
  assert.equal(pager.rows.length, 150);
  assert.equal(pager.capped, true);
  assert.equal(pager.complete, true);
});

test('a task over listed findings reads them through DescribeAuditFinding', async () => {
  const listed = (await new IotApi(client).listFindings({ taskId: fleet.auditTaskId }, undefined, 3)).items.map((finding) => finding.findingId!);
  const { api, calls } = countingApi();
  const task = { taskId: fleet.taskId, target: { findingIds: listed }, taskStatistics: { DEVICE_CERTIFICATE_EXPIRING_CHECK: {} } };
  const pager = new ExecutionPager(api, task, { findingsPerPage: 2, maxRows: 100 });
  await pager.ensure(100);
  assert.deepEqual(pager.rows.map((row) => row.findingId), listed);
  assert.equal(calls.get('DescribeAuditFinding'), 3);
  assert.equal(calls.get('ListAuditFindings'), undefined);
});

test('the Tasks view and the details pager read findings alike: a listed target by offset, of one check or of any', async () => {
  const listed = (await new IotApi(client).listFindings({ taskId: fleet.auditTaskId }, undefined, 3)).items.map((finding) => finding.findingId!);
  const api = new IotApi(client);
  const task = { taskId: fleet.taskId, target: { findingIds: listed } };
  const first = await findingsPage(api, task, undefined, undefined, 2);
  assert.deepEqual(first.items.map((finding) => finding.findingId), listed.slice(0, 2));
  assert.equal(first.nextToken, '2');
  const last = await findingsPage(api, task, 'DEVICE_CERTIFICATE_EXPIRING_CHECK', first.nextToken, 2);
  assert.deepEqual([last.items.map((finding) => finding.findingId), last.nextToken], [listed.slice(2), undefined]);
  assert.deepEqual((await findingsPage(api, task, 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK', undefined, 3)).items, [], 'a check none of them is of');
  const executions = await checkExecutionsPage(api, { ...task, target: { auditTaskId: fleet.auditTaskId } }, 'DEVICE_CERTIFICATE_EXPIRING_CHECK', undefined, 5);
  assert.equal(executions.items.length, 5);
  assert.ok(executions.nextToken, 'more findings of the check to read');
  assert.ok(executions.items.every(({ execution, finding }) => execution.findingId === finding.findingId && finding.checkName === 'DEVICE_CERTIFICATE_EXPIRING_CHECK'));
});

const rows: ExecutionRow[] = [
  { findingId: 'f1', checkName: 'DEVICE_CERTIFICATE_EXPIRING_CHECK', severity: 'MEDIUM', resourceKind: 'Device certificate', resourceShort: 'a3f29c81d0…', resourceFull: 'a3f29c81d07e4b6a', actionName: 'Notify', status: 'COMPLETED', error: '', started: '2026-01-01 10:00 UTC' },
  { findingId: 'f2', checkName: 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK', severity: 'CRITICAL', resourceKind: 'Policy', resourceShort: 'FleetPolicy v3', resourceFull: 'FleetPolicy v3', actionName: 'Replace', status: 'FAILED', error: 'AccessDenied: no', started: '2026-01-01 09:00 UTC' },
  { findingId: 'f10', checkName: 'DEVICE_CERTIFICATE_SHARED_CHECK', severity: 'CRITICAL', resourceKind: 'Device certificate', resourceShort: 'b7c0…', resourceFull: 'b7c0ffee99', actionName: 'Notify', status: 'COMPLETED', error: '', started: '2026-01-01 11:00 UTC' },
];

test('the filter matches every word on any column, the resource\'s full id included', () => {
  assert.deepEqual(filterRows(rows, 'a3f29c81d07e').map((row) => row.findingId), ['f1'], 'past the shortened part of the id');
  assert.deepEqual(filterRows(rows, 'policy failed').map((row) => row.findingId), ['f2']);
  assert.deepEqual(filterRows(rows, 'critical').map((row) => row.findingId), ['f2', 'f10']);
  assert.deepEqual(filterRows(rows, '  ').map((row) => row.findingId), ['f1', 'f2', 'f10']);
  assert.deepEqual(filterRows(rows, 'nothing-like-this'), []);
});

test('sorting by resource, severity or id, in both directions, with numbers in order', () => {
  assert.deepEqual(sortRows(rows, 'resourceFull', true).map((row) => row.findingId), ['f1', 'f10', 'f2']);
  assert.deepEqual(sortRows(rows, 'findingId', true).map((row) => row.findingId), ['f1', 'f2', 'f10']);
  assert.deepEqual(sortRows(rows, 'started', false).map((row) => row.findingId), ['f10', 'f1', 'f2']);
});

test('a view page counts what the filter shows and clamps a page past the end', () => {
  const page = viewPage(rows, { filter: 'notify', ascending: true, page: 7 }, 1);
  assert.deepEqual([page.matching, page.loaded, page.page, page.pages], [2, 3, 1, 2]);
  assert.deepEqual(page.rows.map((row) => row.findingId), ['f10']);
  assert.equal(renderExecutionsHeading(page, true), '2 of 3 executions');
  assert.equal(renderExecutionsHeading(page, false), '2 of 3 executions loaded so far');
});

test('details HTML: strict CSP, escaped content, facts on their own line, labels whole, resources short with the full id on hover', () => {
  const page = viewPage([{ ...rows[1], error: '<script>alert(1)</script>' }, rows[0]], { filter: '', ascending: true, page: 0 }, 100);
  const html = renderTaskDetailsHtml(
    {
      taskId: 't<1>',
      taskStatus: 'FAILED',
      startTime: new Date('2026-01-01T09:00:00Z'),
      taskStatistics: { DEVICE_CERTIFICATE_EXPIRING_CHECK: { totalFindingsCount: 4, succeededFindingsCount: 1, failedFindingsCount: 1 } },
      target: { auditTaskId: 'audit-1' },
      view: { filter: '"x', sortColumn: 'resourceFull', ascending: false, page: 0 },
      page,
      complete: false,
    },
    { cspSource: 'vscode-resource:', nonce: 'abc', scriptUri: 'x.js', styleUri: 'x.css' },
  );
  assert.match(html, /default-src 'none'; img-src vscode-resource:; style-src vscode-resource:; script-src 'nonce-abc'/);
  assert.ok(!html.includes('<script>alert'), 'error text escaped');
  assert.ok(!/ style="/.test(html), 'no style attribute: the CSP would drop it');
  assert.ok(html.includes('t&#60;1&#62;'));
  assert.match(html, /<dl class="facts">.*<dt>Status<\/dt><dd><span class="status failed" id="task-status">FAILED<\/span>/);
  assert.match(html, /<dt>Target<\/dt><dd>audit audit-1<\/dd>/);
  assert.match(html, /<dt>Findings<\/dt><dd>2 of 4 done<\/dd>/);
  assert.match(html, /class="check-name" title="DEVICE_CERTIFICATE_EXPIRING_CHECK">DEVICE_<wbr>CERTIFICATE_<wbr>EXPIRING_<wbr>CHECK</);
  assert.match(html, /<rect class="segment succeeded" x="0.0" y="0" width="250.0" height="10"><title>DEVICE_CERTIFICATE_EXPIRING_CHECK: 1 succeeded<\/title>/);
  assert.match(html, /<rect class="segment failed" x="250.0" y="0" width="250.0"/);
  assert.match(html, /<td class="resource" title="Device certificate a3f29c81d07e4b6a"><span class="kind">Device certificate<\/span> a3f29c81d0…<\/td>/);
  assert.match(html, /<th data-column="resourceFull" tabindex="0" aria-sort="descending">Resource<\/th>/);
  assert.match(html, /<h2 id="executions-heading" aria-live="polite">2 of 2 executions loaded so far<\/h2>/);
  assert.ok(html.includes(`value="${escapeHtml('"x')}"`), 'the filter survives a redraw');
  assert.match(html, /<button type="button" id="load-more">Load more<\/button>/);
  assert.equal((html.match(/<tr data-status=/g) ?? []).length, 2);
});

test('details HTML drawn before any row: facts and chart from the statistics, the table and its heading say the rows are being read', () => {
  const html = renderTaskDetailsHtml(
    {
      taskId: 'big',
      taskStatus: 'COMPLETED',
      taskStatistics: { DEVICE_CERTIFICATE_EXPIRING_CHECK: { totalFindingsCount: 50_001, succeededFindingsCount: 50_000, skippedFindingsCount: 1 } },
      target: { auditTaskId: 'audit-1' },
      view: { filter: '', ascending: true, page: 0 },
      complete: false,
    },
    { cspSource: 'vscode-resource:', nonce: 'abc', scriptUri: 'x.js', styleUri: 'x.css' },
  );
  assert.match(html, /<div id="task-facts"><dl class="facts">.*<dt>Findings<\/dt><dd>50,001 of 50,001 done<\/dd>/);
  assert.match(html, /<div id="task-chart"><div class="chart" role="list" aria-label="Findings per audit check">.*>50,000\/50,001<\/div>/);
  assert.match(html, /<h2 id="executions-heading" aria-live="polite">Reading executions…<\/h2>/);
  assert.match(html, /<tbody><tr class="reading"><td colspan="8" class="empty">Reading executions…<\/td><\/tr><\/tbody>/);
  assert.match(html, /<nav id="pager" data-page="0" aria-label="Pages of executions"><\/nav>/);
  assert.equal((html.match(/<tr data-status=/g) ?? []).length, 0);
  assert.equal(renderReadingFailed('<denied>'), '<tr><td colspan="8" class="empty">Could not read the executions: &#60;denied&#62;</td></tr>');
});

test('escapeHtml leaves no character that could open markup or an attribute', () => {
  assert.equal(escapeHtml(`"'&<>`), '&#34;&#39;&#38;&#60;&#62;');
});
