/**
 * A bounded log of the API requests an emulator answered (admin requests excluded), so a test
 * can prove what a client did to it, e.g. that a rehearsal only read (GET /_emulator/requests).
 * Recording is on every request's path, so it stores what it was given (no route lookup, no
 * date formatting) in a ring; the reader formats.
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

interface Entry {
  readonly sequence: number;
  /** Emulator clock, epoch ms. */
  readonly at: number;
  readonly facts: RequestFacts;
}

/** Old entries are dropped beyond this; `dropped` says how many. */
const REQUEST_LOG_LIMIT = 10_000;

/** A ring of the last REQUEST_LOG_LIMIT entries: `next - 1` is the newest sequence number. */
interface Log {
  readonly ring: (Entry | undefined)[];
  next: number;
}

const logs = new WeakMap<EmulatorCore, Log>();

function logOf(core: EmulatorCore): Log {
  let log = logs.get(core);
  if (!log) logs.set(core, (log = { ring: new Array<Entry | undefined>(REQUEST_LOG_LIMIT), next: 1 }));
  return log;
}

export function recordRequest(core: EmulatorCore, facts: RequestFacts): void {
  const log = logOf(core);
  const sequence = log.next++;
  log.ring[sequence % REQUEST_LOG_LIMIT] = { sequence, at: core.clock.now(), facts };
}

function present(entry: Entry): RecordedRequest {
  const { method, path, operation, mutating, caller } = entry.facts;
  return { sequence: entry.sequence, time: new Date(entry.at).toISOString(), method, path, operation, mutating, ...caller };
}

/** Requests after `afterSequence` (0: all kept), oldest first. */
export function recordedRequests(core: EmulatorCore, afterSequence = 0): { requests: RecordedRequest[]; dropped: number; lastSequence: number } {
  const log = logOf(core);
  const last = log.next - 1;
  const dropped = Math.max(0, last - REQUEST_LOG_LIMIT);
  const requests: RecordedRequest[] = [];
  for (let sequence = Math.max(dropped, Number.isFinite(afterSequence) ? Math.floor(afterSequence) : 0) + 1; sequence <= last; sequence++) {
    requests.push(present(log.ring[sequence % REQUEST_LOG_LIMIT]!));
  }
  return { requests, dropped, lastSequence: last };
}
