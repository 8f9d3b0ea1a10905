/**
 * The AWS IoT service model as botocore ships it: the oracle the emulator's catalogue and its
 * answers are checked against. Debian's python3-botocore is the reference copy; a newer botocore
 * on PATH (when there is one) is read too, for the few members AWS added after Debian's copy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const DEBIAN_MODEL_PATH = '/usr/lib/python3/dist-packages/botocore/data/iot/2015-05-28/service-2.json';

export interface ModelMember {
  shape: string;
  location?: string;
  locationName?: string;
  idempotencyToken?: boolean;
}

export interface ModelShape {
  type: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  required?: string[];
  members?: Record<string, ModelMember>;
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  error?: { httpStatusCode: number };
}

export interface ServiceModel {
  path: string;
  operations: Record<string, { http: { method: string; requestUri: string }; input?: { shape: string }; output?: { shape: string }; errors?: { shape: string }[] }>;
  shapes: Record<string, ModelShape>;
}

function read(path: string): ServiceModel {
  const raw = readFileSync(path);
  return { path, ...(JSON.parse((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')) as Omit<ServiceModel, 'path'>) };
}

export function debianModel(): ServiceModel {
  if (!existsSync(DEBIAN_MODEL_PATH)) throw new Error(`${DEBIAN_MODEL_PATH} is missing: install it with \`apt-get install -y python3-botocore\``);
  return read(DEBIAN_MODEL_PATH);
}

/** The model of the botocore the `python3` on PATH imports, when it is another copy than Debian's. */
export function newerModel(): ServiceModel | undefined {
  const found = spawnSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' });
  if (found.status !== 0) return undefined;
  const directory = join(found.stdout.trim(), 'data/iot/2015-05-28');
  const path = [join(directory, 'service-2.json'), join(directory, 'service-2.json.gz')].find((candidate) => existsSync(candidate));
  return path && path !== DEBIAN_MODEL_PATH ? read(path) : undefined;
}

/** The model's Java-style pattern as the anchored JavaScript source the catalogue uses. */
export function anchoredPattern(pattern: string): string {
  const translated = pattern.replace(/\\p\{Graph\}/g, '\\x21-\\x7E');
  return translated.startsWith('^') ? translated : `^${translated}$`;
}

/** A validation problem of a JSON value against a model shape (no extra keys, right types, enums). */
export function outputProblems(model: ServiceModel, shapeName: string, value: unknown, path = '$', out: string[] = []): string[] {
  const shape = model.shapes[shapeName];
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  switch (shape.type) {
    case 'structure': {
      if (!isObject) return [...out, `${path}: expected an object (${shapeName}), got ${JSON.stringify(value)}`];
      for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
        const declared = shape.members?.[key];
        if (!declared) out.push(`${path}.${key}: not a member of ${shapeName}`);
        else outputProblems(model, declared.shape, member, `${path}.${key}`, out);
      }
      for (const required of shape.required ?? []) if (!(required in (value as object))) out.push(`${path}.${required}: required by ${shapeName} but missing`);
      return out;
    }
    case 'list':
      if (!Array.isArray(value)) return [...out, `${path}: expected a list (${shapeName})`];
      value.forEach((item, index) => outputProblems(model, shape.member!.shape, item, `${path}[${index}]`, out));
      return out;
    case 'map':
      if (!isObject) return [...out, `${path}: expected a map (${shapeName})`];
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        outputProblems(model, shape.key!.shape, key, `${path} key ${key}`, out);
        outputProblems(model, shape.value!.shape, item, `${path}.${key}`, out);
      }
      return out;
    case 'string':
      if (typeof value !== 'string') return [...out, `${path}: expected a string (${shapeName}), got ${JSON.stringify(value)}`];
      if (shape.enum && !shape.enum.includes(value)) out.push(`${path}: '${value}' is not in ${shapeName}'s enum`);
      return out;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(`${path}: expected a boolean (${shapeName})`);
      return out;
    case 'integer':
    case 'long':
      if (!Number.isInteger(value)) out.push(`${path}: expected an integer (${shapeName}), got ${JSON.stringify(value)}`);
      return out;
    case 'double':
    case 'float':
    case 'timestamp':
      if (typeof value !== 'number' || !Number.isFinite(value)) out.push(`${path}: expected a number (${shapeName}), got ${JSON.stringify(value)}`);
      return out;
    default:
      return [...out, `${path}: unexpected model type ${shape.type}`];
  }
}

/**
 * What AWS added to the model after Debian's copy, which the emulator serves because the SDK and
 * CLI it ships with send it: [shape, member or constraint]. The drift test proves each one is
 * really absent from Debian's copy (so the list cannot hide drift) and, with a newer botocore at
 * hand, checks it there.
 */
export const NEWER_THAN_DEBIAN: readonly (readonly [shape: string, what: string])[] = [
  ['SetV2LoggingOptionsRequest', 'eventConfigurations'],
  ['GetV2LoggingOptionsResponse', 'eventConfigurations'],
  ['GetV2LoggingOptionsRequest', 'verbose'],
  ['AuditCheckConfiguration', 'configuration'],
  ['AttributeValue', 'pattern'],
];

/** Debian's model with the newer members added from the newer model, when there is one. */
export function oracleModel(): { model: ServiceModel; newer?: ServiceModel } {
  const model = debianModel();
  const newer = newerModel();
  if (!newer) return { model };
  const addMissing = (name: string): void => {
    if (model.shapes[name]) return;
    const shape = newer.shapes[name];
    model.shapes[name] = shape;
    for (const ref of [shape.member, shape.key, shape.value, ...Object.values(shape.members ?? {})]) if (ref) addMissing(ref.shape);
  };
  for (const [shapeName, what] of NEWER_THAN_DEBIAN) {
    const target = { ...model.shapes[shapeName] };
    const source = newer.shapes[shapeName];
    if (what === 'pattern') target.pattern = source.pattern;
    else if (source.members?.[what]) {
      target.members = { ...target.members, [what]: source.members[what] };
      addMissing(source.members[what].shape);
    }
    model.shapes[shapeName] = target;
  }
  return { model, newer };
}
