/** The data a rehearsal passes around: what it copied from the account, and what it predicts. */
import type { MitigationActionType } from '../common/model';

export interface RehearsalAction {
  readonly name: string;
  readonly roleArn: string;
  readonly actionParams: Record<string, unknown>;
  readonly tags?: readonly { Key: string; Value?: string }[];
}

export interface RehearsalTarget {
  readonly auditTaskId?: string;
  readonly findingIds?: readonly string[];
  readonly auditCheckToReasonCodeFilter?: Readonly<Record<string, readonly string[]>>;
}

/** What to rehearse: a task of a mitigation file, with the file's actions. */
export interface RehearsalRequest {
  readonly taskName: string;
  readonly target: RehearsalTarget;
  readonly auditCheckToActionsMapping: Readonly<Record<string, readonly string[]>>;
  /** Actions defined in the file; mapped actions not among them are read from the account. */
  readonly actions: readonly RehearsalAction[];
  /** Overrides the task's auditTaskId (the audit picked when starting). */
  readonly auditTaskId?: string;
}

export interface ResourceRef {
  readonly resourceType?: string;
  readonly resourceIdentifier?: Record<string, unknown>;
  readonly additionalInfo?: Record<string, string>;
}

/** An audit finding as ListAuditFindings gives it (only what the twin needs). */
export interface CopiedFinding {
  readonly findingId: string;
  readonly taskId: string;
  readonly checkName: string;
  readonly severity?: string;
  readonly reasonForNonCompliance?: string;
  readonly reasonForNonComplianceCode: string;
  readonly isSuppressed: boolean;
  readonly nonCompliantResource: ResourceRef;
  readonly relatedResources: readonly ResourceRef[];
}

export interface CertificateState {
  readonly status: string;
  readonly caCertificateId?: string;
  readonly creationDate?: number;
  readonly notAfter?: number;
}

export interface ThingState {
  readonly attributes: Record<string, string>;
  readonly thingTypeName?: string;
  /** Group names in the order the account lists them. */
  readonly groupNames: readonly string[];
  /** The finding certificates attached to it (other principals are not read). */
  readonly certificateIds: readonly string[];
}

export interface ThingGroupState {
  readonly parentGroupName?: string;
  readonly dynamic: boolean;
  readonly queryString?: string;
}

export interface PolicyState {
  readonly defaultVersionId: string;
  readonly versions: readonly { readonly versionId: string; readonly document: string }[];
}

export interface LoggingState {
  readonly configured: boolean;
  readonly roleArn?: string;
  readonly defaultLogLevel?: string;
  readonly disableAllLogs?: boolean;
}

/** The resources the findings and actions name, as read at one moment. Maps keyed by id or name. */
export interface ResourceState {
  readonly certificates: Record<string, CertificateState>;
  readonly caCertificates: Record<string, CertificateState>;
  readonly things: Record<string, ThingState>;
  readonly thingGroups: Record<string, ThingGroupState>;
  readonly policies: Record<string, PolicyState>;
  readonly logging?: LoggingState;
  /** Names that were asked for and do not exist in the account. */
  readonly missing: readonly string[];
}

export interface SnapshotAction extends RehearsalAction {
  readonly type: MitigationActionType | undefined;
  readonly source: 'file' | 'account';
  /** Set when the account holds an action of that name whose parameters differ from the file's. */
  readonly accountDiffers?: boolean;
}

export interface Snapshot {
  readonly account?: string;
  readonly region: string;
  readonly takenAt: string;
  readonly target: RehearsalTarget;
  readonly findings: readonly CopiedFinding[];
  readonly actions: readonly SnapshotAction[];
  readonly resources: ResourceState;
  /** What the snapshot left out (bounds, unreadable resources, missing actions), in words. */
  readonly notCopied: readonly string[];
  /** Mitigation tasks in progress in the account when the snapshot was taken (undefined: not readable). */
  readonly runningTasks?: number;
}

export type PredictedStatus = 'COMPLETED' | 'FAILED' | 'SKIPPED' | 'CANCELED' | 'PENDING' | 'IN_PROGRESS';

export interface PredictedExecution {
  readonly actionName: string;
  readonly actionType?: MitigationActionType;
  readonly status: PredictedStatus;
  readonly errorCode?: string;
  readonly message?: string;
}

export interface ResourceChange {
  readonly kind: 'certificate' | 'caCertificate' | 'thing' | 'policy' | 'logging' | 'sns';
  /** Certificate id, thing, policy name, topic ARN, or "account" for logging. */
  readonly id: string;
  /** In words, e.g. "ACTIVE → INACTIVE", "joins Quarantine", "default version 3 → 4 (blank)". */
  readonly change: string;
}

/** MITIGATED: the task runs actions for it; SUPPRESSED and FILTERED: the task skips it. */
export type FindingDisposition = 'MITIGATED' | 'SUPPRESSED' | 'FILTERED';

export interface FindingPrediction {
  readonly findingId: string;
  readonly checkName: string;
  readonly reasonCode: string;
  readonly severity?: string;
  /** The non-compliant resource in words, e.g. "device certificate 1a2b3c…". */
  readonly resource: string;
  readonly disposition: FindingDisposition;
  readonly executions: readonly PredictedExecution[];
  readonly changes: readonly ResourceChange[];
}

export interface RehearsalReport {
  readonly kind: 'iot-mitigations-rehearsal';
  readonly version: 1;
  readonly taskName: string;
  readonly account?: string;
  readonly region: string;
  readonly target: RehearsalTarget;
  readonly snapshotTakenAt: string;
  /** The twin's task status: COMPLETED, FAILED, CANCELED (it did not finish in time), or START_FAILED. */
  readonly taskStatus: string;
  /** Why the task would not even start (e.g. InvalidRequestException), when it would not. */
  readonly startError?: { readonly errorCode: string; readonly message: string };
  readonly summary: {
    readonly findings: number;
    readonly mitigated: number;
    readonly suppressed: number;
    readonly filtered: number;
    readonly findingsPredictedToFail: number;
    readonly executions: Readonly<Record<string, number>>;
  };
  readonly findings: readonly FindingPrediction[];
  /** Every resource change the twin showed, once each. */
  readonly changes: readonly ResourceChange[];
  readonly actions: readonly { readonly name: string; readonly type?: MitigationActionType; readonly source: 'file' | 'account'; readonly accountDiffers?: boolean; readonly rolePermissions: readonly string[] }[];
  readonly notCopied: readonly string[];
  /** What the twin cannot know, so the prediction may differ from the real run. */
  readonly cannotKnow: readonly string[];
}
