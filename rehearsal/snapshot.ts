/**
 * Step 1 of a rehearsal: copy what a task would act on from the account, read-only
 * (Describe/List/Get only): its findings, the resources they name, and the mapped actions.
 */
import { DescribeAuditFindingCommand, DescribeAuditTaskCommand, DescribeMitigationActionCommand, paginateListAuditFindings, paginateListAuditMitigationActionsTasks, type AuditFinding, type IoTClient } from '@aws-sdk/client-iot';
import { QUOTAS } from '../common/limits';
import { actionTypeOfParams } from '../common/actionTypes';
import { jsonEqual } from '../common/json';
import { caCertificateOf, deviceCertificateOf, isAccountFinding, policyOf } from './changes';
import { DEFAULT_READ_LIMITS, readResources, type ReadLimits, type WantedResources } from './resources';
import type { CopiedFinding, RehearsalAction, RehearsalRequest, RehearsalTarget, Snapshot, SnapshotAction } from './types';

/** A rehearsal that cannot be made (no audit to target, unreadable findings): a clear message, exit 2 in the CLI. */
export class RehearsalError extends Error {}

export interface SnapshotOptions {
  /** Findings copied at most; the rest are left out and named in notCopied. */
  readonly maxFindings?: number;
  readonly limits?: ReadLimits;
  /** The account's now, which its 90-day lists count from (the bundled emulator's clock may have been moved); default this machine's. */
  readonly now?: number;
}

const DEFAULT_MAX_FINDINGS = 1_000;

function errorText(error: unknown): string {
  return `${(error as { name?: string })?.name ?? 'Error'}: ${(error as Error)?.message ?? String(error)}`;
}

function copyFinding(finding: AuditFinding): CopiedFinding | undefined {
  if (!finding.findingId || !finding.taskId || !finding.checkName) return undefined;
  const ref = (resource: AuditFinding['nonCompliantResource']) => ({ resourceType: resource?.resourceType, resourceIdentifier: (resource?.resourceIdentifier ?? {}) as Record<string, unknown>, additionalInfo: resource?.additionalInfo });
  return {
    findingId: finding.findingId,
    taskId: finding.taskId,
    checkName: finding.checkName,
    severity: finding.severity,
    reasonForNonCompliance: finding.reasonForNonCompliance,
    reasonForNonComplianceCode: finding.reasonForNonComplianceCode ?? '',
    isSuppressed: finding.isSuppressed ?? false,
    nonCompliantResource: ref(finding.nonCompliantResource),
    relatedResources: (finding.relatedResources ?? []).map((resource) => ({ resourceType: resource.resourceType, resourceIdentifier: (resource.resourceIdentifier ?? {}) as Record<string, unknown>, additionalInfo: resource.additionalInfo })),
  };
}

/** The task's target with the audit chosen at start (if any) in place of the file's. */
function effectiveTarget(request: RehearsalRequest): RehearsalTarget {
  const target = request.target;
  if (request.auditTaskId) return { auditTaskId: request.auditTaskId, auditCheckToReasonCodeFilter: target.auditCheckToReasonCodeFilter };
  if (target.auditTaskId || target.findingIds?.length) return target;
  throw new RehearsalError(`Task ${request.taskName} names no audit (target.auditTaskId) and no findings (target.findingIds); say which audit to rehearse against (--audit-task-id).`);
}

async function copyFindings(iot: IoTClient, target: RehearsalTarget, checks: readonly string[], maxFindings: number, notCopied: string[]): Promise<CopiedFinding[]> {
  const findings: CopiedFinding[] = [];
  if (target.auditTaskId) {
    const taskId = target.auditTaskId;
    try {
      const audit = await iot.send(new DescribeAuditTaskCommand({ taskId }));
      if (audit.taskStatus === 'IN_PROGRESS') throw new RehearsalError(`Audit ${taskId} is still in progress; rehearse once it has completed.`);
    } catch (error) {
      if (error instanceof RehearsalError) throw error;
      throw new RehearsalError(`Audit ${taskId} could not be read (${errorText(error)}).`);
    }
    for (const checkName of checks) {
      for await (const page of paginateListAuditFindings({ client: iot }, { taskId, checkName })) {
        for (const finding of page.findings ?? []) {
          const copy = copyFinding(finding);
          if (!copy) continue;
          if (findings.length >= maxFindings) {
            notCopied.push(`Only the first ${maxFindings} findings of audit ${taskId} were copied; the task would act on more.`);
            return findings;
          }
          findings.push(copy);
        }
      }
    }
    return findings;
  }
  for (const findingId of new Set(target.findingIds ?? [])) {
    try {
      const { finding } = await iot.send(new DescribeAuditFindingCommand({ findingId }));
      const copy = finding && copyFinding(finding);
      if (copy && checks.includes(copy.checkName)) findings.push(copy);
    } catch (error) {
      throw new RehearsalError(`Finding ${findingId} could not be read (${errorText(error)}); the task would not start.`);
    }
  }
  return findings;
}

/** Mapped actions: the file's definition, else the account's; the account's is read either way to see drift. */
async function copyActions(iot: IoTClient, request: RehearsalRequest, notCopied: string[]): Promise<SnapshotAction[]> {
  const names = [...new Set(Object.values(request.auditCheckToActionsMapping).flat())];
  const fromFile = new Map(request.actions.map((action) => [action.name, action]));
  const copied: SnapshotAction[] = [];
  const undeployed: string[] = [];
  for (const name of names) {
    let account: RehearsalAction | undefined;
    try {
      const described = await iot.send(new DescribeMitigationActionCommand({ actionName: name }));
      if (described.roleArn && described.actionParams) account = { name, roleArn: described.roleArn, actionParams: described.actionParams as Record<string, unknown> };
    } catch (error) {
      if ((error as { name?: string })?.name !== 'ResourceNotFoundException') notCopied.push(`Action ${name} could not be read from the account (${errorText(error)}).`);
    }
    const file = fromFile.get(name);
    if (file) {
      if (!account) undeployed.push(name);
      const accountDiffers = account !== undefined && (account.roleArn !== file.roleArn || !jsonEqual(account.actionParams, file.actionParams));
      copied.push({ ...file, type: actionTypeOfParams(file.actionParams), source: 'file', accountDiffers: accountDiffers || undefined });
    } else if (account) {
      copied.push({ ...account, type: actionTypeOfParams(account.actionParams), source: 'account' });
    } else {
      notCopied.push(`Action ${name} is mapped but defined neither in the file nor in the account; the task cannot start until it exists.`);
    }
  }
  if (undeployed.length) notCopied.push(`Not yet in the account, rehearsed from the file as they would be deployed: ${undeployed.join(', ')}.`);
  return copied;
}

/** Tasks in progress now: at the quota a start is refused (LimitExceededException). */
async function countRunningTasks(iot: IoTClient, notCopied: string[], now: number): Promise<number | undefined> {
  const endTime = new Date(now);
  // The list refuses a start more than the retention back; a minute of margin for clock skew.
  const startTime = new Date(endTime.getTime() - QUOTAS.retentionDays * 24 * 60 * 60 * 1000 + 60_000);
  let running = 0;
  try {
    for await (const page of paginateListAuditMitigationActionsTasks({ client: iot }, { taskStatus: 'IN_PROGRESS', startTime, endTime })) running += page.tasks?.length ?? 0;
  } catch (error) {
    notCopied.push(`The mitigation tasks in progress could not be listed (${errorText(error)}); the twin assumes the account can start one more.`);
    return undefined;
  }
  return running;
}

export function wantedResources(findings: readonly CopiedFinding[], actions: readonly SnapshotAction[]): WantedResources {
  const defined = (values: (string | undefined)[]) => values.filter((value): value is string => value !== undefined);
  const groupNames = actions.flatMap((action) => {
    const params = action.actionParams.addThingsToThingGroupParams as { thingGroupNames?: unknown } | undefined;
    return Array.isArray(params?.thingGroupNames) ? (params.thingGroupNames.filter((name) => typeof name === 'string') as string[]) : [];
  });
  return {
    certificateIds: defined(findings.map(deviceCertificateOf)),
    caCertificateIds: defined(findings.map(caCertificateOf)),
    policyNames: defined(findings.map(policyOf)),
    groupNames,
    logging: findings.some(isAccountFinding) || actions.some((action) => action.type === 'ENABLE_IOT_LOGGING'),
  };
}

export async function takeSnapshot(iot: IoTClient, request: RehearsalRequest, options: SnapshotOptions = {}): Promise<Snapshot> {
  const target = effectiveTarget(request);
  const region = await iot.config.region();
  const notCopied: string[] = [];
  const takenAt = new Date().toISOString();
  const checks = Object.keys(request.auditCheckToActionsMapping);
  const findings = await copyFindings(iot, target, checks, options.maxFindings ?? DEFAULT_MAX_FINDINGS, notCopied);
  const actions = await copyActions(iot, request, notCopied);
  const runningTasks = await countRunningTasks(iot, notCopied, options.now ?? Date.now());
  const read = await readResources(iot, wantedResources(findings, actions), options.limits ?? DEFAULT_READ_LIMITS);
  notCopied.push(...read.notes);
  if (read.resources.missing.length) notCopied.push(`Not in the account (the twin lacks them too): ${read.resources.missing.join(', ')}.`);
  const accountFinding = findings.find(isAccountFinding)?.nonCompliantResource.resourceIdentifier?.account;
  const account = read.account ?? (typeof accountFinding === 'string' ? accountFinding : undefined);
  return { account, region, takenAt, target, findings, actions, resources: read.resources, notCopied, runningTasks };
}
