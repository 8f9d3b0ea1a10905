/**
 * The exported template parses and every resource matches the property schema of the AWS
 * CloudFormation Template Reference, encoded below from its pages (property names, types,
 * required flags):
 * - AWS::IoT::MitigationAction (aws-resource-iot-mitigationaction), its ActionParams and the six
 *   params types (aws-properties-iot-mitigationaction-actionparams, -addthingstothinggroupparams,
 *   -enableiotloggingparams, -publishfindingtosnsparams, -replacedefaultpolicyversionparams,
 *   -updatecacertificateparams, -updatedevicecertificateparams)
 * - AWS::IoT::ScheduledAudit (aws-resource-iot-scheduledaudit)
 * - AWS::IoT::AccountAuditConfiguration (aws-resource-iot-accountauditconfiguration) with
 *   AuditCheckConfigurations, AuditCheckConfiguration, DeviceCertAgeAuditCheckConfiguration,
 *   DeviceCertExpirationAuditCheckConfiguration, CertAgeCheckCustomConfiguration,
 *   CertExpirationCheckCustomConfiguration, AuditNotificationTargetConfigurations and
 *   AuditNotificationTarget (aws-properties-iot-accountauditconfiguration-*)
 * - Tag (aws-properties-resource-tags: Key and Value both required)
 * All under https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CHECK_PROPERTIES, cloudFormationTemplate, NOT_EXPRESSED_KEY } from '../../client/authoring/model/cloudFormation';
import { AUDIT_CHECKS, errorsOf, readDocumentModel } from '../../common';

type PropertyType = 'String' | 'Boolean' | 'List<String>' | 'List<Tag>' | Shape;
interface Shape { readonly [property: string]: { readonly type: PropertyType; readonly required: boolean } }

const optional = (type: PropertyType) => ({ type, required: false });
const required = (type: PropertyType) => ({ type, required: true });

const TAG: Shape = { Key: required('String'), Value: required('String') };
const ACTION_PARAMS: Shape = {
  AddThingsToThingGroupParams: optional({ OverrideDynamicGroups: optional('Boolean'), ThingGroupNames: required('List<String>') }),
  EnableIoTLoggingParams: optional({ LogLevel: required('String'), RoleArnForLogging: required('String') }),
  PublishFindingToSnsParams: optional({ TopicArn: required('String') }),
  ReplaceDefaultPolicyVersionParams: optional({ TemplateName: required('String') }),
  UpdateCACertificateParams: optional({ Action: required('String') }),
  UpdateDeviceCertificateParams: optional({ Action: required('String') }),
};
const AUDIT_CHECK: Shape = { Enabled: optional('Boolean') };
const AUDIT_CHECKS_SHAPE: Shape = {
  AuthenticatedCognitoRoleOverlyPermissiveCheck: optional(AUDIT_CHECK),
  CaCertificateExpiringCheck: optional(AUDIT_CHECK),
  CaCertificateKeyQualityCheck: optional(AUDIT_CHECK),
  ConflictingClientIdsCheck: optional(AUDIT_CHECK),
  DeviceCertificateAgeCheck: optional({ Configuration: optional({ CertAgeThresholdInDays: optional('String') }), Enabled: optional('Boolean') }),
  DeviceCertificateExpiringCheck: optional({ Configuration: optional({ CertExpirationThresholdInDays: optional('String') }), Enabled: optional('Boolean') }),
  DeviceCertificateKeyQualityCheck: optional(AUDIT_CHECK),
  DeviceCertificateSharedCheck: optional(AUDIT_CHECK),
  IntermediateCaRevokedForActiveDeviceCertificatesCheck: optional(AUDIT_CHECK),
  IotPolicyOverlyPermissiveCheck: optional(AUDIT_CHECK),
  IoTPolicyPotentialMisConfigurationCheck: optional(AUDIT_CHECK),
  IotRoleAliasAllowsAccessToUnusedServicesCheck: optional(AUDIT_CHECK),
  IotRoleAliasOverlyPermissiveCheck: optional(AUDIT_CHECK),
  LoggingDisabledCheck: optional(AUDIT_CHECK),
  RevokedCaCertificateStillActiveCheck: optional(AUDIT_CHECK),
  RevokedDeviceCertificateStillActiveCheck: optional(AUDIT_CHECK),
  UnauthenticatedCognitoRoleOverlyPermissiveCheck: optional(AUDIT_CHECK),
};
const NOTIFICATION_TARGET: Shape = { Enabled: optional('Boolean'), RoleArn: optional('String'), TargetArn: optional('String') };

const RESOURCES: Record<string, Shape> = {
  'AWS::IoT::MitigationAction': { ActionName: optional('String'), ActionParams: required(ACTION_PARAMS), RoleArn: required('String'), Tags: optional('List<Tag>') },
  'AWS::IoT::ScheduledAudit': {
    DayOfMonth: optional('String'),
    DayOfWeek: optional('String'),
    Frequency: required('String'),
    ScheduledAuditName: optional('String'),
    Tags: optional('List<Tag>'),
    TargetCheckNames: required('List<String>'),
  },
  'AWS::IoT::AccountAuditConfiguration': {
    AccountId: required('String'),
    AuditCheckConfigurations: required(AUDIT_CHECKS_SHAPE),
    AuditNotificationTargetConfigurations: optional({ Sns: optional(NOTIFICATION_TARGET) }),
    RoleArn: required('String'),
  },
};

/** A string property may be an intrinsic function ({ "Ref": … }, { "Fn::Sub": … }). */
function isIntrinsic(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 1 && /^(Ref|Fn::\w+)$/.test(Object.keys(value)[0]);
}

/** Every difference between `value` and the documented shape, as "path: problem". */
function mismatches(value: unknown, type: PropertyType, path: string): string[] {
  if (type === 'String') return typeof value === 'string' || isIntrinsic(value) ? [] : [`${path}: not a String`];
  if (type === 'Boolean') return typeof value === 'boolean' ? [] : [`${path}: not a Boolean`];
  if (type === 'List<String>') return Array.isArray(value) && value.every((item) => typeof item === 'string') ? [] : [`${path}: not a list of String`];
  if (type === 'List<Tag>') return Array.isArray(value) ? value.flatMap((item, index) => mismatches(item, TAG, `${path}[${index}]`)) : [`${path}: not a list of Tag`];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: not an object`];
  const object = value as Record<string, unknown>;
  const unknown = Object.keys(object).filter((key) => !(key in type)).map((key) => `${path}.${key}: not a documented property`);
  const missing = Object.entries(type).filter(([key, spec]) => spec.required && !(key in object)).map(([key]) => `${path}.${key}: required and missing`);
  const nested = Object.entries(object).filter(([key]) => key in type).flatMap(([key, item]) => mismatches(item, type[key].type, `${path}.${key}`));
  return [...unknown, ...missing, ...nested];
}

function templateMismatches(template: Record<string, unknown>): string[] {
  const resources = template.Resources as Record<string, { Type: string; Properties: unknown; DependsOn?: unknown }>;
  return Object.entries(resources).flatMap(([id, resource]) => {
    const shape = RESOURCES[resource.Type];
    if (!shape) return [`${id}: ${resource.Type} is not a resource this export writes`];
    const idProblem = /^[A-Za-z0-9]{1,255}$/.test(id) ? [] : [`${id}: a logical id is alphanumeric`];
    const dependsOn = resource.DependsOn === undefined || (typeof resource.DependsOn === 'string' && resource.DependsOn in resources) ? [] : [`${id}.DependsOn: names no resource`];
    return [...idProblem, ...dependsOn, ...mismatches(resource.Properties, shape, `${id}.Properties`)];
  });
}

const fixture = readFileSync(join(__dirname, '../vscode/fixtures/workspace/audit-deploy.mitigation.json'), 'utf8');

test('the checker itself refuses what the documentation does not allow', () => {
  assert.deepEqual(templateMismatches({ Resources: { A: { Type: 'AWS::IoT::ScheduledAudit', Properties: { Frequency: 'DAILY', targetCheckNames: ['X'], Tags: [{ Key: 'k' }] } } } }), [
    'A.Properties.targetCheckNames: not a documented property',
    'A.Properties.TargetCheckNames: required and missing',
    'A.Properties.Tags[0].Value: required and missing',
  ]);
  assert.deepEqual(templateMismatches({ Resources: { 'bad-id': { Type: 'AWS::IoT::MitigationAction', Properties: { RoleArn: 5, ActionParams: { UpdateCaCertificateParams: { Action: 'DEACTIVATE' } } } } } }), [
    'bad-id: a logical id is alphanumeric',
    'bad-id.Properties.RoleArn: not a String',
    'bad-id.Properties.ActionParams.UpdateCaCertificateParams: not a documented property',
  ]);
});

test('export: the template parses, and every resource has the documented properties, types and required members', () => {
  const model = readDocumentModel(fixture);
  assert.deepEqual(errorsOf(model), []);
  const { template, notExpressed } = cloudFormationTemplate(model, 'audit-deploy.mitigation.json');
  const parsed = JSON.parse(JSON.stringify(template, null, 2)) as Record<string, unknown>;
  assert.equal(parsed.AWSTemplateFormatVersion, '2010-09-09');
  assert.deepEqual(templateMismatches(parsed), []);
  const resources = parsed.Resources as Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string }>;
  assert.deepEqual(Object.entries(resources).map(([id, resource]) => [id, resource.Type]), [
    ['MitigationActionNotifyAuditTeam', 'AWS::IoT::MitigationAction'],
    ['ScheduledAuditWeeklyCertificates', 'AWS::IoT::ScheduledAudit'],
    ['ScheduledAuditMonthlyLogging', 'AWS::IoT::ScheduledAudit'],
    ['AccountAuditConfiguration', 'AWS::IoT::AccountAuditConfiguration'],
  ]);
  assert.deepEqual(resources.MitigationActionNotifyAuditTeam.Properties, {
    ActionName: 'NotifyAuditTeam',
    RoleArn: 'arn:aws:iam::123456789012:role/IoTMitigationActionsRole',
    ActionParams: { PublishFindingToSnsParams: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:DeviceDefenderFindings' } },
    Tags: [{ Key: 'team', Value: 'security' }, { Key: 'reviewed', Value: '' }],
  });
  assert.deepEqual(resources.ScheduledAuditMonthlyLogging, { Type: 'AWS::IoT::ScheduledAudit', DependsOn: 'AccountAuditConfiguration', Properties: { ScheduledAuditName: 'monthly-logging', Frequency: 'MONTHLY', DayOfMonth: '1', TargetCheckNames: ['LOGGING_DISABLED_CHECK'] } });
  assert.deepEqual(resources.AccountAuditConfiguration.Properties, {
    AccountId: { Ref: 'AWS::AccountId' },
    RoleArn: 'arn:aws:iam::123456789012:role/IoTDeviceDefenderAuditRole',
    AuditCheckConfigurations: {
      DeviceCertificateExpiringCheck: { Enabled: true, Configuration: { CertExpirationThresholdInDays: '60' } },
      DeviceCertificateAgeCheck: { Enabled: true, Configuration: { CertAgeThresholdInDays: '400' } },
      LoggingDisabledCheck: { Enabled: true },
    },
    AuditNotificationTargetConfigurations: { Sns: { Enabled: true, RoleArn: 'arn:aws:iam::123456789012:role/IoTDeviceDefenderAuditRole', TargetArn: 'arn:aws:sns:us-east-1:123456789012:AuditNotifications' } },
  });
  // What CloudFormation cannot hold is said in the template itself.
  assert.deepEqual((parsed.Metadata as Record<string, unknown>)[NOT_EXPRESSED_KEY], notExpressed);
  assert.match(String(parsed.Description), /^From audit-deploy\.mitigation\.json \(IoT Mitigations\)\. Not in this template: see Metadata/);
  assert.deepEqual(notExpressed, [
    'AWS::IoT::AccountAuditConfiguration disables every audit check the template does not name; a deploy from the mitigation file leaves those checks as they are.',
    '1 audit suppression(s): CloudFormation has no resource for audit suppressions (deploy them from the mitigation file).',
  ]);
});

test('every action type, every catalogue check and its threshold, tasks, a missing audit role, and name collisions', () => {
  const role = 'arn:aws:iam::123456789012:role/R';
  const model = readDocumentModel(JSON.stringify({
    actions: {
      'quarantine-things': { roleArn: role, actionParams: { addThingsToThingGroupParams: { thingGroupNames: ['Q'], overrideDynamicGroups: true } } },
      quarantine_things: { roleArn: role, actionParams: { enableIoTLoggingParams: { logLevel: 'DEBUG', roleArnForLogging: role } } },
      Replace: { roleArn: role, actionParams: { replaceDefaultPolicyVersionParams: { templateName: 'BLANK_POLICY' } } },
      Ca: { roleArn: role, actionParams: { updateCACertificateParams: { action: 'DEACTIVATE' } } },
      Device: { roleArn: role, actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } } },
    },
    tasks: { weekly: { target: { auditTaskId: 'a'.repeat(32) }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_SHARED_CHECK: ['quarantine-things'] } } },
    auditConfiguration: {
      auditCheckConfigurations: Object.fromEntries(AUDIT_CHECKS.map((check) => [check.name, { enabled: true, ...(check.config ? { configuration: { [check.config.name]: String(check.config.default) } } : {}) }])),
    },
  }));
  const { template, notExpressed } = cloudFormationTemplate(model, 'all.mitigation.json');
  const parsed = JSON.parse(JSON.stringify(template)) as Record<string, unknown>;
  assert.deepEqual(templateMismatches(parsed), []);
  const resources = parsed.Resources as Record<string, { Properties: Record<string, unknown> }>;
  assert.deepEqual(Object.keys(resources), ['MitigationActionQuarantineThings', 'MitigationActionQuarantineThings2', 'MitigationActionReplace', 'MitigationActionCa', 'MitigationActionDevice', 'AccountAuditConfiguration']);
  // Every check of the catalogue has its CloudFormation property: none is left out.
  assert.equal(Object.keys(resources.AccountAuditConfiguration.Properties.AuditCheckConfigurations as object).length, AUDIT_CHECKS.length);
  assert.deepEqual(AUDIT_CHECKS.map((check) => check.name).filter((name) => !CHECK_PROPERTIES[name]), []);
  // No role in the file: a parameter the stack asks for.
  assert.deepEqual(resources.AccountAuditConfiguration.Properties.RoleArn, { Ref: 'AuditRoleArn' });
  assert.deepEqual(Object.keys(parsed.Parameters as object), ['AuditRoleArn']);
  assert.ok(notExpressed.includes('1 mitigation task(s) (weekly): a task is a run (StartAuditMitigationActionsTask), not a resource.'), notExpressed.join('\n'));
});

test('a file with nothing CloudFormation can express is refused with the reason', () => {
  const model = readDocumentModel(JSON.stringify({ suppressions: [{ checkName: 'LOGGING_DISABLED_CHECK', resourceIdentifier: { account: '123456789012' }, suppressIndefinitely: true, description: 'x' }] }));
  assert.throws(() => cloudFormationTemplate(model, 'only.mitigation.json'), /only\.mitigation\.json defines no actions, scheduled audits or audit configuration, so there is nothing CloudFormation can express\./);
});

test("a scheduled audit's tags are its Tags, each with the Value CloudFormation requires; [] and no tags write none", () => {
  const schedule = { frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] };
  const model = readDocumentModel(JSON.stringify({ scheduledAudits: { tagged: { ...schedule, tags: [{ Key: 'team', Value: 'security' }, { Key: 'reviewed' }] }, cleared: { ...schedule, tags: [] }, plain: schedule } }));
  assert.deepEqual(errorsOf(model), []);
  const parsed = JSON.parse(JSON.stringify(cloudFormationTemplate(model, 'tags.mitigation.json').template)) as Record<string, unknown>;
  assert.deepEqual(templateMismatches(parsed), []);
  const resources = parsed.Resources as Record<string, { Properties: Record<string, unknown> }>;
  assert.deepEqual(resources.ScheduledAuditTagged.Properties.Tags, [{ Key: 'team', Value: 'security' }, { Key: 'reviewed', Value: '' }]);
  assert.deepEqual([resources.ScheduledAuditCleared.Properties.Tags, resources.ScheduledAuditPlain.Properties.Tags], [undefined, undefined]);
});
