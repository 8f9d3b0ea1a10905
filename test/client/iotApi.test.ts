import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { IoTClient } from '@aws-sdk/client-iot';
import { IotApi, mapLimited, retentionWindow } from '../../client/shared/model/iotApi';

interface Sent { readonly operation: string; readonly input: Record<string, unknown> }

/** An IoTClient stand-in that answers from a function and records what was sent. */
function fakeClient(answer: (sent: Sent) => unknown): { client: IoTClient; sent: Sent[] } {
  const sent: Sent[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const call = { operation: command.constructor.name.replace(/Command$/, ''), input: command.input };
      sent.push(call);
      return answer(call);
    },
  } as unknown as IoTClient;
  return { client, sent };
}

test('listAllActions learns each action\'s type by listing per type, following nextToken', async () => {
  const { client, sent } = fakeClient(({ input }) => {
    if (input.actionType === 'PUBLISH_FINDING_TO_SNS') {
      return input.nextToken ? { actionIdentifiers: [{ actionName: 'b-notify' }] } : { actionIdentifiers: [{ actionName: 'c-page' }], nextToken: 'more' };
    }
    if (input.actionType === 'UPDATE_DEVICE_CERTIFICATE') return { actionIdentifiers: [{ actionName: 'a-cut', actionArn: 'arn:x' }] };
    return { actionIdentifiers: [] };
  });
  const actions = await new IotApi(client).listAllActions();
  assert.deepEqual(actions.map((action) => [action.actionName, action.actionType]), [
    ['a-cut', 'UPDATE_DEVICE_CERTIFICATE'],
    ['b-notify', 'PUBLISH_FINDING_TO_SNS'],
    ['c-page', 'PUBLISH_FINDING_TO_SNS'],
  ]);
  assert.equal(sent.length, 7, 'six types, one of them with a second page');
  assert.ok(sent.every((call) => call.operation === 'ListMitigationActions' && call.input.maxResults === 250));
});

test('a check\'s executions come from the audit\'s findings of that check, a page at a time', async () => {
  const { client, sent } = fakeClient(({ operation, input }) => {
    if (operation === 'ListAuditFindings') return { findings: [{ findingId: 'f1' }, { findingId: 'f2' }], nextToken: 'page-2' };
    if (operation === 'ListAuditMitigationActionsExecutions') return { actionsExecutions: [{ findingId: input.findingId, actionName: 'Notify', status: 'COMPLETED' }] };
    throw new Error(`unexpected ${operation}`);
  });
  const page = await new IotApi(client).listCheckExecutions({ taskId: 't1', target: { auditTaskId: 'a1' }, $metadata: {} }, 'CHECK', undefined, 2);
  assert.deepEqual(page.items.map((execution) => execution.findingId), ['f1', 'f2']);
  assert.equal(page.nextToken, 'page-2');
  const findingsCall = sent.find((call) => call.operation === 'ListAuditFindings')!;
  assert.deepEqual(findingsCall.input, { taskId: 'a1', checkName: 'CHECK', maxResults: 2, nextToken: undefined }, 'with an audit id, no time range');
  assert.ok(sent.filter((call) => call.operation === 'ListAuditMitigationActionsExecutions').every((call) => call.input.taskId === 't1'));
});

test('with listed findings, executions page through the list and keep only the check\'s findings', async () => {
  const { client } = fakeClient(({ operation, input }) => {
    if (operation === 'DescribeAuditFinding') return { finding: { findingId: input.findingId, checkName: input.findingId === 'f2' ? 'OTHER' : 'CHECK' } };
    if (operation === 'ListAuditMitigationActionsExecutions') return { actionsExecutions: [{ findingId: input.findingId }] };
    throw new Error(`unexpected ${operation}`);
  });
  const api = new IotApi(client);
  const task = { taskId: 't1', target: { findingIds: ['f1', 'f2', 'f3'] }, $metadata: {} };
  const first = await api.listCheckExecutions(task, 'CHECK', undefined, 2);
  assert.deepEqual([first.items.map((execution) => execution.findingId), first.nextToken], [['f1'], '2']);
  const second = await api.listCheckExecutions(task, 'CHECK', first.nextToken, 2);
  assert.deepEqual([second.items.map((execution) => execution.findingId), second.nextToken], [['f3'], undefined]);
});

test('list windows stay inside the 90-day retention and one paginated list keeps its window', async () => {
  const now = Date.parse('2026-11-22T08:00:00Z');
  const window = retentionWindow(now);
  assert.equal(window.startTime.toISOString(), '2026-08-24T09:00:00.000Z');
  assert.equal(window.endTime.toISOString(), '2026-11-22T09:00:00.000Z');
  const { client, sent } = fakeClient(() => ({ tasks: [], nextToken: undefined }));
  await new IotApi(client).listTasks(window, 'IN_PROGRESS', 'token', 10);
  assert.deepEqual(sent[0].input, { startTime: window.startTime, endTime: window.endTime, taskStatus: 'IN_PROGRESS', maxResults: 10, nextToken: 'token' });
});

test('findings without an audit are listed over the window given, and never over one the API picks itself', async () => {
  const { client, sent } = fakeClient(() => ({ findings: [] }));
  const api = new IotApi(client);
  await assert.rejects(api.listFindings({ checkName: 'LOGGING_DISABLED_CHECK' }, undefined, 10), /Findings without an audit are listed over a time window: pass the account's \(accountWindow\)\./);
  assert.equal(sent.length, 0, 'nothing was sent');
  const window = retentionWindow(Date.parse('2026-11-22T08:00:00Z'));
  await api.listAllFindings({ checkName: 'LOGGING_DISABLED_CHECK', window });
  await api.listAllFindings({ taskId: 'a1', checkName: 'LOGGING_DISABLED_CHECK', window });
  assert.deepEqual(sent.map((call) => call.input), [
    { checkName: 'LOGGING_DISABLED_CHECK', startTime: window.startTime, endTime: window.endTime, maxResults: 250, nextToken: undefined },
    { taskId: 'a1', checkName: 'LOGGING_DISABLED_CHECK', maxResults: 250, nextToken: undefined },
  ], 'an audit\'s findings are listed without a window, as the API wants');
});

test('mapLimited keeps the order and never runs more than the limit at once', async () => {
  let running = 0;
  let peak = 0;
  const results = await mapLimited([5, 1, 4, 2, 3], 2, async (value) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, value));
    running--;
    return value * 10;
  });
  assert.deepEqual(results, [50, 10, 40, 20, 30]);
  assert.equal(peak, 2);
  assert.deepEqual(await mapLimited([], 3, async () => 1), []);
});
