/**
 * Proves the catalogue in common/ against the AWS documentation: the AWS IoT service model (iot 2015-05-28),
 * the AWS IoT API Reference, and the AWS IoT Device Defender Developer Guide ("Audit checks",
 * "Mitigation actions") and quotas page ("AWS IoT Device Defender endpoints and quotas").
 * Every expected fact below is copied from those pages as a literal, independently of
 * the catalogue, so a wrong edit to common/ fails here.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ACTION_TYPES,
  AUDIT_FINDING_SEVERITIES,
  DISRUPTIVE_ACTION_TYPES,
  resolveAuditCheck,
  ALL_REASON_CODES,
  AUDIT_CHECKS,
  AuditCheckRunStatusShape,
  AuditCheckToActionsMapping,
  AuditCheckToReasonCodeFilter,
  AuditFindingSeverityShape,
  AuditMitigationActionsExecutionStatusShape,
  AuditMitigationActionsTaskStatusShape,
  AuditMitigationActionsTaskTarget,
  AuditTaskId,
  AuditTaskStatusShape,
  AuditTaskTypeShape,
  AwsAccountId,
  CACertificateUpdateAction,
  CertificateId,
  ClientRequestToken,
  ConfigValue,
  CreateMitigationActionInput,
  DeviceCertificateUpdateAction,
  FindingId,
  FindingIds,
  IssuerCertificateSerialNumber,
  IssuerCertificateSubject,
  IssuerId,
  LEGACY_CHECK_ALIASES,
  LogLevel,
  MaxResults,
  MITIGATION_ACTION_TYPES,
  MitigationActionName,
  MitigationActionNameList,
  MitigationActionParams,
  MitigationActionsTaskId,
  PolicyName,
  PolicyTemplateName,
  PolicyVersionId,
  QUOTAS,
  REASON_CODE_DESCRIPTIONS,
  RESOURCE_TYPES,
  RoleAliasArn,
  ReasonForNonComplianceCodes,
  RoleArn,
  SnsTopicArn,
  StartAuditMitigationActionsTaskInput,
  Tag,
  TagKey,
  TagList,
  TagValue,
  TargetArn,
  TPS_LIMITS,
  ThingGroupName,
  ThingGroupNames,
  UpdateMitigationActionInput,
  actionTypeForParamsKey,
  actionTypeOfParams,
  auditCheck,
  checksForActionType,
  isActionApplicable,
  patternOf,
  validateCreateMitigationAction,
  type StringShape,
  type StructureShape,
} from '../../common';

// Mitigation action type names ("Mitigation actions"), abbreviated for the tables below.
const [SNS, DEVICE, CA] = ['PUBLISH_FINDING_TO_SNS', 'UPDATE_DEVICE_CERTIFICATE', 'UPDATE_CA_CERTIFICATE'] as const;
const [GROUP, POLICY, LOGGING] = ['ADD_THINGS_TO_THING_GROUP', 'REPLACE_DEFAULT_POLICY_VERSION', 'ENABLE_IOT_LOGGING'] as const;

interface ExpectedCheck {
  readonly severity: string;
  readonly reasonCodes: readonly string[];
  readonly resource: readonly string[];
  readonly actions: readonly string[];
}

function row(severity: string, reasonCodes: readonly string[], resource: readonly string[], actions: readonly string[]): ExpectedCheck {
  return { severity, reasonCodes, resource, actions };
}

/** "Audit checks" (severity, reason codes, resource) and "Mitigation actions" (supported action types), one row per check. */
const EXPECTED_CHECKS: Readonly<Record<string, ExpectedCheck>> = {
  AUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK: row('CRITICAL', ['ALLOWS_BROAD_ACCESS_TO_IOT_THING_ADMIN_READ_ACTIONS', 'ALLOWS_ACCESS_TO_IOT_NON_THING_ADMIN_ACTIONS', 'ALLOWS_ACCESS_TO_IOT_THING_ADMIN_WRITE_ACTIONS'], ['COGNITO_IDENTITY_POOL'], [SNS]),
  UNAUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK: row('CRITICAL', ['ALLOWS_ACCESS_TO_IOT_ADMIN_ACTIONS', 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS'], ['COGNITO_IDENTITY_POOL'], [SNS]),
  CA_CERTIFICATE_EXPIRING_CHECK: row('MEDIUM', ['CERTIFICATE_APPROACHING_EXPIRATION', 'CERTIFICATE_PAST_EXPIRATION'], ['CA_CERTIFICATE'], [SNS, CA]),
  CA_CERTIFICATE_KEY_QUALITY_CHECK: row('CRITICAL', ['CERTIFICATE_KEY_VULNERABILITY_CVE-2017-15361', 'CERTIFICATE_KEY_VULNERABILITY_CVE-2008-0166'], ['CA_CERTIFICATE'], [SNS, CA]),
  REVOKED_CA_CERTIFICATE_STILL_ACTIVE_CHECK: row('CRITICAL', ['CERTIFICATE_REVOKED_BY_ISSUER'], ['CA_CERTIFICATE'], [SNS, CA]),
  // Both resource types are inferred from the check's subject: no AWS example shows one.
  INTERMEDIATE_CA_REVOKED_FOR_ACTIVE_DEVICE_CERTIFICATES_CHECK: row('CRITICAL', ['INTERMEDIATE_CA_REVOKED_BY_ISSUER'], ['DEVICE_CERTIFICATE', 'ISSUER_CERTIFICATE'], [SNS, DEVICE, GROUP]),
  DEVICE_CERTIFICATE_EXPIRING_CHECK: row('MEDIUM', ['CERTIFICATE_APPROACHING_EXPIRATION', 'CERTIFICATE_PAST_EXPIRATION'], ['DEVICE_CERTIFICATE'], [SNS, DEVICE, GROUP]),
  // Not in the AWS table; inferred by analogy with the other device certificate checks.
  DEVICE_CERTIFICATE_AGE_CHECK: row('LOW', ['CERTIFICATE_PAST_AGE_THRESHOLD'], ['DEVICE_CERTIFICATE'], [SNS, DEVICE, GROUP]),
  DEVICE_CERTIFICATE_KEY_QUALITY_CHECK: row('CRITICAL', ['CERTIFICATE_KEY_VULNERABILITY_CVE-2017-15361', 'CERTIFICATE_KEY_VULNERABILITY_CVE-2008-0166'], ['DEVICE_CERTIFICATE'], [SNS, DEVICE, GROUP]),
  DEVICE_CERTIFICATE_SHARED_CHECK: row('CRITICAL', ['CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES'], ['DEVICE_CERTIFICATE'], [SNS, DEVICE, GROUP]),
  REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK: row('MEDIUM', ['CERTIFICATE_REVOKED_BY_ISSUER'], ['DEVICE_CERTIFICATE'], [SNS, DEVICE, GROUP]),
  CONFLICTING_CLIENT_IDS_CHECK: row('HIGH', ['DUPLICATE_CLIENT_ID_ACROSS_CONNECTIONS'], ['CLIENT_ID'], [SNS]),
  IOT_POLICY_OVERLY_PERMISSIVE_CHECK: row('CRITICAL', ['ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS'], ['IOT_POLICY'], [SNS, POLICY]),
  IOT_POLICY_POTENTIAL_MISCONFIGURATION_CHECK: row('MEDIUM', ['POLICY_CONTAINS_MQTT_WILDCARDS_IN_DENY_STATEMENT', 'TOPIC_FILTERS_INTENDED_TO_DENY_ALLOWED_USING_WILDCARDS'], ['IOT_POLICY'], [SNS, POLICY]),
  IOT_ROLE_ALIAS_OVERLY_PERMISSIVE_CHECK: row('CRITICAL', ['ALLOWS_BROAD_ACCESS_TO_USED_SERVICES', 'ALLOWS_ACCESS_TO_SECURITY_AUDITING_SERVICES', 'ALLOWS_BROAD_ACCESS_TO_IOT_THING_ADMIN_READ_ACTIONS', 'ALLOWS_ACCESS_TO_IOT_NON_THING_ADMIN_ACTIONS', 'ALLOWS_ACCESS_TO_IOT_THING_ADMIN_WRITE_ACTIONS', 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS'], ['ROLE_ALIAS'], [SNS]),
  IOT_ROLE_ALIAS_ALLOWS_ACCESS_TO_UNUSED_SERVICES_CHECK: row('MEDIUM', ['ALLOWS_ACCESS_TO_UNUSED_SERVICES'], ['ROLE_ALIAS'], [SNS]),
  LOGGING_DISABLED_CHECK: row('LOW', ['LOGGING_DISABLED'], ['ACCOUNT_SETTINGS'], [SNS, LOGGING]),
};

/** Older "Mitigation actions" tables name four checks differently: the legacy names and the API names they stand for. */
const EXPECTED_LEGACY_ALIASES = {
  REVOKED_CA_CERT_CHECK: 'REVOKED_CA_CERTIFICATE_STILL_ACTIVE_CHECK',
  CA_CERT_APPROACHING_EXPIRATION_CHECK: 'CA_CERTIFICATE_EXPIRING_CHECK',
  DEVICE_CERT_APPROACHING_EXPIRATION_CHECK: 'DEVICE_CERTIFICATE_EXPIRING_CHECK',
  REVOKED_DEVICE_CERT_CHECK: 'REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK',
};

const sorted = (values: readonly string[]) => [...values].sort();

describe('audit checks ("Audit checks", "Mitigation actions")', () => {
  test('exactly the 17 checks of "Audit checks"', () => {
    assert.equal(Object.keys(EXPECTED_CHECKS).length, 17);
    assert.deepEqual(sorted(AUDIT_CHECKS.map((check) => check.name)), sorted(Object.keys(EXPECTED_CHECKS)));
  });

  for (const [name, expected] of Object.entries(EXPECTED_CHECKS)) {
    test(name, () => {
      const check = auditCheck(name);
      assert.ok(check, `${name} missing`);
      assert.equal(check.severity, expected.severity, 'severity');
      assert.deepEqual(sorted(check.reasonCodes), sorted(expected.reasonCodes), 'reason codes');
      assert.ok(expected.resource.includes(check.resourceType), `resource ${check.resourceType}`);
      assert.deepEqual(sorted(check.applicableActions), sorted(expected.actions), 'applicable action types');
      for (const type of MITIGATION_ACTION_TYPES) assert.equal(isActionApplicable(name, type), expected.actions.includes(type), `${name} × ${type}`);
      assert.ok(check.description.length > 20, 'has our own description');
    });
  }

  test('DEVICE_CERTIFICATE_AGE_CHECK is the only check whose actions are inferred', () => {
    assert.deepEqual(AUDIT_CHECKS.filter((check) => check.inferredActions).map((check) => check.name), ['DEVICE_CERTIFICATE_AGE_CHECK']);
  });

  test('PUBLISH_FINDING_TO_SNS applies to every check; the others to their families only', () => {
    assert.equal(checksForActionType(SNS).length, 17);
    assert.deepEqual(checksForActionType(LOGGING).map((check) => check.name), ['LOGGING_DISABLED_CHECK']);
    assert.deepEqual(sorted(checksForActionType(POLICY).map((check) => check.name)), ['IOT_POLICY_OVERLY_PERMISSIVE_CHECK', 'IOT_POLICY_POTENTIAL_MISCONFIGURATION_CHECK']);
    assert.deepEqual(sorted(checksForActionType(CA).map((check) => check.name)), ['CA_CERTIFICATE_EXPIRING_CHECK', 'CA_CERTIFICATE_KEY_QUALITY_CHECK', 'REVOKED_CA_CERTIFICATE_STILL_ACTIVE_CHECK']);
    assert.equal(checksForActionType(DEVICE).length, 6);
    assert.deepEqual(checksForActionType(GROUP), checksForActionType(DEVICE));
  });

  test('unknown and legacy names are not API checks', () => {
    assert.equal(auditCheck('REVOKED_CA_CERT_CHECK'), undefined);
    assert.equal(isActionApplicable('NO_SUCH_CHECK', SNS), false);
  });

  test('the four legacy aliases map to the API names', () => {
    assert.deepEqual({ ...LEGACY_CHECK_ALIASES }, EXPECTED_LEGACY_ALIASES);
  });

  test('resolveAuditCheck takes an API name or a legacy alias to the API check, and nothing else', () => {
    for (const [alias, apiName] of Object.entries(EXPECTED_LEGACY_ALIASES)) assert.equal(resolveAuditCheck(alias)?.name, apiName, alias);
    assert.equal(resolveAuditCheck('LOGGING_DISABLED_CHECK'), auditCheck('LOGGING_DISABLED_CHECK'));
    assert.equal(resolveAuditCheck('NO_SUCH_CHECK'), undefined);
    assert.equal(resolveAuditCheck(''), undefined);
  });

  test('configurable thresholds ("Audit checks")', () => {
    assert.deepEqual(auditCheck('DEVICE_CERTIFICATE_EXPIRING_CHECK')?.config, { name: 'CERT_EXPIRATION_THRESHOLD_IN_DAYS', min: 30, max: 3652, default: 30 });
    assert.deepEqual(auditCheck('DEVICE_CERTIFICATE_AGE_CHECK')?.config, { name: 'CERT_AGE_THRESHOLD_IN_DAYS', min: 30, max: 3652, default: 365 });
    assert.equal(auditCheck('DEVICE_CERTIFICATE_AGE_CHECK')?.enabledByDefault, false, 'disabled by default');
    assert.deepEqual(AUDIT_CHECKS.filter((check) => check.config).length, 2);
  });

  test('every reason code has our own description, and no description is orphaned', () => {
    const fromTable = new Set(Object.values(EXPECTED_CHECKS).flatMap((check) => check.reasonCodes));
    assert.deepEqual(sorted(ALL_REASON_CODES), sorted([...fromTable]));
    assert.deepEqual(sorted(Object.keys(REASON_CODE_DESCRIPTIONS)), sorted([...fromTable]));
    for (const code of fromTable) assert.ok(REASON_CODE_DESCRIPTIONS[code].length > 10, code);
  });

  test('every severity is an AuditFindingSeverity', () => {
    for (const check of AUDIT_CHECKS) assert.ok(AuditFindingSeverityShape.enum?.includes(check.severity), check.name);
  });

  test('ResourceType enum (API Reference, ResourceType)', () => {
    assert.deepEqual(sorted(RESOURCE_TYPES), sorted(['DEVICE_CERTIFICATE', 'CA_CERTIFICATE', 'IOT_POLICY', 'COGNITO_IDENTITY_POOL', 'CLIENT_ID', 'ACCOUNT_SETTINGS', 'ROLE_ALIAS', 'IAM_ROLE', 'ISSUER_CERTIFICATE']));
  });
});

interface ExpectedString {
  readonly shape: StringShape;
  readonly min: number;
  /** undefined where the model gives no maximum. */
  readonly max: number | undefined;
  /** The model's regex, or undefined where it has none. */
  readonly pattern?: RegExp;
}

/** The model's string shapes. MitigationActionName is 0..128 in the model but its pattern needs one character. */
const EXPECTED_STRINGS: Readonly<Record<string, ExpectedString>> = {
  MitigationActionName: { shape: MitigationActionName, min: 1, max: 128, pattern: /^[a-zA-Z0-9_-]+$/u },
  MitigationActionsTaskId: { shape: MitigationActionsTaskId, min: 1, max: 128, pattern: /^[a-zA-Z0-9_-]+$/u },
  AuditTaskId: { shape: AuditTaskId, min: 1, max: 40, pattern: /^[a-zA-Z0-9-]+$/u }, // the model spells it [a-zA-Z0-9\-]
  FindingId: { shape: FindingId, min: 1, max: 128, pattern: /^[a-zA-Z0-9_-]+$/u },
  ClientRequestToken: { shape: ClientRequestToken, min: 1, max: 64, pattern: /^[a-zA-Z0-9-_]+$/u },
  RoleArn: { shape: RoleArn, min: 20, max: 2048 },
  SnsTopicArn: { shape: SnsTopicArn, min: 0, max: 350 },
  ThingGroupName: { shape: ThingGroupName, min: 1, max: 128, pattern: /^[a-zA-Z0-9:_-]+$/u },
  TagKey: { shape: TagKey, min: 1, max: 128, pattern: /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u },
  TagValue: { shape: TagValue, min: 0, max: 256 },
  TargetArn: { shape: TargetArn, min: 0, max: 2048 },
  ConfigValue: { shape: ConfigValue, min: 1, max: 64 },
  CertificateId: { shape: CertificateId, min: 64, max: 64, pattern: /^(0x)?[a-fA-F0-9]+$/u },
  PolicyName: { shape: PolicyName, min: 1, max: 128, pattern: /^[\w+=,.@-]+$/u },
  PolicyVersionId: { shape: PolicyVersionId, min: 0, max: undefined, pattern: /^[0-9]+$/u },
  AwsAccountId: { shape: AwsAccountId, min: 12, max: 12, pattern: /^[0-9]+$/u },
  RoleAliasArn: { shape: RoleAliasArn, min: 1, max: 2048 },
  IssuerCertificateSubject: { shape: IssuerCertificateSubject, min: 0, max: 1000, pattern: /^[\x21-\x7E\x20]*$/u }, // the model's [\p{Graph}\x20], translated to the characters it names
  IssuerId: { shape: IssuerId, min: 0, max: 64, pattern: /^(0x)?[a-fA-F0-9]+$/u },
  IssuerCertificateSerialNumber: { shape: IssuerCertificateSerialNumber, min: 0, max: 20, pattern: /^[a-fA-F0-9:]+$/u },
};

/** Strings that tell the patterns apart: underscores, colons, spaces, unicode, punctuation. */
const PATTERN_PROBES = ['abc', '0123', '0xAbC9', 'x0', '12a', 'a,b', 'a+b=c', 'A-b_9', 'a_b', 'a-b', 'a:b', 'a b', 'a.b', 'a/b', 'a=b+c@d', 'Équipe', 'Ключ', '名前', '٣', 'a#b', 'a$', '', 'a\u00a0b', 'x\n', '-', '_', '0x1F'];

describe('string constraints (service model)', () => {
  for (const [name, expected] of Object.entries(EXPECTED_STRINGS)) {
    test(name, () => {
      const shape = expected.shape;
      assert.equal(shape.name, name);
      assert.equal(shape.min ?? 0, expected.min, 'min length');
      assert.equal(shape.max, expected.max, 'max length');
      const actual = patternOf(shape);
      assert.equal(actual === undefined, expected.pattern === undefined, 'has a pattern');
      if (actual && expected.pattern) {
        for (const probe of PATTERN_PROBES) assert.equal(actual.test(probe), expected.pattern.test(probe), `pattern on ${JSON.stringify(probe)}`);
        assert.ok(shape.patternHint, 'a human description of the pattern for messages');
      }
    });
  }

  test('AuditTaskId rejects "_" although older docs allowed it', () => {
    assert.equal(patternOf(AuditTaskId)?.test('audit_1'), false);
    assert.equal(patternOf(AuditTaskId)?.test('a3aea009955e501a31b764abe1bebd3d'), true);
  });

  test('MaxResults is 1..250', () => {
    assert.deepEqual([MaxResults.type, MaxResults.min, MaxResults.max], ['integer', 1, 250]);
  });
});

describe('enums (service model)', () => {
  const EXPECTED_ENUMS: readonly [StringShape | { enum: readonly string[]; name: string }, readonly string[]][] = [
    [{ name: 'MitigationActionType', enum: MITIGATION_ACTION_TYPES }, ['UPDATE_DEVICE_CERTIFICATE', 'UPDATE_CA_CERTIFICATE', 'ADD_THINGS_TO_THING_GROUP', 'REPLACE_DEFAULT_POLICY_VERSION', 'ENABLE_IOT_LOGGING', 'PUBLISH_FINDING_TO_SNS']],
    [DeviceCertificateUpdateAction, ['DEACTIVATE']],
    [CACertificateUpdateAction, ['DEACTIVATE']],
    [PolicyTemplateName, ['BLANK_POLICY']],
    [LogLevel, ['DEBUG', 'INFO', 'ERROR', 'WARN', 'DISABLED']],
    [AuditMitigationActionsTaskStatusShape, ['IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELED']],
    [AuditMitigationActionsExecutionStatusShape, ['IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELED', 'SKIPPED', 'PENDING']],
    [AuditTaskStatusShape, ['IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELED']],
    [AuditTaskTypeShape, ['ON_DEMAND_AUDIT_TASK', 'SCHEDULED_AUDIT_TASK']],
    [AuditCheckRunStatusShape, ['IN_PROGRESS', 'WAITING_FOR_DATA_COLLECTION', 'CANCELED', 'COMPLETED_COMPLIANT', 'COMPLETED_NON_COMPLIANT', 'FAILED']],
    [AuditFindingSeverityShape, ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']],
  ];
  for (const [shape, values] of EXPECTED_ENUMS) {
    test(shape.name, () => {
      assert.deepEqual(sorted(shape.enum ?? []), sorted(values));
      if ('type' in shape) for (const value of values) assert.ok(shape.enumDescriptions?.[value], `${value} has a description`);
    });
  }
});

describe('lists and maps (service model)', () => {
  const EXPECTED_LISTS = [
    [ThingGroupNames, 'ThingGroupName', 1, 10],
    [FindingIds, 'FindingId', 1, 25],
    [ReasonForNonComplianceCodes, 'ReasonForNonComplianceCode', 1, 25],
    [MitigationActionNameList, 'MitigationActionName', 1, 5],
    [TagList, 'Tag', undefined, undefined],
  ] as const;
  for (const [shape, item, min, max] of EXPECTED_LISTS) {
    test(shape.name, () => {
      assert.deepEqual([shape.item.name, shape.min, shape.max], [item, min, max]);
    });
  }

  test('the two check maps', () => {
    assert.deepEqual([AuditCheckToActionsMapping.key.name, AuditCheckToActionsMapping.value.name], ['AuditCheckName', 'MitigationActionNameList']);
    assert.deepEqual([AuditCheckToReasonCodeFilter.key.name, AuditCheckToReasonCodeFilter.value.name], ['AuditCheckName', 'ReasonForNonComplianceCodes']);
  });
});

/** member → [shape name, required] for the model's structures and operation inputs. */
type ExpectedMembers = Readonly<Record<string, readonly [string, boolean]>>;

function assertMembers(shape: StructureShape, expected: ExpectedMembers): void {
  assert.deepEqual(sorted(Object.keys(shape.members)), sorted(Object.keys(expected)), `${shape.name} members`);
  for (const [key, [shapeName, required]] of Object.entries(expected)) {
    const member = shape.members[key];
    assert.equal(member.shape.name, shapeName, `${shape.name}.${key} shape`);
    assert.equal(member.required ?? false, required, `${shape.name}.${key} required`);
    assert.ok(member.description.length > 10, `${shape.name}.${key} has a description`);
  }
}

const paramsShape = (key: string) => MitigationActionParams.members[key].shape as StructureShape;

describe('structures and request inputs (service model)', () => {
  const EXPECTED_STRUCTURES: readonly [StructureShape, ExpectedMembers][] = [
    [Tag, { Key: ['TagKey', true], Value: ['TagValue', false] }],
    [paramsShape('updateDeviceCertificateParams'), { action: ['DeviceCertificateUpdateAction', true] }],
    [paramsShape('updateCACertificateParams'), { action: ['CACertificateUpdateAction', true] }],
    [paramsShape('addThingsToThingGroupParams'), { thingGroupNames: ['ThingGroupNames', true], overrideDynamicGroups: ['NullableBoolean', false] }],
    [paramsShape('replaceDefaultPolicyVersionParams'), { templateName: ['PolicyTemplateName', true] }],
    [paramsShape('enableIoTLoggingParams'), { roleArnForLogging: ['RoleArn', true], logLevel: ['LogLevel', true] }],
    [paramsShape('publishFindingToSnsParams'), { topicArn: ['SnsTopicArn', true] }],
    [
      MitigationActionParams,
      {
        updateDeviceCertificateParams: ['UpdateDeviceCertificateParams', false],
        updateCACertificateParams: ['UpdateCACertificateParams', false],
        addThingsToThingGroupParams: ['AddThingsToThingGroupParams', false],
        replaceDefaultPolicyVersionParams: ['ReplaceDefaultPolicyVersionParams', false],
        enableIoTLoggingParams: ['EnableIoTLoggingParams', false],
        publishFindingToSnsParams: ['PublishFindingToSnsParams', false],
      },
    ],
    [AuditMitigationActionsTaskTarget, { auditTaskId: ['AuditTaskId', false], findingIds: ['FindingIds', false], auditCheckToReasonCodeFilter: ['AuditCheckToReasonCodeFilter', false] }],
    [CreateMitigationActionInput, { actionName: ['MitigationActionName', true], roleArn: ['RoleArn', true], actionParams: ['MitigationActionParams', true], tags: ['TagList', false] }],
    [UpdateMitigationActionInput, { actionName: ['MitigationActionName', true], roleArn: ['RoleArn', false], actionParams: ['MitigationActionParams', false] }],
    [
      StartAuditMitigationActionsTaskInput,
      {
        taskId: ['MitigationActionsTaskId', true],
        target: ['AuditMitigationActionsTaskTarget', true],
        auditCheckToActionsMapping: ['AuditCheckToActionsMapping', true],
        clientRequestToken: ['ClientRequestToken', true],
      },
    ],
  ];
  for (const [shape, members] of EXPECTED_STRUCTURES) {
    test(shape.name, () => assertMembers(shape, members));
  }

  test('actionParams sets exactly one member (API Reference, MitigationActionParams)', () => {
    assert.equal(MitigationActionParams.exactlyOne, true);
  });
});

describe('action types ("Mitigation actions")', () => {
  /** type → [actionParams member, IAM permissions the role needs]. */
  const EXPECTED_ACTION_TYPES: Readonly<Record<string, readonly [string, readonly string[]]>> = {
    UPDATE_DEVICE_CERTIFICATE: ['updateDeviceCertificateParams', ['iot:UpdateCertificate']],
    UPDATE_CA_CERTIFICATE: ['updateCACertificateParams', ['iot:UpdateCACertificate']],
    ADD_THINGS_TO_THING_GROUP: ['addThingsToThingGroupParams', ['iot:ListPrincipalThings', 'iot:AddThingToThingGroup']],
    REPLACE_DEFAULT_POLICY_VERSION: ['replaceDefaultPolicyVersionParams', ['iot:CreatePolicyVersion']],
    ENABLE_IOT_LOGGING: ['enableIoTLoggingParams', ['iot:SetV2LoggingOptions', 'iam:PassRole']],
    PUBLISH_FINDING_TO_SNS: ['publishFindingToSnsParams', ['sns:Publish']],
  };

  test('six action types', () => {
    assert.deepEqual(sorted(ACTION_TYPES.map((info) => info.type)), sorted(Object.keys(EXPECTED_ACTION_TYPES)));
  });

  for (const [type, [paramsKey, permissions]] of Object.entries(EXPECTED_ACTION_TYPES)) {
    test(type, () => {
      const info = ACTION_TYPES.find((candidate) => candidate.type === type)!;
      assert.equal(info.paramsKey, paramsKey);
      assert.equal(info.paramsShape, MitigationActionParams.members[paramsKey].shape);
      assert.deepEqual(sorted(info.permissions), sorted(permissions));
      assert.equal(actionTypeForParamsKey(paramsKey)?.type, type);
      assert.equal(actionTypeOfParams({ [paramsKey]: info.example }), type);
      // The example is what snippets and templates insert: it must be a valid action.
      const problems = validateCreateMitigationAction({ actionName: 'Example', roleArn: 'arn:aws:iam::123456789012:role/IoTMitigationRole', actionParams: { [paramsKey]: info.example } });
      assert.deepEqual(problems, []);
    });
  }

  test('the disruptive types are those that take access from devices: certificates deactivated, a policy blanked', () => {
    assert.deepEqual(sorted(DISRUPTIVE_ACTION_TYPES), ['REPLACE_DEFAULT_POLICY_VERSION', 'UPDATE_CA_CERTIFICATE', 'UPDATE_DEVICE_CERTIFICATE']);
  });

  test('severities run from the most severe down', () => {
    assert.deepEqual(AUDIT_FINDING_SEVERITIES, ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']);
  });

  test('actionTypeOfParams needs exactly one known member', () => {
    assert.equal(actionTypeOfParams({}), undefined);
    assert.equal(actionTypeOfParams({ updateDeviceCertificateParams: {}, publishFindingToSnsParams: {} }), undefined);
    assert.equal(actionTypeOfParams(null), undefined);
    assert.equal(actionTypeOfParams([]), undefined);
  });
});

describe('quotas ("AWS IoT Device Defender endpoints and quotas") and task bounds (StartAuditMitigationActionsTask)', () => {
  test('limits', () => {
    assert.equal(QUOTAS.mitigationActionsPerAccount, 100);
    assert.equal(QUOTAS.concurrentMitigationTasks, 10);
    assert.equal(QUOTAS.concurrentOnDemandAudits, 10);
    assert.equal(QUOTAS.retentionDays, 90);
    assert.deepEqual(QUOTAS.actionsPerCheck, { min: 1, max: 5 });
    assert.deepEqual(QUOTAS.findingIdsPerTask, { min: 1, max: 25 });
    assert.deepEqual(QUOTAS.thingGroupsPerAction, { min: 1, max: 10 });
    assert.deepEqual(QUOTAS.reasonCodesPerCheck, { min: 1, max: 25 });
    assert.deepEqual(QUOTAS.maxResults, { min: 1, max: 250, default: 25 });
    assert.equal(QUOTAS.policyVersionsPerPolicy, 5); // AWS IoT's limit of versions per policy, used by REPLACE_DEFAULT_POLICY_VERSION
  });

  test('API TPS limits ("AWS IoT Device Defender endpoints and quotas")', () => {
    const expected: Record<string, number> = {};
    const rows: [readonly string[], number][] = [
      [['CreateMitigationAction', 'UpdateMitigationAction', 'DeleteMitigationAction', 'ListMitigationActions'], 10],
      [['DescribeMitigationAction'], 25],
      [['StartAuditMitigationActionsTask', 'CancelAuditMitigationActionsTask', 'ListAuditMitigationActionsTasks', 'ListAuditMitigationActionsExecutions'], 10],
      [['DescribeAuditMitigationActionsTask'], 25],
      [['StartOnDemandAuditTask', 'CancelAuditTask', 'ListAuditTasks', 'ListAuditFindings'], 10],
      [['DescribeAuditTask', 'DescribeAuditFinding'], 25],
      [['DescribeAccountAuditConfiguration', 'UpdateAccountAuditConfiguration'], 5],
    ];
    for (const [operations, tps] of rows) for (const operation of operations) expected[operation] = tps;
    assert.deepEqual({ ...TPS_LIMITS }, expected);
  });

  test('the quotas and the list shapes say the same', () => {
    assert.deepEqual([MitigationActionNameList.min, MitigationActionNameList.max], [QUOTAS.actionsPerCheck.min, QUOTAS.actionsPerCheck.max]);
    assert.deepEqual([FindingIds.min, FindingIds.max], [QUOTAS.findingIdsPerTask.min, QUOTAS.findingIdsPerTask.max]);
    assert.deepEqual([ThingGroupNames.min, ThingGroupNames.max], [QUOTAS.thingGroupsPerAction.min, QUOTAS.thingGroupsPerAction.max]);
    assert.deepEqual([MaxResults.min, MaxResults.max], [QUOTAS.maxResults.min, QUOTAS.maxResults.max]);
  });
});
