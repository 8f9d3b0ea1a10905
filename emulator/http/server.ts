/**
 * The HTTP front: node:http, restJson1 framing, and the guard rails for hostile input.
 * Every answer is JSON with `x-amzn-RequestId`; client mistakes are 4xx with
 * `x-amzn-ErrorType`; only the emulator's own bugs are 500.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { handleAdmin, INJECTABLE_ERRORS } from './admin';
import { accessDenied } from './deniedOperations';
import type { EmulatorCore } from '../core';
import { ApiError, internalFailure, invalidRequest } from '../errors';
import { adminContentTypeRefusal, crossSiteRefusal } from './crossSite';
import { isAllowedHost } from './hostCheck';
import { recordRequest } from './requestLog';
import { changesState, knownOperation, matchRawPath, matchRoute, methodsForPath } from './routes';
import { callerOf } from './sigv4';
import { handleSts, isStsRequest } from './sts';
import { validateRequest } from './modelInput';
import { answerJson, Input, JsonText, isObject, jsonNestingDepth, MAX_JSON_DEPTH, parseQuery, strictDecode, type JsonObject } from './wire';

/** API request bodies are small JSON documents; admin seeding documents may be large. */
export const MAX_API_BODY_BYTES = 1024 * 1024;
const MAX_ADMIN_BODY_BYTES = 64 * 1024 * 1024;
/** A client that has not sent its whole body by then gets a 408. */
const BODY_TIMEOUT_MS = 10_000;
/** A client that has not sent its request line and headers by then gets a 408 (slowloris). */
const HEADERS_TIMEOUT_MS = 10_000;
/** How often node checks connections against the headers timeout; the default (30 s) would triple it. */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;
const ADMIN_PREFIX = '/_emulator';

interface ServerOptions {
  readonly allowedHosts: readonly string[];
  readonly bodyTimeoutMs?: number;
  readonly headersTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

/** A complete JSON answer written straight to a socket, for requests node answers outside the handler. */
function rawAnswer(status: number, reason: string, errorType: string, message: string): string {
  const payload = JSON.stringify({ message });
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nx-amzn-RequestId: ${randomUUID()}\r\nx-amzn-ErrorType: ${errorType}\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`;
}

const isAdminPath = (rawPath: string) => rawPath === ADMIN_PREFIX || rawPath.startsWith(`${ADMIN_PREFIX}/`) || rawPath.startsWith(`${ADMIN_PREFIX}?`);
const bodyLimitOf = (url: string) => (isAdminPath(url) ? MAX_ADMIN_BODY_BYTES : MAX_API_BODY_BYTES);

const EMPTY_ANSWER = JsonText.of('{}');

function send(response: ServerResponse, requestId: string, status: number, body: unknown, headers?: Record<string, string>): void {
  if (response.headersSent || response.destroyed) return;
  // Text, not a buffer: node writes the head and the text in one piece, without a buffer to allocate and free.
  const payload = body === undefined ? EMPTY_ANSWER : answerJson(body);
  // A flat list: node walks it without enumerating an object's keys.
  const head: (string | number)[] = ['Content-Type', 'application/json', 'Content-Length', payload.bytes, 'x-amzn-RequestId', requestId];
  if (headers) for (const name in headers) head.push(name, headers[name]);
  response.writeHead(status, head);
  response.end(payload.text);
}

function sendError(response: ServerResponse, requestId: string, error: ApiError, headers: Record<string, string> = {}): void {
  send(response, requestId, error.status, { message: error.message, ...error.extra }, { 'x-amzn-ErrorType': error.errorType, ...headers });
}

class BodyError extends ApiError {
  constructor(
    status: number,
    errorType: string,
    message: string,
    readonly closeConnection: boolean,
  ) {
    super(status, errorType, message);
  }
}

/** A body over the limit is still read (and dropped) up to this many bytes, so its 413 arrives instead of a TCP reset. */
const MAX_DRAINED_BYTES = 256 * 1024 * 1024;

function tooLarge(size: number, limit: number): BodyError {
  return new BodyError(413, 'RequestEntityTooLargeException', `The request body is ${size} bytes or more; the limit is ${limit} bytes.`, true);
}

const EMPTY_BODY = Buffer.alloc(0);

/** A request that declares no body (no Content-Length or 0, not chunked) has none to wait for. */
function declaresNoBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return (length === undefined || length === '0') && request.headers['transfer-encoding'] === undefined;
}

type BodyCallback = (error: BodyError | undefined, body: Buffer) => void;

/** A body being read, until its deadline (epoch ms); a link of BodyDeadlines' list. */
interface PendingBody {
  readonly deadline: number;
  readonly expire: () => void;
  previous?: PendingBody;
  next?: PendingBody;
}

/**
 * Body deadlines, checked by one interval timer per server instead of a timer per request: a
 * body nearly always arrives with its headers, and arming and clearing a timer for it costs
 * more than the rest of the read. A late body gets its 408 within a quarter of the timeout.
 * The bodies being read are a doubly linked list: adding and removing one hashes nothing.
 */
class BodyDeadlines {
  private first?: PendingBody;
  private readonly timer: NodeJS.Timeout;

  constructor(readonly timeoutMs: number) {
    this.timer = setInterval(() => this.expireLate(), Math.min(1_000, Math.max(10, Math.floor(timeoutMs / 4))));
    this.timer.unref();
  }

  watch(expire: () => void): PendingBody {
    const entry: PendingBody = { deadline: Date.now() + this.timeoutMs, expire, previous: undefined, next: this.first };
    if (this.first) this.first.previous = entry;
    this.first = entry;
    return entry;
  }

  done(entry: PendingBody): void {
    if (entry.previous) entry.previous.next = entry.next;
    else if (this.first === entry) this.first = entry.next;
    if (entry.next) entry.next.previous = entry.previous;
    entry.previous = entry.next = undefined;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private expireLate(): void {
    const now = Date.now();
    const late: PendingBody[] = [];
    for (let entry = this.first; entry; entry = entry.next) if (entry.deadline <= now) late.push(entry);
    for (const entry of late) {
      this.done(entry);
      entry.expire();
    }
  }
}

/**
 * Reads the body up to `limit` bytes and calls `done` once. A larger body is read to its end and
 * dropped before the 413 is answered: closing a socket with unread data makes the client see a
 * reset, not the answer.
 */
function readBody(request: IncomingMessage, limit: number, deadlines: BodyDeadlines, done: BodyCallback): void {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_DRAINED_BYTES) {
    done(tooLarge(declared, limit), EMPTY_BODY);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = Number.isFinite(declared) && declared > limit;
  let settled = false;
  // Listeners stay attached once settled (removing them costs more than the flag): later chunks are dropped.
  const settle = (error: BodyError | undefined, body: Buffer) => {
    if (settled) return;
    settled = true;
    deadlines.done(watched);
    done(error, body);
  };
  const watched = deadlines.watch(() => settle(new BodyError(408, 'RequestTimeoutException', `The request body did not arrive within ${deadlines.timeoutMs / 1000} seconds.`, true), EMPTY_BODY));
  request.on('data', (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size > MAX_DRAINED_BYTES) settle(tooLarge(size, limit), EMPTY_BODY);
    else if (size > limit) over = true;
    else if (!over) chunks.push(chunk);
  });
  request.on('end', () => {
    if (over) settle(tooLarge(Math.max(size, Number.isFinite(declared) ? declared : 0), limit), EMPTY_BODY);
    else settle(undefined, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
  });
  request.on('error', (error: Error) => settle(new BodyError(400, 'InvalidRequestException', `The request body could not be read: ${error.message}`, true), EMPTY_BODY));
}

function parseJsonBody(raw: Buffer): JsonObject {
  if (raw.length === 0) return {};
  const text = raw.toString('utf8');
  if (text.trim() === '') return {};
  if (jsonNestingDepth(text) > MAX_JSON_DEPTH) throw invalidRequest(`The request body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidRequest(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw invalidRequest('The request body must be a JSON object.');
  return parsed;
}

/** Splits the raw path into segments and percent-decodes each, so an encoded "/" stays in its label. */
function pathSegments(rawPath: string): string[] {
  const segments = rawPath.split('/').slice(1);
  return rawPath.includes('%') ? segments.map((segment) => strictDecode(segment, 'the request path')) : segments;
}

/** The query of a request without one; nothing reads a query by changing it. */
const NO_QUERY: ReadonlyMap<string, string> = new Map();

/** Host header → allowed, for the few host names a running emulator sees (bounded: any client may send any name). */
const HOST_VERDICTS_LIMIT = 64;

function hostChecker(allowedHosts: readonly string[]): (host: string | undefined) => boolean {
  const verdicts = new Map<string, boolean>();
  return (host) => {
    if (host === undefined) return isAllowedHost(host, allowedHosts);
    let verdict = verdicts.get(host);
    if (verdict === undefined) {
      verdict = isAllowedHost(host, allowedHosts);
      if (verdicts.size < HOST_VERDICTS_LIMIT) verdicts.set(host, verdict);
    }
    return verdict;
  };
}

/** Operation → whether it changes state, for the request log. */
const MUTATING = new Map<string, boolean>();

function isMutating(operation: string | undefined, method: string): boolean {
  if (operation === undefined) return method !== 'GET';
  let mutating = MUTATING.get(operation);
  if (mutating === undefined) MUTATING.set(operation, (mutating = changesState(operation)));
  return mutating;
}

export function createApiServer(core: EmulatorCore, options: ServerOptions): Server {
  const headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const allowedHost = hostChecker(options.allowedHosts);
  const deadlines = new BodyDeadlines(options.bodyTimeoutMs ?? BODY_TIMEOUT_MS);
  const server = createServer(
    {
      requestTimeout: Math.max(60_000, headersTimeout + (options.bodyTimeoutMs ?? BODY_TIMEOUT_MS)),
      headersTimeout,
      keepAliveTimeout: 5_000,
      // node would answer a missing Host itself, without JSON or a request id; the host check below decides instead.
      requireHostHeader: false,
      connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_INTERVAL_MS, Math.max(50, Math.floor(headersTimeout / 4))),
    },
    (request, response) => {
      const requestId = randomUUID();
      const fail = (error: unknown) => answerFailure(options, request, response, requestId, error);
      const respond = (body: Buffer) => afterwards(answer(core, request, response, requestId, body), fail);
      try {
        const refusal = refusalOf(allowedHost, request);
        if (refusal) {
          // A refused request's body is read and dropped first, so the refusal is delivered.
          readBody(request, 0, deadlines, () => fail(new BodyError(refusal.status, refusal.errorType, refusal.message, true)));
          return;
        }
        if (declaresNoBody(request)) {
          respond(EMPTY_BODY);
          return;
        }
        readBody(request, bodyLimitOf(request.url ?? '/'), deadlines, (error, body) => {
          if (error) {
            fail(error);
            return;
          }
          try {
            respond(body);
          } catch (failure) {
            fail(failure);
          }
        });
      } catch (error) {
        fail(error);
      }
    },
  );
  server.on('close', () => deadlines.stop());
  // Malformed HTTP never reaches the handler; answer it with JSON too.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, errorType] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'InvalidRequestException']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'RequestTimeoutException']
          : [400, 'Bad Request', 'InvalidRequestException'];
    socket.end(rawAnswer(status, reason, errorType, `Malformed or incomplete HTTP request (${error.code ?? 'parse error'}).`));
  });
  // Expect: 100-continue: refuse an over-limit body before the client sends it; other expectations get a JSON 417.
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > bodyLimitOf(request.url ?? '/')) {
      sendError(response, randomUUID(), tooLarge(declared, bodyLimitOf(request.url ?? '/')), { Connection: 'close' });
      response.on('finish', () => request.destroy());
      return;
    }
    response.writeContinue();
    server.emit('request', request, response);
  });
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    sendError(response, randomUUID(), new ApiError(417, 'ExpectationFailedException', `Expect: ${String(request.headers.expect).slice(0, 100)} is not supported; only 100-continue is.`), { Connection: 'close' });
    response.on('finish', () => request.destroy());
  });
  // CONNECT and protocol upgrades would otherwise close the connection without a word.
  const refuseRaw = (status: number, reason: string, message: string) => (_request: IncomingMessage, socket: Duplex) => {
    if (socket.writable) socket.end(rawAnswer(status, reason, 'InvalidRequestException', message));
    else socket.destroy();
  };
  server.on('connect', refuseRaw(405, 'Method Not Allowed', 'CONNECT is not supported: the emulator is not a proxy.'));
  server.on('upgrade', refuseRaw(400, 'Bad Request', 'Protocol upgrades are not supported: the emulator speaks HTTP/1.1 JSON only.'));
  return server;
}

/** Why a request is refused before it is read (host, cross-site, target, admin content type), or undefined. */
function refusalOf(allowedHost: (host: string | undefined) => boolean, request: IncomingMessage): ApiError | undefined {
  if (!allowedHost(request.headers.host)) {
    return new ApiError(403, 'ForbiddenException', `Host '${request.headers.host}' is not allowed. The emulator answers loopback names only (DNS-rebinding protection); start it with an allowed host to change that.`);
  }
  const crossSite = crossSiteRefusal(request.headers);
  if (crossSite) return new ApiError(403, 'ForbiddenException', `Cross-site request refused: ${crossSite}. The emulator answers SDKs, CLIs and the extension, not web pages.`);
  const url = request.url ?? '/';
  if (url.charCodeAt(0) !== 0x2f) return invalidRequest('The request target must be a path.');
  const adminType = isAdminPath(url) ? adminContentTypeRefusal(request.headers) : undefined;
  if (adminType) return new ApiError(415, 'UnsupportedMediaTypeException', `Refused: ${adminType}.`);
  return undefined;
}

/** Runs `then` on a pending answer's failure; a synchronous answer (the usual case) has nothing pending. */
function afterwards(pending: Promise<void> | undefined, fail: (error: unknown) => void): void {
  if (pending) pending.then(undefined, fail);
}

function answerFailure(options: ServerOptions, request: IncomingMessage, response: ServerResponse, requestId: string, error: unknown): void {
  if (error instanceof BodyError) {
    sendError(response, requestId, error, error.closeConnection ? { Connection: 'close' } : {});
    // A body that was not read to its end cannot be answered on this connection again.
    if (error.closeConnection && !request.complete) response.on('finish', () => request.destroy());
    return;
  }
  if (error instanceof ApiError) {
    sendError(response, requestId, error);
    return;
  }
  options.log?.(`internal error for ${request.method} ${request.url}: ${(error as Error)?.stack ?? String(error)}`);
  sendError(response, requestId, internalFailure(`The emulator failed unexpectedly: ${(error as Error)?.message ?? String(error)}`));
}

/**
 * Answers a request whose body has been read, synchronously; the promise is there only when the
 * answer waits for the journal (with --state: an answer acknowledges only what is durable).
 */
function answer(core: EmulatorCore, request: IncomingMessage, response: ServerResponse, requestId: string, body: Buffer): Promise<void> | undefined {
  const method = request.method ?? 'GET';
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  const rawPath = queryStart < 0 ? url : url.slice(0, queryStart);
  const query = queryStart < 0 ? NO_QUERY : parseQuery(url.slice(queryStart + 1));
  // A path with escapes is split and decoded segment by segment; one without is matched as it is.
  const decoded = rawPath.includes('%') ? pathSegments(rawPath) : undefined;
  const segments = () => decoded ?? pathSegments(rawPath);

  if (isAdminPath(rawPath)) {
    const result = handleAdmin(core, method, rawPath, query, parseJsonBody(body));
    return sendWhenDurable(core, response, requestId, result.status, result.body);
  }

  if (isStsRequest(method, rawPath, request.headers)) {
    handleSts(core, request.headers, body, response, requestId);
    return undefined;
  }

  const match = decoded ? matchRoute(method, decoded) : matchRawPath(method, rawPath);
  const operation = match?.route.operation ?? knownOperation(method, segments());
  // A request whose signature is refused is still logged, without a caller; it is refused only once its route is known.
  let caller: { account: string; region: string } | undefined;
  let refusal: unknown;
  try {
    caller = callerOf(request.headers.authorization, query.get('X-Amz-Credential'), core.account);
  } catch (error) {
    refusal = error;
  }
  recordRequest(core, method, rawPath, operation, match ? isMutating(operation, method) : isMutating(undefined, method), caller);
  if (!match) {
    if (operation) throw new ApiError(501, 'NotImplementedException', `The IoT Mitigations emulator does not support the AWS IoT operation ${operation} (${method} ${rawPath}). See docs/emulator.md for the operations it implements.`);
    const allowed = methodsForPath(segments());
    if (allowed.length) {
      sendError(response, requestId, new ApiError(405, 'MethodNotAllowedException', `${method} is not allowed on ${rawPath}; use ${allowed.join(' or ')}.`), { Allow: allowed.join(', ') });
      return undefined;
    }
    throw new ApiError(404, 'UnknownOperationException', `No AWS IoT operation matches ${method} ${rawPath}.`);
  }
  if (!caller) throw refusal;

  if (core.deniedOperations.has(match.route.operation)) throw accessDenied(match.route.operation, caller, query.get('resourceArn'));
  const injected = core.injectedErrors.get(match.route.operation);
  if (injected) {
    if (--injected.remaining <= 0) core.injectedErrors.delete(match.route.operation);
    throw new ApiError(INJECTABLE_ERRORS[injected.errorType], injected.errorType, `Injected ${injected.errorType} for ${match.route.operation} (emulator admin settings).`);
  }
  core.throttle.take(match.route.operation, caller.account, caller.region);
  const input = new Input(match.labels, query, validateRequest(match.route.shape, match.labels, query, parseJsonBody(body), request.headers), request.headers);
  const state = core.store.region(caller.account, caller.region);
  const result = match.route.handler({ state, input, request: { requestId, account: caller.account, region: caller.region }, now: core.clock.now(), clock: core.clock, runner: core.runner });
  return sendWhenDurable(core, response, requestId, 200, result ?? {});
}

/** Sends the answer now, or once every change it may reflect is journalled and fsynced. */
function sendWhenDurable(core: EmulatorCore, response: ServerResponse, requestId: string, status: number, body: unknown): Promise<void> | undefined {
  const durable = core.store.whenDurable();
  if (durable) return durable.then(() => send(response, requestId, status, body));
  send(response, requestId, status, body);
  return undefined;
}
