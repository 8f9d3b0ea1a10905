/**
 * A bounded log of the API requests an emulator answered (admin requests excluded), so a test
 * can prove what a client did to it, e.g. that a rehearsal only read (GET /_emulator/requests).
 * Recording is on every request's path, so it stores what it was given (no route lookup, no
 * date formatting) in columns of a ring allocated once: an entry object per request would
 * outlive its request and be copied by every young-generation collection until promoted.
 */
import type { EmulatorCore } from '../core';

interface RecordedRequest {
  /** Increases by one per request, so a reader can ask for what came after what it saw. */
  readonly sequence: number;
  readonly time: string;
  readonly method: string;
  readonly path: string;
  /** The AWS IoT operation, or undefined when the path matches none. */
  readonly operation?: string;
  /** Whether the emulator implements the operation as one that changes state. */
  readonly mutating: boolean;
  readonly account?: string;
  readonly region?: string;
}

/** What the server knows about a request when it records it. */
export interface RequestFacts {
  readonly method: string;
  readonly path: string;
  readonly operation?: string;
  readonly mutating: boolean;
  /** The caller from the credential scope; absent when the signature is refused (the request is still logged). */
  readonly caller?: { readonly account: string; readonly region: string };
}

/** Old entries are dropped beyond this; `dropped` says how many. */
const REQUEST_LOG_LIMIT = 10_000;

/** The last REQUEST_LOG_LIMIT entries, column by column, at `sequence % REQUEST_LOG_LIMIT`; `next - 1` is the newest sequence number. */
class Log {
  next = 1;
  /** Emulator clock, epoch ms. */
  readonly at = new Float64Array(REQUEST_LOG_LIMIT);
  readonly mutating = new Uint8Array(REQUEST_LOG_LIMIT);
  readonly method = new Array<string>(REQUEST_LOG_LIMIT).fill('');
  readonly path = new Array<string>(REQUEST_LOG_LIMIT).fill('');
  readonly operation = new Array<string | undefined>(REQUEST_LOG_LIMIT).fill(undefined);
  readonly account = new Array<string | undefined>(REQUEST_LOG_LIMIT).fill(undefined);
  readonly region = new Array<string | undefined>(REQUEST_LOG_LIMIT).fill(undefined);
}

const logs = new WeakMap<EmulatorCore, Log>();

function logOf(core: EmulatorCore): Log {
  let log = logs.get(core);
  if (!log) logs.set(core, (log = new Log()));
  return log;
}

/** Records one request; the arguments are RequestFacts' members, passed one by one so that no object is made per request. */
export function recordRequest(core: EmulatorCore, method: string, path: string, operation: string | undefined, mutating: boolean, caller: RequestFacts['caller']): void {
  const log = logOf(core);
  const slot = log.next++ % REQUEST_LOG_LIMIT;
  log.at[slot] = core.clock.now();
  log.mutating[slot] = mutating ? 1 : 0;
  log.method[slot] = method;
  log.path[slot] = path;
  log.operation[slot] = operation;
  log.account[slot] = caller?.account;
  log.region[slot] = caller?.region;
}

function present(log: Log, sequence: number): RecordedRequest {
  const slot = sequence % REQUEST_LOG_LIMIT;
  const account = log.account[slot];
  const region = log.region[slot];
  const caller = account === undefined || region === undefined ? {} : { account, region };
  return { sequence, time: new Date(log.at[slot]).toISOString(), method: log.method[slot], path: log.path[slot], operation: log.operation[slot], mutating: log.mutating[slot] === 1, ...caller };
}

/** Requests after `afterSequence` (0: all kept), oldest first. */
export function recordedRequests(core: EmulatorCore, afterSequence = 0): { requests: RecordedRequest[]; dropped: number; lastSequence: number } {
  const log = logOf(core);
  const last = log.next - 1;
  const dropped = Math.max(0, last - REQUEST_LOG_LIMIT);
  const requests: RecordedRequest[] = [];
  for (let sequence = Math.max(dropped, Number.isFinite(afterSequence) ? Math.floor(afterSequence) : 0) + 1; sequence <= last; sequence++) requests.push(present(log, sequence));
  return { requests, dropped, lastSequence: last };
}
