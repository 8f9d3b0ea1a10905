/**
 * Opaque page tokens (iot-api.md §1.7): URL-safe, present only when more items exist, and bound
 * to the operation and the request's filters, so a token replayed with other filters, edited
 * or invented is an InvalidRequestException rather than a silent restart from the first page.
 */
import { createHash } from 'node:crypto';
import { QUOTAS } from '../common/limits';
import { invalidRequest } from './errors';

export interface PageRequest {
  /** The operation name; tokens do not cross operations. */
  readonly operation: string;
  /** Every filter of the request except the token and the page size. */
  readonly filters: unknown;
  readonly maxResults?: number;
  readonly nextToken?: string;
  /** ListCertificates' `marker` must match [A-Za-z0-9+/]+={0,2}: standard base64. */
  readonly alphabet?: 'base64url' | 'base64';
}

export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

interface TokenBody {
  readonly v: 1;
  readonly o: number;
  readonly h: string;
}

function fingerprint(operation: string, filters: unknown): string {
  return createHash('sha256').update(operation).update('\0').update(JSON.stringify(filters ?? null)).digest('base64url').slice(0, 16);
}

function decode(token: string, request: PageRequest): number {
  const alphabet = request.alphabet ?? 'base64url';
  const valid = alphabet === 'base64url' ? /^[A-Za-z0-9_-]{1,1024}$/ : /^[A-Za-z0-9+/]{1,1024}={0,2}$/;
  const bad = () => invalidRequest('The pagination token is invalid or does not belong to this request\'s filters. Start again without nextToken.');
  if (!valid.test(token)) throw bad();
  let body: Partial<TokenBody>;
  try {
    body = JSON.parse(Buffer.from(token, alphabet).toString('utf8')) as Partial<TokenBody>;
  } catch {
    throw bad();
  }
  if (body?.v !== 1 || typeof body.o !== 'number' || !Number.isInteger(body.o) || body.o < 0 || body.h !== fingerprint(request.operation, request.filters)) {
    throw bad();
  }
  return body.o;
}

function encode(offset: number, request: PageRequest): string {
  const body: TokenBody = { v: 1, o: offset, h: fingerprint(request.operation, request.filters) };
  return Buffer.from(JSON.stringify(body)).toString(request.alphabet ?? 'base64url');
}

/** One page of `items` (already filtered and in a stable order). */
export function paginate<T>(items: readonly T[], request: PageRequest): Page<T> {
  const size = request.maxResults ?? QUOTAS.maxResults.default;
  const start = request.nextToken === undefined || request.nextToken === '' ? 0 : decode(request.nextToken, request);
  const end = start + size;
  const page = items.slice(start, end);
  return end < items.length ? { items: page, nextToken: encode(end, request) } : { items: page };
}
