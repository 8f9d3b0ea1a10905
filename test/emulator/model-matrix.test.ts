/**
 * Operation × constraint × declared error, through real clients with their own validation out
 * of the way: every modelled input constraint of every served operation (required, length,
 * value range, pattern, enum, list and map size, types) is violated once and must come back from
 * the emulator as InvalidRequestException (400) naming the member, through boto3
 * (`parameter_validation=False`) and the SDK; every declared error either happens in a scenario
 * with its status and x-amzn-ErrorType or is listed as one only the real service can produce;
 * and the answer of every operation validates against its output shape in the model.
 */
import * as sdk from '@aws-sdk/client-iot';
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { OPERATIONS } from '../../common/model';
import type { RequestShape, Shape, TimestampShape } from '../../common/shapes';
import { DEMO } from '../../emulator/index';
import { ROUTES } from '../../emulator/http/routes';
import { Throttle } from '../../emulator/http/throttle';
import { admin, awsEnvironment, DAY_MS, emptyHome, hasPythonModule, requireExecutable, useDemoEmulator } from './helpers';
import { NEWER_THAN_DEBIAN, oracleModel, outputProblems } from './serviceModel';

const PYTHON = '/usr/bin/python3';
const ROLE = `arn:aws:iam::123456789012:role/${DEMO.mitigationRole}`;
const TOPIC = `arn:aws:sns:us-east-1:123456789012:${DEMO.topicName}`;
type Params = Record<string, unknown>;
const SUPPRESSED = { checkName: 'LOGGING_DISABLED_CHECK', resourceIdentifier: { account: '123456789012' } };
const MATRIX_ACTION_ARN = 'arn:aws:iot:us-east-1:123456789012:mitigationaction/MatrixAction';

/** A valid input for every served operation, in an order in which each one succeeds on the demo fleet. */
function baselines(audit: string, finding: string): [string, Params][] {
  const window = { startTime: new Date(Date.now() - DAY_MS).toISOString(), endTime: new Date(Date.now() + DAY_MS).toISOString() };
  return [
    ['CreateMitigationAction', { actionName: 'MatrixAction', roleArn: ROLE, actionParams: { publishFindingToSnsParams: { topicArn: TOPIC } }, tags: [{ Key: 'k', Value: 'v' }] }],
    ['UpdateMitigationAction', { actionName: 'MatrixAction', roleArn: ROLE, actionParams: { publishFindingToSnsParams: { topicArn: TOPIC } } }],
    ['ListMitigationActions', { actionType: 'PUBLISH_FINDING_TO_SNS', maxResults: 5 }],
    ['DescribeMitigationAction', { actionName: 'MatrixAction' }],
    ['TagResource', { resourceArn: MATRIX_ACTION_ARN, tags: [{ Key: 'team', Value: 'security' }] }],
    ['ListTagsForResource', { resourceArn: MATRIX_ACTION_ARN }],
    ['UntagResource', { resourceArn: MATRIX_ACTION_ARN, tagKeys: ['team'] }],
    ['StartAuditMitigationActionsTask', { taskId: 'matrix-task', target: { findingIds: [finding] }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['MatrixAction'] }, clientRequestToken: 'matrix-token' }],
    ['DescribeAuditMitigationActionsTask', { taskId: 'matrix-task' }],
    ['ListAuditMitigationActionsExecutions', { taskId: 'matrix-task', findingId: finding, actionStatus: 'COMPLETED', maxResults: 5 }],
    ['ListAuditMitigationActionsTasks', { ...window, auditTaskId: audit, findingId: finding, taskStatus: 'COMPLETED', maxResults: 5 }],
    ['CancelAuditMitigationActionsTask', { taskId: 'matrix-running' }],
    ['DescribeAuditTask', { taskId: audit }],
    ['ListAuditTasks', { ...window, taskType: 'ON_DEMAND_AUDIT_TASK', taskStatus: 'COMPLETED', maxResults: 5 }],
    ['ListAuditFindings', { taskId: audit, checkName: 'LOGGING_DISABLED_CHECK', maxResults: 5, listSuppressedFindings: false }],
    ['DescribeAuditFinding', { findingId: finding }],
    ['DescribeAccountAuditConfiguration', {}],
    ['UpdateAccountAuditConfiguration', { roleArn: ROLE, auditNotificationTargetConfigurations: { SNS: { targetArn: TOPIC, roleArn: ROLE, enabled: false } }, auditCheckConfigurations: { LOGGING_DISABLED_CHECK: { enabled: true } } }],
    ['StartOnDemandAuditTask', { targetCheckNames: ['LOGGING_DISABLED_CHECK'] }],
    ['CancelAuditTask', { taskId: 'matrix-audit' }],
    ['CreateThing', { thingName: 'matrix-thing', attributePayload: { attributes: { site: 'lab' } } }],
    ['DescribeThing', { thingName: 'matrix-thing' }],
    ['ListThings', { maxResults: 5, attributeName: 'site', attributeValue: 'lab', usePrefixAttributeValue: false }],
    ['CreateThingGroup', { thingGroupName: 'MatrixGroup', thingGroupProperties: { thingGroupDescription: 'matrix', attributePayload: { attributes: { site: 'lab' } } }, tags: [{ Key: 'k' }] }],
    ['AddThingToThingGroup', { thingGroupName: 'MatrixGroup', thingName: 'matrix-thing', overrideDynamicGroups: false }],
    ['ListThingGroupsForThing', { thingName: 'matrix-thing', maxResults: 5 }],
    ['ListThingsInThingGroup', { thingGroupName: 'MatrixGroup', recursive: false, maxResults: 5 }],
    ['DescribeThingGroup', { thingGroupName: 'MatrixGroup' }],
    ['ListPrincipalThings', { principal: `arn:aws:iot:us-east-1:123456789012:cert/${DEMO.certificates.healthy}`, maxResults: 5 }],
    ['ListThingGroups', { maxResults: 5, parentGroup: 'MatrixGroup', namePrefixFilter: 'Matrix', recursive: true }],
    ['DescribeCertificate', { certificateId: DEMO.certificates.healthy }],
    ['ListCertificates', { pageSize: 5, ascendingOrder: true }],
    ['UpdateCertificate', { certificateId: DEMO.certificates.healthy, newStatus: 'ACTIVE' }],
    ['DescribeCACertificate', { certificateId: DEMO.caCertificates.root }],
    ['ListCACertificates', { pageSize: 5, ascendingOrder: false }],
    ['GetPolicy', { policyName: 'DeviceTelemetryPolicy' }],
    ['ListPolicyVersions', { policyName: 'DeviceTelemetryPolicy' }],
    ['GetPolicyVersion', { policyName: 'DeviceTelemetryPolicy', policyVersionId: '1' }],
    ['SetV2LoggingOptions', { roleArn: ROLE, defaultLogLevel: 'WARN', disableAllLogs: false }],
    ['GetV2LoggingOptions', {}],
    ['DeleteMitigationAction', { actionName: 'Unused' }],
    ['ListRelatedResourcesForAuditFinding', { findingId: finding, maxResults: 5 }],
    ['CreateAuditSuppression', { ...SUPPRESSED, suppressIndefinitely: true, description: 'matrix', clientRequestToken: 'matrix-suppression' }],
    ['DescribeAuditSuppression', SUPPRESSED],
    ['UpdateAuditSuppression', { ...SUPPRESSED, description: 'matrix, again' }],
    ['ListAuditSuppressions', { checkName: 'LOGGING_DISABLED_CHECK', ascendingOrder: true, maxResults: 5 }],
    ['DeleteAuditSuppression', SUPPRESSED],
    ['CreateScheduledAudit', { scheduledAuditName: 'MatrixSchedule', frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: ['LOGGING_DISABLED_CHECK'], tags: [{ Key: 'k', Value: 'v' }] }],
    ['DescribeScheduledAudit', { scheduledAuditName: 'MatrixSchedule' }],
    ['UpdateScheduledAudit', { scheduledAuditName: 'MatrixSchedule', frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] }],
    ['ListScheduledAudits', { maxResults: 5 }],
    ['DeleteScheduledAudit', { scheduledAuditName: 'MatrixSchedule' }],
    ['DeleteAccountAuditConfiguration', { deleteScheduledAudits: true }],
  ];
}

interface Violation {
  operation: string;
  what: string;
  params: Params;
  /** The member name the error message must name. */
  names: string;
}

const setAt = (params: Params, path: (string | number)[], value: unknown): Params => {
  const copy = structuredClone(params);
  let node = copy as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
};

/** A value that satisfies a shape, to fill lists up past their maximum. */
function validValue(shape: Shape | TimestampShape): unknown {
  switch (shape.type) {
    case 'string':
      return shape.enum ? shape.enum[0] : 'a'.repeat(Math.max(1, shape.min ?? 1));
    case 'integer':
      return shape.min ?? 1;
    case 'boolean':
      return true;
    case 'timestamp':
      return new Date().toISOString();
    case 'list':
      return [validValue(shape.item)];
    case 'map':
      return {};
    case 'structure':
      return Object.fromEntries(Object.entries(shape.members).filter(([, member]) => member.required).map(([name, member]) => [name, validValue(member.shape)]));
  }
}

/** Every way to break one member: each constraint of its shape, then the members inside it. */
function violationsOf(shape: Shape | TimestampShape, path: (string | number)[], location: 'uri' | 'querystring' | 'header' | 'body'): [string, unknown][] {
  const cases: [string, unknown][] = [];
  switch (shape.type) {
    case 'string':
      if (shape.enum) cases.push(['not in the enum', 'NOT_A_MODEL_VALUE']);
      if (shape.min !== undefined && shape.min > (location === 'uri' ? 1 : 0)) cases.push([`shorter than ${shape.min}`, 'a'.repeat(shape.min - 1)]);
      if (shape.max !== undefined) cases.push([`longer than ${shape.max}`, 'a'.repeat(shape.max + 1)]);
      if (shape.pattern && !new RegExp(shape.pattern, 'u').test('$ $')) cases.push(['off its pattern', '$ $']);
      if (location === 'body') cases.push(['not a string', 42]);
      break;
    case 'integer':
      if (shape.min !== undefined) cases.push([`below ${shape.min}`, shape.min - 1]);
      if (shape.max !== undefined) cases.push([`above ${shape.max}`, shape.max + 1]);
      if (location === 'body') cases.push(['not an integer', 1.5]);
      break;
    case 'boolean':
      if (location === 'body') cases.push(['not a boolean', 'yes']);
      break;
    case 'list':
      if (shape.min !== undefined && shape.min > 0) cases.push([`with fewer than ${shape.min} items`, []]);
      if (shape.max !== undefined) cases.push([`with more than ${shape.max} items`, Array.from({ length: shape.max + 1 }, () => validValue(shape.item))]);
      cases.push(['not a list', 42]); // a string would be iterated into a list by boto3
      break;
    case 'map':
      if (shape.min !== undefined && shape.min > 0) cases.push([`with fewer than ${shape.min} entries`, {}]);
      if (shape.key.enum || shape.key.pattern) cases.push(['with a key off its shape', { '$ $': validValue(shape.value) }]);
      cases.push(['not a map', ['x']]);
      break;
    case 'structure':
      cases.push(['not an object', 'x']);
      break;
  }
  return cases.map(([what, value]) => [`${path.join('.')} ${what}`, value]);
}

function matrix(operation: string, params: Params): Violation[] {
  const input: RequestShape = OPERATIONS[operation].input;
  const out: Violation[] = [];
  const add = (what: string, changed: Params, names: string) => out.push({ operation, what, params: changed, names });
  const walk = (shape: Shape | TimestampShape, path: (string | number)[], value: unknown, location: 'uri' | 'querystring' | 'header' | 'body', wireName: string) => {
    if (shape.type === 'timestamp') return; // clients serialize dates themselves; the hardening suite sends bad ones raw
    for (const [what, bad] of violationsOf(shape, path, location)) add(what, setAt(params, path, bad), wireName);
    if (shape.type === 'structure' && value && typeof value === 'object') {
      for (const [name, member] of Object.entries(shape.members)) {
        if (member.required) add(`${[...path, name].join('.')} missing`, setAt(params, [...path, name], undefined), name);
        walk(member.shape, [...path, name], (value as Params)[name], 'body', name);
      }
    }
    if (shape.type === 'list' && Array.isArray(value) && value.length) walk(shape.item, [...path, 0], value[0], 'body', String(path[path.length - 1]));
    if (shape.type === 'map' && value && typeof value === 'object') {
      const [key] = Object.keys(value as Params);
      if (key !== undefined) walk(shape.value, [...path, key], (value as Params)[key], 'body', key);
    }
  };
  for (const [name, member] of Object.entries(input.members)) {
    if (name === 'nextToken' || name === 'marker' && member.shape.type === 'string' && !member.shape.pattern) continue;
    const location = member.location ?? 'body';
    // Both clients fill a missing idempotency token themselves (clientRequestToken); the gaps suite sends that case raw.
    if (member.required && location !== 'uri' && name !== 'clientRequestToken') add(`${name} missing`, setAt(params, [name], undefined), member.locationName ?? name);
    // Fill an optional member the baseline leaves out with a valid value, so its own members get broken too.
    const value = params[name] ?? (member.shape.type === 'structure' ? validValue(member.shape) : undefined);
    const base = params[name] === undefined && value !== undefined ? setAt(params, [name], value) : params;
    const saved = params;
    params = base;
    walk(member.shape, [name], value, location, member.locationName ?? name);
    params = saved;
  }
  return out;
}

function runBoto3(url: string, cases: { operation: string; params: Params }[]): Promise<{ status?: number; code?: string; message?: string; requestId?: string; clientRefused?: string }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [join(__dirname, 'fixtures', 'boto3_matrix.py'), url], { env: awsEnvironment(emptyHome()) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`boto3 matrix failed (${code}): ${stderr}`))));
    child.stdin.end(JSON.stringify(cases));
  });
}

/** The SDK takes Dates for timestamp members. */
function sdkInput(operation: string, params: Params): Params {
  const input = { ...params };
  for (const [name, member] of Object.entries(OPERATIONS[operation].input.members)) {
    if (member.shape.type === 'timestamp' && typeof input[name] === 'string') input[name] = new Date(input[name] as string);
  }
  return input;
}

async function sendSdk(iot: sdk.IoTClient, operation: string, params: Params): Promise<unknown> {
  const Command = (sdk as unknown as Record<string, new (input: Params) => Parameters<sdk.IoTClient['send']>[0]>)[`${operation}Command`];
  return iot.send(new Command(sdkInput(operation, params)));
}

/** Declared errors no local cause can produce: only the real service's own failures or authorization. */
const ONLY_THE_SERVICE: Readonly<Record<string, string>> = {
  InternalFailureException: 'a failure inside AWS',
  InternalException: 'a failure inside AWS',
  ServiceUnavailableException: 'AWS being unavailable',
  UnauthorizedException: 'IAM authorization, which the emulator does not model (credentials are not checked)',
};

/** Declared errors of one operation for which AWS documents no cause the emulator could reproduce. */
const NO_DOCUMENTED_CAUSE: Readonly<Record<string, string>> = {
  'CreateAuditSuppression: LimitExceededException': 'AWS documents no quota of audit suppressions, so the emulator enforces none',
};

describe('emulator: operation × constraint × declared error, against the AWS IoT model', () => {
  let audit: string;
  let finding: string;
  const { model } = oracleModel();

  before(() => {
    requireExecutable(PYTHON, 'install Python with `apt-get install -y python3`');
    if (!hasPythonModule(PYTHON, 'boto3')) throw new Error('boto3 is missing for /usr/bin/python3: install it with `apt-get install -y python3-boto3`');
  });
  const demo = useDemoEmulator({ reset: false });
  before(async () => {
    const tasks = await demo.iot.send(new sdk.ListAuditTasksCommand({ startTime: new Date(Date.now() - DAY_MS), endTime: new Date(Date.now() + DAY_MS) }));
    audit = tasks.tasks![0].taskId!;
    finding = (await demo.iot.send(new sdk.ListAuditFindingsCommand({ checkName: 'LOGGING_DISABLED_CHECK' }))).findings![0].findingId!;
  });

  it('covers every served operation with a baseline', () => {
    assert.deepEqual(baselines('a', 'f').map(([operation]) => operation).sort(), ROUTES.map((route) => route.operation).sort());
  });

  it('refuses every violated constraint with InvalidRequestException naming the member, through boto3 and the SDK', async (t) => {
    const cases = baselines(audit, finding).flatMap(([operation, params]) => matrix(operation, params));
    const perOperation = new Map<string, number>();
    for (const violation of cases) perOperation.set(violation.operation, (perOperation.get(violation.operation) ?? 0) + 1);
    // These take no input a client would send wrong: nothing, or one boolean query flag.
    const inputless = ['DescribeAccountAuditConfiguration', 'GetV2LoggingOptions', 'DeleteAccountAuditConfiguration'];
    for (const route of ROUTES) if (!inputless.includes(route.operation)) assert.ok(perOperation.get(route.operation), `${route.operation} has constraint cases`);

    const boto = await runBoto3(demo.emulator.url, cases.map(({ operation, params }) => ({ operation, params })));
    const botoProblems: string[] = [];
    let botoRefused = 0;
    boto.forEach((result, index) => {
      const { what, operation, names } = cases[index];
      if (result.clientRefused) {
        botoRefused++;
        // Only a value of the wrong type, or a member newer than Debian's model (which boto3 cannot serialize), may stop boto3 before it sends anything.
        const newer = NEWER_THAN_DEBIAN.some(([, member]) => what.split(/[ .]/).includes(member));
        if (!/ not an? /.test(what) && !newer) botoProblems.push(`${operation} ${what}: refused by boto3 (${result.clientRefused})`);
        return;
      }
      if (result.status !== 400 || result.code !== 'InvalidRequestException' || !result.requestId || !result.message?.includes(names)) botoProblems.push(`${operation} ${what}: ${JSON.stringify(result)}`);
    });
    const sdkProblems: string[] = [];
    let sdkRefused = 0;
    for (const { operation, what, params, names } of cases) {
      const error = (await sendSdk(demo.iot, operation, params).then(() => undefined, (e: unknown) => e)) as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } } | undefined;
      if (error && error.$metadata?.httpStatusCode === undefined) {
        sdkRefused++; // the SDK would not serialize the value (e.g. an empty label): it never reached the emulator
        continue;
      }
      if (error?.name !== 'InvalidRequestException' || error.$metadata?.httpStatusCode !== 400 || !error.message?.includes(names)) sdkProblems.push(`${operation} ${what}: ${error ? `${error.name} ${error.message}` : 'accepted'}`);
    }
    t.diagnostic(`${cases.length} constraint cases over ${perOperation.size} operations; boto3: ${cases.length - botoRefused} sent, ${botoRefused} refused client-side; SDK: ${cases.length - sdkRefused} sent, ${sdkRefused} refused client-side`);
    assert.deepEqual(botoProblems, []);
    assert.deepEqual(sdkProblems, []);
    assert.ok(cases.length - botoRefused >= 200 && cases.length - sdkRefused >= 200, `${cases.length} cases, ${botoRefused} and ${sdkRefused} refused by the clients`);
    // The one case both clients fill in themselves, sent raw.
    const noToken = await fetch(`${demo.emulator.url}/audit/mitigationactions/tasks/raw-start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: { findingIds: [finding] }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['MatrixAction'] } }) });
    assert.equal(noToken.status, 400);
    assert.equal(noToken.headers.get('x-amzn-errortype'), 'InvalidRequestException');
    assert.match(((await noToken.json()) as { message: string }).message, /Value null at 'clientRequestToken' failed to satisfy constraint: Member must not be null/);
  });

  it('answers every operation with exactly its model output shape', async () => {
    await admin(demo.emulator, 'POST', 'settings', { paceMs: 60_000 });
    await demo.iot.send(new sdk.CreateMitigationActionCommand({ actionName: 'Slow', roleArn: ROLE, actionParams: { publishFindingToSnsParams: { topicArn: TOPIC } } }));
    await demo.iot.send(new sdk.StartAuditMitigationActionsTaskCommand({ taskId: 'matrix-running', target: { findingIds: [finding] }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Slow'] }, clientRequestToken: 'slow' }));
    // Paced, tasks and audits stay in progress, so the cancel operations have something to cancel.
    const problems: string[] = [];
    const list = baselines(audit, finding);
    for (const [operation, params] of list) {
      const route = ROUTES.find((candidate) => candidate.operation === operation)!;
      const members = OPERATIONS[operation].input.members;
      let path = route.uri;
      const query = new URLSearchParams();
      const body: Params = {};
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(params)) {
        const member = members[name];
        const wire = member.locationName ?? name;
        if (member.location === 'uri') path = path.replace(`{${wire}}`, encodeURIComponent(String(value)));
        else if (member.location === 'querystring') query.set(wire, String(value));
        else if (member.location === 'header') headers[wire] = String(value);
        else body[name] = value;
      }
      const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
      const response = await fetch(`${demo.emulator.url}${path}${query.size ? `?${query}` : ''}`, { method: route.method, headers: hasBody ? { ...headers, 'content-type': 'application/json' } : headers, body: hasBody ? JSON.stringify(body) : undefined });
      const json = (await response.json()) as Params;
      if (operation === 'StartOnDemandAuditTask') list.find(([name]) => name === 'CancelAuditTask')![1].taskId = json.taskId;
      if (response.status !== 200) {
        problems.push(`${operation}: ${response.status} ${JSON.stringify(json)}`);
        continue;
      }
      const output = model.operations[operation].output?.shape;
      if (output) problems.push(...outputProblems(model, output, json).map((problem) => `${operation}: ${problem}`));
      else if (Object.keys(json).length) problems.push(`${operation}: the model has no output, the emulator answered ${JSON.stringify(json)}`);
    }
    await admin(demo.emulator, 'POST', 'settings', { paceMs: 0 });
    assert.deepEqual(problems, []);
  });

  it('produces every declared error that can happen locally, with its status and x-amzn-ErrorType', async (t) => {
    await admin(demo.emulator, 'POST', 'reset');
    const raised = new Map<string, Set<string>>();
    const expectError = async (operation: string, params: Params, errorType: string) => {
      const error = (await sendSdk(demo.iot, operation, params).then(() => undefined, (e: unknown) => e)) as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
      const status = model.shapes[errorType].error?.httpStatusCode;
      assert.equal(error?.name, errorType, `${operation} should raise ${errorType}`);
      assert.equal(error?.$metadata?.httpStatusCode, status, `${operation} ${errorType} status`);
      if (!raised.has(operation)) raised.set(operation, new Set());
      raised.get(operation)!.add(errorType);
    };
    const missing = 'f'.repeat(64);
    const tasks = await demo.iot.send(new sdk.ListAuditTasksCommand({ startTime: new Date(Date.now() - DAY_MS), endTime: new Date(Date.now() + DAY_MS) }));
    const auditId = tasks.tasks![0].taskId!;
    const findingId = (await demo.iot.send(new sdk.ListAuditFindingsCommand({ checkName: 'LOGGING_DISABLED_CHECK' }))).findings![0].findingId!;

    for (const [operation, params] of baselines(auditId, findingId)) {
      const bad = matrix(operation, params)[0];
      if (bad) await expectError(operation, bad.params, 'InvalidRequestException');
    }
    for (const [operation, params] of [
      ['UpdateMitigationAction', { actionName: 'Nope', roleArn: ROLE }],
      ['DescribeMitigationAction', { actionName: 'Nope' }],
      ['CancelAuditMitigationActionsTask', { taskId: 'nope' }],
      ['DescribeAuditMitigationActionsTask', { taskId: 'nope' }],
      ['DescribeAuditTask', { taskId: 'nope' }],
      ['CancelAuditTask', { taskId: 'nope' }],
      ['DescribeAuditFinding', { findingId: 'nope' }],
      ['CreateThing', { thingName: 'typed', thingTypeName: 'NoSuchType' }],
      ['DescribeThing', { thingName: 'nope' }],
      ['AddThingToThingGroup', { thingGroupName: 'Nope', thingName: 'sensor-001' }],
      ['ListThingGroupsForThing', { thingName: 'nope' }],
      ['ListThingsInThingGroup', { thingGroupName: 'Nope' }],
      ['DescribeThingGroup', { thingGroupName: 'Nope' }],
      ['ListPrincipalThings', { principal: `arn:aws:iot:us-east-1:123456789012:cert/${missing}` }],
      ['ListThingGroups', { parentGroup: 'Nope' }],
      ['DescribeCertificate', { certificateId: missing }],
      ['UpdateCertificate', { certificateId: missing, newStatus: 'INACTIVE' }],
      ['DescribeCACertificate', { certificateId: missing }],
      ['GetPolicy', { policyName: 'Nope' }],
      ['ListPolicyVersions', { policyName: 'Nope' }],
      ['GetPolicyVersion', { policyName: 'Nope', policyVersionId: '1' }],
      ['ListRelatedResourcesForAuditFinding', { findingId: 'nope' }],
      ['DescribeAuditSuppression', SUPPRESSED],
      ['UpdateAuditSuppression', { ...SUPPRESSED, description: 'none' }],
      ['DescribeScheduledAudit', { scheduledAuditName: 'Nope' }],
      ['UpdateScheduledAudit', { scheduledAuditName: 'Nope', frequency: 'DAILY' }],
      ['DeleteScheduledAudit', { scheduledAuditName: 'Nope' }],
      ['ListTagsForResource', { resourceArn: 'arn:aws:iot:us-east-1:123456789012:mitigationaction/Nope' }],
      ['TagResource', { resourceArn: 'arn:aws:iot:us-east-1:123456789012:thinggroup/Nope', tags: [{ Key: 'k' }] }],
      ['UntagResource', { resourceArn: 'arn:aws:iot:eu-west-1:123456789012:mitigationaction/Slow', tagKeys: ['k'] }],
    ] as [string, Params][]) {
      await expectError(operation, params, 'ResourceNotFoundException');
    }
    await sendSdk(demo.iot, 'CreateMitigationAction', { actionName: 'Taken', roleArn: ROLE, actionParams: { publishFindingToSnsParams: { topicArn: TOPIC } } });
    await expectError('CreateMitigationAction', { actionName: 'Taken', roleArn: ROLE, actionParams: { updateCACertificateParams: { action: 'DEACTIVATE' } } }, 'ResourceAlreadyExistsException');
    await expectError('CreateThing', { thingName: 'sensor-001', attributePayload: { attributes: { other: 'x' } } }, 'ResourceAlreadyExistsException');
    await expectError('CreateThingGroup', { thingGroupName: 'Factory-Line1', parentGroupName: 'Sensors' }, 'ResourceAlreadyExistsException');
    await expectError('UpdateCertificate', { certificateId: DEMO.certificates.revoked, newStatus: 'ACTIVE' }, 'CertificateStateException');
    const start = { taskId: 'conflict', target: { findingIds: [findingId] }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Taken'] }, clientRequestToken: 'one' };
    await sendSdk(demo.iot, 'StartAuditMitigationActionsTask', start);
    await expectError('StartAuditMitigationActionsTask', { ...start, clientRequestToken: 'two' }, 'TaskAlreadyExistsException');
    for (let index = 0; index < 99; index++) await sendSdk(demo.iot, 'CreateMitigationAction', { actionName: `Fill-${index}`, roleArn: ROLE, actionParams: { publishFindingToSnsParams: { topicArn: TOPIC } } });
    await expectError('TagResource', { resourceArn: 'arn:aws:iot:us-east-1:123456789012:mitigationaction/Taken', tags: Array.from({ length: 51 }, (_, index) => ({ Key: `k${index}` })) }, 'LimitExceededException');
    await expectError('CreateMitigationAction', { actionName: 'OneTooMany', roleArn: ROLE, actionParams: { publishFindingToSnsParams: { topicArn: TOPIC } } }, 'LimitExceededException');
    await admin(demo.emulator, 'POST', 'settings', { paceMs: 60_000 });
    for (let index = 0; index < 10; index++) await sendSdk(demo.iot, 'StartAuditMitigationActionsTask', { ...start, taskId: `busy-${index}`, clientRequestToken: `busy-${index}` }).catch(() => undefined);
    await expectError('StartAuditMitigationActionsTask', { ...start, taskId: 'eleventh', clientRequestToken: 'eleventh' }, 'LimitExceededException');
    for (let index = 0; index < 10; index++) await sendSdk(demo.iot, 'StartOnDemandAuditTask', { targetCheckNames: ['LOGGING_DISABLED_CHECK'] }).catch(() => undefined);
    await expectError('StartOnDemandAuditTask', { targetCheckNames: ['LOGGING_DISABLED_CHECK'] }, 'LimitExceededException');
    await sendSdk(demo.iot, 'CreateAuditSuppression', { ...SUPPRESSED, suppressIndefinitely: true, clientRequestToken: 'first' });
    await expectError('CreateAuditSuppression', { ...SUPPRESSED, suppressIndefinitely: true, clientRequestToken: 'second' }, 'ResourceAlreadyExistsException');
    const schedule = (name: string) => ({ scheduledAuditName: name, frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] });
    for (let index = 0; index < 5; index++) await sendSdk(demo.iot, 'CreateScheduledAudit', schedule(`Schedule-${index}`));
    await expectError('CreateScheduledAudit', schedule('Schedule-0'), 'ResourceAlreadyExistsException');
    await expectError('CreateScheduledAudit', schedule('Schedule-5'), 'LimitExceededException');
    await expectError('DeleteAccountAuditConfiguration', {}, 'InvalidRequestException');
    await admin(demo.emulator, 'POST', 'reset', { seed: 'empty' });
    await expectError('GetV2LoggingOptions', {}, 'NotConfiguredException');
    await expectError('DeleteAccountAuditConfiguration', {}, 'ResourceNotFoundException');
    await admin(demo.emulator, 'POST', 'reset', { seed: 'demo' });
    await admin(demo.emulator, 'POST', 'settings', { paceMs: 0, throttle: true });
    for (const route of ROUTES) {
      const limit = Throttle.limitOf(route.operation);
      if (limit === undefined) continue;
      const [, params] = baselines(auditId, findingId).find(([operation]) => operation === route.operation)!;
      // A burst of twice the limit at once: the bucket holds `limit` tokens, so the rest are throttled.
      const burst = await Promise.all(Array.from({ length: limit * 2 }, () => sendSdk(demo.iot, route.operation, params).then(() => undefined, (e: unknown) => e as { name?: string; $metadata?: { httpStatusCode?: number } })));
      const throttled = burst.find((error) => error?.name === 'ThrottlingException');
      assert.equal(throttled?.$metadata?.httpStatusCode, 400, `${route.operation} is throttled in a burst of ${limit * 2}`);
      if (!raised.has(route.operation)) raised.set(route.operation, new Set());
      raised.get(route.operation)!.add('ThrottlingException');
    }
    await admin(demo.emulator, 'POST', 'settings', { throttle: false });

    const uncovered: string[] = [];
    let localErrors = 0;
    let serviceOnly = 0;
    for (const route of ROUTES) {
      for (const errorType of OPERATIONS[route.operation].errors) {
        if (raised.get(route.operation)?.has(errorType)) localErrors++;
        else if (ONLY_THE_SERVICE[errorType] || NO_DOCUMENTED_CAUSE[`${route.operation}: ${errorType}`]) serviceOnly++;
        else if (errorType === 'ThrottlingException' && Throttle.limitOf(route.operation) === undefined) serviceOnly++; // AWS documents no TPS limit for it
        else uncovered.push(`${route.operation}: ${errorType}`);
      }
    }
    t.diagnostic(`${localErrors} (operation, declared error) pairs produced with status and type; ${serviceOnly} only the real service can produce`);
    assert.deepEqual(uncovered, []);
  });
});
