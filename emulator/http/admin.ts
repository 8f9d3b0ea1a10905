/**
 * The admin API under /_emulator/ (documented in docs/emulator.md): health, reset to the
 * seed, state dump, seeding, SNS messages, and settings (pace, clock offset, injected errors,
 * denied operations, throttling).
 * Region and account default to us-east-1 and the emulator's account; pass ?region=&account=.
 */
import { MAX_EMULATOR_PACE_MS } from '../../common/limits';
import { runDueScheduledAudits } from '../audit/scheduler';
import type { EmulatorCore, SeedName } from '../core';
import { ApiError, invalidRequest } from '../errors';
import { applySeedDocument } from '../fleet/seedInput';
import { recordedRequests } from './requestLog';
import { SEED_NAMES, seederFor } from '../seeds';
import { DEFAULT_REGION } from './sigv4';
import { deniableOperation } from './deniedOperations';
import { isObject, type JsonObject } from './wire';

interface AdminResponse {
  readonly status: number;
  readonly body: unknown;
}

/** Error types the admin API may inject, with the HTTP status AWS IoT gives each (AWS IoT API Reference, "Common errors" and each error type's httpError in the model). */
export const INJECTABLE_ERRORS: Readonly<Record<string, number>> = {
  InvalidRequestException: 400,
  ThrottlingException: 400,
  TaskAlreadyExistsException: 400,
  UnauthorizedException: 401,
  ResourceNotFoundException: 404,
  ResourceAlreadyExistsException: 409,
  LimitExceededException: 410,
  InternalFailureException: 500,
  ServiceUnavailableException: 503,
};

const notFoundAdmin = (path: string) => new ApiError(404, 'UnknownOperationException', `No admin endpoint ${path}. Endpoints: GET health, POST reset, GET state, POST seed, GET sns, GET requests, GET|POST settings.`);

function regionOf(core: EmulatorCore, query: ReadonlyMap<string, string>) {
  const region = query.get('region') ?? DEFAULT_REGION;
  const account = query.get('account') ?? core.account;
  if (!/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) throw invalidRequest(`'${region}' is not a region name.`);
  if (!/^\d{12}$/.test(account)) throw invalidRequest('account must be 12 digits.');
  return core.store.region(account, region);
}

function settingsView(core: EmulatorCore) {
  return {
    paceMs: core.store.settings.paceMs,
    clockOffsetMs: core.store.settings.clockOffsetMs,
    now: new Date(core.clock.now()).toISOString(),
    injectedErrors: Object.fromEntries(core.injectedErrors),
    denyOperations: [...core.deniedOperations].sort(),
    throttle: core.throttle.enabled,
  };
}

/** The emulator's clock may be moved up to 100 years either way: far enough to age any certificate, near enough to stay a date. */
export const MAX_CLOCK_OFFSET_MS = 100 * 365 * 24 * 60 * 60 * 1000;

function clockMs(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_CLOCK_OFFSET_MS) {
    throw invalidRequest(`${name} must be a number of milliseconds from -${MAX_CLOCK_OFFSET_MS} to ${MAX_CLOCK_OFFSET_MS} (100 years).`);
  }
  return Math.round(value);
}

function updateSettings(core: EmulatorCore, body: JsonObject): void {
  const changes: { paceMs?: number; clockOffsetMs?: number } = {};
  if (body.paceMs !== undefined) {
    if (typeof body.paceMs !== 'number' || !Number.isInteger(body.paceMs) || body.paceMs < 0 || body.paceMs > MAX_EMULATOR_PACE_MS) throw invalidRequest(`paceMs must be a whole number of milliseconds from 0 to ${MAX_EMULATOR_PACE_MS}.`);
    changes.paceMs = body.paceMs;
  }
  if (body.clockOffsetMs !== undefined) changes.clockOffsetMs = clockMs(body.clockOffsetMs, 'clockOffsetMs');
  if (body.advanceClockMs !== undefined) {
    const offset = (changes.clockOffsetMs ?? core.store.settings.clockOffsetMs) + clockMs(body.advanceClockMs, 'advanceClockMs');
    changes.clockOffsetMs = clockMs(offset, 'the resulting clockOffsetMs');
  }
  if (body.throttle !== undefined) {
    if (typeof body.throttle !== 'boolean') throw invalidRequest('throttle must be true (enforce the AWS IoT TPS limits) or false.');
  }
  // Everything is checked before anything changes: a refused settings request changes nothing.
  const injections: [string, { errorType: string; remaining: number } | null][] = [];
  if (body.injectErrors !== undefined) {
    if (!isObject(body.injectErrors)) throw invalidRequest('injectErrors must map operation names to {"errorType": ..., "count": n} or null.');
    for (const [operation, spec] of Object.entries(body.injectErrors)) {
      if (spec === null) {
        injections.push([operation, null]);
        continue;
      }
      if (!isObject(spec) || typeof spec.errorType !== 'string' || !(spec.errorType in INJECTABLE_ERRORS)) {
        throw invalidRequest(`injectErrors.${operation}.errorType must be one of ${Object.keys(INJECTABLE_ERRORS).join(', ')}.`);
      }
      const count = spec.count === undefined ? 1 : spec.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw invalidRequest(`injectErrors.${operation}.count must be a positive whole number.`);
      injections.push([operation, { errorType: spec.errorType, remaining: count }]);
    }
  }
  let denied: string[] | undefined;
  if (body.denyOperations !== undefined) {
    if (!Array.isArray(body.denyOperations)) throw invalidRequest('denyOperations must be a list of AWS IoT operation names (e.g. ["ListTagsForResource"]); [] allows every operation again.');
    denied = body.denyOperations.map((name, index) => deniableOperation(name, `denyOperations[${index}]`));
  }
  if (denied) {
    core.deniedOperations.clear();
    for (const operation of denied) core.deniedOperations.add(operation);
  }
  for (const [operation, injection] of injections) {
    if (injection) core.injectedErrors.set(operation, injection);
    else core.injectedErrors.delete(operation);
  }
  if (typeof body.throttle === 'boolean') {
    core.throttle.enabled = body.throttle;
    core.throttle.clear();
  }
  if (Object.keys(changes).length) {
    core.store.updateSettings(changes);
    core.clock.offsetMs = core.store.settings.clockOffsetMs;
    // A moved clock may have reached scheduled audits' run times: start them now, not on the next tick.
    runDueScheduledAudits(core.store, core.runner, core.clock.now());
    core.runner.wake();
  }
}

export function handleAdmin(core: EmulatorCore, method: string, path: string, query: ReadonlyMap<string, string>, body: JsonObject): AdminResponse {
  const endpoint = path.replace(/^\/_emulator\/?/, '').replace(/\/$/, '');
  const route = `${method} ${endpoint}`;
  switch (route) {
    case 'GET health':
    case 'GET ':
      return {
        status: 200,
        body: {
          status: 'ok',
          service: 'iot-mitigations-emulator',
          account: core.account,
          seed: core.seed,
          durable: core.durable,
          uptimeSeconds: (Date.now() - core.startedAt) / 1000,
          regions: core.store.existingRegions().map((state) => state.scope),
          settings: settingsView(core),
        },
      };
    case 'POST reset': {
      const seed = body.seed ?? core.seed;
      if (typeof seed !== 'string' || !SEED_NAMES.includes(seed as SeedName)) throw invalidRequest(`seed must be one of ${SEED_NAMES.join(', ')}.`);
      core.seed = seed as SeedName;
      core.runner.abandonAll();
      core.store.reset(seederFor(core.seed, core.clock));
      return { status: 200, body: { reset: true, seed: core.seed } };
    }
    case 'GET state': {
      const state = regionOf(core, query);
      return { status: 200, body: { account: state.account, region: state.region, tables: state.dump() } };
    }
    case 'POST seed': {
      const state = regionOf(core, query);
      const result = core.store.atomically(state, () => applySeedDocument(state, body, core.clock.now()));
      return { status: 200, body: { account: state.account, region: state.region, ...result } };
    }
    case 'GET sns': {
      const state = regionOf(core, query);
      const topicArn = query.get('topicArn');
      const messages = [...state.snsMessages.values()].filter((message) => !topicArn || message.topicArn === topicArn).map((message) => ({ ...message, timestamp: new Date(message.timestamp).toISOString() }));
      return { status: 200, body: { messages } };
    }
    case 'GET requests': {
      const after = query.get('after') ?? '0';
      if (!/^\d{1,15}$/.test(after)) throw invalidRequest('after must be a request sequence number (a whole number).');
      return { status: 200, body: recordedRequests(core, Number(after)) };
    }
    case 'GET settings':
      return { status: 200, body: settingsView(core) };
    case 'POST settings':
      updateSettings(core, body);
      return { status: 200, body: settingsView(core) };
    default:
      throw notFoundAdmin(path);
  }
}
