/**
 * The hostile-HTTP suite: more than 50,000 seeded, hostile requests on 127.0.0.1 (fuzzed
 * members, labels and queries on every route, bad JSON, deep JSON, extreme numbers, foreign
 * origins, odd headers, unknown paths and methods, admin abuse, malformed HTTP, bodies over the
 * limit) over keep-alive and fresh connections. Every one must be answered with JSON and a
 * request id: no 5xx, no reset, no connection closed without an answer. The figures it prints
 * are the ones in docs/emulator.md.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { before, describe, it } from 'node:test';
import { ROUTES } from '../../emulator/http/routes';
import { MAX_API_BODY_BYTES } from '../../emulator/http/server';
import { admin, useDemoEmulator } from './helpers';
import { isWellFormed, rawExchange, request, type RawAnswer } from './rawHttp';
import { seededRandom } from '../seededRandom';

const KEEP_ALIVE_REQUESTS = Number(process.env.HOSTILE_KEEP_ALIVE ?? 48_000);
const FRESH_CONNECTION_REQUESTS = Number(process.env.HOSTILE_FRESH ?? 2_500);
const OVERSIZED_BODIES = 40;
const CONNECTIONS = 12;

/** A seeded generator with integer and pick helpers, so a failure can be replayed. */
function generator(seed: number) {
  const next = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick };
}
type Random = ReturnType<typeof generator>;

const STRINGS = ['', 'a', 'Factory', 'sensor-001', 'x'.repeat(129), 'x'.repeat(2049), 'é😀\u0000', '../../etc', '%2F', 'a b', '$ $', 'DEACTIVATE', 'LOGGING_DISABLED_CHECK', 'arn:aws:iam::123456789012:role/R', '1e308', 'null', '<script>'];
const NUMBERS = [0, -1, 1, 250, 251, 1.5, 1e308, -1e308, 2 ** 53, 2 ** 31, -(2 ** 31) - 1, 253402300800, 1e-300];
const MEMBERS = ['actionName', 'roleArn', 'actionParams', 'tags', 'target', 'auditCheckToActionsMapping', 'clientRequestToken', 'targetCheckNames', 'maxResults', 'nextToken', 'startTime', 'endTime', 'resourceIdentifier', 'attributePayload', 'thingTypeName', 'billingGroupName', 'eventConfigurations', 'disableAllLogs', 'defaultLogLevel', 'auditCheckConfigurations', 'thingGroupProperties', 'findingIds', 'unknownMember', '__proto__', 'constructor'];

function json(random: Random, depth: number): unknown {
  const kind = depth > 6 ? random.int(4) : random.int(7);
  switch (kind) {
    case 0:
      return random.pick(STRINGS);
    case 1:
      return random.pick(NUMBERS);
    case 2:
      return random.next() < 0.5;
    case 3:
      return null;
    case 4:
      return Array.from({ length: random.int(4) }, () => json(random, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: random.int(5) }, () => [random.pick(MEMBERS), json(random, depth + 1)]));
  }
}

function body(random: Random): string {
  switch (random.int(8)) {
    case 0:
      return '{"unterminated": ';
    case 1:
      return `${'['.repeat(500 + random.int(20_000))}`;
    case 2:
      return `{"a":${'{"a":'.repeat(40)}1${'}'.repeat(41)}`;
    case 3:
      return random.pick(['[]', '42', '"text"', 'null', '\u00ff\u00fe', '{"a":1e999}', '{"maxResults":1e308}']);
    default:
      return JSON.stringify(json(random, 0));
  }
}

function label(random: Random): string {
  return encodeURIComponent(random.pick(STRINGS)) || 'x';
}

/** One hostile request for a keep-alive connection (it never breaks the HTTP framing itself). */
function keepAliveRequest(random: Random): string {
  const roll = random.int(20);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (roll === 0) headers.Origin = random.pick(['https://evil.example', 'null', 'http://localhost:3000']);
  if (roll === 1) headers['Sec-Fetch-Site'] = 'cross-site';
  if (roll === 2) headers['Content-Type'] = random.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']);
  if (roll === 3) headers.Authorization = random.pick(['Basic abc', 'AWS4-HMAC-SHA256 Credential=bad', `AWS4-HMAC-SHA256 Credential=AKID/20260101/${random.pick(['us-east-1', 'eu-west-1', 'x'])}/${random.pick(['iot', 'sts', 'execute-api'])}/aws4_request`]);
  if (roll === 4) headers['X-Big'] = 'h'.repeat(random.int(8_000));
  if (roll < 14) {
    const route = random.pick(ROUTES);
    const path = route.uri.replace(/\{[^}]+\}/g, () => label(random));
    const query = Array.from({ length: random.int(4) }, () => `${random.pick(['maxResults', 'nextToken', 'startTime', 'endTime', 'pageSize', 'marker', 'newStatus', 'recursive', 'taskId', 'x'])}=${encodeURIComponent(String(random.pick([...STRINGS, ...NUMBERS])))}`).join('&');
    const method = random.next() < 0.9 ? route.method : random.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE']);
    return request(method, `${path}${query ? `?${query}` : ''}`, headers, method === 'GET' || method === 'HEAD' ? '' : body(random));
  }
  if (roll < 16) return request(random.pick(['GET', 'POST']), random.pick(['/', '/nope', '/things/a/b/c/d', '/billing-groups/x', '/%zz', '/things/%E0%A4%A', '//things', '/things?maxResults=%']), headers, '');
  const adminPath = random.pick(['health', 'state', 'sns', 'settings', 'seed', 'reset', 'nope', 'state?region=xx&account=1']);
  const adminBody = adminPath === 'settings' ? JSON.stringify({ [random.pick(['paceMs', 'clockOffsetMs', 'advanceClockMs'])]: random.pick([...STRINGS, 1e308, -1, 1.5, 1e15]) }) : adminPath === 'seed' ? body(random).replace('"generate"', '"nothing"') : adminPath === 'reset' ? JSON.stringify({ seed: random.pick(['demo', 'empty', 'nope', 5]) }) : '';
  return request(adminBody ? 'POST' : 'GET', `/_emulator/${adminPath}`, headers, adminBody);
}

/** One malformed request, sent on a connection of its own. */
function malformedRequest(random: Random): (string | Buffer)[] {
  const bytes = Buffer.from(Array.from({ length: 1 + random.int(200) }, () => random.int(256)));
  return random.pick<() => (string | Buffer)[]>([
    () => [Buffer.concat([bytes, Buffer.from('\r\n\r\n')])],
    () => ['GET /things HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n'],
    () => ['GET /things\r\n\r\n'],
    () => [`GET /things HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad\u0001: y\r\n\r\n`],
    () => ['POST /things/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n'],
    () => ['POST /things/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n'],
    () => ['POST /things/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}'],
    () => ['POST /things/x HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    () => ['PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    () => ['CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n'],
    () => [request('GET', '/things', { Connection: 'Upgrade', Upgrade: 'h2c' })],
    () => [request('GET', '/things', { Expect: 'the-unexpected' })],
    () => [request('POST', '/things/x', { 'Content-Length': 10_000_000_000, Expect: '100-continue' })],
    () => [`GET /things HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Huge: ${'h'.repeat(20_000)}\r\n\r\n`],
    () => [request('GET', '/things', { Host: 'evil.example' }).replace('Host: 127.0.0.1\r\n', '')],
    () => ['GET http://127.0.0.1/things HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'],
  ])();
}

interface Tally {
  tried: number;
  answered: number;
  serverErrors: string[];
  notImplemented: number;
  notJson: string[];
  resets: number;
  unanswered: number;
  unansweredSamples: string[];
}

function count(tally: Tally, answer: RawAnswer | undefined, what: string): void {
  tally.tried++;
  if (!answer) {
    tally.unanswered++;
    if (tally.unansweredSamples.length < 8) tally.unansweredSamples.push(what.slice(0, 160));
    return;
  }
  tally.answered++;
  if (answer.status === 501) tally.notImplemented++;
  else if (answer.status >= 500) tally.serverErrors.push(`${answer.status} ${answer.body.slice(0, 200)} for ${what.slice(0, 200)}`);
  const headOnly = what.startsWith('HEAD ') && Boolean(answer.headers['x-amzn-requestid']) && /^application\/json/.test(answer.headers['content-type'] ?? '');
  if (!headOnly && !isWellFormed(answer)) tally.notJson.push(`${answer.status} ${answer.body.slice(0, 100)} for ${what.slice(0, 200)}`);
}

/** A keep-alive connection that sends one request at a time and reconnects after a server close. */
class Connection {
  private socket?: Socket;
  private buffer = '';
  private waiting?: (answer: RawAnswer | 'reset' | 'closed') => void;
  /** An answer to HEAD has headers only, whatever its Content-Length says. */
  private head = false;

  constructor(private readonly port: number) {}

  private open(): Socket {
    const socket = connect({ host: '127.0.0.1', port: this.port });
    socket.setEncoding('latin1');
    socket.on('data', (data: string) => {
      this.buffer += data;
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine, ...lines] = this.buffer.slice(0, end).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
      const length = this.head ? 0 : Number(headers['content-length'] ?? 0);
      if (Buffer.byteLength(this.buffer.slice(end + 4), 'latin1') < length) return;
      const raw = Buffer.from(this.buffer.slice(end + 4, end + 4 + length), 'latin1').toString('utf8');
      this.buffer = this.buffer.slice(end + 4 + length);
      if (headers.connection === 'close') this.drop();
      this.settle({ status: Number(statusLine.split(' ')[1]), headers, body: raw });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => this.settle(error.code === 'ECONNRESET' || error.code === 'EPIPE' ? 'reset' : 'closed'));
    socket.on('close', () => {
      if (this.socket === socket) this.drop();
      this.settle('closed');
    });
    return socket;
  }

  private drop(): void {
    this.socket?.removeAllListeners('close');
    this.socket?.destroy();
    this.socket = undefined;
    this.buffer = '';
  }

  private settle(result: RawAnswer | 'reset' | 'closed'): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(result);
  }

  send(bytes: string): Promise<RawAnswer | 'reset' | 'closed'> {
    this.socket ??= this.open();
    this.head = bytes.startsWith('HEAD ');
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket!.write(bytes, 'utf8');
    });
  }

  close(): void {
    this.drop();
  }
}

describe('emulator: hostile HTTP (≥ 50,000 requests on 127.0.0.1)', () => {
  // A short headers timeout bounds any request the fuzzer leaves incomplete (it then gets a 408).
  const demo = useDemoEmulator({ emulator: { headersTimeoutMs: 2_000, bodyTimeoutMs: 2_000 }, reset: false });
  let port: number;
  before(() => {
    port = Number(new URL(demo.url).port);
  });

  it('answers every hostile request with JSON and a request id: no 5xx, no reset, nothing unanswered', { timeout: 240_000 }, async (t) => {
    const tally: Tally = { tried: 0, answered: 0, serverErrors: [], notImplemented: 0, notJson: [], resets: 0, unanswered: 0, unansweredSamples: [] };
    let issued = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, index) => {
        const random = generator(0x5eed + index);
        const connection = new Connection(port);
        while (issued < KEEP_ALIVE_REQUESTS) {
          issued++;
          const bytes = keepAliveRequest(random);
          const result = await connection.send(bytes);
          if (result === 'reset') tally.resets++;
          count(tally, typeof result === 'string' ? undefined : result, bytes);
        }
        connection.close();
      }),
    );
    const random = generator(0xbad);
    let fresh = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (fresh < FRESH_CONNECTION_REQUESTS) {
          fresh++;
          const chunks = malformedRequest(random);
          const outcome = await rawExchange(port, chunks);
          if (outcome.reset) tally.resets++;
          count(tally, outcome.answers[0], chunks.map(String).join(''));
        }
      }),
    );
    const oversized = await Promise.all(Array.from({ length: OVERSIZED_BODIES }, () => rawExchange(port, [request('POST', '/mitigationactions/actions/big', { 'Content-Type': 'application/json' }, 'z'.repeat(MAX_API_BODY_BYTES + 1 + random.int(512 * 1024)))])));
    for (const outcome of oversized) {
      if (outcome.reset) tally.resets++;
      count(tally, outcome.answers[0], 'an oversized body');
    }
    t.diagnostic(`hostile HTTP: ${tally.tried} requests tried, ${tally.answered} answered, ${tally.serverErrors.length} 5xx (besides ${tally.notImplemented} deliberate 501s), ${tally.notJson.length} non-JSON bodies, ${tally.resets} resets, ${tally.unanswered} unanswered`);
    t.diagnostic(`unanswered samples: ${JSON.stringify(tally.unansweredSamples)}`);
    assert.ok(tally.tried >= 50_000, `${tally.tried} requests`);
    assert.deepEqual(tally.serverErrors.slice(0, 5), []);
    assert.deepEqual(tally.notJson.slice(0, 5), []);
    assert.equal(tally.resets, 0);
    assert.deepEqual(tally.unansweredSamples, []);
    assert.equal(tally.unanswered, 0);
    // The emulator still works and still holds a readable state.
    assert.equal((await admin<{ status: string }>(demo.emulator, 'GET', 'health')).status, 'ok');
    assert.ok((await admin<{ tables: Record<string, unknown> }>(demo.emulator, 'GET', 'state')).tables.things);
    assert.equal((await fetch(`${demo.emulator.url}/things?maxResults=5`)).status, 200);
  });
});
