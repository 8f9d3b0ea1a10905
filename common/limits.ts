/**
 * Quotas (AWS General Reference, "AWS IoT Device Defender endpoints and quotas"), ARN formats
 * (AWS General Reference, "Amazon Resource Names (ARNs)") and the project's own naming rules.
 */
import { MitigationActionsTaskId } from './model';

export const QUOTAS = {
  /** Mitigation actions per account; not adjustable. */
  mitigationActionsPerAccount: 100,
  /** Audit mitigation actions tasks running at the same time. */
  concurrentMitigationTasks: 10,
  /** Scheduled audits per account and region; not adjustable. */
  scheduledAuditsPerAccount: 5,
  /** Simultaneous in-progress on-demand audits. */
  concurrentOnDemandAudits: 10,
  /** Days tasks, audits and findings are retained and can be listed. */
  retentionDays: 90,
  actionsPerCheck: { min: 1, max: 5 },
  findingIdsPerTask: { min: 1, max: 25 },
  thingGroupsPerAction: { min: 1, max: 10 },
  /** A thing can belong to at most this many thing groups. */
  groupsPerThing: 10,
  /** Versions one IoT policy can have; REPLACE_DEFAULT_POLICY_VERSION needs room for one more. */
  policyVersionsPerPolicy: 5,
  reasonCodesPerCheck: { min: 1, max: 25 },
  maxResults: { min: 1, max: 250, default: 25 },
  /** User tags on one resource ("Tagging your AWS IoT resources", tag restrictions); keys starting with aws: are reserved. */
  tagsPerResource: 50,
} as const;

/**
 * API rate limits in requests per second, per operation, account and region ("AWS IoT Device
 * Defender endpoints and quotas", none
 * adjustable). Exceeding one returns ThrottlingException (HTTP 400). Operations not listed
 * have no documented Device Defender limit.
 */
export const TPS_LIMITS: Readonly<Record<string, number>> = {
  CreateMitigationAction: 10,
  UpdateMitigationAction: 10,
  DeleteMitigationAction: 10,
  ListMitigationActions: 10,
  DescribeMitigationAction: 25,
  StartAuditMitigationActionsTask: 10,
  CancelAuditMitigationActionsTask: 10,
  ListAuditMitigationActionsTasks: 10,
  ListAuditMitigationActionsExecutions: 10,
  DescribeAuditMitigationActionsTask: 25,
  StartOnDemandAuditTask: 10,
  CancelAuditTask: 10,
  ListAuditTasks: 10,
  ListAuditFindings: 10,
  DescribeAuditTask: 25,
  DescribeAuditFinding: 25,
  DescribeAccountAuditConfiguration: 5,
  UpdateAccountAuditConfiguration: 5,
};

export interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the account, e.g. "role/IoTMitigation" or "my-topic". */
  readonly resource: string;
}

export function parseArn(value: string): ParsedArn | undefined {
  const match = /^arn:(aws[a-zA-Z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.+)$/.exec(value);
  if (!match) return undefined;
  return { partition: match[1], service: match[2], region: match[3], account: match[4], resource: match[5] };
}

export function roleArn(account: string, roleName: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${account}:role/${roleName}`;
}

export function mitigationActionArn(region: string, account: string, actionName: string): string {
  return `arn:aws:iot:${region}:${account}:mitigationaction/${actionName}`;
}

/** Suffix appended to a task's name in a mitigation file to make a unique taskId: "-20261122T080000Z". */
const TASK_ID_SUFFIX_LENGTH = '-YYYYMMDDTHHMMSSZ'.length;
export const MAX_TASK_NAME_LENGTH = (MitigationActionsTaskId.max ?? 128) - TASK_ID_SUFFIX_LENGTH;

/**
 * The taskId a start of the file's task `taskName` uses: the name plus a UTC timestamp,
 * so every start is a new task and its id still tells where it came from.
 */
/**
 * The longest delay the bundled emulator spends on each mitigation execution and audit check:
 * ten minutes, long enough to hold a task "in progress" while it is inspected (the rehearsal
 * twin relies on that). The emulator's --pace flag, its admin API and the
 * `mitigations.emulator.pace` setting all accept 0 to this bound.
 */
export const MAX_EMULATOR_PACE_MS = 600_000;

export function taskIdForStart(taskName: string, when: Date): string {
  const stamp = when.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `${taskName}-${stamp}`;
}
