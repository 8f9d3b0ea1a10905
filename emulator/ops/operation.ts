/** What every operation handler receives, and helpers shared by the operation families. */
import type { Problem, ProblemCode } from '../../common/validate';
import * as limits from '../../common/limits';
import * as model from '../../common/model';
import type { Clock } from '../clock';
import { invalidRequest } from '../errors';
import type { Runner } from '../runner';
import type { RegionState } from '../state/regionState';
import type { Input, JsonText, RequestContext } from '../http/wire';

// Read once: the bundles reach common/ through a getter on every use of an import (see http/wire.ts).
const { QUOTAS } = limits;
const { MaxResults } = model;

export interface OperationContext {
  readonly state: RegionState;
  readonly input: Input;
  readonly request: RequestContext;
  readonly now: number;
  readonly clock: Clock;
  readonly runner: Runner;
}

/** A handler returns the response body, or its JSON text written earlier (jsonOf); undefined means an empty 200. */
export type Handler = (context: OperationContext) => Record<string, unknown> | JsonText | undefined;

/** Restjson1 body timestamps: epoch seconds, fractional (Smithy, "AWS restJson1 protocol", timestamp formats). */
export function seconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000;
}

/**
 * Drops undefined members so absent optional members are omitted rather than null. Copies
 * instead of deleting: an object that lost a property with `delete` turns into a slow
 * dictionary, which JSON.stringify and every later read pay for.
 */
export function compact<T extends Record<string, unknown>>(value: T): T {
  const result: Record<string, unknown> = {};
  for (const key in value) if (value[key] !== undefined) result[key] = value[key];
  return result as T;
}

/** The service's words for the business rules the editor words for a file (common/validate.ts). */
const SERVICE_WORDS: Partial<Record<ProblemCode, (value: unknown, problem: Problem) => string>> = {
  'undefined-action': (value) => `The mitigation action ${String(value)} does not exist in this account.`,
  'unknown-check': (value, problem) => `${String(problem.path[problem.path.length - 1] ?? value)} is not a valid audit check name.`,
  'legacy-check': (value, problem) => `${String(problem.path[problem.path.length - 1] ?? value)} is not a valid audit check name; the API calls this check ${problem.suggestions?.[0] ?? 'differently'}.`,
  'params-count': () => 'actionParams must specify exactly one of the mitigation action parameter structures.',
};

function valueAt(request: unknown, path: readonly (string | number)[]): unknown {
  let value = request;
  for (const segment of path) value = typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>)[segment] : undefined;
  return value;
}

/** The first error a common/ validator found, as the InvalidRequestException the API returns. */
export function rejectProblems(problems: readonly Problem[], request: unknown): void {
  const first = problems[0];
  if (!first) return;
  const where = first.path.length ? ` (at ${first.path.join('.')})` : '';
  const words = SERVICE_WORDS[first.code];
  throw invalidRequest(words ? `${words(valueAt(request, first.path), first)}${where}` : `${first.message}${where}`);
}

export function maxResultsFromQuery(input: Input, name = 'maxResults'): number | undefined {
  return input.queryInt(name, MaxResults.min ?? QUOTAS.maxResults.min, MaxResults.max ?? QUOTAS.maxResults.max);
}

/** Oldest start time a list may ask for: the 90-day retention, with slack for the client's clock and latency. */
export function retentionStart(now: number): number {
  return now - QUOTAS.retentionDays * 24 * 60 * 60 * 1000 - 5 * 60 * 1000;
}
