/**
 * Step 3: rehearse a task on the twin. Creates the actions there, starts the task, waits for it
 * (at full speed), and reads back per finding what each action did and what changed. Nothing
 * is written to the account the snapshot came from: that client is only ever used to read.
 */
import {
  CancelAuditMitigationActionsTaskCommand,
  CreateMitigationActionCommand,
  DescribeAuditMitigationActionsTaskCommand,
  paginateListAuditMitigationActionsExecutions,
  StartAuditMitigationActionsTaskCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import { actionTypeInfo } from '../common/actionTypes';
import { QUOTAS } from '../common/limits';
import { changesOfFinding, diffResources, resourceWords } from './changes';
import { readResources } from './resources';
import { CANNOT_KNOW } from './limitations';
import { takeSnapshot, wantedResources, type SnapshotOptions } from './snapshot';
import { startTwin, type Twin } from './twin';
import type { CopiedFinding, FindingPrediction, PredictedExecution, PredictedStatus, RehearsalReport, RehearsalRequest, ResourceChange, Snapshot } from './types';

export interface RehearseOptions extends SnapshotOptions {
  /** How long the twin may take before its task is canceled (its executions then show CANCELED). */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const POLL_INTERVAL_MS = 20;

function errorOf(error: unknown): { errorCode: string; message: string } {
  return { errorCode: (error as { name?: string })?.name ?? 'Error', message: (error as Error)?.message ?? String(error) };
}

/** A task id the twin accepts, named after the file's task (MitigationActionsTaskId: 1-128 of [a-zA-Z0-9_-]). */
function twinTaskId(taskName: string): string {
  return `rehearsal-${taskName.replace(/[^a-zA-Z0-9_-]/g, '-')}`.slice(0, 128);
}

async function startOnTwin(twin: Twin, request: RehearsalRequest, snapshot: Snapshot): Promise<{ taskId: string } | { startError: { errorCode: string; message: string } }> {
  // The twin runs nothing else, so the account's running tasks are checked against the quota here.
  if (snapshot.runningTasks !== undefined && snapshot.runningTasks >= QUOTAS.concurrentMitigationTasks) {
    return { startError: { errorCode: 'LimitExceededException', message: `${snapshot.runningTasks} audit mitigation actions tasks are already running in the account (at most ${QUOTAS.concurrentMitigationTasks}); wait for one to finish or cancel one.` } };
  }
  for (const action of snapshot.actions) {
    try {
      await twin.iot.send(new CreateMitigationActionCommand({ actionName: action.name, roleArn: action.roleArn, actionParams: action.actionParams, tags: action.tags?.map((tag) => ({ Key: tag.Key, Value: tag.Value })) }));
    } catch (error) {
      const { errorCode, message } = errorOf(error);
      return { startError: { errorCode, message: `Action ${action.name} could not be created: ${message}` } };
    }
  }
  const taskId = twinTaskId(request.taskName);
  const target = snapshot.target;
  try {
    await twin.iot.send(
      new StartAuditMitigationActionsTaskCommand({
        taskId,
        clientRequestToken: taskId.slice(0, 64),
        target: { auditTaskId: target.auditTaskId, findingIds: target.findingIds ? [...target.findingIds] : undefined, auditCheckToReasonCodeFilter: target.auditCheckToReasonCodeFilter as Record<string, string[]> | undefined },
        auditCheckToActionsMapping: request.auditCheckToActionsMapping as Record<string, string[]>,
      }),
    );
  } catch (error) {
    return { startError: errorOf(error) };
  }
  return { taskId };
}

export async function waitForTask(iot: IoTClient, taskId: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { taskStatus } = await iot.send(new DescribeAuditMitigationActionsTaskCommand({ taskId }));
    if (taskStatus && taskStatus !== 'IN_PROGRESS') return taskStatus;
    if (Date.now() > deadline) {
      await iot.send(new CancelAuditMitigationActionsTaskCommand({ taskId }));
      return 'CANCELED';
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

export async function executionsOf(iot: IoTClient, taskId: string, findingId: string, snapshot: Snapshot): Promise<PredictedExecution[]> {
  const types = new Map(snapshot.actions.map((action) => [action.name, action.type]));
  const executions: PredictedExecution[] = [];
  for await (const page of paginateListAuditMitigationActionsExecutions({ client: iot }, { taskId, findingId })) {
    for (const execution of page.actionsExecutions ?? []) {
      executions.push({ actionName: execution.actionName ?? '', actionType: types.get(execution.actionName ?? ''), status: (execution.status ?? 'PENDING') as PredictedStatus, errorCode: execution.errorCode, message: execution.message });
    }
  }
  return executions;
}

/** SNS messages (as the emulator's GET /_emulator/sns lists them) as changes of the findings they were about. */
export function snsChangesByFinding(messages: readonly { topicArn: string; message: string }[]): Map<string, ResourceChange[]> {
  const byFinding = new Map<string, ResourceChange[]>();
  for (const message of messages) {
    let findingId: unknown;
    try {
      findingId = (JSON.parse(message.message) as { findingId?: unknown }).findingId;
    } catch {
      continue;
    }
    if (typeof findingId !== 'string') continue;
    byFinding.set(findingId, [...(byFinding.get(findingId) ?? []), { kind: 'sns', id: message.topicArn, change: 'message published' }]);
  }
  return byFinding;
}

async function publishedMessages(twin: Twin): Promise<Map<string, ResourceChange[]>> {
  const { messages } = await twin.admin<{ messages: { topicArn: string; message: string }[] }>('GET', 'sns');
  return snsChangesByFinding(messages);
}

function dispositionOf(finding: CopiedFinding, snapshot: Snapshot): FindingPrediction['disposition'] {
  if (finding.isSuppressed) return 'SUPPRESSED';
  const filter = snapshot.target.auditCheckToReasonCodeFilter;
  if (filter && !(filter[finding.checkName] ?? []).includes(finding.reasonForNonComplianceCode)) return 'FILTERED';
  return 'MITIGATED';
}

/** Builds the report from the twin's results; exported so a test can build the same view of a real run. */
export function buildReport(request: RehearsalRequest, snapshot: Snapshot, outcome: { taskStatus: string; startError?: { errorCode: string; message: string }; executions: Map<string, PredictedExecution[]>; changes: ResourceChange[]; published: Map<string, ResourceChange[]> }): RehearsalReport {
  const findings: FindingPrediction[] = snapshot.findings.map((finding) => ({
    findingId: finding.findingId,
    checkName: finding.checkName,
    reasonCode: finding.reasonForNonComplianceCode,
    severity: finding.severity,
    resource: resourceWords(finding),
    disposition: dispositionOf(finding, snapshot),
    executions: outcome.executions.get(finding.findingId) ?? [],
    changes: [...changesOfFinding(outcome.changes, finding, snapshot.resources), ...(outcome.published.get(finding.findingId) ?? [])],
  }));
  const executions: Record<string, number> = {};
  for (const finding of findings) for (const execution of finding.executions) executions[execution.status] = (executions[execution.status] ?? 0) + 1;
  const snsChanges = [...outcome.published.values()].flat();
  const topics = new Map<string, number>();
  for (const change of snsChanges) topics.set(change.id, (topics.get(change.id) ?? 0) + 1);
  return {
    kind: 'iot-mitigations-rehearsal',
    version: 1,
    taskName: request.taskName,
    account: snapshot.account,
    region: snapshot.region,
    target: snapshot.target,
    snapshotTakenAt: snapshot.takenAt,
    taskStatus: outcome.startError ? 'START_FAILED' : outcome.taskStatus,
    startError: outcome.startError,
    summary: {
      findings: findings.length,
      mitigated: findings.filter((finding) => finding.disposition === 'MITIGATED').length,
      suppressed: findings.filter((finding) => finding.disposition === 'SUPPRESSED').length,
      filtered: findings.filter((finding) => finding.disposition === 'FILTERED').length,
      findingsPredictedToFail: findings.filter((finding) => finding.executions.some((execution) => execution.status === 'FAILED')).length,
      executions,
    },
    findings,
    changes: [...outcome.changes, ...[...topics].map(([topicArn, count]) => ({ kind: 'sns' as const, id: topicArn, change: `${count} message${count === 1 ? '' : 's'} published` }))],
    actions: snapshot.actions.map((action) => ({ name: action.name, type: action.type, source: action.source, accountDiffers: action.accountDiffers, rolePermissions: action.type ? actionTypeInfo(action.type).permissions : [] })),
    notCopied: snapshot.notCopied,
    cannotKnow: CANNOT_KNOW,
  };
}

/** Runs the task on a twin of what it would act on and returns what would happen. */
export async function rehearse(account: IoTClient, request: RehearsalRequest, options: RehearseOptions = {}): Promise<RehearsalReport> {
  const snapshot = await takeSnapshot(account, request, options);
  const twin = await startTwin(snapshot);
  try {
    const started = await startOnTwin(twin, request, snapshot);
    if ('startError' in started) return buildReport(request, snapshot, { taskStatus: 'START_FAILED', startError: started.startError, executions: new Map(), changes: [], published: new Map() });
    const taskStatus = await waitForTask(twin.iot, started.taskId, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const executions = new Map<string, PredictedExecution[]>();
    for (const finding of snapshot.findings) executions.set(finding.findingId, await executionsOf(twin.iot, started.taskId, finding.findingId, snapshot));
    const after = await readResources(twin.iot, wantedResources(snapshot.findings, snapshot.actions));
    return buildReport(request, snapshot, { taskStatus, executions, changes: diffResources(snapshot.resources, after.resources), published: await publishedMessages(twin) });
  } finally {
    await twin.close();
  }
}
