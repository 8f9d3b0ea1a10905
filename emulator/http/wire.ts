/**
 * Reading typed, validated members out of a restJson1 request: path labels, query strings
 * (ISO-8601 timestamps, integers, booleans) and JSON body members (epoch-number timestamps).
 * Every violation becomes an InvalidRequestException naming the member, worded as AWS IoT words
 * its own validation errors ("1 validation error detected: ...").
 */
import { stringShapeViolation, type StringShape, type StringShapeViolation } from '../../common/shapes';
import { invalidRequest } from '../errors';

export type JsonObject = Record<string, unknown>;

export interface RequestContext {
  readonly requestId: string;
  readonly account: string;
  readonly region: string;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The AWS wording of each broken constraint (the service's own "1 validation error detected" messages). */
function constraintText(violation: StringShapeViolation): string {
  switch (violation.kind) {
    case 'enum':
      return `Member must satisfy enum value set: [${violation.allowed.join(', ')}]`;
    case 'min':
      return `Member must have length greater than or equal to ${violation.min}`;
    case 'max':
      return `Member must have length less than or equal to ${violation.max}`;
    case 'pattern':
      return `Member must satisfy regular expression pattern: ${violation.pattern}`;
  }
}

/** Read once: the bundles reach common/ through a getter on every use, and every string member of every request is checked. */
const shapeViolation = stringShapeViolation;

/** Validates a string against a model shape; `label` is the wire name used in the message. */
export function checkStringShape(label: string, value: string, shape: StringShape): string {
  const violation = shapeViolation(value, shape);
  if (violation) throw invalidRequest(`1 validation error detected: Value '${truncate(value)}' at '${label}' failed to satisfy constraint: ${constraintText(violation)}`);
  return value;
}

function truncate(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}

const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Parses a query timestamp: RFC 3339 with 0..9 fractional digits (SDK: 3, CLI: 6). Returns epoch ms. */
export function parseIsoTimestamp(label: string, value: string): number {
  const match = ISO_TIMESTAMP.exec(value);
  const ms = match ? Date.parse(value.replace(/(\.\d{3})\d+/, '$1')) : NaN;
  if (!match || Number.isNaN(ms)) {
    throw invalidRequest(`Value '${truncate(value)}' at '${label}' is not a valid ISO-8601 timestamp (e.g. 2024-01-02T03:04:05Z).`);
  }
  return ms;
}

/** The request's inputs, with typed accessors that validate as they read. */
export class Input {
  constructor(
    readonly labels: Readonly<Record<string, string>>,
    readonly query: ReadonlyMap<string, string>,
    readonly body: JsonObject,
    /** Request headers, for the few members the model binds to a header (e.g. x-amzn-principal). */
    readonly headers: Readonly<Record<string, string | string[] | undefined>> = {},
  ) {}

  header(name: string, required = false): string | undefined {
    const raw = this.headers[name.toLowerCase()];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if ((value === undefined || value === '') && required) throw invalidRequest(`Missing required header '${name}'.`);
    return value === '' ? undefined : value;
  }

  label(name: string, shape: StringShape): string {
    const value = this.labels[name] ?? '';
    if (value === '') throw invalidRequest(`The path label '${name}' must not be empty.`);
    return checkStringShape(name, value, shape);
  }

  queryString(name: string, shape?: StringShape, required = false): string | undefined {
    const value = this.query.get(name);
    if (value === undefined) {
      if (required) throw invalidRequest(`Missing required query parameter '${name}'.`);
      return undefined;
    }
    return shape ? checkStringShape(name, value, shape) : value;
  }

  queryInt(name: string, min: number, max: number): number | undefined {
    const raw = this.query.get(name);
    if (raw === undefined) return undefined;
    if (!/^-?\d{1,12}$/.test(raw)) throw invalidRequest(`Value '${truncate(raw)}' at '${name}' must be an integer.`);
    return checkRange(name, Number(raw), min, max);
  }

  queryBool(name: string): boolean | undefined {
    const raw = this.query.get(name);
    if (raw === undefined) return undefined;
    if (raw !== 'true' && raw !== 'false') throw invalidRequest(`Value '${truncate(raw)}' at '${name}' must be true or false.`);
    return raw === 'true';
  }

  queryTimestamp(name: string, required = false): number | undefined {
    const raw = this.query.get(name);
    if (raw === undefined) {
      if (required) throw invalidRequest(`Missing required query parameter '${name}'.`);
      return undefined;
    }
    return parseIsoTimestamp(name, raw);
  }

  bodyString(name: string, shape?: StringShape, required = false): string | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) {
      if (required) throw invalidRequest(`Missing required member '${name}'.`);
      return undefined;
    }
    if (typeof value !== 'string') throw invalidRequest(`Member '${name}' must be a string.`);
    return shape ? checkStringShape(name, value, shape) : value;
  }

  bodyInt(name: string, min: number, max: number): number | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidRequest(`Member '${name}' must be an integer.`);
    return checkRange(name, value, min, max);
  }

  bodyBool(name: string): boolean | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw invalidRequest(`Member '${name}' must be a boolean.`);
    return value;
  }

  /** A body timestamp: epoch seconds as a JSON number (SDK: fractional, CLI: integer). Returns epoch ms. */
  bodyTimestamp(name: string): number | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidRequest(`Member '${name}' must be a timestamp in epoch seconds (a number).`);
    return Math.round(value * 1000);
  }

  bodyObject(name: string, required = false): JsonObject | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) {
      if (required) throw invalidRequest(`Missing required member '${name}'.`);
      return undefined;
    }
    if (!isObject(value)) throw invalidRequest(`Member '${name}' must be an object.`);
    return value;
  }
}

function checkRange(name: string, value: number, min: number, max: number): number {
  if (value < min) throw invalidRequest(`Value '${value}' at '${name}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  if (value > max) throw invalidRequest(`Value '${value}' at '${name}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
  return value;
}

/** Splits a raw query string with strict percent-decoding; malformed escapes are a client error. */
export function parseQuery(raw: string): Map<string, string> {
  const query = new Map<string, string>();
  if (!raw) return query;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = strictDecode(eq < 0 ? part : part.slice(0, eq), 'query parameter name');
    const value = strictDecode(eq < 0 ? '' : part.slice(eq + 1), `query parameter '${key}'`);
    if (!query.has(key)) query.set(key, value);
  }
  return query;
}

export function strictDecode(text: string, what: string): string {
  // Without an escape there is nothing to decode (decodeURIComponent would return the text).
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalidRequest(`Invalid percent-encoding in ${what}: '${truncate(text)}'.`);
  }
}

/** JSON documents nest at most this deep: the model's deepest input is 6 levels, a seeding document about 8. */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of objects and arrays in JSON text, found without recursion (strings skipped). */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (char === 0x7d || char === 0x5d) depth--;
  }
  return deepest;
}

/**
 * JSON text serialised earlier, with its UTF-8 length, which an answer embeds as it is: an
 * entity's listed form is written once per version of the entity instead of once per request
 * that lists it, and an answer's Content-Length is summed from its pieces instead of measured.
 */
export class JsonText {
  constructor(
    readonly text: string,
    readonly bytes: number,
  ) {}

  static of(text: string): JsonText {
    return new JsonText(text, Buffer.byteLength(text));
  }
}

/**
 * The JSON of `entity` in the form `shape` gives it, serialised on first use. Entities are
 * immutable once put (state/table.ts: a change puts a new object), so the text stays true for
 * as long as the object lives, and the WeakMap lets it go with the object.
 */
export function jsonOf<T extends object>(cache: WeakMap<T, JsonText>, entity: T, shape: (entity: T) => unknown): JsonText {
  let text = cache.get(entity);
  if (!text) cache.set(entity, (text = JsonText.of(JSON.stringify(shape(entity)))));
  return text;
}

/** `"name":` per member name of the answers that embed JsonText (a few API member names). */
const MEMBER_NAMES = new Map<string, JsonText>();

function memberName(key: string): JsonText {
  let name = MEMBER_NAMES.get(key);
  if (!name) MEMBER_NAMES.set(key, (name = JsonText.of(`${JSON.stringify(key)}:`)));
  return name;
}

function embedsJsonText(body: JsonObject): boolean {
  for (const key in body) {
    const value = body[key];
    if (value instanceof JsonText || (Array.isArray(value) && value[0] instanceof JsonText)) return true;
  }
  return false;
}

/**
 * An answer body as JSON text: a JsonText answer, and JsonText members (or lists of them) at its
 * top level, are embedded as they are (the text is a rope of them, which the socket write
 * flattens once, as it flattens any answer joined to its head).
 */
export function answerJson(body: unknown): JsonText {
  if (body instanceof JsonText) return body;
  if (!isObject(body) || !embedsJsonText(body)) return JsonText.of(JSON.stringify(body) ?? 'null');
  let text = '{';
  let bytes = 1;
  const append = (piece: string) => {
    text += piece;
    bytes += Buffer.byteLength(piece);
  };
  let first = true;
  for (const key in body) {
    const value = body[key];
    // JSON.stringify leaves undefined members out; so does this.
    if (value === undefined) continue;
    if (!first) {
      text += ',';
      bytes += 1;
    }
    first = false;
    const name = memberName(key);
    text += name.text;
    bytes += name.bytes;
    if (value instanceof JsonText) {
      text += value.text;
      bytes += value.bytes;
    } else if (Array.isArray(value)) {
      text += '[';
      bytes += 1;
      for (let index = 0; index < value.length; index++) {
        if (index > 0) {
          text += ',';
          bytes += 1;
        }
        const item: unknown = value[index];
        if (item instanceof JsonText) {
          text += item.text;
          bytes += item.bytes;
        } else append(JSON.stringify(item) ?? 'null');
      }
      text += ']';
      bytes += 1;
    } else append(JSON.stringify(value));
  }
  return new JsonText(`${text}}`, bytes + 1);
}
