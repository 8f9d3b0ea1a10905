/**
 * Enforces the AWS IoT model on every request before its handler runs: each member of the
 * operation's input (path label, query parameter or body member) is checked for presence, type,
 * length, value range, pattern, enum and list or map size, as the service does, and answers
 * InvalidRequestException (400) naming the member. Body members the model does not declare are
 * dropped, as the service drops them, so they are never stored, echoed or compared.
 */
import type { OperationShape, RequestMember, Shape, StructureShape, TimestampShape } from '../../common/shapes';
import { invalidRequest } from '../errors';
import { checkStringShape, isObject, parseIsoTimestamp, type JsonObject } from './wire';

/** The model's integers are Java ints; timestamps must be a date a service can store (up to 9999-12-31). */
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const MAX_EPOCH_SECONDS = 253_402_300_799;

const violation = (path: string, constraint: string, value?: unknown) =>
  invalidRequest(`1 validation error detected: Value ${value === undefined ? 'null' : `'${shortText(value)}'`} at '${path}' failed to satisfy constraint: ${constraint}`);

function shortText(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function typeError(path: string, expected: string, value: unknown): Error {
  const actual = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
  return invalidRequest(`Member '${path}' must be ${expected}, not ${actual}.`);
}

function checkRange(path: string, value: number, min: number, max: number): void {
  if (value < min) throw violation(path, `Member must have value greater than or equal to ${min}`, value);
  if (value > max) throw violation(path, `Member must have value less than or equal to ${max}`, value);
}

function checkSize(path: string, size: number, shape: { min?: number; max?: number }): void {
  if (shape.min !== undefined && size < shape.min) throw violation(path, `Member must have length greater than or equal to ${shape.min}`, size);
  if (shape.max !== undefined && size > shape.max) throw violation(path, `Member must have length less than or equal to ${shape.max}`, size);
}

/** Checks one JSON value against its shape and returns it with undeclared structure members removed. */
function bodyValue(shape: Shape | TimestampShape, value: unknown, path: string): unknown {
  switch (shape.type) {
    case 'string':
      if (typeof value !== 'string') throw typeError(path, 'a string', value);
      return checkStringShape(path, value, shape);
    case 'boolean':
      if (typeof value !== 'boolean') throw typeError(path, 'a boolean', value);
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(path, 'an integer', value);
      checkRange(path, value, shape.min ?? INT_MIN, shape.max ?? INT_MAX);
      return value;
    case 'timestamp':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw typeError(path, 'a timestamp in epoch seconds (a number)', value);
      checkRange(path, value, -MAX_EPOCH_SECONDS, MAX_EPOCH_SECONDS);
      return value;
    case 'list': {
      if (!Array.isArray(value)) throw typeError(path, 'a list', value);
      checkSize(path, value.length, shape);
      return value.map((item, index) => {
        if (item === null) throw violation(`${path}.${index + 1}`, 'Member must not be null');
        return bodyValue(shape.item, item, `${path}.${index + 1}`);
      });
    }
    case 'map': {
      if (!isObject(value)) throw typeError(path, 'a map (an object)', value);
      const entries = Object.entries(value);
      checkSize(path, entries.length, shape);
      const result: JsonObject = {};
      for (const [key, entry] of entries) {
        checkStringShape(`${path}.${key} (key)`, key, shape.key);
        if (entry === null) throw violation(`${path}.${key}`, 'Member must not be null');
        result[key] = bodyValue(shape.value, entry, `${path}.${key}`);
      }
      return result;
    }
    case 'structure':
      if (!isObject(value)) throw typeError(path, 'an object', value);
      return structure(shape, value, path);
  }
}

function structure(shape: StructureShape, value: JsonObject, path: string): JsonObject {
  const result: JsonObject = {};
  for (const [name, member] of Object.entries(shape.members)) putMember(result, name, member, value[name], `${path}.${name}`);
  return result;
}

/** Checks one JSON member into `into`; an absent (or null) member is left out unless it is required. */
function putMember(into: JsonObject, name: string, member: { readonly shape: Shape | TimestampShape; readonly required?: boolean }, raw: unknown, path: string): void {
  if (raw === undefined || raw === null) {
    if (member.required) throw violation(path, 'Member must not be null');
    return;
  }
  into[name] = bodyValue(member.shape, raw, path);
}

function queryValue(member: RequestMember, raw: string, name: string): void {
  const shape = member.shape;
  switch (shape.type) {
    case 'string':
      checkStringShape(name, raw, shape);
      return;
    case 'integer':
      if (!/^[+-]?\d{1,12}$/.test(raw)) throw invalidRequest(`Value '${shortText(raw)}' at '${name}' must be an integer.`);
      checkRange(name, Number(raw), shape.min ?? INT_MIN, shape.max ?? INT_MAX);
      return;
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw invalidRequest(`Value '${shortText(raw)}' at '${name}' must be true or false.`);
      return;
    case 'timestamp': {
      const ms = parseIsoTimestamp(name, raw);
      checkRange(name, ms / 1000, -MAX_EPOCH_SECONDS, MAX_EPOCH_SECONDS);
      return;
    }
    default:
      throw new Error(`query member ${name} has a ${shape.type} shape, which the emulator cannot read from a query string`);
  }
}

/** An operation's input members, listed once per operation rather than once per request. */
const MEMBERS = new WeakMap<OperationShape, readonly [string, RequestMember][]>();

function membersOf(operation: OperationShape): readonly [string, RequestMember][] {
  let members = MEMBERS.get(operation);
  if (!members) MEMBERS.set(operation, (members = Object.entries(operation.input.members)));
  return members;
}

/**
 * Validates a request against its operation's input shape. Returns the body with only the
 * members the model declares; labels and query parameters are checked in place (unknown query
 * parameters are ignored, as the service ignores them).
 */
export function validateRequest(operation: OperationShape, labels: Readonly<Record<string, string>>, query: ReadonlyMap<string, string>, body: JsonObject, headers: Readonly<Record<string, string | string[] | undefined>> = {}): JsonObject {
  const cleaned: JsonObject = {};
  for (const [name, member] of membersOf(operation)) {
    const wireName = member.locationName ?? name;
    if (member.location === 'uri') {
      const value = labels[wireName] ?? '';
      if (value === '') throw violation(wireName, 'Member must not be null');
      if (member.shape.type === 'string') checkStringShape(wireName, value, member.shape);
    } else if (member.location === 'header') {
      const raw = headers[wireName.toLowerCase()];
      const value = Array.isArray(raw) ? raw.join(',') : raw;
      if (value === undefined || value === '') {
        if (member.required) throw violation(wireName, 'Member must not be null');
      } else if (member.shape.type === 'string') {
        checkStringShape(wireName, value, member.shape);
      }
    } else if (member.location === 'querystring') {
      const raw = query.get(wireName);
      if (raw === undefined) {
        if (member.required) throw violation(wireName, 'Member must not be null');
      } else {
        queryValue(member, raw, wireName);
      }
    } else {
      putMember(cleaned, name, member, body[name], name);
    }
  }
  return cleaned;
}
