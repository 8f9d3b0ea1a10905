/**
 * The generated JSON Schema, run by ajv (draft-07): the examples pass, a table of broken
 * documents fails where expected, and the schema says what the catalogue says.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ErrorObject } from 'ajv';
import {
  ACTION_TYPES,
  AUDIT_CHECKS,
  CLI_INPUT_SHAPES,
  LEGACY_CHECK_ALIASES,
  MAX_TASK_NAME_LENGTH,
  MITIGATION_FILE_SHAPES,
  QUOTAS,
  detectDocumentKind,
  validateDocument,
  type DocumentKind,
  type Shape,
  type StructureShape,
} from '../../common';
import { MISTAKES_EXAMPLE, compileSchema, describeErrors, exampleFiles, loadSchema, pointer, type JsonSchema } from './helpers';

const schema = loadSchema();
const validate = compileSchema(schema);
const definitions = schema.definitions as Record<string, JsonSchema>;

function errorsOf(doc: unknown): ErrorObject[] {
  return validate(doc) ? [] : [...(validate.errors ?? [])];
}

const ROLE = 'arn:aws:iam::123456789012:role/IoTMitigationRole';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:DeviceDefenderFindings';
const SUPPRESSION = { checkName: 'DEVICE_CERTIFICATE_EXPIRING_CHECK', resourceIdentifier: { deviceCertificateId: 'c0ffee'.repeat(10) + 'c0ff' }, expirationDate: '2027-01-31', description: 'replaced in January' };
const SNS_ACTION = { roleArn: ROLE, actionParams: { publishFindingToSnsParams: { topicArn: TOPIC } } };

/** A valid mitigation file with one action and one task, changed by `edit`. */
function file(edit: (doc: { actions: Record<string, unknown>; tasks: Record<string, unknown> }) => void = () => {}): unknown {
  const doc = {
    actions: { Notify: structuredClone(SNS_ACTION) as Record<string, unknown> },
    tasks: {
      notify: {
        target: { auditTaskId: 'a3aea009955e501a31b764abe1bebd3d' },
        auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Notify'] },
      } as Record<string, unknown>,
    },
  };
  edit(doc);
  return doc;
}

function action(doc: { actions: Record<string, unknown> }): Record<string, unknown> {
  return doc.actions.Notify as Record<string, unknown>;
}

function task(doc: { tasks: Record<string, unknown> }): Record<string, unknown> {
  return doc.tasks.notify as Record<string, unknown>;
}

describe('examples', () => {
  const examples = exampleFiles();

  test('there is an example for every action type, a quarantine workflow, mistakes and the three CLI documents', () => {
    const names = examples.map((example) => example.name);
    for (const info of ACTION_TYPES) {
      const fileName = `${info.type.toLowerCase().replace(/_/g, '-')}.mitigation.json`;
      assert.ok(names.includes(fileName), `missing ${fileName}`);
      const example = examples.find((candidate) => candidate.name === fileName)!;
      assert.ok(example.text.includes(`"${info.paramsKey}"`), `${fileName} does not use ${info.paramsKey}`);
    }
    for (const name of ['quarantine-workflow.mitigation.json', MISTAKES_EXAMPLE, 'cli-input/create-mitigation-action.json', 'cli-input/update-mitigation-action.json', 'cli-input/start-audit-mitigation-actions-task.json']) {
      assert.ok(names.includes(name), `missing ${name}`);
    }
  });

  for (const example of examples.filter((candidate) => candidate.name !== MISTAKES_EXAMPLE)) {
    test(`${example.name} is valid against the schema`, () => {
      assert.deepEqual(errorsOf(example.value), [], describeErrors(validate.errors));
    });
  }

  test('mitigation file examples point $schema at the committed schema', () => {
    for (const example of examples.filter((candidate) => candidate.name.endsWith('.mitigation.json'))) {
      assert.equal((example.value as { $schema?: unknown }).$schema, '../schemas/mitigation.schema.json', example.name);
    }
  });

  for (const example of examples.filter((candidate) => candidate.name !== MISTAKES_EXAMPLE)) {
    test(`${example.name} has no error problems from validateDocument`, () => {
      const { kind, problems } = validateDocument(example.value);
      assert.equal(kind, example.name.startsWith('cli-input/') ? example.name.slice('cli-input/'.length, -'.json'.length) : 'mitigation-file');
      assert.deepEqual(problems.filter((problem) => problem.severity === 'error'), []);
      // A mitigation file defines every action it maps, so not even a warning is expected.
      if (kind === 'mitigation-file') assert.deepEqual(problems, []);
    });
  }

  test(`${MISTAKES_EXAMPLE}: its comments name exactly the problems the validator reports`, () => {
    const example = examples.find((candidate) => candidate.name === MISTAKES_EXAMPLE)!;
    // Comments name codes as "code:" or "code (warning):", e.g. "// list-size: at most 10 groups".
    const announced = new Set<string>();
    for (const match of example.text.matchAll(/(?:\/\/|;|\band)\s+([a-z]+(?:-[a-z]+)*)(?: \(warning\))?:/g)) announced.add(match[1]);
    const reported = new Set(validateDocument(example.value).problems.map((problem) => problem.code));
    assert.deepEqual([...announced].sort(), [...reported].sort());
    assert.ok(reported.size >= 20, `only ${reported.size} codes`);
  });

  test(`${MISTAKES_EXAMPLE} fails the schema wherever the validator finds a structural error`, () => {
    const example = examples.find((candidate) => candidate.name === MISTAKES_EXAMPLE)!;
    const errors = errorsOf(example.value);
    assert.ok(errors.length > 0);
    const { problems } = validateDocument(example.value);
    // The schema covers structure; these rules need the catalogue's semantics or other actions.
    const semanticOnly = new Set(['legacy-check', 'action-not-applicable', 'log-level-disabled', 'undefined-action', 'duplicate-action-in-list', 'filter-without-mapping', 'arn-format', 'arn-service']);
    const structural = problems.filter((problem) => problem.severity === 'error' && !semanticOnly.has(problem.code));
    assert.ok(structural.length >= 10, `expected many structural problems, got ${structural.length}`);
    for (const problem of structural) {
      const at = pointer(problem.path);
      const parent = pointer(problem.path.slice(0, -1));
      const found = errors.some((error) => error.instancePath === at || (problem.target === 'key' && error.instancePath === parent));
      assert.ok(found, `schema misses ${problem.code} at ${at}: ${problem.message}\n${describeErrors(errors)}`);
    }
  });
});

interface InvalidCase {
  readonly name: string;
  readonly doc: unknown;
  readonly instancePath: string;
  readonly keyword: string;
}

const long = (length: number, char = 'a') => char.repeat(length);

const INVALID: readonly InvalidCase[] = [
  { name: 'a document that is not an object', doc: [], instancePath: '', keyword: 'type' },
  { name: 'an unknown top-level key', doc: file((doc) => Object.assign(doc, { description: 'x' })), instancePath: '', keyword: 'additionalProperties' },
  { name: 'actions as an array', doc: { actions: [] }, instancePath: '/actions', keyword: 'type' },
  { name: 'tasks as a string', doc: { tasks: 'all' }, instancePath: '/tasks', keyword: 'type' },
  { name: '$schema as a number', doc: file((doc) => Object.assign(doc, { $schema: 7 })), instancePath: '/$schema', keyword: 'type' },
  { name: 'an unknown key in an action', doc: file((doc) => (action(doc).actionType = 'PUBLISH_FINDING_TO_SNS')), instancePath: '/actions/Notify', keyword: 'additionalProperties' },
  { name: 'an action without roleArn', doc: file((doc) => delete action(doc).roleArn), instancePath: '/actions/Notify', keyword: 'required' },
  { name: 'a roleArn that is too short', doc: file((doc) => (action(doc).roleArn = long(19))), instancePath: '/actions/Notify/roleArn', keyword: 'minLength' },
  { name: 'a roleArn that is too long', doc: file((doc) => (action(doc).roleArn = `${ROLE}${long(2048)}`)), instancePath: '/actions/Notify/roleArn', keyword: 'maxLength' },
  {
    name: 'two params types in one action',
    doc: file((doc) => (action(doc).actionParams = { publishFindingToSnsParams: { topicArn: TOPIC }, updateDeviceCertificateParams: { action: 'DEACTIVATE' } })),
    instancePath: '/actions/Notify/actionParams',
    keyword: 'maxProperties',
  },
  { name: 'no params type', doc: file((doc) => (action(doc).actionParams = {})), instancePath: '/actions/Notify/actionParams', keyword: 'minProperties' },
  { name: 'a misspelt params key', doc: file((doc) => (action(doc).actionParams = { publishFindingsToSnsParams: { topicArn: TOPIC } })), instancePath: '/actions/Notify/actionParams', keyword: 'additionalProperties' },
  {
    name: 'a bad certificate update action',
    doc: file((doc) => (action(doc).actionParams = { updateDeviceCertificateParams: { action: 'REVOKE' } })),
    instancePath: '/actions/Notify/actionParams/updateDeviceCertificateParams/action',
    keyword: 'enum',
  },
  {
    name: 'a bad log level',
    doc: file((doc) => (action(doc).actionParams = { enableIoTLoggingParams: { roleArnForLogging: ROLE, logLevel: 'VERBOSE' } })),
    instancePath: '/actions/Notify/actionParams/enableIoTLoggingParams/logLevel',
    keyword: 'enum',
  },
  {
    name: 'a lower-case policy template',
    doc: file((doc) => (action(doc).actionParams = { replaceDefaultPolicyVersionParams: { templateName: 'blank_policy' } })),
    instancePath: '/actions/Notify/actionParams/replaceDefaultPolicyVersionParams/templateName',
    keyword: 'enum',
  },
  {
    name: 'logging params without a role',
    doc: file((doc) => (action(doc).actionParams = { enableIoTLoggingParams: { logLevel: 'ERROR' } })),
    instancePath: '/actions/Notify/actionParams/enableIoTLoggingParams',
    keyword: 'required',
  },
  {
    name: 'eleven thing groups',
    doc: file((doc) => (action(doc).actionParams = { addThingsToThingGroupParams: { thingGroupNames: Array.from({ length: 11 }, (_, i) => `G${i}`) } })),
    instancePath: '/actions/Notify/actionParams/addThingsToThingGroupParams/thingGroupNames',
    keyword: 'maxItems',
  },
  {
    name: 'no thing groups',
    doc: file((doc) => (action(doc).actionParams = { addThingsToThingGroupParams: { thingGroupNames: [] } })),
    instancePath: '/actions/Notify/actionParams/addThingsToThingGroupParams/thingGroupNames',
    keyword: 'minItems',
  },
  {
    name: 'a thing group name with a space',
    doc: file((doc) => (action(doc).actionParams = { addThingsToThingGroupParams: { thingGroupNames: ['Quarantine zone'] } })),
    instancePath: '/actions/Notify/actionParams/addThingsToThingGroupParams/thingGroupNames/0',
    keyword: 'pattern',
  },
  {
    name: 'overrideDynamicGroups as a string',
    doc: file((doc) => (action(doc).actionParams = { addThingsToThingGroupParams: { thingGroupNames: ['Quarantine'], overrideDynamicGroups: 'true' } })),
    instancePath: '/actions/Notify/actionParams/addThingsToThingGroupParams/overrideDynamicGroups',
    keyword: 'type',
  },
  {
    name: 'an SNS topic ARN over 350 characters',
    doc: file((doc) => (action(doc).actionParams = { publishFindingToSnsParams: { topicArn: `${TOPIC}${long(350)}` } })),
    instancePath: '/actions/Notify/actionParams/publishFindingToSnsParams/topicArn',
    keyword: 'maxLength',
  },
  { name: 'a tag without Key', doc: file((doc) => (action(doc).tags = [{ Value: 'x' }])), instancePath: '/actions/Notify/tags/0', keyword: 'required' },
  { name: 'a tag key with #', doc: file((doc) => (action(doc).tags = [{ Key: 'team#1' }])), instancePath: '/actions/Notify/tags/0/Key', keyword: 'pattern' },
  { name: 'a tag value over 256 characters', doc: file((doc) => (action(doc).tags = [{ Key: 'k', Value: long(257) }])), instancePath: '/actions/Notify/tags/0/Value', keyword: 'maxLength' },
  { name: 'tags as an object', doc: file((doc) => (action(doc).tags = { team: 'x' })), instancePath: '/actions/Notify/tags', keyword: 'type' },
  { name: 'an action name with a space', doc: file((doc) => (doc.actions['Notify me'] = SNS_ACTION)), instancePath: '/actions', keyword: 'propertyNames' },
  { name: 'an action name of 129 characters', doc: file((doc) => (doc.actions[long(129)] = SNS_ACTION)), instancePath: '/actions', keyword: 'propertyNames' },
  {
    name: `more than ${QUOTAS.mitigationActionsPerAccount} actions`,
    doc: { actions: Object.fromEntries(Array.from({ length: QUOTAS.mitigationActionsPerAccount + 1 }, (_, i) => [`Action${i}`, SNS_ACTION])) },
    instancePath: '/actions',
    keyword: 'maxProperties',
  },
  { name: 'a task name too long for the timestamp suffix', doc: file((doc) => (doc.tasks[long(MAX_TASK_NAME_LENGTH + 1)] = task(doc))), instancePath: '/tasks', keyword: 'propertyNames' },
  { name: 'a task without target', doc: file((doc) => delete task(doc).target), instancePath: '/tasks/notify', keyword: 'required' },
  { name: 'a task without mapping', doc: file((doc) => delete task(doc).auditCheckToActionsMapping), instancePath: '/tasks/notify', keyword: 'required' },
  { name: 'an empty mapping', doc: file((doc) => (task(doc).auditCheckToActionsMapping = {})), instancePath: '/tasks/notify/auditCheckToActionsMapping', keyword: 'minProperties' },
  {
    name: 'six actions for one check',
    doc: file((doc) => (task(doc).auditCheckToActionsMapping = { LOGGING_DISABLED_CHECK: ['A', 'B', 'C', 'D', 'E', 'F'] })),
    instancePath: '/tasks/notify/auditCheckToActionsMapping/LOGGING_DISABLED_CHECK',
    keyword: 'maxItems',
  },
  {
    name: 'no actions for a check',
    doc: file((doc) => (task(doc).auditCheckToActionsMapping = { LOGGING_DISABLED_CHECK: [] })),
    instancePath: '/tasks/notify/auditCheckToActionsMapping/LOGGING_DISABLED_CHECK',
    keyword: 'minItems',
  },
  {
    name: 'an action list as a string',
    doc: file((doc) => (task(doc).auditCheckToActionsMapping = { LOGGING_DISABLED_CHECK: 'Notify' })),
    instancePath: '/tasks/notify/auditCheckToActionsMapping/LOGGING_DISABLED_CHECK',
    keyword: 'type',
  },
  {
    name: 'an unknown check name',
    doc: file((doc) => (task(doc).auditCheckToActionsMapping = { LOGGING_CHECK: ['Notify'] })),
    instancePath: '/tasks/notify/auditCheckToActionsMapping',
    keyword: 'propertyNames',
  },
  {
    name: 'a mapped action name with a dot',
    doc: file((doc) => (task(doc).auditCheckToActionsMapping = { LOGGING_DISABLED_CHECK: ['Notify.v2'] })),
    instancePath: '/tasks/notify/auditCheckToActionsMapping/LOGGING_DISABLED_CHECK/0',
    keyword: 'pattern',
  },
  { name: 'an audit task id with "_"', doc: file((doc) => (task(doc).target = { auditTaskId: 'audit_1' })), instancePath: '/tasks/notify/target/auditTaskId', keyword: 'pattern' },
  { name: 'an audit task id of 41 characters', doc: file((doc) => (task(doc).target = { auditTaskId: long(41) })), instancePath: '/tasks/notify/target/auditTaskId', keyword: 'maxLength' },
  {
    name: '26 finding ids',
    doc: file((doc) => (task(doc).target = { findingIds: Array.from({ length: 26 }, (_, i) => `finding-${i}`) })),
    instancePath: '/tasks/notify/target/findingIds',
    keyword: 'maxItems',
  },
  { name: 'an empty finding id list', doc: file((doc) => (task(doc).target = { findingIds: [] })), instancePath: '/tasks/notify/target/findingIds', keyword: 'minItems' },
  { name: 'a finding id with a slash', doc: file((doc) => (task(doc).target = { findingIds: ['a/b'] })), instancePath: '/tasks/notify/target/findingIds/0', keyword: 'pattern' },
  {
    name: 'findingIds together with auditTaskId',
    doc: file((doc) => (task(doc).target = { auditTaskId: 'a1', findingIds: ['f1'] })),
    instancePath: '/tasks/notify/target',
    keyword: 'not',
  },
  {
    name: 'findingIds together with a reason code filter',
    doc: file((doc) => (task(doc).target = { findingIds: ['f1'], auditCheckToReasonCodeFilter: { LOGGING_DISABLED_CHECK: ['LOGGING_DISABLED'] } })),
    instancePath: '/tasks/notify/target',
    keyword: 'not',
  },
  {
    name: 'a reason code of another check',
    doc: file((doc) => (task(doc).target = { auditTaskId: 'a1', auditCheckToReasonCodeFilter: { LOGGING_DISABLED_CHECK: ['CERTIFICATE_PAST_EXPIRATION'] } })),
    instancePath: '/tasks/notify/target/auditCheckToReasonCodeFilter/LOGGING_DISABLED_CHECK/0',
    keyword: 'enum',
  },
  {
    name: 'an empty reason code list',
    doc: file((doc) => (task(doc).target = { auditTaskId: 'a1', auditCheckToReasonCodeFilter: { LOGGING_DISABLED_CHECK: [] } })),
    instancePath: '/tasks/notify/target/auditCheckToReasonCodeFilter/LOGGING_DISABLED_CHECK',
    keyword: 'minItems',
  },
  { name: 'an unknown key in a target', doc: file((doc) => (task(doc).target = { auditId: 'a1' })), instancePath: '/tasks/notify/target', keyword: 'additionalProperties' },
  { name: 'a client request token of 65 characters', doc: file((doc) => (task(doc).clientRequestToken = long(65))), instancePath: '/tasks/notify/clientRequestToken', keyword: 'maxLength' },
  { name: 'a client request token with a dot', doc: file((doc) => (task(doc).clientRequestToken = 'v1.0')), instancePath: '/tasks/notify/clientRequestToken', keyword: 'pattern' },
  // The AWS CLI's --cli-input-json documents.
  // The audit loop's sections.
  { name: 'a WEEKLY audit with a dayOfMonth', doc: { scheduledAudits: { w: { frequency: 'WEEKLY', dayOfWeek: 'MON', dayOfMonth: '1', targetCheckNames: ['LOGGING_DISABLED_CHECK'] } } }, instancePath: '/scheduledAudits/w', keyword: 'not' },
  { name: 'a MONTHLY audit without dayOfMonth', doc: { scheduledAudits: { m: { frequency: 'MONTHLY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] } } }, instancePath: '/scheduledAudits/m', keyword: 'required' },
  { name: 'an unknown check in targetCheckNames', doc: { scheduledAudits: { d: { frequency: 'DAILY', targetCheckNames: ['NO_SUCH_CHECK'] } } }, instancePath: '/scheduledAudits/d/targetCheckNames/0', keyword: 'enum' },
  { name: 'six scheduled audits', doc: { scheduledAudits: Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`d${i}`, { frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] }])) }, instancePath: '/scheduledAudits', keyword: 'maxProperties' },
  { name: 'a suppression with an expiry and indefinitely', doc: { suppressions: [{ ...SUPPRESSION, suppressIndefinitely: true }] }, instancePath: '/suppressions/0', keyword: 'not' },
  { name: 'a suppression with neither', doc: { suppressions: [{ ...SUPPRESSION, expirationDate: undefined }] }, instancePath: '/suppressions/0', keyword: 'required' },
  { name: 'a suppression by the wrong identifier', doc: { suppressions: [{ ...SUPPRESSION, resourceIdentifier: { caCertificateId: 'c1' } }] }, instancePath: '/suppressions/0/resourceIdentifier', keyword: 'required' },
  { name: 'an expiry in words', doc: { suppressions: [{ ...SUPPRESSION, expirationDate: 'next month' }] }, instancePath: '/suppressions/0/expirationDate', keyword: 'pattern' },
  { name: 'a threshold on a check that takes none', doc: { auditConfiguration: { auditCheckConfigurations: { LOGGING_DISABLED_CHECK: { configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '60' } } } } }, instancePath: '/auditConfiguration/auditCheckConfigurations/LOGGING_DISABLED_CHECK/configuration', keyword: 'maxProperties' },
  { name: "the other check's threshold", doc: { auditConfiguration: { auditCheckConfigurations: { DEVICE_CERTIFICATE_EXPIRING_CHECK: { configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '60' } } } } }, instancePath: '/auditConfiguration/auditCheckConfigurations/DEVICE_CERTIFICATE_EXPIRING_CHECK/configuration', keyword: 'additionalProperties' },
  { name: 'a notification type other than SNS', doc: { auditConfiguration: { auditNotificationTargetConfigurations: { EMAIL: { targetArn: TOPIC } } } }, instancePath: '/auditConfiguration/auditNotificationTargetConfigurations', keyword: 'propertyNames' },
  { name: 'CLI create: tags without roleArn and actionParams', doc: { actionName: 'Notify', tags: [] }, instancePath: '', keyword: 'required' },
  { name: 'CLI create: an unknown key', doc: { ...SNS_ACTION, actionName: 'Notify', actionType: 'X' }, instancePath: '', keyword: 'additionalProperties' },
  { name: 'CLI update: a bad action name', doc: { actionName: 'Notify me', roleArn: ROLE }, instancePath: '/actionName', keyword: 'pattern' },
  { name: 'CLI update: two params types', doc: { actionName: 'Notify', actionParams: { ...SNS_ACTION.actionParams, updateCACertificateParams: { action: 'DEACTIVATE' } } }, instancePath: '/actionParams', keyword: 'maxProperties' },
  { name: 'CLI start: no target', doc: { taskId: 't1', auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Notify'] } }, instancePath: '', keyword: 'required' },
  { name: 'CLI start: a target naming neither audit nor findings', doc: { taskId: 't1', target: {}, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Notify'] } }, instancePath: '/target', keyword: 'anyOf' },
  { name: 'CLI start: a task id of 129 characters', doc: { taskId: long(129), target: { auditTaskId: 'a1' }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Notify'] } }, instancePath: '/taskId', keyword: 'maxLength' },
  { name: 'CLI start: an unknown check', doc: { target: { auditTaskId: 'a1' }, auditCheckToActionsMapping: { NO_SUCH_CHECK: ['Notify'] } }, instancePath: '/auditCheckToActionsMapping', keyword: 'propertyNames' },
];

describe('invalid documents fail at the expected place', () => {
  for (const invalid of INVALID) {
    test(invalid.name, () => {
      const errors = errorsOf(invalid.doc);
      const match = errors.find((error) => error.instancePath === invalid.instancePath && error.keyword === invalid.keyword);
      assert.ok(match, `expected ${invalid.keyword} at "${invalid.instancePath}", got:\n${describeErrors(errors)}`);
    });
  }
});

describe('borderline documents that are valid', () => {
  const VALID: readonly [string, unknown][] = [
    ['an empty document (a new file)', {}],
    ['only actions', { actions: { Notify: SNS_ACTION } }],
    ['a task without auditTaskId (chosen when starting)', file((doc) => (task(doc).target = {}))],
    ['an empty SNS topic ARN (the model has no minimum)', file((doc) => (action(doc).actionParams = { publishFindingToSnsParams: { topicArn: '' } }))],
    ['a tag key in another script', file((doc) => (action(doc).tags = [{ Key: 'Équipe Ключ 1/@+=' }]))],
    ['an action name of 128 characters', file((doc) => (doc.actions[long(128)] = SNS_ACTION))],
    [`exactly ${QUOTAS.mitigationActionsPerAccount} actions`, { actions: Object.fromEntries(Array.from({ length: QUOTAS.mitigationActionsPerAccount }, (_, i) => [`A${i}`, SNS_ACTION])) }],
    ['25 finding ids', file((doc) => (task(doc).target = { findingIds: Array.from({ length: 25 }, (_, i) => `f${i}`) }))],
    ['a legacy check alias (deprecated, not a schema error)', file((doc) => (task(doc).auditCheckToActionsMapping = { REVOKED_DEVICE_CERT_CHECK: ['Notify'] }))],
    ['a CLI update that only changes the role', { actionName: 'Notify', roleArn: ROLE }],
    ['only audit-loop sections, each kind of schedule and expiry', {
      auditConfiguration: { roleArn: ROLE, auditNotificationTargetConfigurations: { SNS: { targetArn: TOPIC, roleArn: ROLE, enabled: true } }, auditCheckConfigurations: { DEVICE_CERTIFICATE_AGE_CHECK: { enabled: true, configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '400' } } } },
      scheduledAudits: { d: { frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] }, w: { frequency: 'BIWEEKLY', dayOfWeek: 'SUN', targetCheckNames: ['DEVICE_CERTIFICATE_AGE_CHECK'] }, m: { frequency: 'MONTHLY', dayOfMonth: 'LAST', targetCheckNames: ['LOGGING_DISABLED_CHECK'], tags: [{ Key: 'team', Value: 'sec' }] } },
      suppressions: [SUPPRESSION, { checkName: 'LOGGING_DISABLED_CHECK', resourceIdentifier: { account: '123456789012' }, suppressIndefinitely: true, description: 'SIEM' }, { ...SUPPRESSION, expirationDate: '2027-01-31T08:00:00+02:00' }],
    }],
    ['a CLI start with $schema', { $schema: '../schemas/mitigation.schema.json', taskId: 't1', target: { findingIds: ['f1'] }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Notify'] } }],
  ];
  for (const [name, doc] of VALID) {
    test(name, () => assert.deepEqual(errorsOf(doc), [], describeErrors(validate.errors)));
  }
});

/** Follows $ref and the allOf wrapper the generator uses for extra rules. */
function resolve(node: JsonSchema): JsonSchema {
  if (typeof node.$ref === 'string') return resolve(definitions[node.$ref.replace('#/definitions/', '')]);
  if (Array.isArray(node.allOf)) {
    const referenced = (node.allOf as JsonSchema[]).find((part) => typeof part.$ref === 'string');
    if (referenced) return resolve(referenced);
  }
  return node;
}

/** Walks a catalogue shape and its schema side by side, comparing every constraint. */
function assertAgrees(shape: Shape, node: JsonSchema, where: string, seen = new Set<string>()): void {
  const resolved = resolve(node);
  switch (shape.type) {
    case 'string':
      assert.equal(resolved.type, 'string', where);
      assert.equal(resolved.minLength, shape.min, `${where} minLength`);
      assert.equal(resolved.maxLength, shape.max, `${where} maxLength`);
      assert.equal(resolved.pattern, shape.pattern, `${where} pattern`);
      assert.deepEqual(resolved.enum, shape.enum ? [...shape.enum] : undefined, `${where} enum`);
      if (shape.enumDescriptions) assert.deepEqual(resolved.enumDescriptions, shape.enum?.map((value) => shape.enumDescriptions?.[value]), `${where} enumDescriptions`);
      return;
    case 'boolean':
      assert.equal(resolved.type, 'boolean', where);
      return;
    case 'integer':
      assert.deepEqual([resolved.type, resolved.minimum, resolved.maximum], ['integer', shape.min, shape.max], where);
      return;
    case 'list':
      assert.equal(resolved.type, 'array', where);
      assert.equal(resolved.minItems, shape.min, `${where} minItems`);
      assert.equal(resolved.maxItems, shape.max, `${where} maxItems`);
      if (shape.item.name !== 'ReasonForNonComplianceCode') assertAgrees(shape.item, resolved.items as JsonSchema, `${where}[]`, seen);
      return;
    case 'map': {
      assert.equal(resolved.type, 'object', where);
      assert.equal(resolved.minProperties, shape.min, `${where} minProperties`);
      const properties = resolved.properties as Record<string, JsonSchema>;
      for (const check of AUDIT_CHECKS) assertAgrees(shape.value, properties[check.name], `${where}.${check.name}`, seen);
      return;
    }
    case 'structure': {
      if (seen.has(shape.name)) return;
      seen.add(shape.name);
      assert.equal(resolved.type, 'object', where);
      assert.equal(resolved.additionalProperties, false, `${where} additionalProperties`);
      const properties = resolved.properties as Record<string, JsonSchema>;
      const required = Object.entries(shape.members).filter(([, member]) => member.required).map(([key]) => key);
      assert.deepEqual(resolved.required ?? [], required, `${where} required`);
      for (const [key, member] of Object.entries(shape.members)) {
        assert.ok(properties[key], `${where}.${key} missing`);
        assert.equal(properties[key].description, member.description, `${where}.${key} description`);
        assertAgrees(member.shape, properties[key], `${where}.${key}`, seen);
      }
      if (shape.exactlyOne) assert.deepEqual([resolved.minProperties, resolved.maxProperties], [1, 1], `${where} exactly one`);
      return;
    }
  }
}

describe('the schema agrees with the catalogue', () => {
  test('mitigation file actions and tasks match MITIGATION_FILE_SHAPES member by member', () => {
    assertAgrees(MITIGATION_FILE_SHAPES.action, definitions.action, 'action');
    assertAgrees(MITIGATION_FILE_SHAPES.task, definitions.task, 'task');
  });

  test('the CLI input documents match CLI_INPUT_SHAPES member by member', () => {
    const cases: [StructureShape, string][] = [
      [CLI_INPUT_SHAPES.createMitigationAction, 'createMitigationActionInput'],
      [CLI_INPUT_SHAPES.updateMitigationAction, 'updateMitigationActionInput'],
      [CLI_INPUT_SHAPES.startAuditMitigationActionsTask, 'startAuditMitigationActionsTaskInput'],
    ];
    for (const [shape, name] of cases) {
      const node = definitions[name];
      // The documents may carry $schema, which the validator strips before checking.
      const { $schema, ...properties } = node.properties as Record<string, JsonSchema>;
      assert.equal($schema.type, 'string');
      assertAgrees(shape, { ...node, properties }, name);
    }
  });

  test('action names, task names and the action quota follow the catalogue', () => {
    const file = definitions.mitigationFile.properties as Record<string, JsonSchema>;
    assert.equal(file.actions.maxProperties, QUOTAS.mitigationActionsPerAccount);
    const actionNames = file.actions.propertyNames as JsonSchema;
    assert.deepEqual([actionNames.minLength, actionNames.maxLength, actionNames.pattern], [1, 128, '^[a-zA-Z0-9_-]+$']);
    const taskNames = file.tasks.propertyNames as JsonSchema;
    assert.deepEqual([taskNames.maxLength, taskNames.pattern], [MAX_TASK_NAME_LENGTH, '^[a-zA-Z0-9_-]+$']);
  });

  test('the audit-loop sections follow the catalogue: quota, names, thresholds, resource identifiers', () => {
    const file = definitions.mitigationFile.properties as Record<string, JsonSchema>;
    assert.equal(file.scheduledAudits.maxProperties, QUOTAS.scheduledAuditsPerAccount);
    assert.equal((file.scheduledAudits.propertyNames as JsonSchema).pattern, '^[a-zA-Z0-9_-]+$');
    const checks = (definitions.AuditCheckConfigurations.properties as Record<string, JsonSchema>);
    for (const check of AUDIT_CHECKS) {
      const configuration = (checks[check.name].properties as Record<string, JsonSchema>).configuration;
      if (check.config) assert.deepEqual(Object.keys(configuration.properties as object), [check.config.name], check.name);
      else assert.equal(configuration.maxProperties, 0, check.name);
    }
    const rules = (definitions.suppression.allOf as JsonSchema[]).filter((rule) => JSON.stringify(rule.if).includes('checkName'));
    assert.equal(rules.length, AUDIT_CHECKS.length);
  });

  test('every audit check is a documented key of both check maps, with its own reason codes', () => {
    const mapping = definitions.AuditCheckToActionsMapping;
    const filter = definitions.AuditCheckToReasonCodeFilter;
    for (const check of AUDIT_CHECKS) {
      const entry = (mapping.properties as Record<string, JsonSchema>)[check.name];
      assert.equal(entry.description, check.description);
      for (const type of check.applicableActions) assert.ok(String(entry.markdownDescription).includes(type), `${check.name} hover lacks ${type}`);
      assert.ok(String(entry.markdownDescription).includes(check.severity));
      const codes = ((filter.properties as Record<string, JsonSchema>)[check.name].items as JsonSchema).enum;
      assert.deepEqual(codes, [...check.reasonCodes], check.name);
    }
    for (const map of [mapping, filter]) {
      const names = (map.propertyNames as JsonSchema).enum;
      assert.deepEqual(names, [...AUDIT_CHECKS.map((check) => check.name), ...Object.keys(LEGACY_CHECK_ALIASES)]);
    }
  });

  test('legacy aliases are deprecated and point to their API names', () => {
    for (const [alias, apiName] of Object.entries(LEGACY_CHECK_ALIASES)) {
      const entry = (definitions.AuditCheckToActionsMapping.properties as Record<string, JsonSchema>)[alias];
      assert.match(String(entry.deprecationMessage), new RegExp(apiName));
      const codes = ((definitions.AuditCheckToReasonCodeFilter.properties as Record<string, JsonSchema>)[alias].items as JsonSchema).enum;
      assert.deepEqual(codes, AUDIT_CHECKS.find((check) => check.name === apiName)?.reasonCodes);
    }
  });

  test('every action type has its params key, a hover naming it and a snippet with the catalogue example', () => {
    const params = definitions.MitigationActionParams;
    const snippets = params.defaultSnippets as { label: string; body: Record<string, unknown> }[];
    const actionSnippets = definitions.action.defaultSnippets as { label: string; body: { actionParams: Record<string, unknown> } }[];
    for (const info of ACTION_TYPES) {
      const property = (params.properties as Record<string, JsonSchema>)[info.paramsKey];
      assert.ok(String(property.markdownDescription).includes(info.type), info.type);
      for (const permission of info.permissions) assert.ok(String(property.markdownDescription).includes(permission), `${info.type} hover lacks ${permission}`);
      assert.deepEqual(snippets.find((snippet) => snippet.label === info.type)?.body, { [info.paramsKey]: info.example });
      assert.deepEqual(actionSnippets.find((snippet) => snippet.label.startsWith(info.type))?.body.actionParams, { [info.paramsKey]: info.example });
    }
    assert.equal(snippets.length, ACTION_TYPES.length);
  });

  test('the snippet bodies are themselves valid where they have no placeholders', () => {
    for (const info of ACTION_TYPES) {
      assert.deepEqual(errorsOf({ actions: { Example: { roleArn: ROLE, actionParams: { [info.paramsKey]: info.example } } } }), [], info.type);
    }
  });
});

describe('the schema picks the document kind the way detectDocumentKind does', () => {
  const BRANCHES: Record<Exclude<DocumentKind, 'unknown'>, string> = {
    'mitigation-file': 'mitigationFile',
    'create-mitigation-action': 'createMitigationActionInput',
    'update-mitigation-action': 'updateMitigationActionInput',
    'start-audit-mitigation-actions-task': 'startAuditMitigationActionsTaskInput',
  };
  /** The schema with its kind switch replaced by one fixed branch. */
  function branchValidator(definition: string) {
    const { if: _if, then: _then, else: _else, ...rest } = schema;
    return compileSchema({ ...rest, $ref: `#/definitions/${definition}` });
  }
  const branches = Object.fromEntries(Object.entries(BRANCHES).map(([kind, definition]) => [kind, branchValidator(definition)]));
  const summary = (errors: readonly ErrorObject[] | null | undefined) => (errors ?? []).filter((error) => !['if', 'then', 'else'].includes(error.keyword)).map((error) => `${error.instancePath} ${error.keyword}`).sort();

  const DOCUMENTS: readonly unknown[] = [
    ...exampleFiles().map((example) => example.value),
    {},
    { actions: 'x' },
    { tasks: {}, taskId: 't' },
    { taskId: 't' },
    { target: { findingIds: [] } },
    { auditCheckToActionsMapping: { NOPE: [] } },
    { tags: [{ Key: 'k' }] },
    { roleArn: ROLE, actionParams: {} },
    { roleArn: 'short' },
    { actionName: 'bad name' },
    { actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' }, publishFindingToSnsParams: { topicArn: TOPIC } } },
    { $schema: 'x', unrelated: true },
  ];
  DOCUMENTS.forEach((doc, index) => {
    const kind = detectDocumentKind(doc);
    test(`document ${index} (${kind}) gets the ${kind} rules`, () => {
      assert.notEqual(kind, 'unknown');
      const branch = branches[kind as keyof typeof BRANCHES];
      assert.equal(validate(doc), branch(doc));
      assert.deepEqual(summary(validate.errors), summary(branch.errors));
    });
  });
});
