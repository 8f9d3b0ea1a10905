/**
 * The catalogue (common/model.ts) against the AWS IoT service model botocore ships: every served
 * operation's binding, input members, HTTP locations, required flags, constraints, enums and
 * declared errors, and every exported shape that carries a model name. No drift is allowed; the
 * only differences are listed below, each with its reason, and each is proven to still differ.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as catalogue from '../../common/model';
import type { RequestShape, Shape, TimestampShape } from '../../common/shapes';
import { INJECTABLE_ERRORS } from '../../emulator/http/admin';
import * as errors from '../../emulator/errors';
import { ROUTES } from '../../emulator/http/routes';
import { anchoredPattern, debianModel, NEWER_THAN_DEBIAN, newerModel, type ModelShape, type ServiceModel } from './serviceModel';

/** Where the catalogue is stricter than the model's letter, because the model's own pattern says so or the service rejects it anyway. */
const STRICTER_THAN_MODEL: Readonly<Record<string, string>> = {
  'MitigationActionName.min': 'the model has no minimum length, but its pattern [a-zA-Z0-9_-]+ needs at least one character',
  'AuditCheckToActionsMapping.min': 'an empty mapping has no action to run; the service refuses the task (StartAuditMitigationActionsTask)',
};

/** True while comparing with a newer model than Debian's, where the NEWER_THAN_DEBIAN entries must match too. */
let againstNewer = false;
const isNewer = (shape: string, what: string) => !againstNewer && NEWER_THAN_DEBIAN.some(([s, w]) => s === shape && w === what);
const sameSet = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

const SINGLE_CLASS = /^\^(\[[^\]]+\])([+*])\$$/;

/** Two anchored patterns are the same when equal, or when both are one character class with the same quantifier admitting the same characters (every BMP code point is tried). */
function samePattern(actual: string | undefined, expected: string | undefined): boolean {
  if (actual === expected) return true;
  const a = actual && SINGLE_CLASS.exec(actual);
  const b = expected && SINGLE_CLASS.exec(expected);
  if (!a || !b || a[2] !== b[2]) return false;
  const [left, right] = [new RegExp(`^${a[1]}$`, 'u'), new RegExp(`^${b[1]}$`, 'u')];
  for (let code = 0; code <= 0xffff; code++) {
    const char = String.fromCharCode(code);
    if (left.test(char) !== right.test(char)) return false;
  }
  return true;
}

function compareShape(model: ServiceModel, modelName: string, shape: Shape | TimestampShape, where: string, problems: string[], seen = new Set<string>()): void {
  const key = `${modelName}:${shape.name}`;
  if (seen.has(key)) return;
  seen.add(key);
  const expected: ModelShape | undefined = model.shapes[modelName];
  if (!expected) {
    problems.push(`${where}: the model has no shape ${modelName}`);
    return;
  }
  if (shape.name !== modelName) problems.push(`${where}: named ${shape.name}, the model's shape is ${modelName}`);
  if (expected.type !== shape.type) {
    problems.push(`${where}: ${shape.name} is ${shape.type}, the model says ${expected.type}`);
    return;
  }
  const bound = (name: 'min' | 'max', actual: number | undefined) => {
    const wanted = expected[name] === 0 && name === 'min' ? undefined : expected[name];
    if (actual === wanted || STRICTER_THAN_MODEL[`${shape.name}.${name}`]) return;
    problems.push(`${where}: ${shape.name}.${name} is ${actual}, the model says ${wanted}`);
  };
  switch (shape.type) {
    case 'string':
      bound('min', shape.min);
      bound('max', shape.max);
      if (!isNewer(shape.name, 'pattern') && !samePattern(shape.pattern, expected.pattern === undefined ? undefined : anchoredPattern(expected.pattern))) {
        problems.push(`${where}: ${shape.name}.pattern is ${shape.pattern}, the model says ${expected.pattern}`);
      }
      if (JSON.stringify(shape.enum ?? null) !== JSON.stringify(expected.enum ?? null)) problems.push(`${where}: ${shape.name}.enum is ${shape.enum}, the model says ${expected.enum}`);
      return;
    case 'integer':
      bound('min', shape.min);
      bound('max', shape.max);
      return;
    case 'list':
      bound('min', shape.min);
      bound('max', shape.max);
      compareShape(model, expected.member!.shape, shape.item, `${where}[]`, problems, seen);
      return;
    case 'map':
      bound('min', shape.min);
      bound('max', shape.max);
      compareShape(model, expected.key!.shape, shape.key, `${where}{key}`, problems, seen);
      compareShape(model, expected.value!.shape, shape.value, `${where}{}`, problems, seen);
      return;
    case 'structure': {
      const members = Object.keys(shape.members).filter((name) => !isNewer(shape.name, name));
      const modelMembers = Object.keys(expected.members ?? {});
      if (!sameSet(members, modelMembers)) problems.push(`${where}: ${shape.name} has members [${members}], the model [${modelMembers}]`);
      const required = Object.entries(shape.members).filter(([, member]) => member.required).map(([name]) => name);
      if (required.sort().join() !== [...(expected.required ?? [])].sort().join()) problems.push(`${where}: ${shape.name} requires [${required}], the model [${expected.required ?? []}]`);
      for (const [name, member] of Object.entries(shape.members)) {
        const modelMember = expected.members?.[name];
        if (modelMember) compareShape(model, modelMember.shape, member.shape, `${where}.${name}`, problems, seen);
      }
      return;
    }
  }
}

function compareRequest(model: ServiceModel, modelName: string, request: RequestShape, problems: string[]): void {
  const expected = model.shapes[modelName];
  if (request.name !== modelName) problems.push(`${request.name}: the model's input shape is ${modelName}`);
  const members = Object.keys(request.members).filter((name) => !isNewer(modelName, name));
  if (!sameSet(members, Object.keys(expected.members ?? {}))) problems.push(`${modelName}: members [${members}], the model [${Object.keys(expected.members ?? {})}]`);
  for (const [name, member] of Object.entries(request.members)) {
    const modelMember = expected.members?.[name];
    if (!modelMember) continue;
    const where = `${modelName}.${name}`;
    if ((member.location ?? undefined) !== modelMember.location) problems.push(`${where}: location ${member.location}, the model ${modelMember.location}`);
    if ((member.locationName ?? (member.location ? name : undefined)) !== modelMember.locationName) problems.push(`${where}: locationName ${member.locationName}, the model ${modelMember.locationName}`);
    if (Boolean(member.required) !== (expected.required ?? []).includes(name)) problems.push(`${where}: required ${Boolean(member.required)}, the model disagrees`);
    compareShape(model, modelMember.shape, member.shape, where, problems);
  }
}

describe('emulator: the catalogue against the AWS IoT service model (botocore service-2.json)', () => {
  const model = debianModel();

  it('every served operation has the model binding, input and declared errors of the AWS IoT model', () => {
    const problems: string[] = [];
    for (const route of ROUTES) {
      const modelOperation = model.operations[route.operation];
      const operation = catalogue.OPERATIONS[route.operation];
      assert.ok(modelOperation, `${route.operation} is not an AWS IoT operation`);
      assert.ok(operation, `${route.operation} has no catalogue entry in common/model.ts OPERATIONS`);
      if (modelOperation.http.method !== route.method || modelOperation.http.requestUri.split('?')[0] !== route.uri) {
        problems.push(`${route.operation}: served as ${route.method} ${route.uri}, the model binds ${modelOperation.http.method} ${modelOperation.http.requestUri}`);
      }
      compareRequest(model, modelOperation.input!.shape, operation.input, problems);
      const errors = (modelOperation.errors ?? []).map((error) => error.shape);
      if ([...operation.errors].sort().join() !== [...errors].sort().join()) problems.push(`${route.operation}: declares [${operation.errors}], the model [${errors}]`);
    }
    assert.equal(Object.keys(catalogue.OPERATIONS).length, ROUTES.length, 'the catalogue lists exactly the served operations');
    assert.deepEqual(problems, []);
  });

  it('every exported catalogue shape that carries a model name matches the model', () => {
    const problems: string[] = [];
    let compared = 0;
    for (const [exportName, value] of Object.entries(catalogue)) {
      if (typeof value !== 'object' || value === null || !('type' in value) || !('name' in value)) continue;
      const shape = value as Shape;
      if (!model.shapes[shape.name] || (shape as { type: string }).type === 'request') continue;
      compareShape(model, shape.name, shape, exportName, problems);
      compared++;
    }
    assert.ok(compared >= 80, `compared ${compared} shapes`);
    assert.deepEqual(problems, []);
  });

  it('what the catalogue takes from a newer AWS model is really absent from Debian\'s copy, and matches the newer model when one is at hand', () => {
    for (const [shapeName, what] of NEWER_THAN_DEBIAN) {
      const shape = model.shapes[shapeName];
      if (what === 'pattern') assert.ok(shape, `${shapeName} exists`);
      else assert.ok(!shape?.members?.[what], `${shapeName}.${what} is in Debian's model now: drop it from NEWER_THAN_DEBIAN`);
    }
    const attributeValue = model.shapes.AttributeValue.pattern!;
    assert.notEqual(anchoredPattern(attributeValue), catalogue.AttributeValue.pattern, 'AttributeValue.pattern now matches Debian\'s model: drop it from NEWER_THAN_DEBIAN');
    const newer = newerModel();
    if (!newer) return;
    const problems: string[] = [];
    againstNewer = true;
    compareShape(newer, 'AttributeValue', catalogue.AttributeValue, 'AttributeValue', problems);
    compareShape(newer, 'LogEventConfigurations', catalogue.LogEventConfigurations, 'eventConfigurations', problems);
    compareShape(newer, 'AuditCheckConfiguration', catalogue.AuditCheckConfiguration, 'AuditCheckConfiguration', problems);
    compareRequest(newer, 'SetV2LoggingOptionsRequest', catalogue.OPERATIONS.SetV2LoggingOptions.input, problems);
    compareRequest(newer, 'GetV2LoggingOptionsRequest', catalogue.OPERATIONS.GetV2LoggingOptions.input, problems);
    againstNewer = false;
    assert.deepEqual(problems, [], `against ${newer.path}`);
  });

  it('every error the emulator answers with has the model\'s HTTP status', () => {
    const problems: string[] = [];
    const made = [errors.invalidRequest(''), errors.notFound(''), errors.limitExceeded(''), errors.taskAlreadyExists(''), errors.alreadyExists('', '', ''), errors.certificateState(''), errors.notConfigured(''), errors.internalFailure('')];
    const statuses: [string, number][] = [...made.map((error) => [error.errorType, error.status] as [string, number]), ...Object.entries(INJECTABLE_ERRORS)];
    for (const [errorType, status] of statuses) {
      const expected = model.shapes[errorType]?.error?.httpStatusCode;
      if (expected !== status) problems.push(`${errorType}: answered with ${status}, the model says ${expected}`);
    }
    for (const route of ROUTES) {
      for (const errorType of catalogue.OPERATIONS[route.operation].errors) if (!model.shapes[errorType]?.error) problems.push(`${route.operation}: ${errorType} is not an error shape of the model`);
    }
    assert.deepEqual(problems, []);
  });

  it('every stricter-than-model constraint is still stricter (else drop it from the list)', () => {
    assert.equal(model.shapes.MitigationActionName.min, undefined);
    assert.equal(model.shapes.AuditCheckToActionsMapping.min, undefined);
    assert.equal(catalogue.MitigationActionName.min, 1);
    assert.equal(catalogue.AuditCheckToActionsMapping.min, 1);
  });
});
