/**
 * The audit loop's operations the Audits view uses (vscode-free; in dist/sdk.js): the scheduled
 * audits with their checks, the scheduled audits that ran, and the account's suppressions, read
 * whole (an account holds at most 5 scheduled audits; suppressions are one per finding a person
 * chose to accept), and creating or deleting one suppression.
 */
import {
  CreateAuditSuppressionCommand,
  DeleteAuditSuppressionCommand,
  DescribeAuditTaskCommand,
  DescribeScheduledAuditCommand,
  ListAuditSuppressionsCommand,
  ListAuditTasksCommand,
  ListScheduledAuditsCommand,
  UpdateAuditSuppressionCommand,
  type AuditSuppression,
  type CreateAuditSuppressionRequest,
  type DescribeScheduledAuditResponse,
  type IoTClient,
  type ResourceIdentifier,
  type UpdateAuditSuppressionRequest,
} from '@aws-sdk/client-iot';
import { mapLimited, retentionWindow } from '../../shared/model/iotApi';

/** The largest page the list operations accept. */
const PAGE = 250;
/** DescribeScheduledAudit and DescribeAuditTask calls in flight. */
const DESCRIBE_CONCURRENCY = 5;

type Options = { abortSignal?: AbortSignal };

/** Every page of a paginated list, one request after another (a nextToken names the next page). */
async function everyPage<T>(read: (nextToken: string | undefined) => Promise<{ items?: T[]; nextToken?: string }>): Promise<T[]> {
  const all: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await read(nextToken);
    all.push(...(page.items ?? []));
    nextToken = page.nextToken || undefined;
  } while (nextToken);
  return all;
}

/** Each scheduled audit as DescribeScheduledAudit tells it (frequency, day, checks), by name. */
export async function readScheduledAudits(client: IoTClient, options: Options = {}): Promise<DescribeScheduledAuditResponse[]> {
  const listed = await everyPage(async (nextToken) => {
    const page = await client.send(new ListScheduledAuditsCommand({ maxResults: PAGE, nextToken }), options);
    return { items: page.scheduledAudits, nextToken: page.nextToken };
  });
  const described = await mapLimited(listed, DESCRIBE_CONCURRENCY, (audit) => client.send(new DescribeScheduledAuditCommand({ scheduledAuditName: audit.scheduledAuditName }), options));
  return described.map(({ $metadata: _metadata, ...audit }) => audit);
}

/** A scheduled audit that ran: its schedule's name and when it started. */
export interface ScheduledRun {
  readonly taskId: string;
  readonly scheduledAuditName?: string;
  readonly taskStartTime?: Date;
  readonly taskStatus?: string;
}

/**
 * The runs of scheduled audits in the 90 days before `now` (ListAuditTasks with taskType
 * SCHEDULED_AUDIT_TASK; the schedule's name is only in DescribeAuditTask). `known` holds runs
 * described before: an ended audit does not change, so it is not described again.
 */
export async function readScheduledRuns(client: IoTClient, known: ReadonlyMap<string, ScheduledRun>, now: number, options: Options = {}): Promise<ScheduledRun[]> {
  const window = retentionWindow(now);
  const tasks = await everyPage(async (nextToken) => {
    const page = await client.send(new ListAuditTasksCommand({ ...window, taskType: 'SCHEDULED_AUDIT_TASK', maxResults: PAGE, nextToken }), options);
    return { items: page.tasks, nextToken: page.nextToken };
  });
  return mapLimited(tasks, DESCRIBE_CONCURRENCY, async (task): Promise<ScheduledRun> => {
    const taskId = task.taskId ?? '';
    const before = known.get(taskId);
    if (before && before.taskStatus !== 'IN_PROGRESS') return before;
    const described = await client.send(new DescribeAuditTaskCommand({ taskId }), options);
    return { taskId, scheduledAuditName: described.scheduledAuditName, taskStartTime: described.taskStartTime, taskStatus: described.taskStatus };
  });
}

/** Every suppression of the account, soonest expiry first (ListAuditSuppressions' order). */
export function readSuppressions(client: IoTClient, options: Options = {}): Promise<AuditSuppression[]> {
  return everyPage(async (nextToken) => {
    const page = await client.send(new ListAuditSuppressionsCommand({ maxResults: PAGE, nextToken }), options);
    return { items: page.suppressions, nextToken: page.nextToken };
  });
}

/** A resource identifier as a finding carries it (ResourceIdentifier's members). */
type Identifier = object;

export async function createSuppression(client: IoTClient, input: Omit<CreateAuditSuppressionRequest, 'resourceIdentifier'> & { resourceIdentifier: Identifier }, options: Options = {}): Promise<void> {
  await client.send(new CreateAuditSuppressionCommand({ ...input, resourceIdentifier: input.resourceIdentifier as ResourceIdentifier }), options);
}

/**
 * Gives a suppression that exists already (an expired one stays listed until deleted, and a second
 * CreateAuditSuppression of it is refused) the new expiry and reason.
 */
export async function renewSuppression(client: IoTClient, input: Omit<UpdateAuditSuppressionRequest, 'resourceIdentifier'> & { resourceIdentifier: Identifier }, options: Options = {}): Promise<void> {
  await client.send(new UpdateAuditSuppressionCommand({ ...input, resourceIdentifier: input.resourceIdentifier as ResourceIdentifier }), options);
}

export async function deleteSuppression(client: IoTClient, checkName: string, resourceIdentifier: Identifier, options: Options = {}): Promise<void> {
  await client.send(new DeleteAuditSuppressionCommand({ checkName, resourceIdentifier: resourceIdentifier as ResourceIdentifier }), options);
}
