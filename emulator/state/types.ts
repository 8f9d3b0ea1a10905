/**
 * The entities of one account+region. Times are epoch milliseconds. Members not in the AWS
 * shapes (key vulnerabilities, revocation by the issuer, role permissions...) are what the
 * audit checks look at; the API never returns them.
 */
import type {
  AuditCheckRunStatus,
  AuditFrequency,
  AuditFindingSeverity,
  AuditMitigationActionsExecutionStatus,
  AuditMitigationActionsTaskStatus,
  AuditTaskStatus,
  AuditTaskType,
  CertificateStatus,
  DayOfWeek,
  MitigationActionType,
} from '../../common/model';

export type { CertificateStatus };

export interface Thing {
  thingName: string;
  thingId: string;
  thingArn: string;
  thingTypeName?: string;
  attributes: Record<string, string>;
  version: number;
  billingGroupName?: string;
  /** Static and dynamic groups the thing belongs to, in the order it joined them. */
  groupNames: string[];
  /** Attached certificate ids (principals). */
  principals: string[];
  creationDate: number;
}

export interface Tag {
  Key: string;
  Value?: string;
}

export interface ThingType {
  thingTypeName: string;
  thingTypeId: string;
  thingTypeArn: string;
  /** A deprecated type cannot be given to new things. */
  deprecated: boolean;
  creationDate: number;
}

export interface BillingGroup {
  billingGroupName: string;
  billingGroupId: string;
  billingGroupArn: string;
  creationDate: number;
}

export interface ThingGroup {
  groupName: string;
  groupId: string;
  groupArn: string;
  parentGroupName?: string;
  /** Topmost ancestor: a thing may be in only one group of a hierarchy. */
  rootGroupName: string;
  dynamic: boolean;
  queryString?: string;
  description?: string;
  attributes: Record<string, string>;
  tags?: Tag[];
  creationDate: number;
}

/** What device and CA certificates both hold. */
export interface CertificateBase {
  certificateId: string;
  certificateArn: string;
  creationDate: number;
  lastModifiedDate: number;
  notBefore: number;
  notAfter: number;
  customerVersion: number;
  /** CVE reason code when the key is known to be weak, e.g. CERTIFICATE_KEY_VULNERABILITY_CVE-2008-0166. */
  keyVulnerability?: string;
  /** The issuing CA put it on its revocation list (AWS IoT still has it ACTIVE). */
  revokedByIssuer?: boolean;
}

export interface Certificate extends CertificateBase {
  status: CertificateStatus;
  caCertificateId?: string;
  /** An intermediate CA of its chain was revoked by its issuer. */
  intermediateCaRevoked?: boolean;
}

export interface CaCertificate extends CertificateBase {
  status: 'ACTIVE' | 'INACTIVE';
  autoRegistrationStatus: 'ENABLE' | 'DISABLE';
}

export interface PolicyVersion {
  versionId: string;
  document: string;
  createDate: number;
}

export interface Policy {
  policyName: string;
  policyArn: string;
  versions: PolicyVersion[];
  defaultVersionId: string;
  creationDate: number;
  lastModifiedDate: number;
}

/** An IAM role as far as the emulator needs it: the actions its policies allow. */
export interface IamRole {
  roleArn: string;
  /** IAM actions, with "*" wildcards, e.g. "iot:UpdateCertificate", "iot:*", "sns:Publish". */
  permissions: string[];
}

/** One MQTT connection seen by the broker (the data behind the shared-certificate and client-id checks). */
export interface Connection {
  connectionId: string;
  clientId: string;
  certificateId: string;
  thingName?: string;
  sourceIp?: string;
  connectedAt: number;
  /** Absent while still connected. */
  disconnectedAt?: number;
}

export interface CognitoIdentityPool {
  identityPoolId: string;
  authenticatedRoleArn?: string;
  unauthenticatedRoleArn?: string;
}

export interface RoleAlias {
  roleAlias: string;
  roleAliasArn: string;
  roleArn: string;
  /** AWS services the devices called through this alias in the last year, e.g. ["s3"]. */
  usedServices: string[];
}

export interface AuditSuppression {
  suppressionId: string;
  checkName: string;
  resourceIdentifier: Record<string, unknown>;
  /** When it stops suppressing; absent: it suppresses indefinitely (seeded suppressions carry neither term). */
  expirationDate?: number;
  suppressIndefinitely?: boolean;
  description?: string;
  /** The CreateAuditSuppression token, so a retried create is recognised. */
  clientRequestToken?: string;
}

export interface ScheduledAudit {
  scheduledAuditName: string;
  scheduledAuditArn: string;
  frequency: AuditFrequency;
  dayOfMonth?: string;
  dayOfWeek?: DayOfWeek;
  targetCheckNames: string[];
  tags: Tag[];
  creationDate: number;
  /** The emulator-clock time of the next run (audit/scheduler.ts); not part of the API. */
  nextRunTime: number;
}

export interface LogEventConfiguration {
  eventType: string;
  logLevel?: string;
  logDestination?: string;
}

export interface LoggingOptions {
  roleArn?: string;
  defaultLogLevel?: string;
  disableAllLogs: boolean;
  eventConfigurations?: LogEventConfiguration[];
}

export interface AuditCheckConfiguration {
  enabled: boolean;
  configuration?: Record<string, string>;
}

export interface AuditNotificationTarget {
  targetArn?: string;
  roleArn?: string;
  enabled: boolean;
}

export interface AuditConfiguration {
  roleArn?: string;
  notifications: Record<string, AuditNotificationTarget>;
  checks: Record<string, AuditCheckConfiguration>;
}

export interface MitigationAction {
  actionName: string;
  actionId: string;
  actionArn: string;
  actionType: MitigationActionType;
  roleArn: string;
  actionParams: Record<string, unknown>;
  tags: Tag[];
  creationDate: number;
  lastModifiedDate: number;
}


interface AuditCheckDetails {
  checkRunStatus: AuditCheckRunStatus;
  checkCompliant?: boolean;
  totalResourcesCount?: number;
  nonCompliantResourcesCount?: number;
  suppressedNonCompliantResourcesCount?: number;
  errorCode?: string;
  message?: string;
}

export interface AuditTask {
  taskId: string;
  taskType: AuditTaskType;
  taskStatus: AuditTaskStatus;
  taskStartTime: number;
  scheduledAuditName?: string;
  targetCheckNames: string[];
  auditDetails: Record<string, AuditCheckDetails>;
}

export interface ResourceRef {
  resourceType: string;
  resourceIdentifier: Record<string, unknown>;
  additionalInfo?: Record<string, string>;
}

export interface AuditFinding {
  findingId: string;
  taskId: string;
  checkName: string;
  taskStartTime: number;
  findingTime: number;
  severity: AuditFindingSeverity;
  nonCompliantResource: ResourceRef;
  relatedResources: ResourceRef[];
  reasonForNonCompliance: string;
  reasonForNonComplianceCode: string;
  isSuppressed: boolean;
}

type TaskStatus = AuditMitigationActionsTaskStatus;
type ExecutionStatus = AuditMitigationActionsExecutionStatus;

export interface TaskStatistics {
  totalFindingsCount: number;
  failedFindingsCount: number;
  succeededFindingsCount: number;
  skippedFindingsCount: number;
  canceledFindingsCount: number;
}

/** The copy of an action a task keeps, so editing or deleting the action does not change the task. */
export interface ActionDefinition {
  name: string;
  id: string;
  roleArn: string;
  actionParams: Record<string, unknown>;
}

export interface MitigationTask {
  taskId: string;
  clientRequestToken: string;
  taskStatus: TaskStatus;
  startTime: number;
  endTime?: number;
  target: Record<string, unknown>;
  auditCheckToActionsMapping: Record<string, string[]>;
  actionsDefinition: ActionDefinition[];
  taskStatistics: Record<string, TaskStatistics>;
  /** How many findings the task mitigates; their ids, in order, are the task's plan (RegionState.taskPlans). */
  findingCount: number;
  /** Position in the plan of the next finding to process. */
  cursor: number;
  /**
   * The plan's check names as runs of equal neighbours ([check, how many findings]), so an
   * execution not yet run is known without a record of its own. Absent in tasks saved before
   * executions were derived: those have a PENDING record for every execution.
   */
  checkRuns?: [string, number][];
}

/**
 * A chunk of a task's plan run in one go: every execution of the findings at positions
 * [from, to) that has no record of its own COMPLETED at `time`. One small record per chunk
 * instead of one per execution is what keeps a 50,000-finding task cheap to run and journal.
 */
export interface ExecutionRun {
  taskId: string;
  from: number;
  to: number;
  time: number;
}

export interface Execution {
  taskId: string;
  findingId: string;
  checkName: string;
  actionName: string;
  actionId: string;
  status: ExecutionStatus;
  startTime?: number;
  endTime?: number;
  errorCode?: string;
  message?: string;
}

export interface SnsMessage {
  messageId: string;
  topicArn: string;
  subject: string;
  message: string;
  timestamp: number;
  /** Which task published it: a mitigation task (PUBLISH_FINDING_TO_SNS) or an audit (its notification). */
  taskId?: string;
}
