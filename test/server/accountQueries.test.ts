import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FINDINGS_REQUEST } from '../../common/lspProtocol';
import { ClientAccountQueries } from '../../server/accountQueries';

/** A connection whose client answers with `answer` (a value, a rejection, or never). */
function connection(answer: (method: string, params: unknown) => Promise<unknown>) {
  const calls: { method: string; params: unknown }[] = [];
  return {
    calls,
    sendRequest: ((method: string, params?: unknown) => {
      calls.push({ method, params });
      return answer(method, params);
    }) as never,
  };
}

describe('account queries to the client', () => {
  const actions = { available: true, actions: [{ name: 'A', type: 'PUBLISH_FINDING_TO_SNS' as const }] };

  it('shares one pending request, keeps the answer for synchronous features, and asks again later (the client caches)', async () => {
    const client = connection(async () => actions);
    const data = new ClientAccountQueries(client);
    const [first, second] = await Promise.all([data.actions(), data.actions()]);
    assert.deepEqual(first, actions);
    assert.equal(second, first);
    assert.equal(client.calls.length, 1);
    assert.equal(data.knownActions(), first);
    await data.actions();
    assert.equal(client.calls.length, 2);
  });

  it('forgets what it knows on invalidate (the account changed)', async () => {
    const client = connection(async () => actions);
    const data = new ClientAccountQueries(client);
    await data.actions();
    data.invalidate();
    assert.equal(data.knownActions(), undefined);
    await data.actions();
    assert.equal(client.calls.length, 2);
  });

  it('falls back to "unknown" when the client rejects the request, and logs why', async () => {
    const logs: string[] = [];
    const data = new ClientAccountQueries(connection(() => Promise.reject(new Error('Unhandled method mitigations/accountActions'))), { log: (message) => logs.push(message) });
    assert.equal(await data.actions(), undefined);
    assert.equal(data.knownActions(), undefined);
    assert.match(logs[0], /did not answer/);
  });

  it('asks a client that does not implement a request once, then uses the file alone until invalidate', async () => {
    const client = connection(() => Promise.reject(new Error('Unhandled method mitigations/accountActions')));
    const data = new ClientAccountQueries(client);
    assert.equal(await data.actions(), undefined);
    assert.equal(await data.actions(), undefined);
    assert.equal(await data.actions(), undefined);
    assert.equal(client.calls.length, 1, 'one quick failure');
    data.invalidate();
    await data.actions();
    assert.equal(client.calls.length, 2);
  });

  it('a slow client is asked again next time', async () => {
    const client = connection(() => new Promise(() => undefined));
    const data = new ClientAccountQueries(client, { timeoutMs: 20 });
    assert.equal(await data.actions(), undefined);
    assert.equal(await data.actions(), undefined);
    assert.equal(client.calls.length, 2);
  });

  it('stops waiting after the timeout', async () => {
    const data = new ClientAccountQueries(connection(() => new Promise(() => undefined)), { timeoutMs: 20 });
    assert.equal(await data.findings({ checkName: 'LOGGING_DISABLED_CHECK' }), undefined);
  });

  it('passes parameters and shares pending requests by them', async () => {
    const client = connection(async (_method, params) => ({ available: true, findings: [], params }));
    const data = new ClientAccountQueries(client);
    await Promise.all([data.findings({ auditTaskId: 'a' }), data.findings({ auditTaskId: 'b' }), data.findings({ auditTaskId: 'a' })]);
    assert.deepEqual(client.calls.map((call) => [call.method, call.params]), [[FINDINGS_REQUEST, { auditTaskId: 'a' }], [FINDINGS_REQUEST, { auditTaskId: 'b' }]]);
  });
});
