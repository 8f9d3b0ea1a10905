/**
 * A bounded log of the API requests an emulator answered (admin requests excluded), so a test
 * can prove what a client did to it, e.g. that a rehearsal only read (GET /_emulator/requests).
 */
import type { EmulatorCore } from '../core';
import { changesState, knownOperation, matchRoute } from './routes';
import { callerOf } from './sigv4';

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

/** Old entries are dropped beyond this; `dropped` says how many. */
const REQUEST_LOG_LIMIT = 10_000;

interface Log {
  entries: RecordedRequest[];
  next: number;
  dropped: number;
}

const logs = new WeakMap<EmulatorCore, Log>();

function logOf(core: EmulatorCore): Log {
  let log = logs.get(core);
  if (!log) logs.set(core, (log = { entries: [], next: 1, dropped: 0 }));
  return log;
}

export function recordRequest(core: EmulatorCore, method: string, path: string, segments: readonly string[], authorization: string | undefined, queryCredential: string | undefined): void {
  const log = logOf(core);
  const route = matchRoute(method, segments)?.route;
  let caller: { account?: string; region?: string } = {};
  try {
    caller = callerOf(authorization, queryCredential, core.account);
  } catch {
    // The request itself will be refused for its signature; it is still logged.
  }
  log.entries.push({ sequence: log.next++, time: new Date(core.clock.now()).toISOString(), method, path, operation: route?.operation ?? knownOperation(method, segments), mutating: route ? changesState(route.operation) : method !== 'GET', ...caller });
  if (log.entries.length > REQUEST_LOG_LIMIT) {
    log.entries.shift();
    log.dropped++;
  }
}

/** Requests after `afterSequence` (0: all kept), oldest first. */
export function recordedRequests(core: EmulatorCore, afterSequence = 0): { requests: RecordedRequest[]; dropped: number; lastSequence: number } {
  const log = logOf(core);
  return { requests: log.entries.filter((entry) => entry.sequence > afterSequence), dropped: log.dropped, lastSequence: log.next - 1 };
}
