/**
 * The emulator against bad input and bad state: bodies over the limit get their 413 (no reset),
 * malformed HTTP gets JSON with a request id, deep JSON and huge numbers get a 400 and break
 * nothing, cross-site and non-JSON admin requests are refused, region states are capped, and
 * unreadable state files are refused with the file and the problem named.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { MAX_CLOCK_OFFSET_MS } from '../../emulator/http/admin';
import { MAX_API_BODY_BYTES } from '../../emulator/http/server';
import { MAX_REGION_STATES } from '../../emulator/state/store';
import { admin, startTestEmulator, useDemoEmulator } from './helpers';
import { isWellFormed, rawExchange, request } from './rawHttp';

const ACTION_PATH = '/mitigationactions/actions/Hardened';
const deepJson = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const signedBy = (account: string) => `AWS4-HMAC-SHA256 Credential=${account}/20260101/us-east-1/iot/aws4_request, SignedHeaders=host, Signature=00`;

describe('emulator: hardening against bad input and bad state', () => {
  const demo = useDemoEmulator({ reset: false });
  let port: number;
  before(() => {
    port = Number(new URL(demo.url).port);
  });

  it('delivers the 413 of every body over the limit instead of resetting the connection', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 'a');
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await fetch(`${demo.emulator.url}${ACTION_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
      assert.equal(response.status, 413);
      assert.ok(response.headers.get('x-amzn-requestid'));
      assert.match(((await response.json()) as { message: string }).message, /limit is 1048576 bytes/);
    }
    const justOver = 'x'.repeat(MAX_API_BODY_BYTES + 100 * 1024);
    const outcomes = await Promise.all(Array.from({ length: 26 }, () => rawExchange(port, [request('POST', ACTION_PATH, { 'Content-Type': 'application/json' }, justOver)])));
    assert.deepEqual(outcomes.map((outcome) => [outcome.reset, outcome.answers[0]?.status, isWellFormed(outcome.answers[0])]), outcomes.map(() => [false, 413, true]));
    const chunked = await rawExchange(port, [request('POST', ACTION_PATH, { 'Transfer-Encoding': 'chunked' }), `${(MAX_API_BODY_BYTES + 10).toString(16)}\r\n${'y'.repeat(MAX_API_BODY_BYTES + 10)}\r\n0\r\n\r\n`]);
    assert.equal(chunked.answers[0]?.status, 413);
  });

  it('answers Expect, CONNECT, upgrades and malformed HTTP with JSON and a request id', async () => {
    const cases: [string, (string | Buffer)[], number][] = [
      ['an over-limit body announced with Expect: 100-continue', [request('POST', ACTION_PATH, { 'Content-Length': 50_000_000, Expect: '100-continue' })], 413],
      ['an expectation other than 100-continue', [request('GET', '/things', { Expect: 'magic' })], 417],
      ['CONNECT', ['CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'], 405],
      ['a WebSocket upgrade', [request('GET', '/things', { Connection: 'Upgrade', Upgrade: 'websocket' })], 400],
      ['a garbage request line', ['HELLO\r\n\r\n'], 400],
      ['a header line without a colon', ['GET /things HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\n\r\n'], 400],
      ['headers over 16 KiB', [`GET /things HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`], 431],
      ['both Content-Length and Transfer-Encoding', ['POST /things/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'], 400],
      ['a broken chunk', [request('POST', '/things/x', { 'Transfer-Encoding': 'chunked' }), 'zz\r\nhello\r\n0\r\n\r\n'], 400],
      ['a request target that is not a path', [request('GET', 'things')], 400],
      ['HTTP/1.1 without a Host header (loopback clients are served, as for HTTP/1.0)', ['GET /things?maxResults=1 HTTP/1.1\r\n\r\n'], 200],
      ['OPTIONS *', ['OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'], 400],
    ];
    for (const [what, chunks, status] of cases) {
      const outcome = await rawExchange(port, chunks);
      assert.equal(outcome.answers[0]?.status, status, `${what}: ${JSON.stringify(outcome)}`);
      assert.ok(isWellFormed(outcome.answers[0]), `${what}: ${JSON.stringify(outcome.answers[0])}`);
    }
  });

  it('refuses JSON nested 10,000 deep with a 400, and nothing breaks afterwards', async () => {
    for (const path of [ACTION_PATH, '/_emulator/seed']) {
      const response = await fetch(`${demo.emulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"roleArn": ${deepJson(10_000)}}` });
      assert.equal(response.status, 400, path);
      assert.match(((await response.json()) as { message: string }).message, /more than 32 levels deep/);
    }
    const member = await fetch(`${demo.emulator.url}${ACTION_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roleArn: 'arn:aws:iam::123456789012:role/R', actionParams: { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:T' } }, extra: JSON.parse(deepJson(30)) }),
    });
    assert.equal(member.status, 200, 'an undeclared member within the depth bound is dropped');
    assert.equal((await fetch(`${demo.emulator.url}${ACTION_PATH}`)).status, 200);
    assert.equal((await fetch(`${demo.emulator.url}/_emulator/state`)).status, 200);
    assert.equal((await fetch(`${demo.emulator.url}/_emulator/health`)).status, 200);
  });

  it('refuses numbers the emulator cannot use with a 400 and applies none of them', async () => {
    const before = await admin<{ clockOffsetMs: number }>(demo.emulator, 'GET', 'settings');
    for (const body of [{ clockOffsetMs: 1e308 }, { advanceClockMs: MAX_CLOCK_OFFSET_MS + 1 }, { clockOffsetMs: MAX_CLOCK_OFFSET_MS, advanceClockMs: MAX_CLOCK_OFFSET_MS }, { throttle: true, paceMs: -1 }]) {
      const response = await fetch(`${demo.emulator.url}/_emulator/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(response.status, 400, JSON.stringify(body));
    }
    const settings = await admin<{ clockOffsetMs: number; throttle: boolean }>(demo.emulator, 'GET', 'settings');
    assert.deepEqual([settings.clockOffsetMs, settings.throttle], [before.clockOffsetMs, false]);
    assert.equal((await fetch(`${demo.emulator.url}/_emulator/health`)).status, 200);
    const findings = await fetch(`${demo.emulator.url}/audit/findings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"startTime": 1e308, "endTime": 1}' });
    assert.equal(findings.status, 400);
    const tasks = await fetch(`${demo.emulator.url}/audit/tasks?startTime=275760-09-13T00:00:00Z&endTime=2026-01-01T00:00:00Z`);
    assert.equal(tasks.status, 400);
  });

  it('refuses requests from a foreign web origin and admin requests that are not JSON', async () => {
    const before = await admin<{ tables: Record<string, unknown[]> }>(demo.emulator, 'GET', 'state');
    const attempts: [string, RequestInit][] = [
      ['/_emulator/reset', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'text/plain' }, body: '{}' }],
      ['/_emulator/reset', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }],
      ['/_emulator/reset', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'seed=empty' }],
      [ACTION_PATH, { method: 'POST', headers: { origin: 'http://localhost:3000', 'content-type': 'text/plain' }, body: '{}' }],
      [ACTION_PATH, { method: 'POST', headers: { origin: 'null' }, body: '{}' }],
      ['/_emulator/state', { headers: { 'sec-fetch-site': 'cross-site' } }],
    ];
    for (const [path, init] of attempts) {
      const response = await fetch(`${demo.emulator.url}${path}`, init);
      assert.ok([403, 415].includes(response.status), `${path} ${JSON.stringify(init.headers)}: ${response.status}`);
      assert.ok(response.headers.get('x-amzn-requestid'));
      assert.match(((await response.json()) as { message: string }).message, /Cross-site request refused|admin requests take application\/json/);
    }
    assert.deepEqual(await admin(demo.emulator, 'GET', 'state'), before, 'no refused request changed anything');
    const sameOrigin = await fetch(`${demo.emulator.url}/_emulator/health`, { headers: { origin: demo.emulator.url } });
    assert.equal(sameOrigin.status, 200, "the emulator's own origin is not foreign");
  });

  it('caps the account and region states unauthenticated requests can create', async () => {
    await admin(demo.emulator, 'POST', 'reset');
    const statuses: number[] = [];
    for (let index = 0; index < MAX_REGION_STATES + 6; index++) {
      const account = String(100_000_000_000 + index);
      const response = await fetch(`${demo.emulator.url}/mitigationactions/actions`, { headers: { authorization: signedBy(account) } });
      statuses.push(response.status);
      if (response.status !== 200) assert.match(((await response.json()) as { message: string }).message, /at most|its limit/);
    }
    assert.equal(statuses.filter((status) => status === 200).length, MAX_REGION_STATES);
    assert.ok(statuses.slice(MAX_REGION_STATES).every((status) => status === 410));
    const health = await admin<{ regions: string[] }>(demo.emulator, 'GET', 'health');
    assert.equal(health.regions.length, MAX_REGION_STATES);
    await admin(demo.emulator, 'POST', 'reset');
  });
});

describe('emulator: unreadable state files', () => {
  const snapshotWith = (regions: unknown) => JSON.stringify({ format: 'iot-mitigations-emulator-state', version: 1, seq: 1, savedAt: '2026-01-01T00:00:00Z', settings: { paceMs: 0, clockOffsetMs: 0 }, regions });
  const cases: [string, string, RegExp][] = [
    ['a table that is a number', snapshotWith({ '123456789012/us-east-1': { things: 42 } }), /regions\["123456789012\/us-east-1"\]\.things must be a list of \[key, entity\] rows, not 42/],
    ['a row that is not a pair', snapshotWith({ '123456789012/us-east-1': { things: [['a']] } }), /things\[0\] must be a \[key, entity\] pair/],
    ['an unknown table', snapshotWith({ '123456789012/us-east-1': { gadgets: [] } }), /unknown table "gadgets"/],
    ['a region that is not an object', snapshotWith({ '123456789012/us-east-1': 'x' }), /must be an object of tables/],
    ['a malformed region name', snapshotWith({ nowhere: {} }), /region "nowhere" is not ACCOUNT\/REGION/],
    ['an entity the emulator cannot load', snapshotWith({ '123456789012/us-east-1': { things: [['t', { principals: 7 }]] } }), /cannot load/],
  ];
  for (const [what, text, message] of cases) {
    it(`refuses a snapshot with ${what}, naming the file`, async () => {
      const statePath = join(mkdtempSync(join(tmpdir(), 'iot-emulator-bad-state-')), 'state.json');
      writeFileSync(statePath, text);
      await assert.rejects(startTestEmulator({ statePath }), (error: Error) => error.message.startsWith(`${statePath}: `) && message.test(error.message));
    });
  }

  it('refuses a journal record it cannot apply, naming the journal', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'iot-emulator-bad-journal-')), 'state.json');
    writeFileSync(`${statePath}.journal`, `${JSON.stringify({ format: 'iot-mitigations-emulator-journal', version: 1 })}\n${JSON.stringify({ s: 1, r: '123456789012/us-east-1', c: 'things', k: 'x', v: 5 })}\n`);
    await assert.rejects(startTestEmulator({ statePath }), (error: Error) => error.message.startsWith(`${statePath}.journal: journal record 1 cannot be applied`));
  });

  it('removes the temporary file of an interrupted snapshot on start', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'iot-emulator-tmp-state-')), 'state.json');
    writeFileSync(`${statePath}.tmp-424242`, '{"format": "iot-mitigations-emulator-state", "partial');
    const restarted = await startTestEmulator({ statePath });
    await restarted.close();
    assert.equal(existsSync(`${statePath}.tmp-424242`), false);
    assert.ok(restarted.notes.some((note) => note.includes('state.json.tmp-424242')), restarted.notes.join('\n'));
  });
});
