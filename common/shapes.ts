/**
 * A small, data-first description of the AWS IoT model shapes this project touches.
 * The same descriptions drive the structural validator (validate.ts), the generated
 * JSON Schema (scripts/generate-schema.ts), completion and hover in the language server,
 * and the emulator's request validation.
 */

import { codePointLength } from './text';

export interface StringShape {
  readonly type: 'string';
  /** The model's shape name, e.g. "MitigationActionName"; shown in messages. */
  readonly name: string;
  readonly min?: number;
  readonly max?: number;
  /** Anchored JavaScript regular expression source (unicode flag always on). */
  readonly pattern?: string;
  /** Human words for the pattern, used in messages instead of the regex. */
  readonly patternHint?: string;
  readonly enum?: readonly string[];
  /** Our own short words for each enum value (hover, completion). */
  readonly enumDescriptions?: Readonly<Record<string, string>>;
}

export interface BooleanShape {
  readonly type: 'boolean';
  readonly name: string;
}

export interface IntegerShape {
  readonly type: 'integer';
  readonly name: string;
  readonly min?: number;
  readonly max?: number;
}

export interface ListShape {
  readonly type: 'list';
  readonly name: string;
  readonly item: Shape;
  readonly min?: number;
  readonly max?: number;
}

export interface MapShape {
  readonly type: 'map';
  readonly name: string;
  readonly key: StringShape;
  readonly value: Shape;
  readonly min?: number;
  readonly max?: number;
}

export interface Member {
  readonly shape: Shape;
  readonly required?: boolean;
  readonly description: string;
}

export interface StructureShape {
  readonly type: 'structure';
  readonly name: string;
  readonly members: Readonly<Record<string, Member>>;
  /** Exactly one member must be set (MitigationActionParams). */
  readonly exactlyOne?: boolean;
}

export type Shape = StringShape | BooleanShape | IntegerShape | ListShape | MapShape | StructureShape;

/** An instant: epoch seconds in JSON bodies, ISO-8601 in query strings (restJson1). Only top-level request members use it. */
export interface TimestampShape {
  readonly type: 'timestamp';
  readonly name: string;
}

/** Where a request member travels on the restJson1 wire; absent means the JSON body. */
export type HttpLocation = 'uri' | 'querystring' | 'header';

export interface RequestMember {
  readonly shape: Shape | TimestampShape;
  readonly required?: boolean;
  readonly location?: HttpLocation;
  /** The path label, query parameter or header name when it differs from the member name. */
  readonly locationName?: string;
}

/** The input of one AWS IoT operation: its top-level members and their HTTP bindings. */
export interface RequestShape {
  readonly type: 'request';
  readonly name: string;
  readonly members: Readonly<Record<string, RequestMember>>;
}

/** One operation of the model: its input and the errors it declares. */
export interface OperationShape {
  readonly name: string;
  readonly input: RequestShape;
  readonly errors: readonly string[];
}

/** Compiled once per pattern; patterns are static catalogue data. */
const compiled = new WeakMap<StringShape, RegExp>();
/** How a string breaks its model shape; every checker (file validator, emulator wire, rename) words this its own way. */
export type StringShapeViolation =
  | { readonly kind: 'enum'; readonly allowed: readonly string[] }
  | { readonly kind: 'min'; readonly length: number; readonly min: number }
  | { readonly kind: 'max'; readonly length: number; readonly max: number }
  | { readonly kind: 'pattern'; readonly pattern: string };

/** The first constraint of `shape` that `value` breaks, in the order the service checks them, or undefined. */
export function stringShapeViolation(value: string, shape: StringShape): StringShapeViolation | undefined {
  if (shape.enum && !shape.enum.includes(value)) return { kind: 'enum', allowed: shape.enum };
  const length = codePointLength(value);
  if (shape.min !== undefined && length < shape.min) return { kind: 'min', length, min: shape.min };
  if (shape.max !== undefined && length > shape.max) return { kind: 'max', length, max: shape.max };
  const pattern = patternOf(shape);
  if (pattern && !pattern.test(value)) return { kind: 'pattern', pattern: shape.pattern! };
  return undefined;
}

export function patternOf(shape: StringShape): RegExp | undefined {
  if (shape.pattern === undefined) return undefined;
  let re = compiled.get(shape);
  if (!re) {
    re = new RegExp(shape.pattern, 'u');
    compiled.set(shape, re);
  }
  return re;
}

/** Describes a JSON value's type the way a user would say it. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function expectedTypeOf(shape: Shape): string {
  switch (shape.type) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'integer':
      return 'integer';
    case 'list':
      return 'array';
    case 'map':
    case 'structure':
      return 'object';
  }
}
