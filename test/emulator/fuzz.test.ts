/**
 * Hostile input: malformed JSON, wrong types, oversize bodies, bad percent-encoding, unknown
 * paths and methods, slow clients, foreign Host headers, garbage HTTP, and a seeded random
 * fuzz over every route. Every answer must be JSON with a request id, never HTML, never a
 * 500, and the emulator must keep serving. Loopback only; bounded in count.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { acceptedHosts, isAllowedHost } from '../../emulator/http/hostCheck';
import { ROUTES } from '../../emulator/http/routes';
import { startTestEmulator, useDemoEmulator } from './helpers';

interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

describe('emulator: hostile input', () => {
  const demo = useDemoEmulator({ emulator: { bodyTimeoutMs: 300, headersTimeoutMs: 300 }, reset: false });

  async function request(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<RawResponse> {
    const response = await fetch(`${demo.emulator.url}${path}`, { method, body, headers });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  function assertJsonError(response: RawResponse, status: number, errorType?: string): Record<string, unknown> {
    assert.equal(response.status, status, response.text);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.match(response.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    if (errorType) assert.equal(response.headers.get('x-amzn-errortype'), errorType);
    const body = JSON.parse(response.text) as Record<string, unknown>;
    assert.equal(typeof body.message, 'string');
    return body;
  }

  /** Sends raw bytes and returns the raw HTTP response text. */
  function rawExchange(payload: string, waitForClose = true): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(demo.emulator.port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk;
        if (!waitForClose && received.includes('\r\n\r\n')) socket.destroy();
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(received));
      socket.write(payload);
    });
  }

  it('answers malformed JSON and non-object bodies with InvalidRequestException', async () => {
    assertJsonError(await request('POST', '/audit/findings', '{"taskId": '), 400, 'InvalidRequestException');
    assertJsonError(await request('POST', '/audit/findings', '[1,2,3]'), 400, 'InvalidRequestException');
    assertJsonError(await request('POST', '/audit/findings', '"just a string"'), 400, 'InvalidRequestException');
    assertJsonError(await request('POST', '/audit/findings', Buffer.from([0xff, 0xfe, 0x00])), 400, 'InvalidRequestException');
  });

  it('answers wrong member types with InvalidRequestException naming the member', async () => {
    const body = assertJsonError(await request('POST', '/audit/findings', JSON.stringify({ maxResults: 'ten' })), 400, 'InvalidRequestException');
    assert.match(String(body.message), /maxResults/);
    assertJsonError(await request('POST', '/audit/findings', JSON.stringify({ startTime: '2024-01-01', endTime: 5 })), 400);
    assertJsonError(await request('POST', '/audit/tasks', JSON.stringify({ targetCheckNames: 'LOGGING_DISABLED_CHECK' })), 400);
    assertJsonError(await request('POST', '/mitigationactions/actions/x', JSON.stringify({ roleArn: 42, actionParams: [] })), 400);
    assertJsonError(await request('PATCH', '/audit/configuration', JSON.stringify({ auditCheckConfigurations: { LOGGING_DISABLED_CHECK: { enabled: 'yes' } } })), 400);
    assertJsonError(await request('GET', '/things?maxResults=1e3'), 400);
    assertJsonError(await request('GET', '/audit/tasks?startTime=yesterday&endTime=today'), 400);
  });

  it('limits body size with a clear 413', async () => {
    const response = await request('POST', '/audit/findings', Buffer.alloc(2 * 1024 * 1024, 0x20), { 'content-type': 'application/json' });
    const body = assertJsonError(response, 413, 'RequestEntityTooLargeException');
    assert.match(String(body.message), /limit/);
  });

  it('rejects invalid percent-encoding in paths and queries', async () => {
    assertJsonError(await request('GET', '/things/%E0%A4%A'), 400, 'InvalidRequestException');
    assertJsonError(await request('GET', '/things?nextToken=%zz'), 400, 'InvalidRequestException');
  });

  it('answers unknown paths, wrong methods and unsupported operations with JSON', async () => {
    assertJsonError(await request('GET', '/definitely/not/iot'), 404, 'UnknownOperationException');
    const wrongMethod = await request('DELETE', '/audit/findings');
    assertJsonError(wrongMethod, 405, 'MethodNotAllowedException');
    assert.equal(wrongMethod.headers.get('allow'), 'POST');
    assertJsonError(await request('GET', '/jobs'), 501, 'NotImplementedException');
    assertJsonError(await request('GET', '/_emulator/nothing-here'), 404);
    const html = await request('GET', '/');
    assert.notEqual(html.headers.get('content-type'), 'text/html');
    assertJsonError(html, 404);
  });

  it('times out slow clients with a JSON 408', async () => {
    const text = await rawExchange(`POST /audit/findings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"task`);
    assert.match(text, /^HTTP\/1\.1 408/);
    assert.match(text, /RequestTimeoutException/);
  });

  it('times out clients that send their headers too slowly (slowloris) or nothing at all', async () => {
    const started = Date.now();
    const partial = await rawExchange(`GET /things HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1`);
    assert.match(partial, /^HTTP\/1\.1 408/);
    assert.match(partial, /application\/json/);
    assert.match(partial, /RequestTimeoutException/);
    const silent = await rawExchange('');
    assert.match(silent, /^HTTP\/1\.1 408/);
    // Bounded by the 300 ms timeout plus node's check interval, far below the 10 s default.
    assert.ok(Date.now() - started < 5_000, `closed after ${Date.now() - started} ms`);
    assertJsonError(await request('GET', '/_emulator/nothing'), 404);
  });

  it('answers garbage HTTP with JSON and closes the connection', async () => {
    const text = await rawExchange('THIS IS NOT HTTP\r\n\r\n');
    assert.match(text, /^HTTP\/1\.1 400/);
    assert.match(text, /application\/json/);
  });

  it('rejects foreign Host headers (DNS rebinding) and accepts loopback names', async () => {
    const foreign = await rawExchange('GET /things HTTP/1.1\r\nHost: evil.example.com\r\nConnection: close\r\n\r\n');
    assert.match(foreign, /^HTTP\/1\.1 403/);
    assert.match(foreign, /not allowed/);
    for (const host of ['evil.example.com:4566', 'localhost.evil.example', '127.0.0.1.nip.io', '[::ffff:10.0.0.1]']) {
      assert.match(await rawExchange(`GET /things HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`), /^HTTP\/1\.1 403/, host);
    }
    for (const host of ['localhost', `localhost:${demo.emulator.port}`, 'LOCALHOST.', 'app.localhost', '127.0.0.1', '127.1.2.3:80', '[::1]:4566', '[::ffff:127.0.0.1]']) {
      const ok = await rawExchange(`GET /_emulator/health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      assert.match(ok, /^HTTP\/1\.1 200/, host);
    }
  });

  it('accepts a foreign Host only when it was allowed', async () => {
    const open = await startTestEmulator({ allowedHosts: ['devbox.local'] });
    try {
      const answer = (host: string) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(open.port, '127.0.0.1');
          let received = '';
          socket.on('data', (chunk) => (received += chunk));
          socket.on('error', reject);
          socket.on('close', () => resolve(received));
          socket.write(`GET /_emulator/health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
        });
      assert.match(await answer('devbox.local:4566'), /^HTTP\/1\.1 200/);
      assert.match(await answer('other.local'), /^HTTP\/1\.1 403/);
    } finally {
      await open.close();
    }
  });

  it('also accepts the address it was explicitly bound to, never a wildcard', () => {
    assert.deepEqual(acceptedHosts('192.168.1.5', []), ['192.168.1.5']);
    assert.deepEqual(acceptedHosts('fe80::1', ['devbox']), ['devbox', 'fe80::1']);
    assert.deepEqual(acceptedHosts('devbox.lan', []), ['devbox.lan']);
    for (const wildcard of ['0.0.0.0', '::']) assert.deepEqual(acceptedHosts(wildcard, []), []);
    assert.deepEqual(acceptedHosts('127.0.0.1', []), []);
    assert.ok(isAllowedHost('192.168.1.5:4566', acceptedHosts('192.168.1.5', [])));
    assert.ok(isAllowedHost('[fe80::1]:4566', acceptedHosts('fe80::1', [])));
    assert.ok(!isAllowedHost('evil.example.com', acceptedHosts('0.0.0.0', [])));
    assert.ok(isAllowedHost('DevBox.Local:4566', ['devbox.local']));
  });

  it('survives a seeded random fuzz over every route without a 500', async () => {
    let seed = 20261122;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const strings = ['', 'a', 'x'.repeat(300), 'bad name!', '%', '../..', 'DEMO', '0'.repeat(64), '💥', 'null', '-1', 'true'];
    const values: unknown[] = [null, true, 0, -1, 1.5, 1e300, '', 'text', [], [1, 'a'], {}, { nested: { deep: [] } }, 'x'.repeat(5000)];
    const members = ['taskId', 'target', 'auditCheckToActionsMapping', 'clientRequestToken', 'roleArn', 'actionParams', 'tags', 'maxResults', 'nextToken', 'startTime', 'endTime', 'checkName', 'resourceIdentifier', 'listSuppressedFindings', 'targetCheckNames', 'auditCheckConfigurations', 'thingGroupName', 'thingName', 'attributePayload', 'defaultLogLevel'];
    const queries = ['maxResults', 'nextToken', 'startTime', 'endTime', 'taskId', 'findingId', 'actionStatus', 'actionType', 'pageSize', 'marker', 'newStatus', 'recursive'];
    const statuses = new Map<number, number>();
    for (let round = 0; round < 400; round++) {
      const route = pick(ROUTES);
      const path = route.uri.replace(/\{[^}]+\}/g, () => encodeURIComponent(pick(strings)));
      const query = Array.from({ length: Math.floor(random() * 3) }, () => `${pick(queries)}=${encodeURIComponent(String(pick(values)))}`).join('&');
      const body = random() < 0.2 ? pick(['{', '[]', 'null', '{"a":']) : JSON.stringify(Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(members), pick(values)])));
      const method = random() < 0.9 ? route.method : pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
      const response = await request(method, `${path}${query ? `?${query}` : ''}`, method === 'GET' ? undefined : body);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      assert.ok(response.status < 500 || response.status === 501, `${method} ${path}?${query} ${body} → ${response.status} ${response.text}`);
      assert.equal(response.headers.get('content-type'), 'application/json', `${method} ${path}`);
      assert.ok(response.headers.get('x-amzn-requestid'));
      JSON.parse(response.text);
    }
    assert.ok((statuses.get(400) ?? 0) > 100, 'most random requests are client errors');
    const health = await request('GET', '/_emulator/health');
    assert.equal(health.status, 200);
  });
});
