/**
 * Renders actions and tasks as the exact `aws iot ...` command that recreates them (vscode-free).
 * Arguments are quoted for POSIX shells; JSON arguments are compact so the command stays one line.
 */
import { randomUUID } from 'node:crypto';

export interface CliConnection {
  /** Set for a named AWS profile (not for the default one). */
  readonly profile?: string;
  readonly region?: string;
  /** Set for the emulator or a custom endpoint. */
  readonly endpointUrl?: string;
  /**
   * Variables the command is prefixed with (`NAME=value aws …`): for the bundled emulator its
   * dummy credentials and region, so the command runs in a shell that has no AWS set-up. Never
   * a real account's credentials: those stay in the SDK's provider chain.
   */
  readonly environment?: Readonly<Record<string, string>>;
}

interface CliAction {
  readonly name: string;
  readonly roleArn: string;
  readonly actionParams: unknown;
  readonly tags?: readonly { Key: string; Value?: string }[];
}

interface CliTask {
  readonly taskId: string;
  readonly target: unknown;
  readonly auditCheckToActionsMapping: unknown;
  readonly clientRequestToken?: string;
}

/** Quotes one shell word; words made only of safe characters stay bare. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function connectionArgs(connection: CliConnection): string[] {
  const args: string[] = [];
  if (connection.endpointUrl) args.push('--endpoint-url', connection.endpointUrl);
  if (connection.region) args.push('--region', connection.region);
  if (connection.profile) args.push('--profile', connection.profile);
  return args;
}

function render(operation: string, args: string[], connection: CliConnection): string {
  const environment = Object.entries(connection.environment ?? {}).map(([name, value]) => `${name}=${shellQuote(value)}`);
  return [...environment, ...['aws', 'iot', operation, ...args, ...connectionArgs(connection)].map(shellQuote)].join(' ');
}

export function createActionCommand(action: CliAction, connection: CliConnection): string {
  const args = ['--action-name', action.name, '--role-arn', action.roleArn, '--action-params', JSON.stringify(action.actionParams)];
  if (action.tags?.length) args.push('--tags', JSON.stringify(action.tags));
  return render('create-mitigation-action', args, connection);
}

/**
 * The task's id is the caller's: a copied task needs a fresh one (a UUID made at copy time),
 * since AWS refuses to start a task under an id it has already used.
 */
export function startTaskCommand(task: CliTask, connection: CliConnection): string {
  const args = [
    '--task-id', task.taskId,
    '--target', JSON.stringify(task.target),
    '--audit-check-to-actions-mapping', JSON.stringify(task.auditCheckToActionsMapping),
  ];
  if (task.clientRequestToken) args.push('--client-request-token', task.clientRequestToken);
  return render('start-audit-mitigation-actions-task', args, connection);
}

/** What DescribeMitigationAction and ListTagsForResource say of an action, as the SDK returns it. */
interface DescribedAction {
  readonly actionName?: string;
  readonly roleArn?: string;
  readonly actionParams?: unknown;
}

/** "Copy as AWS CLI Command" on an action: the command that creates it again, tags included. */
export function copiedActionCommand(described: DescribedAction, tags: readonly { Key: string; Value?: string }[], connection: CliConnection): string {
  return createActionCommand({ name: described.actionName ?? '', roleArn: described.roleArn ?? '', actionParams: described.actionParams ?? {}, tags }, connection);
}

/** What DescribeAuditMitigationActionsTask says of a task, as the SDK returns it. */
interface DescribedTask {
  readonly target?: unknown;
  readonly auditCheckToActionsMapping?: unknown;
}

/**
 * "Copy Task as AWS CLI Command": the command that starts the same task again under a fresh
 * id (a UUID v4 made at copy time, since AWS refuses a used id). The CLI fills in the client
 * request token itself.
 */
export function copiedTaskCommand(described: DescribedTask, connection: CliConnection, taskId: string = randomUUID()): string {
  return startTaskCommand({ taskId, target: described.target ?? {}, auditCheckToActionsMapping: described.auditCheckToActionsMapping ?? {} }, connection);
}
