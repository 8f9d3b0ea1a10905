import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FINDINGS_REQUEST } from '../../common/lspProtocol';
import { ClientAccountData } from '../../server/accountData';

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

describe('account data from the client', () => {
  const actions = { available: true, actions: [{ name: 'A', type: 'PUBLISH_FINDING_TO_SNS' as const }] };

  it('asks once per cache period and shares one pending request', async () => {
    const client = connection(async () => actions);
    const data = new ClientAccountData(client, { ttlMs: 60_000 });
    const [first, second] = await Promise.all([data.actions(), data.actions()]);
    assert.deepEqual(first, actions);
    assert.equal(second, first);
    await data.actions();
    assert.equal(client.calls.length, 1);
    assert.equal(data.knownActions(), first);
  });

  it('asks again after invalidate (the account changed)', async () => {
    const client = connection(async () => actions);
    const data = new ClientAccountData(client, { ttlMs: 60_000 });
    await data.actions();
    data.invalidate();
    await data.actions();
    assert.equal(client.calls.length, 2);
  });

  it('falls back to "unknown" when the client rejects the request, and logs why', async () => {
    const logs: string[] = [];
    const data = new ClientAccountData(connection(() => Promise.reject(new Error('Unhandled method mitigations/accountActions'))), { log: (message) => logs.push(message) });
    assert.equal(await data.actions(), undefined);
    assert.equal(data.knownActions(), undefined);
    assert.match(logs[0], /did not answer/);
  });

  it('stops waiting after the timeout', async () => {
    const data = new ClientAccountData(connection(() => new Promise(() => undefined)), { timeoutMs: 20 });
    assert.equal(await data.findings({ checkName: 'LOGGING_DISABLED_CHECK' }), undefined);
  });

  it('passes parameters and keys the cache by them', async () => {
    const client = connection(async (_method, params) => ({ available: true, findings: [], params }));
    const data = new ClientAccountData(client);
    await data.findings({ auditTaskId: 'a' });
    await data.findings({ auditTaskId: 'b' });
    await data.findings({ auditTaskId: 'a' });
    assert.deepEqual(client.calls.map((call) => [call.method, call.params]), [[FINDINGS_REQUEST, { auditTaskId: 'a' }], [FINDINGS_REQUEST, { auditTaskId: 'b' }]]);
  });
});
