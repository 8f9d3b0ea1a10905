/**
 * AWS IoT model shapes for mitigation actions and audit mitigation tasks
 * (AWS IoT API Reference and the AWS IoT service model, iot 2015-05-28). Where older documentation
 * disagrees, the model wins (docs/catalogue.md, "Where the AWS documentation differs from the model").
 * Every named shape is exported, including those only composed here: the model-drift test
 * compares each exported shape with the service model.
 */
import type { BooleanShape, IntegerShape, ListShape, MapShape, OperationShape, RequestShape, StringShape, StructureShape, TimestampShape } from './shapes';

/** An enum's shape: its values, each with what it means (one line per enum, so the catalogue reads as a table). */
function enumShape<V extends string>(name: string, values: readonly V[], enumDescriptions: Readonly<Record<V, string>>): StringShape {
  return { type: 'string', name, enum: values, enumDescriptions };
}

/** A structure's shape from its members. */
function structure(name: string, members: StructureShape['members']): StructureShape {
  return { type: 'structure', name, members };
}

const NAME_HINT = 'letters, digits, "_" and "-"';

export const MitigationActionName: StringShape = {
  type: 'string',
  name: 'MitigationActionName',
  min: 1, // the model says 0..128 but its pattern needs at least one character
  max: 128,
  pattern: '^[a-zA-Z0-9_-]+$',
  patternHint: NAME_HINT,
};

export const MitigationActionsTaskId: StringShape = {
  type: 'string',
  name: 'MitigationActionsTaskId',
  min: 1,
  max: 128,
  pattern: '^[a-zA-Z0-9_-]+$',
  patternHint: NAME_HINT,
};

export const AuditTaskId: StringShape = {
  type: 'string',
  name: 'AuditTaskId',
  min: 1,
  max: 40,
  pattern: '^[a-zA-Z0-9-]+$',
  patternHint: 'letters, digits and "-" (no "_")',
};

export const FindingId: StringShape = {
  type: 'string',
  name: 'FindingId',
  min: 1,
  max: 128,
  pattern: '^[a-zA-Z0-9_-]+$',
  patternHint: NAME_HINT,
};

export const ClientRequestToken: StringShape = {
  type: 'string',
  name: 'ClientRequestToken',
  min: 1,
  max: 64,
  pattern: '^[a-zA-Z0-9_-]+$',
  patternHint: NAME_HINT,
};

export const RoleArn: StringShape = { type: 'string', name: 'RoleArn', min: 20, max: 2048 };

export const SnsTopicArn: StringShape = { type: 'string', name: 'SnsTopicArn', max: 350 };

export const ThingGroupName: StringShape = {
  type: 'string',
  name: 'ThingGroupName',
  min: 1,
  max: 128,
  pattern: '^[a-zA-Z0-9:_-]+$',
  patternHint: 'letters, digits, ":", "_" and "-"',
};

export const TagKey: StringShape = {
  type: 'string',
  name: 'TagKey',
  min: 1,
  max: 128,
  pattern: '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$',
  patternHint: 'letters, digits, spaces and _ . : / = + - @',
};

export const TagValue: StringShape = { type: 'string', name: 'TagValue', max: 256 };

/** Free strings in the model; their validity is a business rule checked against the catalogue. */
export const AuditCheckName: StringShape = { type: 'string', name: 'AuditCheckName' };
export const ReasonForNonComplianceCode: StringShape = { type: 'string', name: 'ReasonForNonComplianceCode' };

export const MaxResults: IntegerShape = { type: 'integer', name: 'MaxResults', min: 1, max: 250 };
export const NullableBoolean: BooleanShape = { type: 'boolean', name: 'NullableBoolean' };

export const MITIGATION_ACTION_TYPES = [
  'UPDATE_DEVICE_CERTIFICATE',
  'UPDATE_CA_CERTIFICATE',
  'ADD_THINGS_TO_THING_GROUP',
  'REPLACE_DEFAULT_POLICY_VERSION',
  'ENABLE_IOT_LOGGING',
  'PUBLISH_FINDING_TO_SNS',
] as const;
export type MitigationActionType = (typeof MITIGATION_ACTION_TYPES)[number];

export const MitigationActionTypeShape: StringShape = {
  type: 'string',
  name: 'MitigationActionType',
  enum: MITIGATION_ACTION_TYPES,
};

export const DeviceCertificateUpdateAction: StringShape = {
  type: 'string',
  name: 'DeviceCertificateUpdateAction',
  enum: ['DEACTIVATE'],
  enumDescriptions: { DEACTIVATE: 'Sets the device certificate to INACTIVE, so devices using it can no longer connect.' },
};

export const CACertificateUpdateAction: StringShape = {
  type: 'string',
  name: 'CACertificateUpdateAction',
  enum: ['DEACTIVATE'],
  enumDescriptions: {
    DEACTIVATE: 'Sets the CA certificate to INACTIVE, so no new device certificates it signed can be registered.',
  },
};

export const PolicyTemplateName: StringShape = {
  type: 'string',
  name: 'PolicyTemplateName',
  enum: ['BLANK_POLICY'],
  enumDescriptions: { BLANK_POLICY: 'A policy version with no statements: it allows nothing.' },
};

const LOG_LEVELS = ['DEBUG', 'INFO', 'ERROR', 'WARN', 'DISABLED'] as const;
export const LogLevel = enumShape('LogLevel', LOG_LEVELS, { DEBUG: 'Most detailed: every event, including debugging information.', INFO: 'Informational events plus warnings and errors.', WARN: 'Warnings and errors.', ERROR: 'Errors only.', DISABLED: 'No logging. Not allowed for ENABLE_IOT_LOGGING: the action exists to turn logging on.' });

export const ThingGroupNames: ListShape = { type: 'list', name: 'ThingGroupNames', item: ThingGroupName, min: 1, max: 10 };
export const FindingIds: ListShape = { type: 'list', name: 'FindingIds', item: FindingId, min: 1, max: 25 };
export const ReasonForNonComplianceCodes: ListShape = {
  type: 'list',
  name: 'ReasonForNonComplianceCodes',
  item: ReasonForNonComplianceCode,
  min: 1,
  max: 25,
};
export const MitigationActionNameList: ListShape = {
  type: 'list',
  name: 'MitigationActionNameList',
  item: MitigationActionName,
  min: 1,
  max: 5,
};

export const Tag = structure('Tag', {
  Key: { shape: TagKey, required: true, description: 'The tag key (case-sensitive).' },
  Value: { shape: TagValue, description: 'The tag value.' },
});
export const TagList: ListShape = { type: 'list', name: 'TagList', item: Tag };
export const TagKeyList: ListShape = { type: 'list', name: 'TagKeyList', item: TagKey };
/** Any resource's ARN; which resources can be tagged is the operation's business. */
export const ResourceArn: StringShape = { type: 'string', name: 'ResourceArn' };

export const UpdateDeviceCertificateParams = structure('UpdateDeviceCertificateParams', {
  action: { shape: DeviceCertificateUpdateAction, required: true, description: 'What to do to the device certificate in the finding. Only DEACTIVATE exists.' },
});

export const UpdateCACertificateParams = structure('UpdateCACertificateParams', {
  action: { shape: CACertificateUpdateAction, required: true, description: 'What to do to the CA certificate in the finding. Only DEACTIVATE exists.' },
});

export const AddThingsToThingGroupParams = structure('AddThingsToThingGroupParams', {
  thingGroupNames: { shape: ThingGroupNames, required: true, description: 'Static thing groups that receive the things attached to the finding\'s certificate (1 to 10 groups, at most one per hierarchy), e.g. a quarantine group.' },
  overrideDynamicGroups: { shape: NullableBoolean, description: 'When a thing is already in the maximum of 10 groups, allow the action to remove it from dynamic groups to make room.' },
});

export const ReplaceDefaultPolicyVersionParams = structure('ReplaceDefaultPolicyVersionParams', {
  templateName: { shape: PolicyTemplateName, required: true, description: 'The template of the new default policy version. Only BLANK_POLICY exists.' },
});

export const EnableIoTLoggingParams = structure('EnableIoTLoggingParams', {
  roleArnForLogging: { shape: RoleArn, required: true, description: 'The IAM role AWS IoT assumes to write logs to CloudWatch.' },
  logLevel: { shape: LogLevel, required: true, description: 'The default log level to set. DISABLED is not allowed here.' },
});

export const PublishFindingToSnsParams = structure('PublishFindingToSnsParams', {
  topicArn: { shape: SnsTopicArn, required: true, description: 'The SNS topic that receives the finding as a message.' },
});

export const MitigationActionParams: StructureShape = {
  type: 'structure',
  name: 'MitigationActionParams',
  exactlyOne: true,
  members: {
    updateDeviceCertificateParams: {
      shape: UpdateDeviceCertificateParams,
      description: 'UPDATE_DEVICE_CERTIFICATE: deactivate the device certificate named in the finding.',
    },
    updateCACertificateParams: {
      shape: UpdateCACertificateParams,
      description: 'UPDATE_CA_CERTIFICATE: deactivate the CA certificate named in the finding.',
    },
    addThingsToThingGroupParams: {
      shape: AddThingsToThingGroupParams,
      description: 'ADD_THINGS_TO_THING_GROUP: move the things behind the finding into thing groups (quarantine).',
    },
    replaceDefaultPolicyVersionParams: {
      shape: ReplaceDefaultPolicyVersionParams,
      description: 'REPLACE_DEFAULT_POLICY_VERSION: make a blank policy version the default of the policy in the finding.',
    },
    enableIoTLoggingParams: {
      shape: EnableIoTLoggingParams,
      description: 'ENABLE_IOT_LOGGING: turn on AWS IoT v2 logging for the account.',
    },
    publishFindingToSnsParams: {
      shape: PublishFindingToSnsParams,
      description: 'PUBLISH_FINDING_TO_SNS: send the finding to an SNS topic. Applies to every audit check.',
    },
  },
};

export const AuditCheckToReasonCodeFilter: MapShape = {
  type: 'map',
  name: 'AuditCheckToReasonCodeFilter',
  key: AuditCheckName,
  value: ReasonForNonComplianceCodes,
};

export const AuditCheckToActionsMapping: MapShape = {
  type: 'map',
  name: 'AuditCheckToActionsMapping',
  key: AuditCheckName,
  value: MitigationActionNameList,
  min: 1,
};

export const AuditMitigationActionsTaskTarget = structure('AuditMitigationActionsTaskTarget', {
  auditTaskId: { shape: AuditTaskId, description: 'The audit whose findings the task mitigates (all of them, or those matching auditCheckToReasonCodeFilter).' },
  findingIds: { shape: FindingIds, description: 'An explicit list of 1 to 25 findings to mitigate. Cannot be combined with auditTaskId.' },
  auditCheckToReasonCodeFilter: { shape: AuditCheckToReasonCodeFilter, description: 'With auditTaskId: only mitigate findings of these checks that have one of the listed reason codes.' },
});

/** The input of CreateMitigationAction, without the label. */
export const CreateMitigationActionInput = structure('CreateMitigationActionRequest', {
  actionName: { shape: MitigationActionName, required: true, description: 'The unique name of the mitigation action in the account.' },
  roleArn: { shape: RoleArn, required: true, description: 'The IAM role AWS IoT assumes to apply this action; it needs the permissions the action type requires.' },
  actionParams: { shape: MitigationActionParams, required: true, description: 'What the action does: exactly one of the six ...Params objects.' },
  tags: { shape: TagList, description: 'Tags for the mitigation action resource: [{"Key": ..., "Value": ...}].' },
});

export const UpdateMitigationActionInput = structure('UpdateMitigationActionRequest', {
  actionName: CreateMitigationActionInput.members.actionName,
  roleArn: { ...CreateMitigationActionInput.members.roleArn, required: false },
  actionParams: { ...CreateMitigationActionInput.members.actionParams, required: false },
});

export const StartAuditMitigationActionsTaskInput = structure('StartAuditMitigationActionsTaskRequest', {
  taskId: { shape: MitigationActionsTaskId, required: true, description: 'A unique identifier for the task; reusing it with another clientRequestToken fails.' },
  target: { shape: AuditMitigationActionsTaskTarget, required: true, description: 'Which findings to mitigate: one audit, one audit filtered by check and reason code, or listed findings.' },
  auditCheckToActionsMapping: { shape: AuditCheckToActionsMapping, required: true, description: 'For each audit check, 1 to 5 mitigation action names to apply to its findings, in order.' },
  clientRequestToken: { shape: ClientRequestToken, required: true, description: 'Makes the start idempotent: the same taskId with the same token returns the existing task.' },
});

// ---------------------------------------------------------------------------------------------
// Resource, audit and task shapes the emulator validates (the AWS IoT service model (iot 2015-05-28)).
// ---------------------------------------------------------------------------------------------

export const ThingName: StringShape = {
  type: 'string',
  name: 'ThingName',
  min: 1,
  max: 128,
  pattern: '^[a-zA-Z0-9:_-]+$',
  patternHint: 'letters, digits, ":", "_" and "-"',
};

export const AttributeName: StringShape = {
  type: 'string',
  name: 'AttributeName',
  max: 128,
  pattern: '^[a-zA-Z0-9_.,@/:#-]+$',
  patternHint: 'letters, digits and _ . , @ / : # -',
};

export const AttributeValue: StringShape = {
  type: 'string',
  name: 'AttributeValue',
  max: 800,
  pattern: '^[a-zA-Z0-9_.,@/:#=\\[\\]-]*$',
  patternHint: 'letters, digits and _ . , @ / : # = [ ] -',
};

export const ThingGroupDescription: StringShape = {
  type: 'string',
  name: 'ThingGroupDescription',
  max: 2028,
  pattern: '^[\\x21-\\x7E\\x20]*$',
  patternHint: 'printable ASCII characters and spaces',
};

export const CertificateId: StringShape = {
  type: 'string',
  name: 'CertificateId',
  min: 64,
  max: 64,
  pattern: '^(0x)?[a-fA-F0-9]+$',
  patternHint: 'hexadecimal digits',
};

/** The certificate template of ListCertificates' `templateName` filter. */
export const TemplateName: StringShape = {
  type: 'string',
  name: 'TemplateName',
  min: 1,
  max: 36,
  pattern: '^[0-9A-Za-z_-]+$',
  patternHint: NAME_HINT,
};

export const PolicyName: StringShape = {
  type: 'string',
  name: 'PolicyName',
  min: 1,
  max: 128,
  pattern: '^[\\w+=,.@-]+$',
  patternHint: 'letters, digits and _ + = , . @ -',
};

export const PolicyVersionId: StringShape = {
  type: 'string',
  name: 'PolicyVersionId',
  pattern: '^[0-9]+$',
  patternHint: 'digits',
};

/** An audit notification target (an SNS topic ARN). */
export const TargetArn: StringShape = { type: 'string', name: 'TargetArn', max: 2048 };

/** A value of an audit check's configuration (CheckCustomConfiguration), e.g. "30". */
export const ConfigValue: StringShape = { type: 'string', name: 'ConfigValue', min: 1, max: 64 };

export const CERTIFICATE_STATUSES = ['ACTIVE', 'INACTIVE', 'REVOKED', 'PENDING_TRANSFER', 'REGISTER_INACTIVE', 'PENDING_ACTIVATION'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];
export const CertificateStatusShape = enumShape('CertificateStatus', CERTIFICATE_STATUSES, { ACTIVE: 'Devices can connect with it.', INACTIVE: 'Deactivated: devices can no longer connect with it.', REVOKED: 'Revoked for good; it cannot be activated again.', PENDING_TRANSFER: 'Being transferred to another account.', REGISTER_INACTIVE: 'Registered without being activated.', PENDING_ACTIVATION: 'Waiting to be activated.' });

const AUDIT_TASK_STATUSES = ['IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELED'] as const;
export type AuditTaskStatus = (typeof AUDIT_TASK_STATUSES)[number];
export const AuditTaskStatusShape = enumShape('AuditTaskStatus', AUDIT_TASK_STATUSES, { IN_PROGRESS: 'The audit is running its checks.', COMPLETED: 'Every check ran.', FAILED: 'The audit could not complete.', CANCELED: 'The audit was canceled; checks that had not run count as canceled.' });

const AUDIT_TASK_TYPES = ['ON_DEMAND_AUDIT_TASK', 'SCHEDULED_AUDIT_TASK'] as const;
export type AuditTaskType = (typeof AUDIT_TASK_TYPES)[number];
export const AuditTaskTypeShape = enumShape('AuditTaskType', AUDIT_TASK_TYPES, { ON_DEMAND_AUDIT_TASK: 'Started with StartOnDemandAuditTask.', SCHEDULED_AUDIT_TASK: 'Started by a scheduled audit.' });

const AUDIT_CHECK_RUN_STATUSES = ['IN_PROGRESS', 'WAITING_FOR_DATA_COLLECTION', 'CANCELED', 'COMPLETED_COMPLIANT', 'COMPLETED_NON_COMPLIANT', 'FAILED'] as const;
export type AuditCheckRunStatus = (typeof AUDIT_CHECK_RUN_STATUSES)[number];
export const AuditCheckRunStatusShape = enumShape('AuditCheckRunStatus', AUDIT_CHECK_RUN_STATUSES, { IN_PROGRESS: 'The check is running.', WAITING_FOR_DATA_COLLECTION: 'The check waits for data it needs.', CANCELED: 'The audit was canceled before the check ran.', COMPLETED_COMPLIANT: 'The check ran and found nothing.', COMPLETED_NON_COMPLIANT: 'The check ran and produced findings.', FAILED: 'The check could not run (e.g. INSUFFICIENT_PERMISSIONS).' });

/** Most severe first: the order completion and the trees rank checks and findings in. */
export const AUDIT_FINDING_SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type AuditFindingSeverity = (typeof AUDIT_FINDING_SEVERITIES)[number];
export const AuditFindingSeverityShape = enumShape('AuditFindingSeverity', AUDIT_FINDING_SEVERITIES, { CRITICAL: 'Fix now: the issue can be exploited directly.', HIGH: 'Fix soon.', MEDIUM: 'Worth fixing.', LOW: 'Good practice.' });

export const AUDIT_MITIGATION_ACTIONS_TASK_STATUSES = ['IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELED'] as const;
export type AuditMitigationActionsTaskStatus = (typeof AUDIT_MITIGATION_ACTIONS_TASK_STATUSES)[number];
export const AuditMitigationActionsTaskStatusShape = enumShape('AuditMitigationActionsTaskStatus', AUDIT_MITIGATION_ACTIONS_TASK_STATUSES, { IN_PROGRESS: 'Executions are still running.', COMPLETED: 'Every action was applied to every finding.', FAILED: 'At least one action failed on at least one finding.', CANCELED: 'The task was canceled; applied actions are not rolled back.' });

const AUDIT_MITIGATION_ACTIONS_EXECUTION_STATUSES = ['IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELED', 'SKIPPED', 'PENDING'] as const;
export type AuditMitigationActionsExecutionStatus = (typeof AUDIT_MITIGATION_ACTIONS_EXECUTION_STATUSES)[number];
export const AuditMitigationActionsExecutionStatusShape = enumShape('AuditMitigationActionsExecutionStatus', AUDIT_MITIGATION_ACTIONS_EXECUTION_STATUSES, { PENDING: 'Not started yet.', IN_PROGRESS: 'Being applied.', COMPLETED: 'Applied.', FAILED: 'Not applied; errorCode says why.', SKIPPED: 'Not run because an earlier action for the same finding failed.', CANCELED: 'Not run because the task was canceled.' });

// ResourceIdentifier members (AWS IoT API Reference, ResourceIdentifier): what a finding's resource is, and a ListAuditFindings filter.
export const AwsAccountId: StringShape = { type: 'string', name: 'AwsAccountId', min: 12, max: 12, pattern: '^[0-9]+$', patternHint: 'digits' };
/** A certificate ARN or an Amazon Cognito identity id (ListPrincipalThings' x-amzn-principal header); unconstrained. */
export const Principal: StringShape = { type: 'string', name: 'Principal' };
export const RoleAliasArn: StringShape = { type: 'string', name: 'RoleAliasArn', min: 1, max: 2048 };
export const IssuerCertificateSubject: StringShape = {
  type: 'string',
  name: 'IssuerCertificateSubject',
  max: 1000,
  pattern: '^[\\x21-\\x7E\\x20]*$', // the model's [\p{Graph}\x20]
  patternHint: 'printable ASCII characters and spaces',
};
export const IssuerId: StringShape = { type: 'string', name: 'IssuerId', max: 64, pattern: '^(0x)?[a-fA-F0-9]+$', patternHint: 'hexadecimal digits' };
export const IssuerCertificateSerialNumber: StringShape = {
  type: 'string',
  name: 'IssuerCertificateSerialNumber',
  max: 20,
  pattern: '^[a-fA-F0-9:]+$',
  patternHint: 'hexadecimal digits and ":"',
};

// ---------------------------------------------------------------------------------------------
// The rest of every shape the emulator's operations take as input, and the operations themselves
// (inputs with their HTTP bindings, declared errors), exactly as the AWS IoT service model has
// them. test/emulator/model-drift.test.ts checks all of it against botocore's service-2.json.
// ---------------------------------------------------------------------------------------------

const plainString = (name: string): StringShape => ({ type: 'string', name });
const flag = (name: string): BooleanShape => ({ type: 'boolean', name });

export const NextToken = plainString('NextToken');
export const AwsArn = plainString('AwsArn');
export const ThingArn = plainString('ThingArn');
export const ThingGroupArn = plainString('ThingGroupArn');
export const CertificateArn = plainString('CertificateArn');
export const CognitoIdentityPoolId = plainString('CognitoIdentityPoolId');
export const ClientId = plainString('ClientId');
export const Timestamp: TimestampShape = { type: 'timestamp', name: 'Timestamp' };

export const RegistryMaxResults: IntegerShape = { type: 'integer', name: 'RegistryMaxResults', min: 1, max: 250 };
export const PageSize: IntegerShape = { type: 'integer', name: 'PageSize', min: 1, max: 250 };
/** ListCertificates' page marker: standard base64. */
export const Marker: StringShape = { type: 'string', name: 'Marker', max: 1024, pattern: '^[A-Za-z0-9+/]+={0,2}$', patternHint: 'standard base64' };

export const ThingTypeName: StringShape = { ...ThingName, name: 'ThingTypeName' };
export const BillingGroupName: StringShape = { ...ThingName, name: 'BillingGroupName' };

export const Attributes: MapShape = { type: 'map', name: 'Attributes', key: AttributeName, value: AttributeValue };
export const AttributePayload = structure('AttributePayload', {
  attributes: { shape: Attributes, description: 'Attribute names and values.' },
  merge: { shape: flag('Flag'), description: 'Merge with the existing attributes instead of replacing them (updates only).' },
});
export const ThingGroupProperties = structure('ThingGroupProperties', {
  thingGroupDescription: { shape: ThingGroupDescription, description: 'A description of the thing group.' },
  attributePayload: { shape: AttributePayload, description: 'The thing group attributes.' },
});

export const TargetAuditCheckNames: ListShape = { type: 'list', name: 'TargetAuditCheckNames', item: AuditCheckName };

export const PolicyVersionIdentifier = structure('PolicyVersionIdentifier', {
  policyName: { shape: PolicyName, description: 'The policy name.' },
  policyVersionId: { shape: PolicyVersionId, description: 'The policy version.' },
});
export const IssuerCertificateIdentifier = structure('IssuerCertificateIdentifier', {
  issuerCertificateSubject: { shape: IssuerCertificateSubject, description: 'The subject of the issuer certificate.' },
  issuerId: { shape: IssuerId, description: 'The id of the issuer.' },
  issuerCertificateSerialNumber: { shape: IssuerCertificateSerialNumber, description: 'The serial number of the issuer certificate.' },
});
export const ResourceIdentifier = structure('ResourceIdentifier', {
  deviceCertificateId: { shape: CertificateId, description: 'A device certificate id.' },
  caCertificateId: { shape: CertificateId, description: 'A CA certificate id.' },
  cognitoIdentityPoolId: { shape: CognitoIdentityPoolId, description: 'A Cognito identity pool id.' },
  clientId: { shape: ClientId, description: 'An MQTT client id.' },
  policyVersionIdentifier: { shape: PolicyVersionIdentifier, description: 'A policy version.' },
  account: { shape: AwsAccountId, description: 'An AWS account id.' },
  iamRoleArn: { shape: RoleArn, description: 'An IAM role ARN.' },
  roleAliasArn: { shape: RoleAliasArn, description: 'A role alias ARN.' },
  issuerCertificateIdentifier: { shape: IssuerCertificateIdentifier, description: 'An issuer certificate.' },
  deviceCertificateArn: { shape: CertificateArn, description: 'A device certificate ARN.' },
});

export const AuditNotificationType: StringShape = { type: 'string', name: 'AuditNotificationType', enum: ['SNS'] };
export const AuditNotificationTarget = structure('AuditNotificationTarget', {
  targetArn: { shape: TargetArn, description: 'The SNS topic that receives audit notifications.' },
  roleArn: { shape: RoleArn, description: 'The role that may publish to the topic.' },
  enabled: { shape: flag('Enabled'), description: 'Whether notifications are sent.' },
});
export const AuditNotificationTargetConfigurations: MapShape = { type: 'map', name: 'AuditNotificationTargetConfigurations', key: AuditNotificationType, value: AuditNotificationTarget };

/** Custom thresholds of the certificate age and expiry checks (CheckCustomConfiguration, newer than Debian's model). */
export const ConfigName: StringShape = { type: 'string', name: 'ConfigName', enum: ['CERT_AGE_THRESHOLD_IN_DAYS', 'CERT_EXPIRATION_THRESHOLD_IN_DAYS'] };
export const CheckCustomConfiguration: MapShape = { type: 'map', name: 'CheckCustomConfiguration', key: ConfigName, value: ConfigValue };
export const AuditCheckConfiguration = structure('AuditCheckConfiguration', {
  enabled: { shape: flag('Enabled'), description: 'Whether the check is enabled.' },
  configuration: { shape: CheckCustomConfiguration, description: 'Thresholds of the certificate age and expiry checks.' },
});
export const AuditCheckConfigurations: MapShape = { type: 'map', name: 'AuditCheckConfigurations', key: AuditCheckName, value: AuditCheckConfiguration };

/** Audit finding suppressions (CreateAuditSuppression and the rest of the family). */
export const AuditDescription: StringShape = { type: 'string', name: 'AuditDescription', max: 1000, pattern: IssuerCertificateSubject.pattern, patternHint: IssuerCertificateSubject.patternHint }; // the model's [\p{Graph}\x20] too
export const SuppressIndefinitely = flag('SuppressIndefinitely');
export const AscendingOrder = flag('AscendingOrder');

/** Scheduled audits (CreateScheduledAudit and the rest of the family). */
export const ScheduledAuditName: StringShape = { type: 'string', name: 'ScheduledAuditName', min: 1, max: 128, pattern: '^[a-zA-Z0-9_-]+$', patternHint: NAME_HINT };
export const AUDIT_FREQUENCIES = ['DAILY', 'WEEKLY', 'BIWEEKLY', 'MONTHLY'] as const;
export type AuditFrequency = (typeof AUDIT_FREQUENCIES)[number];
export const AuditFrequencyShape = enumShape('AuditFrequency', AUDIT_FREQUENCIES, { DAILY: 'Every day.', WEEKLY: 'Every week, on dayOfWeek.', BIWEEKLY: 'Every other week, on dayOfWeek.', MONTHLY: 'Every month, on dayOfMonth (1 to 31, or LAST).' });
export const DayOfMonth: StringShape = { type: 'string', name: 'DayOfMonth', pattern: '^([1-9]|[12][0-9]|3[01])$|^LAST$', patternHint: '1 to 31, or LAST' };
export const DAYS_OF_WEEK = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];
export const DayOfWeekShape = enumShape('DayOfWeek', DAYS_OF_WEEK, { SUN: 'Sunday.', MON: 'Monday.', TUE: 'Tuesday.', WED: 'Wednesday.', THU: 'Thursday.', FRI: 'Friday.', SAT: 'Saturday.' });
export const DeleteScheduledAudits = flag('DeleteScheduledAudits');

/** Event-based logging overrides of SetV2LoggingOptions (LogEventConfigurations, newer than Debian's model). */
export const LogEventType: StringShape = { type: 'string', name: 'LogEventType', min: 1, max: 512 };
export const LogDestination: StringShape = { type: 'string', name: 'LogDestination', min: 1, max: 512, pattern: '^[.\\-_/#A-Za-z0-9]+$', patternHint: 'letters, digits and . - _ / #' };
export const LogEventConfiguration = structure('LogEventConfiguration', {
  eventType: { shape: LogEventType, required: true, description: 'The event type the override applies to.' },
  logLevel: { shape: LogLevel, description: 'The log level of that event type.' },
  logDestination: { shape: LogDestination, description: 'The CloudWatch log group of that event type.' },
});
export const LogEventConfigurations: ListShape = { type: 'list', name: 'LogEventConfigurations', item: LogEventConfiguration };

const label = (shape: StringShape, locationName?: string) => ({ shape, required: true, location: 'uri' as const, ...(locationName ? { locationName } : {}) });
const query = (shape: RequestShape['members'][string]['shape'], locationName?: string, required = false) => ({ shape, location: 'querystring' as const, ...(locationName ? { locationName } : {}), ...(required ? { required } : {}) });
const header = (shape: StringShape, locationName: string, required = false) => ({ shape, location: 'header' as const, locationName, ...(required ? { required } : {}) });
const body = (shape: RequestShape['members'][string]['shape'], required = false) => (required ? { shape, required } : { shape });
const request = (name: string, members: RequestShape['members']): RequestShape => ({ type: 'request', name, members });
const pageQuery = (max: IntegerShape = MaxResults) => ({ nextToken: query(NextToken), maxResults: query(max) });

const DD_ERRORS = ['InvalidRequestException', 'ThrottlingException', 'InternalFailureException'];
const REGISTRY_ERRORS = ['InvalidRequestException', 'ThrottlingException', 'UnauthorizedException', 'ServiceUnavailableException', 'InternalFailureException'];
const TAGGING_ERRORS = ['InvalidRequestException', 'InternalFailureException', 'ResourceNotFoundException', 'ThrottlingException'];

/** What names a suppression (the check and the resource), and the terms it is created or updated with. */
const SUPPRESSION_KEY = { checkName: body(AuditCheckName, true), resourceIdentifier: body(ResourceIdentifier, true) };
const SUPPRESSION_TERMS = { expirationDate: body(Timestamp), suppressIndefinitely: body(SuppressIndefinitely), description: body(AuditDescription) };
const SCHEDULE = { dayOfMonth: body(DayOfMonth), dayOfWeek: body(DayOfWeekShape) };

const operations: OperationShape[] = [
  {
    name: 'CreateMitigationAction',
    input: request('CreateMitigationActionRequest', { actionName: label(MitigationActionName), roleArn: body(RoleArn, true), actionParams: body(MitigationActionParams, true), tags: body(TagList) }),
    errors: ['InvalidRequestException', 'ResourceAlreadyExistsException', 'LimitExceededException', 'ThrottlingException', 'InternalFailureException'],
  },
  {
    name: 'UpdateMitigationAction',
    input: request('UpdateMitigationActionRequest', { actionName: label(MitigationActionName), roleArn: body(RoleArn), actionParams: body(MitigationActionParams) }),
    errors: ['InvalidRequestException', 'ResourceNotFoundException', 'ThrottlingException', 'InternalFailureException'],
  },
  { name: 'ListMitigationActions', input: request('ListMitigationActionsRequest', { actionType: query(MitigationActionTypeShape), ...pageQuery() }), errors: DD_ERRORS },
  { name: 'DescribeMitigationAction', input: request('DescribeMitigationActionRequest', { actionName: label(MitigationActionName) }), errors: ['InvalidRequestException', 'ResourceNotFoundException', 'ThrottlingException', 'InternalFailureException'] },
  { name: 'DeleteMitigationAction', input: request('DeleteMitigationActionRequest', { actionName: label(MitigationActionName) }), errors: DD_ERRORS },
  {
    name: 'StartAuditMitigationActionsTask',
    input: request('StartAuditMitigationActionsTaskRequest', {
      taskId: label(MitigationActionsTaskId),
      target: body(AuditMitigationActionsTaskTarget, true),
      auditCheckToActionsMapping: body(AuditCheckToActionsMapping, true),
      clientRequestToken: body(ClientRequestToken, true),
    }),
    errors: ['InvalidRequestException', 'TaskAlreadyExistsException', 'LimitExceededException', 'ThrottlingException', 'InternalFailureException'],
  },
  { name: 'CancelAuditMitigationActionsTask', input: request('CancelAuditMitigationActionsTaskRequest', { taskId: label(MitigationActionsTaskId) }), errors: ['ResourceNotFoundException', 'InvalidRequestException', 'ThrottlingException', 'InternalFailureException'] },
  {
    name: 'ListAuditMitigationActionsExecutions',
    input: request('ListAuditMitigationActionsExecutionsRequest', {
      taskId: query(MitigationActionsTaskId, undefined, true),
      actionStatus: query(AuditMitigationActionsExecutionStatusShape),
      findingId: query(FindingId, undefined, true),
      ...pageQuery(),
    }),
    errors: DD_ERRORS,
  },
  {
    name: 'ListAuditMitigationActionsTasks',
    input: request('ListAuditMitigationActionsTasksRequest', {
      auditTaskId: query(AuditTaskId),
      findingId: query(FindingId),
      taskStatus: query(AuditMitigationActionsTaskStatusShape),
      ...pageQuery(),
      startTime: query(Timestamp, undefined, true),
      endTime: query(Timestamp, undefined, true),
    }),
    errors: DD_ERRORS,
  },
  { name: 'DescribeAuditMitigationActionsTask', input: request('DescribeAuditMitigationActionsTaskRequest', { taskId: label(MitigationActionsTaskId) }), errors: ['InvalidRequestException', 'ResourceNotFoundException', 'ThrottlingException', 'InternalFailureException'] },
  { name: 'StartOnDemandAuditTask', input: request('StartOnDemandAuditTaskRequest', { targetCheckNames: body(TargetAuditCheckNames, true) }), errors: [...DD_ERRORS, 'LimitExceededException'] },
  { name: 'DescribeAuditTask', input: request('DescribeAuditTaskRequest', { taskId: label(AuditTaskId) }), errors: ['InvalidRequestException', 'ResourceNotFoundException', 'ThrottlingException', 'InternalFailureException'] },
  {
    name: 'ListAuditTasks',
    input: request('ListAuditTasksRequest', {
      startTime: query(Timestamp, undefined, true),
      endTime: query(Timestamp, undefined, true),
      taskType: query(AuditTaskTypeShape),
      taskStatus: query(AuditTaskStatusShape),
      ...pageQuery(),
    }),
    errors: DD_ERRORS,
  },
  { name: 'CancelAuditTask', input: request('CancelAuditTaskRequest', { taskId: label(AuditTaskId) }), errors: ['ResourceNotFoundException', 'InvalidRequestException', 'ThrottlingException', 'InternalFailureException'] },
  {
    name: 'ListAuditFindings',
    input: request('ListAuditFindingsRequest', {
      taskId: body(AuditTaskId),
      checkName: body(AuditCheckName),
      resourceIdentifier: body(ResourceIdentifier),
      maxResults: body(MaxResults),
      nextToken: body(NextToken),
      startTime: body(Timestamp),
      endTime: body(Timestamp),
      listSuppressedFindings: body(flag('ListSuppressedFindings')),
    }),
    errors: DD_ERRORS,
  },
  { name: 'DescribeAuditFinding', input: request('DescribeAuditFindingRequest', { findingId: label(FindingId) }), errors: ['ResourceNotFoundException', 'InvalidRequestException', 'ThrottlingException', 'InternalFailureException'] },
  { name: 'DescribeAccountAuditConfiguration', input: request('DescribeAccountAuditConfigurationRequest', {}), errors: ['ThrottlingException', 'InternalFailureException'] },
  {
    name: 'UpdateAccountAuditConfiguration',
    input: request('UpdateAccountAuditConfigurationRequest', {
      roleArn: body(RoleArn),
      auditNotificationTargetConfigurations: body(AuditNotificationTargetConfigurations),
      auditCheckConfigurations: body(AuditCheckConfigurations),
    }),
    errors: DD_ERRORS,
  },
  { name: 'DeleteAccountAuditConfiguration', input: request('DeleteAccountAuditConfigurationRequest', { deleteScheduledAudits: query(DeleteScheduledAudits, 'deleteScheduledAudits') }), errors: [...DD_ERRORS, 'ResourceNotFoundException'] },
  {
    name: 'ListRelatedResourcesForAuditFinding',
    input: request('ListRelatedResourcesForAuditFindingRequest', { findingId: query(FindingId, 'findingId', true), nextToken: query(NextToken, 'nextToken'), maxResults: query(MaxResults, 'maxResults') }),
    errors: ['ResourceNotFoundException', ...DD_ERRORS],
  },
  {
    name: 'CreateAuditSuppression',
    input: request('CreateAuditSuppressionRequest', { ...SUPPRESSION_KEY, ...SUPPRESSION_TERMS, clientRequestToken: body(ClientRequestToken, true) }),
    errors: [...DD_ERRORS, 'ResourceAlreadyExistsException', 'LimitExceededException'],
  },
  { name: 'DescribeAuditSuppression', input: request('DescribeAuditSuppressionRequest', SUPPRESSION_KEY), errors: [...DD_ERRORS, 'ResourceNotFoundException'] },
  { name: 'UpdateAuditSuppression', input: request('UpdateAuditSuppressionRequest', { ...SUPPRESSION_KEY, ...SUPPRESSION_TERMS }), errors: [...DD_ERRORS, 'ResourceNotFoundException'] },
  { name: 'DeleteAuditSuppression', input: request('DeleteAuditSuppressionRequest', SUPPRESSION_KEY), errors: DD_ERRORS },
  {
    name: 'ListAuditSuppressions',
    input: request('ListAuditSuppressionsRequest', { checkName: body(AuditCheckName), resourceIdentifier: body(ResourceIdentifier), ascendingOrder: body(AscendingOrder), nextToken: body(NextToken), maxResults: body(MaxResults) }),
    errors: DD_ERRORS,
  },
  {
    name: 'CreateScheduledAudit',
    input: request('CreateScheduledAuditRequest', { ...SCHEDULE, frequency: body(AuditFrequencyShape, true), targetCheckNames: body(TargetAuditCheckNames, true), scheduledAuditName: label(ScheduledAuditName, 'scheduledAuditName'), tags: body(TagList) }),
    errors: [...DD_ERRORS, 'ResourceAlreadyExistsException', 'LimitExceededException'],
  },
  { name: 'DescribeScheduledAudit', input: request('DescribeScheduledAuditRequest', { scheduledAuditName: label(ScheduledAuditName, 'scheduledAuditName') }), errors: [...DD_ERRORS, 'ResourceNotFoundException'] },
  {
    name: 'UpdateScheduledAudit',
    input: request('UpdateScheduledAuditRequest', { ...SCHEDULE, frequency: body(AuditFrequencyShape), targetCheckNames: body(TargetAuditCheckNames), scheduledAuditName: label(ScheduledAuditName, 'scheduledAuditName') }),
    errors: [...DD_ERRORS, 'ResourceNotFoundException'],
  },
  { name: 'DeleteScheduledAudit', input: request('DeleteScheduledAuditRequest', { scheduledAuditName: label(ScheduledAuditName, 'scheduledAuditName') }), errors: [...DD_ERRORS, 'ResourceNotFoundException'] },
  { name: 'ListScheduledAudits', input: request('ListScheduledAuditsRequest', pageQuery()), errors: DD_ERRORS },
  {
    name: 'CreateThing',
    input: request('CreateThingRequest', { thingName: label(ThingName), thingTypeName: body(ThingTypeName), attributePayload: body(AttributePayload), billingGroupName: body(BillingGroupName) }),
    errors: [...REGISTRY_ERRORS, 'ResourceAlreadyExistsException', 'ResourceNotFoundException'],
  },
  { name: 'DescribeThing', input: request('DescribeThingRequest', { thingName: label(ThingName) }), errors: ['ResourceNotFoundException', ...REGISTRY_ERRORS] },
  {
    name: 'ListThings',
    input: request('ListThingsRequest', {
      ...pageQuery(RegistryMaxResults),
      attributeName: query(AttributeName),
      attributeValue: query(AttributeValue),
      thingTypeName: query(ThingTypeName),
      usePrefixAttributeValue: query(flag('usePrefixAttributeValue')),
    }),
    errors: REGISTRY_ERRORS,
  },
  {
    name: 'CreateThingGroup',
    input: request('CreateThingGroupRequest', { thingGroupName: label(ThingGroupName), parentGroupName: body(ThingGroupName), thingGroupProperties: body(ThingGroupProperties), tags: body(TagList) }),
    errors: ['InvalidRequestException', 'ResourceAlreadyExistsException', 'ThrottlingException', 'InternalFailureException'],
  },
  {
    name: 'AddThingToThingGroup',
    input: request('AddThingToThingGroupRequest', {
      thingGroupName: body(ThingGroupName),
      thingGroupArn: body(ThingGroupArn),
      thingName: body(ThingName),
      thingArn: body(ThingArn),
      overrideDynamicGroups: body(flag('OverrideDynamicGroups')),
    }),
    errors: [...DD_ERRORS, 'ResourceNotFoundException'],
  },
  {
    name: 'ListThingGroupsForThing',
    input: request('ListThingGroupsForThingRequest', { thingName: label(ThingName), ...pageQuery(RegistryMaxResults) }),
    errors: ['InvalidRequestException', 'InternalFailureException', 'ResourceNotFoundException', 'ThrottlingException'],
  },
  {
    name: 'ListThingsInThingGroup',
    input: request('ListThingsInThingGroupRequest', { thingGroupName: label(ThingGroupName), recursive: query(flag('Recursive')), ...pageQuery(RegistryMaxResults) }),
    errors: ['InvalidRequestException', 'InternalFailureException', 'ResourceNotFoundException', 'ThrottlingException'],
  },
  {
    name: 'DescribeThingGroup',
    input: request('DescribeThingGroupRequest', { thingGroupName: label(ThingGroupName) }),
    errors: ['InvalidRequestException', 'ThrottlingException', 'InternalFailureException', 'ResourceNotFoundException'],
  },
  {
    name: 'ListPrincipalThings',
    input: request('ListPrincipalThingsRequest', { ...pageQuery(RegistryMaxResults), principal: header(Principal, 'x-amzn-principal', true) }),
    errors: [...REGISTRY_ERRORS, 'ResourceNotFoundException'],
  },
  { name: 'DescribeCertificate', input: request('DescribeCertificateRequest', { certificateId: label(CertificateId) }), errors: [...REGISTRY_ERRORS, 'ResourceNotFoundException'] },
  {
    name: 'ListCertificates',
    input: request('ListCertificatesRequest', { pageSize: query(PageSize), marker: query(Marker), ascendingOrder: query(flag('AscendingOrder'), 'isAscendingOrder') }),
    errors: REGISTRY_ERRORS,
  },
  {
    name: 'UpdateCertificate',
    input: request('UpdateCertificateRequest', { certificateId: label(CertificateId), newStatus: query(CertificateStatusShape, undefined, true) }),
    errors: ['ResourceNotFoundException', 'CertificateStateException', ...REGISTRY_ERRORS],
  },
  { name: 'DescribeCACertificate', input: request('DescribeCACertificateRequest', { certificateId: label(CertificateId, 'caCertificateId') }), errors: [...REGISTRY_ERRORS, 'ResourceNotFoundException'] },
  {
    name: 'ListCACertificates',
    input: request('ListCACertificatesRequest', { pageSize: query(PageSize), marker: query(Marker), ascendingOrder: query(flag('AscendingOrder'), 'isAscendingOrder'), templateName: query(TemplateName) }),
    errors: REGISTRY_ERRORS,
  },
  { name: 'GetPolicy', input: request('GetPolicyRequest', { policyName: label(PolicyName) }), errors: ['ResourceNotFoundException', ...REGISTRY_ERRORS] },
  { name: 'ListPolicyVersions', input: request('ListPolicyVersionsRequest', { policyName: label(PolicyName) }), errors: ['ResourceNotFoundException', ...REGISTRY_ERRORS] },
  {
    name: 'GetPolicyVersion',
    input: request('GetPolicyVersionRequest', { policyName: label(PolicyName), policyVersionId: label(PolicyVersionId) }),
    errors: ['ResourceNotFoundException', ...REGISTRY_ERRORS],
  },
  { name: 'GetV2LoggingOptions', input: request('GetV2LoggingOptionsRequest', { verbose: query(flag('VerboseFlag')) }), errors: ['InternalException', 'NotConfiguredException', 'ServiceUnavailableException'] },
  {
    name: 'SetV2LoggingOptions',
    input: request('SetV2LoggingOptionsRequest', { roleArn: body(AwsArn), defaultLogLevel: body(LogLevel), disableAllLogs: body(flag('DisableAllLogs')), eventConfigurations: body(LogEventConfigurations) }),
    errors: ['InternalException', 'InvalidRequestException', 'ServiceUnavailableException'],
  },
  // ListThingGroups: thing-group names for completion of addThingsToThingGroupParams.thingGroupNames.
  {
    name: 'ListThingGroups',
    input: request('ListThingGroupsRequest', {
      ...pageQuery(RegistryMaxResults),
      parentGroup: query(ThingGroupName),
      namePrefixFilter: query(ThingGroupName),
      recursive: query(flag('RecursiveWithoutDefault')),
    }),
    errors: ['InvalidRequestException', 'InternalFailureException', 'ResourceNotFoundException', 'ThrottlingException'],
  },
  // Tagging: the tags of mitigation actions, compared and written by a deploy.
  { name: 'ListTagsForResource', input: request('ListTagsForResourceRequest', { resourceArn: query(ResourceArn, undefined, true), nextToken: query(NextToken) }), errors: TAGGING_ERRORS },
  { name: 'TagResource', input: request('TagResourceRequest', { resourceArn: body(ResourceArn, true), tags: body(TagList, true) }), errors: [...TAGGING_ERRORS, 'LimitExceededException'] },
  { name: 'UntagResource', input: request('UntagResourceRequest', { resourceArn: body(ResourceArn, true), tagKeys: body(TagKeyList, true) }), errors: TAGGING_ERRORS },
];

/** Every operation the emulator serves, by name. */
export const OPERATIONS: Readonly<Record<string, OperationShape>> = Object.fromEntries(operations.map((operation) => [operation.name, operation]));
