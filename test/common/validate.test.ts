/**
 * The validators in common/validate.ts on valid and invalid inputs. Every ProblemCode is
 * produced by at least one case here, with its path, severity and domain wording.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  MAX_TASK_NAME_LENGTH,
  QUOTAS,
  detectDocumentKind,
  errorsOnly,
  localActionTypes,
  validateCreateMitigationAction,
  validateDocument,
  validateMitigationFile,
  validateStartAuditMitigationActionsTask,
  validateUpdateMitigationAction,
  type AccountActions,
  type MitigationActionType,
  type Problem,
  type ProblemCode,
  type ProblemSeverity,
} from '../../common';

const ROLE = 'arn:aws:iam::123456789012:role/IoTMitigationRole';
const LOGGING_ROLE = 'arn:aws:iam::123456789012:role/IoTLoggingRole';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:DeviceDefenderFindings';
const AUDIT = 'a3aea009955e501a31b764abe1bebd3d';

const PARAMS = {
  sns: { publishFindingToSnsParams: { topicArn: TOPIC } },
  deactivate: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } },
  quarantine: { addThingsToThingGroupParams: { thingGroupNames: ['Quarantine'] } },
  logging: { enableIoTLoggingParams: { roleArnForLogging: LOGGING_ROLE, logLevel: 'ERROR' } },
  blank: { replaceDefaultPolicyVersionParams: { templateName: 'BLANK_POLICY' } },
  caDeactivate: { updateCACertificateParams: { action: 'DEACTIVATE' } },
};

function createRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { actionName: 'Notify', roleArn: ROLE, actionParams: PARAMS.sns, ...overrides };
}

function startRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { taskId: 'task-1', target: { auditTaskId: AUDIT }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Notify'] }, clientRequestToken: 'token-1', ...overrides };
}

/** A mitigation file with the usual actions plus `actions`/`tasks` overrides. */
function mitigationFile(tasks: Record<string, unknown> = {}, actions: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    actions: {
      Notify: { roleArn: ROLE, actionParams: PARAMS.sns },
      Quarantine: { roleArn: ROLE, actionParams: PARAMS.quarantine },
      EnableLogging: { roleArn: ROLE, actionParams: PARAMS.logging },
      ...actions,
    },
    tasks,
  };
}

function fileTask(mapping: Record<string, unknown>, target: Record<string, unknown> = {}): Record<string, unknown> {
  return { t: { target, auditCheckToActionsMapping: mapping } };
}

/** An account that holds the given actions. */
function account(actions: Record<string, MitigationActionType>): AccountActions {
  return { actionTypeOf: (name) => actions[name] };
}

/** The clock the audit loop's cases run at: 2 December 2026, noon UTC. */
const NOW = new Date('2026-12-02T12:00:00Z');
const CERT = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

/** A suppression of DEVICE_CERTIFICATE_EXPIRING_CHECK on one certificate, valid at NOW, with overrides. */
function suppression(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { checkName: 'DEVICE_CERTIFICATE_EXPIRING_CHECK', resourceIdentifier: { deviceCertificateId: CERT }, expirationDate: '2027-01-31', description: 'replaced in January', ...overrides };
}

/** A file with only audit-loop sections, validated at NOW. */
function auditLoop(sections: Record<string, unknown>): Problem[] {
  return validateMitigationFile(sections, { now: NOW });
}

/** A configuration that turns LOGGING_DISABLED_CHECK off. */
const LOGGING_OFF = { auditCheckConfigurations: { LOGGING_DISABLED_CHECK: { enabled: false } } };

interface Expected {
  readonly path: readonly (string | number)[];
  readonly severity: ProblemSeverity;
  readonly target?: 'key' | 'value';
  /** A domain phrase the message must contain. */
  readonly says: string | RegExp;
  readonly suggestions?: readonly string[];
  readonly missing?: readonly string[];
}

interface Case {
  readonly name: string;
  readonly problems: () => Problem[];
  readonly expect: Expected;
}

const long = (length: number, char = 'a') => char.repeat(length);

/**
 * Cases per code. The Record type makes the type-checker fail when a code is added to
 * ProblemCode without a case here.
 */
const CASES: Record<ProblemCode, readonly Case[] | { readonly unreachable: string }> = {
  type: [
    { name: 'suppressions as an object', problems: () => auditLoop({ suppressions: {} }), expect: { path: ['suppressions'], severity: 'error', says: '"suppressions" must be a list of suppressions, not an object' } },
    { name: 'scheduledAudits as a list', problems: () => auditLoop({ scheduledAudits: [] }), expect: { path: ['scheduledAudits'], severity: 'error', says: '"scheduledAudits" must be an object keyed by scheduled audit name, not an array' } },
    { name: 'roleArn as a number', problems: () => validateCreateMitigationAction(createRequest({ roleArn: 42 })), expect: { path: ['roleArn'], severity: 'error', says: 'Role ARN must be a string, not an integer' } },
    { name: 'actions as an array', problems: () => validateMitigationFile({ actions: [] }), expect: { path: ['actions'], severity: 'error', says: '"actions" must be an object keyed by action name' } },
    { name: 'a file that is an array', problems: () => validateMitigationFile([]), expect: { path: [], severity: 'error', says: 'A mitigation file is a JSON object' } },
    { name: 'overrideDynamicGroups as a string', problems: () => validateCreateMitigationAction(createRequest({ actionParams: { addThingsToThingGroupParams: { thingGroupNames: ['Q'], overrideDynamicGroups: 'yes' } } })), expect: { path: ['actionParams', 'addThingsToThingGroupParams', 'overrideDynamicGroups'], severity: 'error', says: 'must be a boolean, not a string' } },
    { name: '$schema as a number', problems: () => validateMitigationFile({ $schema: 1 }), expect: { path: ['$schema'], severity: 'error', says: '"$schema" must be a string' } },
  ],
  required: [
    { name: 'create without roleArn', problems: () => validateCreateMitigationAction({ actionName: 'A', actionParams: PARAMS.sns }), expect: { path: [], severity: 'error', target: 'key', says: 'Missing required property "roleArn"', missing: ['roleArn'] } },
    { name: 'start without target and token', problems: () => validateStartAuditMitigationActionsTask({ taskId: 't', auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['A'] } }), expect: { path: [], severity: 'error', says: 'Missing required properties "target", "clientRequestToken"', missing: ['target', 'clientRequestToken'] } },
    { name: 'logging params without a role', problems: () => validateCreateMitigationAction(createRequest({ actionParams: { enableIoTLoggingParams: { logLevel: 'INFO' } } })), expect: { path: ['actionParams', 'enableIoTLoggingParams'], severity: 'error', says: '"roleArnForLogging"', missing: ['roleArnForLogging'] } },
  ],
  'unknown-property': [
    { name: 'a misspelt action key', problems: () => validateMitigationFile(mitigationFile({}, { X: { rolearn: ROLE, actionParams: PARAMS.sns } })), expect: { path: ['actions', 'X', 'rolearn'], severity: 'error', target: 'key', says: 'Did you mean "roleArn"?', suggestions: ['roleArn'] } },
    { name: 'tags on update (UpdateMitigationAction has none)', problems: () => validateUpdateMitigationAction({ actionName: 'A', tags: [] }), expect: { path: ['tags'], severity: 'error', target: 'key', says: 'Unknown property "tags"' } },
    { name: 'an unknown top-level key', problems: () => validateMitigationFile({ action: {} }), expect: { path: ['action'], severity: 'error', target: 'key', says: 'Did you mean "actions"?' } },
  ],
  length: [
    { name: 'a short role ARN', problems: () => validateCreateMitigationAction(createRequest({ roleArn: 'role/short' })), expect: { path: ['roleArn'], severity: 'error', says: 'Role ARN must be at least 20 characters long; it has 10' } },
    { name: 'an action name of 129 characters', problems: () => validateCreateMitigationAction(createRequest({ actionName: long(129) })), expect: { path: ['actionName'], severity: 'error', says: 'at most 128 characters' } },
    { name: 'an empty action name key', problems: () => validateMitigationFile({ actions: { '': { roleArn: ROLE, actionParams: PARAMS.sns } } }), expect: { path: ['actions', ''], severity: 'error', target: 'key', says: 'Action name must not be empty' } },
    { name: 'an SNS topic ARN over 350 characters', problems: () => validateCreateMitigationAction(createRequest({ actionParams: { publishFindingToSnsParams: { topicArn: TOPIC + long(350) } } })), expect: { path: ['actionParams', 'publishFindingToSnsParams', 'topicArn'], severity: 'error', says: 'SNS topic ARN must be at most 350 characters' } },
    { name: 'an audit task id of 41 characters', problems: () => validateStartAuditMitigationActionsTask(startRequest({ target: { auditTaskId: long(41) } })), expect: { path: ['target', 'auditTaskId'], severity: 'error', says: 'Audit task id must be at most 40 characters' } },
  ],
  pattern: [
    { name: 'a scheduled audit name with a space', problems: () => auditLoop({ scheduledAudits: { 'weekly audit': { frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] } } }), expect: { path: ['scheduledAudits', 'weekly audit'], severity: 'error', target: 'key', says: 'Scheduled audit name "weekly audit" may only contain letters, digits' } },
    { name: 'an action name with a space', problems: () => validateMitigationFile({ actions: { 'Notify me': { roleArn: ROLE, actionParams: PARAMS.sns } } }), expect: { path: ['actions', 'Notify me'], severity: 'error', target: 'key', says: 'may only contain letters, digits, "_" and "-"' } },
    { name: 'an audit task id with "_"', problems: () => validateStartAuditMitigationActionsTask(startRequest({ target: { auditTaskId: 'audit_1' } })), expect: { path: ['target', 'auditTaskId'], severity: 'error', says: 'no "_"' } },
    { name: 'a tag key with "#"', problems: () => validateCreateMitigationAction(createRequest({ tags: [{ Key: 'team#1', Value: 'x' }] })), expect: { path: ['tags', 0, 'Key'], severity: 'error', says: 'Tag key "team#1" may only contain' } },
    { name: 'a thing group name with a space', problems: () => validateCreateMitigationAction(createRequest({ actionParams: { addThingsToThingGroupParams: { thingGroupNames: ['Quarantine zone'] } } })), expect: { path: ['actionParams', 'addThingsToThingGroupParams', 'thingGroupNames', 0], severity: 'error', says: 'Thing group name' } },
  ],
  enum: [
    { name: 'a day of the week in words', problems: () => auditLoop({ scheduledAudits: { w: { frequency: 'WEEKLY', dayOfWeek: 'Monday', targetCheckNames: ['LOGGING_DISABLED_CHECK'] } } }), expect: { path: ['scheduledAudits', 'w', 'dayOfWeek'], severity: 'error', says: '"Monday" is not a valid DayOfWeek' } },
    { name: 'a misspelt log level', problems: () => validateCreateMitigationAction(createRequest({ actionParams: { enableIoTLoggingParams: { roleArnForLogging: LOGGING_ROLE, logLevel: 'WARNING' } } })), expect: { path: ['actionParams', 'enableIoTLoggingParams', 'logLevel'], severity: 'error', says: 'Expected one of: DEBUG, INFO, ERROR, WARN, DISABLED', suggestions: ['WARN'] } },
    { name: 'a policy template other than BLANK_POLICY', problems: () => validateCreateMitigationAction(createRequest({ actionParams: { replaceDefaultPolicyVersionParams: { templateName: 'EMPTY' } } })), expect: { path: ['actionParams', 'replaceDefaultPolicyVersionParams', 'templateName'], severity: 'error', says: 'not a valid PolicyTemplateName', suggestions: ['BLANK_POLICY'] } },
  ],
  'list-size': [
    { name: 'a schedule with no checks', problems: () => auditLoop({ scheduledAudits: { d: { frequency: 'DAILY', targetCheckNames: [] } } }), expect: { path: ['scheduledAudits', 'd', 'targetCheckNames'], severity: 'error', target: 'key', says: 'targetCheckNames must name at least one audit check' } },
    { name: '26 finding ids', problems: () => validateStartAuditMitigationActionsTask(startRequest({ target: { findingIds: Array.from({ length: 26 }, (_, i) => `f${i}`) } })), expect: { path: ['target', 'findingIds'], severity: 'error', says: 'findingIds must hold 1 to 25 finding ids; it holds 26' } },
    { name: 'six actions for a check', problems: () => validateStartAuditMitigationActionsTask(startRequest({ auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['A', 'B', 'C', 'D', 'E', 'F'] } })), expect: { path: ['auditCheckToActionsMapping', 'LOGGING_DISABLED_CHECK'], severity: 'error', says: '1 to 5 action names; it holds 6' } },
    { name: 'eleven thing groups', problems: () => validateCreateMitigationAction(createRequest({ actionParams: { addThingsToThingGroupParams: { thingGroupNames: Array.from({ length: 11 }, (_, i) => `G${i}`) } } })), expect: { path: ['actionParams', 'addThingsToThingGroupParams', 'thingGroupNames'], severity: 'error', says: '1 to 10 thing group names' } },
    { name: 'an empty mapping', problems: () => validateStartAuditMitigationActionsTask(startRequest({ auditCheckToActionsMapping: {} })), expect: { path: ['auditCheckToActionsMapping'], severity: 'error', says: 'at least 1 entry' } },
  ],
  range: [
    { name: 'an expiry threshold under 30 days', problems: () => auditLoop({ auditConfiguration: { auditCheckConfigurations: { DEVICE_CERTIFICATE_EXPIRING_CHECK: { configuration: { CERT_EXPIRATION_THRESHOLD_IN_DAYS: '7' } } } } }), expect: { path: ['auditConfiguration', 'auditCheckConfigurations', 'DEVICE_CERTIFICATE_EXPIRING_CHECK', 'configuration', 'CERT_EXPIRATION_THRESHOLD_IN_DAYS'], severity: 'error', says: 'CERT_EXPIRATION_THRESHOLD_IN_DAYS is a whole number of days from 30 to 3652 (default 30), written as a string; it is "7"' } },
    { name: 'an age threshold that is not a number', problems: () => auditLoop({ auditConfiguration: { auditCheckConfigurations: { DEVICE_CERTIFICATE_AGE_CHECK: { configuration: { CERT_AGE_THRESHOLD_IN_DAYS: 'a year' } } } } }), expect: { path: ['auditConfiguration', 'auditCheckConfigurations', 'DEVICE_CERTIFICATE_AGE_CHECK', 'configuration', 'CERT_AGE_THRESHOLD_IN_DAYS'], severity: 'error', says: 'from 30 to 3652 (default 365)' } },
  ],
  'params-count': [
    { name: 'two params types', problems: () => validateCreateMitigationAction(createRequest({ actionParams: { ...PARAMS.sns, ...PARAMS.deactivate } })), expect: { path: ['actionParams', 'updateDeviceCertificateParams'], severity: 'error', target: 'key', says: 'exactly one change type' } },
    { name: 'no params type', problems: () => validateCreateMitigationAction(createRequest({ actionParams: {} })), expect: { path: ['actionParams'], severity: 'error', target: 'key', says: 'must set exactly one action type' } },
  ],
  'unknown-check': [
    { name: 'a misspelt check in targetCheckNames', problems: () => auditLoop({ scheduledAudits: { d: { frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLE_CHECK'] } } }), expect: { path: ['scheduledAudits', 'd', 'targetCheckNames', 0], severity: 'error', target: 'value', says: 'Did you mean LOGGING_DISABLED_CHECK?', suggestions: ['LOGGING_DISABLED_CHECK'] } },
    { name: 'an unknown check in auditCheckConfigurations', problems: () => auditLoop({ auditConfiguration: { auditCheckConfigurations: { NO_SUCH_CHECK: { enabled: true } } } }), expect: { path: ['auditConfiguration', 'auditCheckConfigurations', 'NO_SUCH_CHECK'], severity: 'error', target: 'key', says: 'is not a Device Defender audit check' } },
    { name: 'a misspelt check in a file', problems: () => validateMitigationFile(mitigationFile(fileTask({ DEVICE_CERT_SHARED_CHECK: ['Notify'] }))), expect: { path: ['tasks', 't', 'auditCheckToActionsMapping', 'DEVICE_CERT_SHARED_CHECK'], severity: 'error', target: 'key', says: 'Did you mean DEVICE_CERTIFICATE_SHARED_CHECK?', suggestions: ['DEVICE_CERTIFICATE_SHARED_CHECK'] } },
    { name: 'an unknown check in a reason code filter', problems: () => validateStartAuditMitigationActionsTask(startRequest({ target: { auditTaskId: AUDIT, auditCheckToReasonCodeFilter: { NOPE: ['X'] } } })), expect: { path: ['target', 'auditCheckToReasonCodeFilter', 'NOPE'], severity: 'error', target: 'key', says: 'is not a Device Defender audit check' } },
  ],
  'legacy-check': [
    { name: 'an old doc name', problems: () => validateMitigationFile(mitigationFile(fileTask({ DEVICE_CERT_APPROACHING_EXPIRATION_CHECK: ['Quarantine'] }))), expect: { path: ['tasks', 't', 'auditCheckToActionsMapping', 'DEVICE_CERT_APPROACHING_EXPIRATION_CHECK'], severity: 'error', target: 'key', says: 'the API calls this check DEVICE_CERTIFICATE_EXPIRING_CHECK', suggestions: ['DEVICE_CERTIFICATE_EXPIRING_CHECK'] } },
  ],
  'action-not-applicable': [
    { name: 'logging for a shared certificate', problems: () => validateMitigationFile(mitigationFile(fileTask({ DEVICE_CERTIFICATE_SHARED_CHECK: ['Notify', 'EnableLogging'] }))), expect: { path: ['tasks', 't', 'auditCheckToActionsMapping', 'DEVICE_CERTIFICATE_SHARED_CHECK', 1], severity: 'error', says: 'EnableLogging" is ENABLE_IOT_LOGGING, which does not apply to DEVICE_CERTIFICATE_SHARED_CHECK' } },
    { name: 'an account action of the wrong type', problems: () => validateStartAuditMitigationActionsTask(startRequest({ auditCheckToActionsMapping: { CONFLICTING_CLIENT_IDS_CHECK: ['Quarantine'] } }), { account: account({ Quarantine: 'ADD_THINGS_TO_THING_GROUP' }) }), expect: { path: ['auditCheckToActionsMapping', 'CONFLICTING_CLIENT_IDS_CHECK', 0], severity: 'error', says: 'That check accepts: PUBLISH_FINDING_TO_SNS' } },
    { name: 'a legacy alias still gets its API check\'s rules', problems: () => validateMitigationFile(mitigationFile(fileTask({ REVOKED_CA_CERT_CHECK: ['Quarantine'] }))), expect: { path: ['tasks', 't', 'auditCheckToActionsMapping', 'REVOKED_CA_CERT_CHECK', 0], severity: 'error', says: 'does not apply to REVOKED_CA_CERTIFICATE_STILL_ACTIVE_CHECK' } },
  ],
  'undefined-action': [
    { name: 'no account known: a warning', problems: () => validateMitigationFile(mitigationFile(fileTask({ LOGGING_DISABLED_CHECK: ['Notfy'] }))), expect: { path: ['tasks', 't', 'auditCheckToActionsMapping', 'LOGGING_DISABLED_CHECK', 0], severity: 'warning', says: 'it must already exist in the account when the task starts. Did you mean "Notify"?', suggestions: ['Notify'] } },
    { name: 'an account without it: an error', problems: () => validateMitigationFile(mitigationFile(fileTask({ LOGGING_DISABLED_CHECK: ['Missing'] })), { account: account({}) }), expect: { path: ['tasks', 't', 'auditCheckToActionsMapping', 'LOGGING_DISABLED_CHECK', 0], severity: 'error', says: 'not defined in this file nor in the account' } },
    { name: 'a start request without an account: a warning', problems: () => validateStartAuditMitigationActionsTask(startRequest()), expect: { path: ['auditCheckToActionsMapping', 'LOGGING_DISABLED_CHECK', 0], severity: 'warning', says: 'Action "Notify" is not defined' } },
  ],
  'duplicate-action-in-list': [
    { name: 'an action listed twice for a check', problems: () => validateMitigationFile(mitigationFile(fileTask({ LOGGING_DISABLED_CHECK: ['Notify', 'Notify'] }))), expect: { path: ['tasks', 't', 'auditCheckToActionsMapping', 'LOGGING_DISABLED_CHECK', 1], severity: 'warning', says: 'it would run twice' } },
    { name: 'a thing group listed twice', problems: () => validateCreateMitigationAction(createRequest({ actionParams: { addThingsToThingGroupParams: { thingGroupNames: ['Q', 'Q'] } } })), expect: { path: ['actionParams', 'addThingsToThingGroupParams', 'thingGroupNames', 1], severity: 'warning', says: 'Thing group "Q" is listed twice' } },
  ],
  'unknown-reason-code': [
    { name: 'a code of another check', problems: () => validateStartAuditMitigationActionsTask(startRequest({ target: { auditTaskId: AUDIT, auditCheckToReasonCodeFilter: { LOGGING_DISABLED_CHECK: ['LOGGING_DISABLED', 'CERTIFICATE_PAST_EXPIRATION'] } } })), expect: { path: ['target', 'auditCheckToReasonCodeFilter', 'LOGGING_DISABLED_CHECK', 1], severity: 'error', says: 'not a reason code of LOGGING_DISABLED_CHECK. Its codes: LOGGING_DISABLED', suggestions: ['LOGGING_DISABLED'] } },
  ],
  'target-combination': [
    { name: 'findingIds with auditTaskId', problems: () => validateStartAuditMitigationActionsTask(startRequest({ target: { auditTaskId: AUDIT, findingIds: ['f1'] } })), expect: { path: ['target', 'findingIds'], severity: 'error', target: 'key', says: 'either findingIds or an auditTaskId' } },
    { name: 'findingIds with a filter', problems: () => validateMitigationFile(mitigationFile(fileTask({ LOGGING_DISABLED_CHECK: ['Notify'] }, { findingIds: ['f1'], auditCheckToReasonCodeFilter: { LOGGING_DISABLED_CHECK: ['LOGGING_DISABLED'] } }))), expect: { path: ['tasks', 't', 'target', 'auditCheckToReasonCodeFilter'], severity: 'error', target: 'key', says: 'cannot be combined with findingIds' } },
    { name: 'a start request naming neither', problems: () => validateStartAuditMitigationActionsTask(startRequest({ target: {} })), expect: { path: ['target'], severity: 'error', target: 'key', says: 'must name an auditTaskId or a list of findingIds', missing: ['auditTaskId'] } },
    { name: 'a start request filtering without an audit', problems: () => validateStartAuditMitigationActionsTask(startRequest({ target: { auditCheckToReasonCodeFilter: { LOGGING_DISABLED_CHECK: ['LOGGING_DISABLED'] } } })), expect: { path: ['target'], severity: 'error', target: 'key', says: 'auditCheckToReasonCodeFilter needs an auditTaskId' } },
  ],
  'filter-without-mapping': [
    { name: 'a filtered check with no actions', problems: () => validateMitigationFile(mitigationFile(fileTask({ LOGGING_DISABLED_CHECK: ['Notify'] }, { auditTaskId: AUDIT, auditCheckToReasonCodeFilter: { CONFLICTING_CLIENT_IDS_CHECK: ['DUPLICATE_CLIENT_ID_ACROSS_CONNECTIONS'] } }))), expect: { path: ['tasks', 't', 'target', 'auditCheckToReasonCodeFilter', 'CONFLICTING_CLIENT_IDS_CHECK'], severity: 'warning', target: 'key', says: 'has no actions in auditCheckToActionsMapping' } },
  ],
  'arn-format': [
    { name: 'a topic name instead of an ARN', problems: () => validateCreateMitigationAction(createRequest({ actionParams: { publishFindingToSnsParams: { topicArn: 'DeviceDefenderFindings' } } })), expect: { path: ['actionParams', 'publishFindingToSnsParams', 'topicArn'], severity: 'warning', says: 'is not an ARN. An SNS topic ARN looks like arn:aws:sns:REGION:ACCOUNT:TOPIC' } },
    { name: 'a role name instead of an ARN', problems: () => validateCreateMitigationAction(createRequest({ roleArn: 'IoTMitigationRole-with-a-long-name' })), expect: { path: ['roleArn'], severity: 'warning', says: 'An IAM role ARN looks like arn:aws:iam::ACCOUNT:role/NAME' } },
  ],
  'arn-service': [
    { name: 'a notification target that is no SNS topic', problems: () => auditLoop({ auditConfiguration: { auditNotificationTargetConfigurations: { SNS: { targetArn: 'arn:aws:sqs:us-east-1:123456789012:audits', roleArn: ROLE, enabled: true } } } }), expect: { path: ['auditConfiguration', 'auditNotificationTargetConfigurations', 'SNS', 'targetArn'], severity: 'warning', says: 'Audit notifications go to an SNS topic' } },
    { name: 'an audit role that is a user', problems: () => auditLoop({ auditConfiguration: { roleArn: 'arn:aws:iam::123456789012:user/auditor' } }), expect: { path: ['auditConfiguration', 'roleArn'], severity: 'warning', says: 'This must be an IAM role ARN' } },
    { name: 'a topic ARN as the role', problems: () => validateCreateMitigationAction(createRequest({ roleArn: TOPIC })), expect: { path: ['roleArn'], severity: 'warning', says: 'must be an IAM role ARN' } },
    { name: 'a role ARN as the logging role is fine, a user ARN is not', problems: () => validateCreateMitigationAction(createRequest({ actionParams: { enableIoTLoggingParams: { roleArnForLogging: 'arn:aws:iam::123456789012:user/bob', logLevel: 'INFO' } } })), expect: { path: ['actionParams', 'enableIoTLoggingParams', 'roleArnForLogging'], severity: 'warning', says: 'must be an IAM role ARN' } },
    { name: 'a role ARN as the topic', problems: () => validateCreateMitigationAction(createRequest({ actionParams: { publishFindingToSnsParams: { topicArn: ROLE } } })), expect: { path: ['actionParams', 'publishFindingToSnsParams', 'topicArn'], severity: 'warning', says: 'this ARN belongs to the iam service' } },
    { name: 'an SNS subscription ARN as the topic', problems: () => validateCreateMitigationAction(createRequest({ actionParams: { publishFindingToSnsParams: { topicArn: `${TOPIC}:0b9c7a4e-1f2d-4a51-9a8e-3c2b1d0e9f87` } } })), expect: { path: ['actionParams', 'publishFindingToSnsParams', 'topicArn'], severity: 'warning', says: 'not a subscription' } },
  ],
  'log-level-disabled': [
    { name: 'ENABLE_IOT_LOGGING with DISABLED', problems: () => validateCreateMitigationAction(createRequest({ actionParams: { enableIoTLoggingParams: { roleArnForLogging: LOGGING_ROLE, logLevel: 'DISABLED' } } })), expect: { path: ['actionParams', 'enableIoTLoggingParams', 'logLevel'], severity: 'error', says: 'cannot set logLevel DISABLED', suggestions: ['ERROR', 'WARN', 'INFO', 'DEBUG'] } },
  ],
  'action-quota': [
    {
      name: `${QUOTAS.mitigationActionsPerAccount + 1} actions in one file`,
      problems: () => validateMitigationFile({ actions: Object.fromEntries(Array.from({ length: QUOTAS.mitigationActionsPerAccount + 1 }, (_, i) => [`A${i}`, { roleArn: ROLE, actionParams: PARAMS.sns }])) }),
      expect: { path: ['actions'], severity: 'error', target: 'key', says: 'at most 100 mitigation actions (not adjustable)' },
    },
  ],
  'task-name-length': [
    { name: 'a task name with no room for the timestamp', problems: () => validateMitigationFile({ tasks: { [long(MAX_TASK_NAME_LENGTH + 1)]: { target: {}, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['A'] } } } }), expect: { path: ['tasks', long(MAX_TASK_NAME_LENGTH + 1)], severity: 'error', target: 'key', says: `at most ${MAX_TASK_NAME_LENGTH} leave room for the timestamp` } },
  ],
  'tags-in-update': [
    {
      name: 'tags in a file named update-mitigation-action.json',
      problems: () => validateDocument({ actionName: 'A', roleArn: ROLE, tags: [{ Key: 'team', Value: 'iot' }] }, { fileName: 'file:///work/quarantine.update-mitigation-action.json' }).problems,
      expect: { path: ['tags'], severity: 'error', target: 'key', says: 'update-mitigation-action takes no "tags"' },
    },
  ],
  'unknown-document': [
    { name: 'a number', problems: () => validateDocument(42).problems, expect: { path: [], severity: 'error', says: 'a mitigation file or an AWS CLI --cli-input-json document' } },
    { name: 'an array', problems: () => validateDocument([]).problems, expect: { path: [], severity: 'error', says: 'Expected a JSON object' } },
  ],
  'check-disabled': [
    { name: 'a schedule running a check the file disables', problems: () => auditLoop({ auditConfiguration: LOGGING_OFF, scheduledAudits: { daily: { frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] } } }), expect: { path: ['scheduledAudits', 'daily', 'targetCheckNames', 0], severity: 'error', says: 'a scheduled audit can only run enabled checks' } },
    { name: 'a suppression of a disabled check', problems: () => auditLoop({ auditConfiguration: { auditCheckConfigurations: { DEVICE_CERTIFICATE_EXPIRING_CHECK: { enabled: false } } }, suppressions: [suppression()] }), expect: { path: ['suppressions', 0, 'checkName'], severity: 'error', says: 'a suppression can only name an enabled check' } },
    { name: 'a task mapping a disabled check', problems: () => validateMitigationFile({ ...mitigationFile(fileTask({ LOGGING_DISABLED_CHECK: ['EnableLogging'] })), auditConfiguration: LOGGING_OFF }), expect: { path: ['tasks', 't', 'auditCheckToActionsMapping', 'LOGGING_DISABLED_CHECK'], severity: 'warning', target: 'key', says: 'audits find nothing for this task to mitigate' } },
  ],
  'check-configuration': [
    { name: 'a threshold on a check that takes none', problems: () => auditLoop({ auditConfiguration: { auditCheckConfigurations: { LOGGING_DISABLED_CHECK: { enabled: true, configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '60' } } } } }), expect: { path: ['auditConfiguration', 'auditCheckConfigurations', 'LOGGING_DISABLED_CHECK', 'configuration', 'CERT_AGE_THRESHOLD_IN_DAYS'], severity: 'error', target: 'key', says: 'LOGGING_DISABLED_CHECK takes no configuration' } },
    { name: "the other check's threshold", problems: () => auditLoop({ auditConfiguration: { auditCheckConfigurations: { DEVICE_CERTIFICATE_EXPIRING_CHECK: { configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '60' } } } } }), expect: { path: ['auditConfiguration', 'auditCheckConfigurations', 'DEVICE_CERTIFICATE_EXPIRING_CHECK', 'configuration', 'CERT_AGE_THRESHOLD_IN_DAYS'], severity: 'error', target: 'key', says: 'its threshold is CERT_EXPIRATION_THRESHOLD_IN_DAYS', suggestions: ['CERT_EXPIRATION_THRESHOLD_IN_DAYS'] } },
  ],
  'schedule-day': [
    { name: 'dayOfMonth on a WEEKLY audit', problems: () => auditLoop({ scheduledAudits: { w: { frequency: 'WEEKLY', dayOfWeek: 'MON', dayOfMonth: '1', targetCheckNames: ['LOGGING_DISABLED_CHECK'] } } }), expect: { path: ['scheduledAudits', 'w', 'dayOfMonth'], severity: 'error', target: 'key', says: 'dayOfMonth applies to MONTHLY audits only; a WEEKLY audit runs on its dayOfWeek' } },
    { name: 'a BIWEEKLY audit without dayOfWeek', problems: () => auditLoop({ scheduledAudits: { b: { frequency: 'BIWEEKLY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] } } }), expect: { path: ['scheduledAudits', 'b', 'frequency'], severity: 'error', target: 'key', says: 'A BIWEEKLY scheduled audit needs dayOfWeek', missing: ['dayOfWeek'] } },
    { name: 'dayOfWeek on a MONTHLY audit', problems: () => auditLoop({ scheduledAudits: { m: { frequency: 'MONTHLY', dayOfMonth: 'LAST', dayOfWeek: 'FRI', targetCheckNames: ['LOGGING_DISABLED_CHECK'] } } }), expect: { path: ['scheduledAudits', 'm', 'dayOfWeek'], severity: 'error', target: 'key', says: 'dayOfWeek applies to WEEKLY and BIWEEKLY audits only; a MONTHLY audit runs on its dayOfMonth' } },
    { name: 'dayOfWeek on a DAILY audit', problems: () => auditLoop({ scheduledAudits: { d: { frequency: 'DAILY', dayOfWeek: 'FRI', targetCheckNames: ['LOGGING_DISABLED_CHECK'] } } }), expect: { path: ['scheduledAudits', 'd', 'dayOfWeek'], severity: 'error', target: 'key', says: 'a DAILY audit runs every day' } },
    { name: 'a MONTHLY audit without dayOfMonth', problems: () => auditLoop({ scheduledAudits: { m: { frequency: 'MONTHLY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] } } }), expect: { path: ['scheduledAudits', 'm', 'frequency'], severity: 'error', target: 'key', says: 'needs dayOfMonth (1 to 31, or LAST)', missing: ['dayOfMonth'] } },
  ],
  'scheduled-audit-quota': [
    { name: 'six scheduled audits', problems: () => auditLoop({ scheduledAudits: Object.fromEntries(Array.from({ length: QUOTAS.scheduledAuditsPerAccount + 1 }, (_, i) => [`daily-${i}`, { frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] }])) }), expect: { path: ['scheduledAudits'], severity: 'error', target: 'key', says: 'defines 6 scheduled audits; an AWS account holds at most 5 per region' } },
  ],
  'duplicate-check': [
    { name: 'a check listed twice in targetCheckNames', problems: () => auditLoop({ scheduledAudits: { d: { frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK', 'LOGGING_DISABLED_CHECK'] } } }), expect: { path: ['scheduledAudits', 'd', 'targetCheckNames', 1], severity: 'warning', says: 'LOGGING_DISABLED_CHECK is already listed' } },
  ],
  'resource-identifier': [
    { name: 'a CA certificate id for a device certificate check', problems: () => auditLoop({ suppressions: [suppression({ resourceIdentifier: { caCertificateId: CERT } })] }), expect: { path: ['suppressions', 0, 'resourceIdentifier', 'caCertificateId'], severity: 'error', target: 'key', says: 'DEVICE_CERTIFICATE_EXPIRING_CHECK reports on DEVICE_CERTIFICATE resources, named by deviceCertificateId, not caCertificateId', suggestions: ['deviceCertificateId'] } },
    { name: 'an account id for a device certificate check (no rename: an account id is no certificate id)', problems: () => auditLoop({ suppressions: [suppression({ resourceIdentifier: { account: '123456789012' } })] }), expect: { path: ['suppressions', 0, 'resourceIdentifier', 'account'], severity: 'error', target: 'key', says: 'named by deviceCertificateId, not account (account names ACCOUNT_SETTINGS resources)', suggestions: [] } },
    { name: 'two resources in one identifier', problems: () => auditLoop({ suppressions: [suppression({ checkName: 'LOGGING_DISABLED_CHECK', resourceIdentifier: { account: '123456789012', clientId: 'sensor-1' } })] }), expect: { path: ['suppressions', 0, 'resourceIdentifier', 'clientId'], severity: 'error', target: 'key', says: 'A suppression names one resource: LOGGING_DISABLED_CHECK reports on ACCOUNT_SETTINGS resources, named by account, so remove clientId' } },
    { name: 'an empty identifier', problems: () => auditLoop({ suppressions: [suppression({ checkName: 'CONFLICTING_CLIENT_IDS_CHECK', resourceIdentifier: {} })] }), expect: { path: ['suppressions', 0, 'resourceIdentifier'], severity: 'error', target: 'key', says: 'named by clientId: add clientId' } },
  ],
  'suppression-terms': [
    { name: 'both an expiry and indefinitely', problems: () => auditLoop({ suppressions: [suppression({ suppressIndefinitely: true })] }), expect: { path: ['suppressions', 0, 'suppressIndefinitely'], severity: 'error', target: 'key', says: 'Give either expirationDate or "suppressIndefinitely": true, not both' } },
    { name: 'neither', problems: () => auditLoop({ suppressions: [suppression({ expirationDate: undefined })] }), expect: { path: ['suppressions', 0], severity: 'error', target: 'key', says: 'A suppression needs an expirationDate or "suppressIndefinitely": true' } },
    { name: 'indefinitely false and no expiry', problems: () => auditLoop({ suppressions: [suppression({ expirationDate: undefined, suppressIndefinitely: false })] }), expect: { path: ['suppressions', 0], severity: 'error', target: 'key', says: '"suppressIndefinitely" is false, so this suppression needs an expirationDate' } },
  ],
  'expiration-date': [
    { name: 'a date in words', problems: () => auditLoop({ suppressions: [suppression({ expirationDate: 'end of January' })] }), expect: { path: ['suppressions', 0, 'expirationDate'], severity: 'error', says: '"end of January" is not a date: write an ISO 8601 date such as 2027-01-31' } },
    { name: 'a day February does not have', problems: () => auditLoop({ suppressions: [suppression({ expirationDate: '2027-02-30' })] }), expect: { path: ['suppressions', 0, 'expirationDate'], severity: 'error', says: '"2027-02-30" is not a date' } },
  ],
  'expiration-past': [
    { name: 'an expiry before now', problems: () => auditLoop({ suppressions: [suppression({ expirationDate: '2026-11-30' })] }), expect: { path: ['suppressions', 0, 'expirationDate'], severity: 'error', says: 'This suppression expired on 2026-11-30 (today is 2026-12-02): the API accepts only a future expirationDate' } },
    { name: 'a date-time an hour ago', problems: () => auditLoop({ suppressions: [suppression({ expirationDate: '2026-12-02T11:00:00Z' })] }), expect: { path: ['suppressions', 0, 'expirationDate'], severity: 'error', says: 'expired on 2026-12-02T11:00:00Z' } },
  ],
  'missing-description': [
    { name: 'no description', problems: () => auditLoop({ suppressions: [suppression({ description: undefined })] }), expect: { path: ['suppressions', 0], severity: 'warning', target: 'key', says: 'This suppression gives no reason' } },
    { name: 'a blank description', problems: () => auditLoop({ suppressions: [suppression({ description: '  ' })] }), expect: { path: ['suppressions', 0, 'description'], severity: 'warning', says: 'The description is empty' } },
  ],
  'duplicate-suppression': [
    { name: 'the same check and resource twice', problems: () => auditLoop({ suppressions: [suppression(), suppression({ description: 'again' })] }), expect: { path: ['suppressions', 1, 'checkName'], severity: 'error', says: 'suppressions[0] already suppresses DEVICE_CERTIFICATE_EXPIRING_CHECK on this resource' } },
  ],
};

/** Wording that belongs to schemas and regexes, not to people writing mitigation files. */
const JARGON = /schema|regex|\^\[|\]\+\$|must match|oneOf|anyOf|additionalProperties|instancePath/i;

describe('every problem code, with path, severity and wording', () => {
  for (const [code, cases] of Object.entries(CASES) as [ProblemCode, (typeof CASES)[ProblemCode]][]) {
    if (!Array.isArray(cases)) {
      test(`${code}: not produced by any validator (${(cases as { unreachable: string }).unreachable})`, () => {
        // Kept visible so the gap is reported, and checked so it is noticed when it closes.
        const everyProblem = Object.values(CASES).filter(Array.isArray).flatMap((list) => (list as readonly Case[]).flatMap((item) => item.problems()));
        assert.ok(!everyProblem.some((problem) => problem.code === code));
      });
      continue;
    }
    describe(code, () => {
      for (const item of cases as readonly Case[]) {
        test(item.name, () => {
          const problems = item.problems();
          const match = problems.find((problem) => problem.code === code && JSON.stringify(problem.path) === JSON.stringify(item.expect.path));
          assert.ok(match, `no ${code} at ${JSON.stringify(item.expect.path)}; got ${JSON.stringify(problems, null, 1)}`);
          assert.equal(match.severity, item.expect.severity, 'severity');
          if (item.expect.target) assert.equal(match.target, item.expect.target, 'target');
          if (typeof item.expect.says === 'string') assert.ok(match.message.includes(item.expect.says), `message "${match.message}" lacks "${item.expect.says}"`);
          else assert.match(match.message, item.expect.says);
          // Only a problem about the $schema property itself may say "schema".
          const wording = item.expect.path.includes('$schema') ? match.message.replace(/schema/g, '') : match.message;
          assert.doesNotMatch(wording, JARGON, 'domain wording');
          assert.match(match.message, /[.?]$/, 'a full sentence');
          if (item.expect.suggestions) assert.deepEqual(match.suggestions?.slice(0, item.expect.suggestions.length), item.expect.suggestions, 'suggestions');
          if (item.expect.missing) assert.deepEqual(match.missing, item.expect.missing, 'missing');
        });
      }
    });
  }
});

describe('the document kind a file name tells', () => {
  test('a CLI input file named after its command is of that kind, whatever its keys', () => {
    const withTags = { actionName: 'A', roleArn: ROLE, actionParams: PARAMS.sns, tags: [{ Key: 'k' }] };
    assert.equal(detectDocumentKind(withTags), 'create-mitigation-action', 'by keys, tags mean a create');
    for (const name of ['update-mitigation-action.json', '/a/b/quarantine.update-mitigation-action.json', 'file:///w/prod-update-mitigation-action.json', 'C:/w/x_Update-Mitigation-Action.JSON']) {
      assert.equal(detectDocumentKind(withTags, name), 'update-mitigation-action', name);
    }
    assert.equal(detectDocumentKind({}, 'start-audit-mitigation-actions-task.json'), 'start-audit-mitigation-actions-task');
    assert.equal(detectDocumentKind({ roleArn: ROLE }, 'file:///w/create-mitigation-action.json'), 'create-mitigation-action');
    assert.equal(detectDocumentKind(withTags, 'file:///w/myupdate-mitigation-action.json'), 'create-mitigation-action', 'a name that only ends like a command tells nothing');
    assert.equal(detectDocumentKind({ tasks: {} }, 'update-mitigation-action.json'), 'mitigation-file', 'actions or tasks always make a mitigation file');
    assert.equal(detectDocumentKind([], 'update-mitigation-action.json'), 'unknown');
  });

  test('an update document without tags has no problem; with tags only that one, and the rest is still checked', () => {
    const name = 'update-mitigation-action.json';
    assert.deepEqual(validateDocument({ actionName: 'A', roleArn: ROLE }, { fileName: name }).problems, []);
    const problems = validateDocument({ actionName: 'A', roleArn: 'arn:aws:sns:us-east-1:123456789012:Topic', tags: [] }, { fileName: name }).problems;
    assert.deepEqual(problems.map((problem) => problem.code).sort(), ['arn-service', 'tags-in-update']);
    assert.equal(validateDocument({ actionName: 'A', roleArn: ROLE, tags: [] }, { fileName: name }).kind, 'update-mitigation-action');
  });
});

describe('valid inputs produce no problems', () => {
  test('the three audit-loop sections, every frequency and both kinds of expiry', () => {
    const sections = {
      auditConfiguration: {
        roleArn: 'arn:aws:iam::123456789012:role/AuditRole',
        auditNotificationTargetConfigurations: { SNS: { targetArn: TOPIC, roleArn: ROLE, enabled: true } },
        auditCheckConfigurations: {
          DEVICE_CERTIFICATE_EXPIRING_CHECK: { enabled: true, configuration: { CERT_EXPIRATION_THRESHOLD_IN_DAYS: '60' } },
          DEVICE_CERTIFICATE_AGE_CHECK: { enabled: true, configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '3652' } },
          LOGGING_DISABLED_CHECK: { enabled: true },
        },
      },
      scheduledAudits: {
        daily: { frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] },
        'weekly-critical': { frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: ['DEVICE_CERTIFICATE_EXPIRING_CHECK'], tags: [{ Key: 'team', Value: 'sec' }] },
        fortnightly: { frequency: 'BIWEEKLY', dayOfWeek: 'FRI', targetCheckNames: ['DEVICE_CERTIFICATE_AGE_CHECK'] },
        month_end: { frequency: 'MONTHLY', dayOfMonth: 'LAST', targetCheckNames: ['IOT_POLICY_OVERLY_PERMISSIVE_CHECK'] },
      },
      suppressions: [
        suppression(),
        suppression({ expirationDate: '2027-01-31T17:30:00+01:00', resourceIdentifier: { deviceCertificateId: CERT.replace('a1', 'b2') } }),
        { checkName: 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK', resourceIdentifier: { policyVersionIdentifier: { policyName: 'LabDevices', policyVersionId: '1' } }, suppressIndefinitely: true, description: 'lab devices only' },
        { checkName: 'LOGGING_DISABLED_CHECK', resourceIdentifier: { account: '123456789012' }, suppressIndefinitely: true, description: 'logging goes to our SIEM' },
      ],
    };
    assert.deepEqual(auditLoop(sections), []);
    assert.equal(detectDocumentKind({ suppressions: [] }), 'mitigation-file');
  });

  test('without `now`, an expiry is judged by the real clock', () => {
    assert.deepEqual(validateMitigationFile({ suppressions: [suppression({ expirationDate: '2999-12-31' })] }), []);
    assert.deepEqual(validateMitigationFile({ suppressions: [suppression({ expirationDate: '2001-01-01' })] }).map((problem) => problem.code), ['expiration-past']);
  });

  test('create requests, one per action type, with tags', () => {
    for (const params of Object.values(PARAMS)) assert.deepEqual(validateCreateMitigationAction(createRequest({ actionParams: params, tags: [{ Key: 'Équipe', Value: '' }] })), []);
  });

  test('update requests that change only the role or only the params', () => {
    assert.deepEqual(validateUpdateMitigationAction({ actionName: 'Notify', roleArn: ROLE }), []);
    assert.deepEqual(validateUpdateMitigationAction({ actionName: 'Notify', actionParams: PARAMS.blank }), []);
    assert.deepEqual(validateUpdateMitigationAction({ actionName: 'Notify' }), []);
  });

  test('start requests whose actions exist in the account', () => {
    const known = account({ Notify: 'PUBLISH_FINDING_TO_SNS', Deactivate: 'UPDATE_DEVICE_CERTIFICATE', Quarantine: 'ADD_THINGS_TO_THING_GROUP' });
    const mapping = { DEVICE_CERTIFICATE_SHARED_CHECK: ['Notify', 'Quarantine', 'Deactivate'] };
    assert.deepEqual(validateStartAuditMitigationActionsTask(startRequest({ auditCheckToActionsMapping: mapping }), { account: known }), []);
    assert.deepEqual(validateStartAuditMitigationActionsTask(startRequest({ target: { findingIds: ['ef4826b8-e55a-44b9-b460-5c485355371b'] }, auditCheckToActionsMapping: mapping }), { account: known }), []);
    const filtered = { auditTaskId: AUDIT, auditCheckToReasonCodeFilter: { DEVICE_CERTIFICATE_SHARED_CHECK: ['CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES'] } };
    assert.deepEqual(validateStartAuditMitigationActionsTask(startRequest({ target: filtered, auditCheckToActionsMapping: mapping }), { account: known }), []);
  });

  test('a mitigation file whose task leaves the audit to be chosen at start', () => {
    assert.deepEqual(validateMitigationFile(mitigationFile(fileTask({ DEVICE_CERTIFICATE_SHARED_CHECK: ['Notify', 'Quarantine'], LOGGING_DISABLED_CHECK: ['EnableLogging'] }))), []);
  });

  test('a file action resolves before the account, an account action when the file lacks it', () => {
    const known = account({ Deactivate: 'UPDATE_DEVICE_CERTIFICATE' });
    assert.deepEqual(validateMitigationFile(mitigationFile(fileTask({ DEVICE_CERTIFICATE_SHARED_CHECK: ['Notify', 'Deactivate'] })), { account: known }), []);
  });

  test('an empty file and a file with only $schema', () => {
    assert.deepEqual(validateMitigationFile({}), []);
    assert.deepEqual(validateDocument({ $schema: '../schemas/mitigation.schema.json' }).problems, []);
  });
});

describe('options', () => {
  test('unknownProperties: false leaves unknown members alone, as the API does', () => {
    const doc = mitigationFile({}, { X: { roleArn: ROLE, actionParams: PARAMS.sns, note: 'x' } });
    assert.ok(validateMitigationFile(doc).some((problem) => problem.code === 'unknown-property'));
    assert.deepEqual(validateMitigationFile({ ...doc, comment: 'x' }, { unknownProperties: false }), []);
  });

  test('errorsOnly keeps errors and drops warnings and unknown properties', () => {
    const problems = validateCreateMitigationAction(createRequest({ roleArn: TOPIC, extra: 1, actionParams: {} }));
    assert.deepEqual(errorsOnly(problems).map((problem) => problem.code), ['params-count']);
  });
});

describe('document kinds', () => {
  const KINDS: readonly [string, unknown, string][] = [
    ['a file with actions', { actions: {} }, 'mitigation-file'],
    ['a file with tasks', { tasks: {} }, 'mitigation-file'],
    ['an empty document', {}, 'mitigation-file'],
    ['a start request', { taskId: 't' }, 'start-audit-mitigation-actions-task'],
    ['a start request without taskId', { target: {}, auditCheckToActionsMapping: {} }, 'start-audit-mitigation-actions-task'],
    ['a create request with tags', { actionName: 'A', tags: [] }, 'create-mitigation-action'],
    ['a create request without name', { roleArn: ROLE, actionParams: PARAMS.sns }, 'create-mitigation-action'],
    ['an update of the params', { actionName: 'A', actionParams: PARAMS.sns }, 'update-mitigation-action'],
    ['an update of the role', { roleArn: ROLE }, 'update-mitigation-action'],
    ['null', null, 'unknown'],
    ['a string', 'x', 'unknown'],
  ];
  for (const [name, doc, kind] of KINDS) {
    test(name, () => assert.equal(detectDocumentKind(doc), kind));
  }

  test('CLI documents may leave out the flags the CLI fills in, and carry $schema', () => {
    const start = { $schema: '../schemas/mitigation.schema.json', target: { auditTaskId: AUDIT }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Notify'] } };
    const result = validateDocument(start, { account: account({ Notify: 'PUBLISH_FINDING_TO_SNS' }) });
    assert.equal(result.kind, 'start-audit-mitigation-actions-task');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(validateDocument({ roleArn: ROLE, actionParams: PARAMS.sns }).problems, []);
    assert.deepEqual(validateDocument({ actionParams: PARAMS.sns }).problems, []);
  });

  test('a CLI start document still needs a target that names something', () => {
    const { problems } = validateDocument({ target: {}, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Notify'] } });
    assert.ok(problems.some((problem) => problem.code === 'target-combination' && problem.severity === 'error'));
  });

  test('localActionTypes derives each file action\'s type from its params', () => {
    const types = localActionTypes(mitigationFile({}, { Broken: { roleArn: ROLE, actionParams: {} } }));
    assert.deepEqual(Object.fromEntries(types), { Notify: 'PUBLISH_FINDING_TO_SNS', Quarantine: 'ADD_THINGS_TO_THING_GROUP', EnableLogging: 'ENABLE_IOT_LOGGING', Broken: undefined });
  });
});

describe('names that are also Object.prototype members', () => {
  test('are unknown keys, checks and reason codes, not crashes', () => {
    const { problems } = validateDocument({
      actions: {
        A: { roleArn: 'arn:aws:iam::123456789012:role/IoTMitigationRole', actionParams: { constructor: {}, toString: {} }, constructor: 1 },
      },
      tasks: {
        t: {
          target: { auditTaskId: 'a1', auditCheckToReasonCodeFilter: { constructor: ['x'] } },
          auditCheckToActionsMapping: { toString: ['A'], hasOwnProperty: ['A'] },
        },
      },
    });
    const codes = problems.map((problem) => `${problem.code} ${problem.path.join('.')}`);
    assert.ok(codes.includes('unknown-property actions.A.actionParams.constructor'), codes.join('\n'));
    assert.ok(codes.includes('unknown-property actions.A.constructor'), codes.join('\n'));
    assert.ok(codes.includes('params-count actions.A.actionParams'), codes.join('\n'));
    assert.ok(codes.includes('unknown-check tasks.t.auditCheckToActionsMapping.toString'), codes.join('\n'));
    assert.ok(codes.includes('unknown-check tasks.t.target.auditCheckToReasonCodeFilter.constructor'), codes.join('\n'));
    assert.ok(!codes.some((code) => code.startsWith('legacy-check')), codes.join('\n'));
  });
});

describe('problem paths', () => {
  test('each problem keeps the path it was found at while the walk goes deeper and back up', () => {
    const problems = validateMitigationFile(
      mitigationFile(
        {
          t: {
            target: { auditTaskId: 'a1' },
            auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['EnableLogging', 'EnableLogging', 'Missing'] },
          },
        },
        {
          Tagged: {
            roleArn: ROLE,
            actionParams: { addThingsToThingGroupParams: { thingGroupNames: ['Q', 'R', 'Q'] } },
            tags: [{ Key: '', Value: 'v' }, { Key: 'k', Value: 7 }],
          },
        },
      ),
    );
    assert.deepEqual(
      problems.map((problem) => `${problem.code} ${JSON.stringify(problem.path)}`),
      [
        'length ["actions","Tagged","tags",0,"Key"]',
        'type ["actions","Tagged","tags",1,"Value"]',
        'duplicate-action-in-list ["actions","Tagged","actionParams","addThingsToThingGroupParams","thingGroupNames",2]',
        'duplicate-action-in-list ["tasks","t","auditCheckToActionsMapping","LOGGING_DISABLED_CHECK",1]',
        'undefined-action ["tasks","t","auditCheckToActionsMapping","LOGGING_DISABLED_CHECK",2]',
      ],
    );
  });
});
