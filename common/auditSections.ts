/**
 * The audit loop's sections of a mitigation file, each the request members of the operation
 * that applies it: `auditConfiguration` (UpdateAccountAuditConfiguration), `scheduledAudits`
 * keyed by name (CreateScheduledAudit) and `suppressions` (CreateAuditSuppression). One
 * description for the validator, the language service and the schema generator.
 */
import {
  AuditCheckConfigurations,
  AuditCheckName,
  AuditDescription,
  AuditFrequencyShape,
  AuditNotificationTargetConfigurations,
  DayOfMonth,
  DayOfWeekShape,
  ResourceIdentifier,
  RoleArn,
  ScheduledAuditName,
  SuppressIndefinitely,
  TagList,
  TargetAuditCheckNames,
} from './model';
import type { ListShape, MapShape, StringShape, StructureShape } from './shapes';

/**
 * An expiry as the file writes it. The API takes epoch seconds; a file says a date people read,
 * which deploy turns into the timestamp (the validator checks it is a date).
 */
export const SuppressionExpirationDate: StringShape = { type: 'string', name: 'ExpirationDate' };

export const FileAuditConfigurationShape: StructureShape = {
  type: 'structure',
  name: 'auditConfiguration',
  members: {
    roleArn: { shape: RoleArn, description: 'The IAM role that grants AWS IoT Device Defender permission to read your devices, policies and settings when it audits.' },
    auditNotificationTargetConfigurations: {
      shape: AuditNotificationTargetConfigurations,
      description: 'Where audit notifications go: under "SNS", the topic (targetArn), the role that may publish to it, and whether notifications are enabled.',
    },
    auditCheckConfigurations: {
      shape: AuditCheckConfigurations,
      description: 'Which audit checks are enabled, keyed by check name, with the thresholds of the certificate age and expiry checks.',
    },
  },
};

export const FileScheduledAuditShape: StructureShape = {
  type: 'structure',
  name: 'scheduledAudit',
  members: {
    frequency: { shape: AuditFrequencyShape, required: true, description: 'How often the audit runs. The start time of each audit is chosen by the system.' },
    dayOfMonth: { shape: DayOfMonth, description: 'The day of the month a MONTHLY audit runs: 1 to 31, or LAST. A day past the end of a month runs on its last day.' },
    dayOfWeek: { shape: DayOfWeekShape, description: 'The day of the week a WEEKLY or BIWEEKLY audit runs.' },
    targetCheckNames: { shape: TargetAuditCheckNames, required: true, description: 'The audit checks the audit runs; each must be enabled in the account audit configuration.' },
    tags: { shape: TagList, description: 'Tags of the scheduled audit: [{"Key": ..., "Value": ...}]. A deploy makes the account\'s tags these; without "tags" it leaves them alone, and [] removes them.' },
  },
};

export const FileSuppressionShape: StructureShape = {
  type: 'structure',
  name: 'suppression',
  members: {
    checkName: { shape: AuditCheckName, required: true, description: 'The audit check whose findings on this resource are suppressed; it must be enabled.' },
    resourceIdentifier: { shape: ResourceIdentifier, required: true, description: 'The resource, by the one member that fits the check\'s resource type (e.g. deviceCertificateId for the device certificate checks).' },
    expirationDate: { shape: SuppressionExpirationDate, description: 'When the suppression ends: an ISO 8601 date (2027-01-31, midnight UTC) or date-time. Give this or suppressIndefinitely.' },
    suppressIndefinitely: { shape: SuppressIndefinitely, description: 'Suppress until the suppression is deleted. Give this (true) or expirationDate.' },
    description: { shape: AuditDescription, description: 'Why the findings are accepted: the reason reviewers read.' },
  },
};

export const ScheduledAuditsMap: MapShape = { type: 'map', name: 'scheduledAudits', key: ScheduledAuditName, value: FileScheduledAuditShape };
export const SuppressionsList: ListShape = { type: 'list', name: 'suppressions', item: FileSuppressionShape };

/** The top-level members of the audit loop's sections, for the mitigation file's envelope. */
export const AUDIT_SECTION_MEMBERS: StructureShape['members'] = {
  auditConfiguration: {
    shape: FileAuditConfigurationShape,
    description: 'The account audit configuration (UpdateAccountAuditConfiguration): the audit role, the SNS notification target and the enabled checks with their thresholds.',
  },
  scheduledAudits: {
    shape: ScheduledAuditsMap,
    description: 'Scheduled audits (CreateScheduledAudit), keyed by scheduledAuditName: when each runs and which checks.',
  },
  suppressions: {
    shape: SuppressionsList,
    description: 'Audit finding suppressions (CreateAuditSuppression): a check and resource whose findings are accepted, until an expiry or indefinitely, with the reason.',
  },
};
