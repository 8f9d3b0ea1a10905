/**
 * A mitigation file as a CloudFormation template (vscode-free): its actions as
 * AWS::IoT::MitigationAction, its scheduled audits as AWS::IoT::ScheduledAudit and its audit
 * configuration as AWS::IoT::AccountAuditConfiguration, with the property names and shapes of
 * the CloudFormation Template Reference. What CloudFormation has no resource or property for
 * (suppressions, mitigation tasks, ...) is named in the template's Description and Metadata.
 */
import type { DocumentModel, ModelAction, ModelAuditConfiguration, ModelScheduledAudit } from '../../../common';
import { withoutUndefined as withoutUndefinedMembers } from '../../../common/json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** AWS::IoT::MitigationAction ActionParams: each API params member, its property, and its members' properties. */
const ACTION_PARAMS: Record<string, { readonly property: string; readonly members: Record<string, string> }> = {
  addThingsToThingGroupParams: { property: 'AddThingsToThingGroupParams', members: { thingGroupNames: 'ThingGroupNames', overrideDynamicGroups: 'OverrideDynamicGroups' } },
  enableIoTLoggingParams: { property: 'EnableIoTLoggingParams', members: { logLevel: 'LogLevel', roleArnForLogging: 'RoleArnForLogging' } },
  publishFindingToSnsParams: { property: 'PublishFindingToSnsParams', members: { topicArn: 'TopicArn' } },
  replaceDefaultPolicyVersionParams: { property: 'ReplaceDefaultPolicyVersionParams', members: { templateName: 'TemplateName' } },
  updateCACertificateParams: { property: 'UpdateCACertificateParams', members: { action: 'Action' } },
  updateDeviceCertificateParams: { property: 'UpdateDeviceCertificateParams', members: { action: 'Action' } },
};

/** AWS::IoT::AccountAuditConfiguration AuditCheckConfigurations: CloudFormation's own name of each check. */
export const CHECK_PROPERTIES: Readonly<Record<string, string>> = {
  AUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK: 'AuthenticatedCognitoRoleOverlyPermissiveCheck',
  CA_CERTIFICATE_EXPIRING_CHECK: 'CaCertificateExpiringCheck',
  CA_CERTIFICATE_KEY_QUALITY_CHECK: 'CaCertificateKeyQualityCheck',
  CONFLICTING_CLIENT_IDS_CHECK: 'ConflictingClientIdsCheck',
  DEVICE_CERTIFICATE_AGE_CHECK: 'DeviceCertificateAgeCheck',
  DEVICE_CERTIFICATE_EXPIRING_CHECK: 'DeviceCertificateExpiringCheck',
  DEVICE_CERTIFICATE_KEY_QUALITY_CHECK: 'DeviceCertificateKeyQualityCheck',
  DEVICE_CERTIFICATE_SHARED_CHECK: 'DeviceCertificateSharedCheck',
  INTERMEDIATE_CA_REVOKED_FOR_ACTIVE_DEVICE_CERTIFICATES_CHECK: 'IntermediateCaRevokedForActiveDeviceCertificatesCheck',
  IOT_POLICY_OVERLY_PERMISSIVE_CHECK: 'IotPolicyOverlyPermissiveCheck',
  IOT_POLICY_POTENTIAL_MISCONFIGURATION_CHECK: 'IoTPolicyPotentialMisConfigurationCheck',
  IOT_ROLE_ALIAS_ALLOWS_ACCESS_TO_UNUSED_SERVICES_CHECK: 'IotRoleAliasAllowsAccessToUnusedServicesCheck',
  IOT_ROLE_ALIAS_OVERLY_PERMISSIVE_CHECK: 'IotRoleAliasOverlyPermissiveCheck',
  LOGGING_DISABLED_CHECK: 'LoggingDisabledCheck',
  REVOKED_CA_CERTIFICATE_STILL_ACTIVE_CHECK: 'RevokedCaCertificateStillActiveCheck',
  REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK: 'RevokedDeviceCertificateStillActiveCheck',
  UNAUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK: 'UnauthenticatedCognitoRoleOverlyPermissiveCheck',
};

/** CertAgeCheckCustomConfiguration and CertExpirationCheckCustomConfiguration: the threshold of each configurable check. */
const CHECK_OPTIONS: Readonly<Record<string, string>> = {
  CERT_AGE_THRESHOLD_IN_DAYS: 'CertAgeThresholdInDays',
  CERT_EXPIRATION_THRESHOLD_IN_DAYS: 'CertExpirationThresholdInDays',
};

/** AWS::IoT::AccountAuditConfiguration AuditNotificationTargetConfigurations. */
const NOTIFICATION_TARGETS: Readonly<Record<string, string>> = { SNS: 'Sns' };

/** The metadata key naming what the template leaves out. */
export const NOT_EXPRESSED_KEY = 'IoTMitigations::NotInThisTemplate';

export interface CloudFormationTemplate {
  readonly template: JsonObject;
  /** What the file defines and CloudFormation cannot express, one sentence each. */
  readonly notExpressed: readonly string[];
}

/** "quarantine-shared_certs" → "QuarantineSharedCerts": logical ids are alphanumeric. */
function pascal(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** CloudFormation's Tag has a required Value; an IoT tag without one is the empty string. */
function tags(list: readonly { Key: string; Value?: string }[] | undefined): Json[] | undefined {
  return list?.length ? list.map((tag) => ({ Key: tag.Key, Value: tag.Value ?? '' })) : undefined;
}

function withoutUndefined(value: Record<string, Json | undefined>): JsonObject {
  return withoutUndefinedMembers(value) as JsonObject;
}

function actionParams(action: ModelAction, notExpressed: string[]): JsonObject {
  const params: JsonObject = {};
  for (const [key, value] of Object.entries(action.actionParams)) {
    const shape = ACTION_PARAMS[key];
    if (!shape || typeof value !== 'object' || value === null) {
      notExpressed.push(`Action ${action.name}: actionParams.${key} has no CloudFormation property.`);
      continue;
    }
    const members: JsonObject = {};
    for (const [member, memberValue] of Object.entries(value as Record<string, Json>)) {
      const property = shape.members[member];
      if (property) members[property] = memberValue;
      else notExpressed.push(`Action ${action.name}: actionParams.${key}.${member} has no CloudFormation property.`);
    }
    params[shape.property] = members;
  }
  return params;
}

function mitigationAction(action: ModelAction, notExpressed: string[]): JsonObject {
  return {
    Type: 'AWS::IoT::MitigationAction',
    Properties: withoutUndefined({ ActionName: action.name, RoleArn: action.roleArn, ActionParams: actionParams(action, notExpressed), Tags: tags(action.tags) }),
  };
}

function scheduledAudit(audit: ModelScheduledAudit): JsonObject {
  return {
    Type: 'AWS::IoT::ScheduledAudit',
    Properties: withoutUndefined({
      ScheduledAuditName: audit.name,
      Frequency: audit.frequency,
      DayOfMonth: audit.dayOfMonth,
      DayOfWeek: audit.dayOfWeek,
      TargetCheckNames: [...audit.targetCheckNames],
      Tags: tags(audit.tags),
    }),
  };
}

const AUDIT_ROLE_PARAMETER = 'AuditRoleArn';

function accountAuditConfiguration(configuration: ModelAuditConfiguration, notExpressed: string[]): JsonObject {
  const checks: JsonObject = {};
  for (const [check, entry] of Object.entries(configuration.auditCheckConfigurations ?? {})) {
    const property = CHECK_PROPERTIES[check];
    if (!property) {
      notExpressed.push(`Audit check ${check}: AWS::IoT::AccountAuditConfiguration has no property for it.`);
      continue;
    }
    const options: JsonObject = {};
    for (const [option, value] of Object.entries(entry.configuration ?? {})) {
      if (CHECK_OPTIONS[option]) options[CHECK_OPTIONS[option]] = value;
      else notExpressed.push(`Audit check ${check}: its option ${option} has no CloudFormation property.`);
    }
    checks[property] = withoutUndefined({ Enabled: entry.enabled, Configuration: Object.keys(options).length ? options : undefined });
  }
  const targets: JsonObject = {};
  for (const [type, target] of Object.entries(configuration.auditNotificationTargetConfigurations ?? {})) {
    const property = NOTIFICATION_TARGETS[type];
    if (!property) {
      notExpressed.push(`Notification target ${type}: AuditNotificationTargetConfigurations has only Sns.`);
      continue;
    }
    targets[property] = withoutUndefined({ Enabled: target.enabled, RoleArn: target.roleArn, TargetArn: target.targetArn });
  }
  // CloudFormation's own wording: a check the template does not name is disabled (unlike a deploy from this extension, which keeps it).
  notExpressed.push('AWS::IoT::AccountAuditConfiguration disables every audit check the template does not name; a deploy from the mitigation file leaves those checks as they are.');
  return {
    Type: 'AWS::IoT::AccountAuditConfiguration',
    Properties: withoutUndefined({
      AccountId: { Ref: 'AWS::AccountId' },
      RoleArn: configuration.roleArn ?? { Ref: AUDIT_ROLE_PARAMETER },
      AuditCheckConfigurations: checks,
      AuditNotificationTargetConfigurations: Object.keys(targets).length ? targets : undefined,
    }),
  };
}

/** A logical id from `prefix` and `name`, unique in the template. */
function logicalId(resources: JsonObject, prefix: string, name: string): string {
  const base = `${prefix}${pascal(name)}`;
  let id = base;
  for (let n = 2; id in resources; n++) id = `${base}${n}`;
  return id;
}

export function cloudFormationTemplate(model: DocumentModel, fileName: string): CloudFormationTemplate {
  const notExpressed: string[] = [];
  const resources: JsonObject = {};
  for (const action of model.actions) resources[logicalId(resources, 'MitigationAction', action.name)] = mitigationAction(action, notExpressed);
  for (const audit of model.scheduledAudits) resources[logicalId(resources, 'ScheduledAudit', audit.name)] = scheduledAudit(audit);
  const configuration = model.auditConfiguration;
  if (configuration) resources.AccountAuditConfiguration = accountAuditConfiguration(configuration, notExpressed);
  if (model.suppressions.length) notExpressed.push(`${model.suppressions.length} audit suppression(s): CloudFormation has no resource for audit suppressions (deploy them from the mitigation file).`);
  if (model.tasks.length) notExpressed.push(`${model.tasks.length} mitigation task(s) (${model.tasks.map((task) => task.name).join(', ')}): a task is a run (StartAuditMitigationActionsTask), not a resource.`);
  // The scheduled audits need their checks enabled: created after the configuration.
  if (configuration) {
    for (const resource of Object.values(resources)) {
      if ((resource as JsonObject).Type === 'AWS::IoT::ScheduledAudit') (resource as JsonObject).DependsOn = 'AccountAuditConfiguration';
    }
  }
  if (!Object.keys(resources).length) throw new Error(`${fileName} defines no actions, scheduled audits or audit configuration, so there is nothing CloudFormation can express.`);
  const parameters: JsonObject = configuration && !configuration.roleArn
    ? { [AUDIT_ROLE_PARAMETER]: { Type: 'String', Description: 'The role AWS IoT audits with (the mitigation file names none).' } }
    : {};
  const description = `From ${fileName} (IoT Mitigations).${notExpressed.length ? ` Not in this template: see Metadata ${NOT_EXPRESSED_KEY}.` : ''}`;
  const template = withoutUndefined({
    AWSTemplateFormatVersion: '2010-09-09',
    Description: description,
    Metadata: notExpressed.length ? { [NOT_EXPRESSED_KEY]: notExpressed } : undefined,
    Parameters: Object.keys(parameters).length ? parameters : undefined,
    Resources: resources,
  });
  return { template, notExpressed };
}
