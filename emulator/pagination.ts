/**
 * Opaque keyset page tokens: a token names the last item returned, so the next page resumes
 * right after it even when items before it were deleted or added in the meantime (an offset
 * would skip or repeat items). Tokens are URL-safe, present only when more items exist, and
 * bound to the operation and the request's filters, so a token replayed with other filters,
 * edited or invented is an InvalidRequestException rather than a silent restart.
 */
import { createHash } from 'node:crypto';
import * as limits from '../common/limits';
import { invalidRequest } from './errors';

// Read once: the bundles reach common/ through a getter on every use of an import (see emulator/http/wire.ts).
const { QUOTAS } = limits;

interface PageRequest<T> {
  /** The operation name; tokens do not cross operations. */
  readonly operation: string;
  /** Every filter of the request except the token and the page size. */
  readonly filters: unknown;
  readonly maxResults?: number;
  readonly nextToken?: string;
  /** A unique key per item. */
  readonly keyOf: (item: T) => string;
  /**
   * 'key': the list is ordered by key (paginate sorts it), so a page resumes at the first key
   * after the token's, whether or not that item still exists. 'insertion': the items keep
   * their creation order and are never deleted (audit findings, executions), so a page
   * resumes after the token's item.
   */
  readonly order: 'key' | 'insertion';
  readonly descending?: boolean;
  /** ListCertificates' `marker` must match [A-Za-z0-9+/]+={0,2}: standard base64. */
  readonly alphabet?: 'base64url' | 'base64';
}

interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

interface TokenBody {
  readonly v: 2;
  /** The key of the last item returned. */
  readonly k: string;
  readonly h: string;
}

function fingerprint(operation: string, filters: unknown): string {
  return createHash('sha256').update(operation).update('\0').update(JSON.stringify(filters ?? null)).digest('base64url').slice(0, 16);
}

const badToken = () => invalidRequest("The pagination token is invalid or does not belong to this request's filters. Start again without nextToken.");

function decode<T>(token: string, request: PageRequest<T>): string {
  const alphabet = request.alphabet ?? 'base64url';
  const valid = alphabet === 'base64url' ? /^[A-Za-z0-9_-]{1,1024}$/ : /^[A-Za-z0-9+/]{1,1024}={0,2}$/;
  if (!valid.test(token)) throw badToken();
  let body: Partial<TokenBody>;
  try {
    body = JSON.parse(Buffer.from(token, alphabet).toString('utf8')) as Partial<TokenBody>;
  } catch {
    throw badToken();
  }
  if (body?.v !== 2 || typeof body.k !== 'string' || body.h !== fingerprint(request.operation, request.filters)) throw badToken();
  return body.k;
}

function encode<T>(key: string, request: PageRequest<T>): string {
  const body: TokenBody = { v: 2, k: key, h: fingerprint(request.operation, request.filters) };
  return Buffer.from(JSON.stringify(body)).toString(request.alphabet ?? 'base64url');
}

const ascending = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Whether `keys` already stand in `direction` order: a table filled in key order (a generated fleet) then needs no sort. */
function inOrder(keys: readonly string[], direction: number): boolean {
  for (let index = 1; index < keys.length; index++) if (direction * ascending(keys[index - 1], keys[index]) > 0) return false;
  return true;
}

/** inOrder on the items' keys, computed as it goes instead of kept. */
function itemsInOrder<T>(items: readonly T[], keyOf: (item: T) => string, direction: number): boolean {
  if (items.length < 2) return true;
  let previous = keyOf(items[0]);
  for (let index = 1; index < items.length; index++) {
    const key = keyOf(items[index]);
    if (direction * ascending(previous, key) > 0) return false;
    previous = key;
  }
  return true;
}

/** The first index whose key comes after `after` in sorted `keys` (binary search). */
function firstAfter(keys: readonly string[], after: string, direction: number): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (direction * ascending(keys[middle], after) > 0) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** One page of `items` (already filtered). Only the page is copied; keys are computed once and sorted only when out of order. */
export function paginate<T>(items: readonly T[], request: PageRequest<T>): Page<T> {
  const size = request.maxResults ?? QUOTAS.maxResults.default;
  const token = request.nextToken !== undefined && request.nextToken !== '' ? decode(request.nextToken, request) : undefined;
  let ordered: readonly T[] = items;
  let keys: readonly string[] | undefined;
  let start = 0;
  if (request.order === 'key') {
    const direction = request.descending ? -1 : 1;
    // The usual first page of a list already in key order needs neither the keys kept nor a sort.
    if (token === undefined && itemsInOrder(items, request.keyOf, direction)) {
      const page = items.slice(0, size);
      return page.length === items.length ? { items: page } : { items: page, nextToken: encode(request.keyOf(page[page.length - 1]), request) };
    }
    const itemKeys = items.map(request.keyOf);
    if (inOrder(itemKeys, direction)) keys = itemKeys;
    else {
      const positions = itemKeys.map((_, index) => index).sort((a, b) => direction * ascending(itemKeys[a], itemKeys[b]));
      ordered = positions.map((index) => items[index]);
      keys = positions.map((index) => itemKeys[index]);
    }
    if (token !== undefined) start = firstAfter(keys, token, direction);
  } else if (token !== undefined) {
    const index = items.findIndex((item) => request.keyOf(item) === token);
    if (index < 0) throw badToken();
    start = index + 1;
  }
  const page = ordered.slice(start, start + size);
  if (start + size >= ordered.length) return { items: page };
  const lastKey = keys ? keys[start + page.length - 1] : request.keyOf(page[page.length - 1]);
  return { items: page, nextToken: encode(lastKey, request) };
}

/** A key that sorts by time first: zero-padded epoch milliseconds, then a unique id. */
export function timeKey(ms: number, id: string): string {
  return `${String(Math.max(0, Math.floor(ms))).padStart(16, '0')}|${id}`;
}
