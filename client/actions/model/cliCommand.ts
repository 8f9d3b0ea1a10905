/**
 * Renders actions and tasks as the exact `aws iot ...` command that recreates them (vscode-free).
 * Arguments are quoted for POSIX shells; JSON arguments are compact so the command stays one line.
 */

export interface CliConnection {
  /** Set for a named AWS profile (not for the default one). */
  readonly profile?: string;
  readonly region?: string;
  /** Set for the emulator or a custom endpoint. */
  readonly endpointUrl?: string;
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
  return ['aws', 'iot', operation, ...args, ...connectionArgs(connection)].map(shellQuote).join(' ');
}

export function createActionCommand(action: CliAction, connection: CliConnection): string {
  const args = ['--action-name', action.name, '--role-arn', action.roleArn, '--action-params', JSON.stringify(action.actionParams)];
  if (action.tags?.length) args.push('--tags', JSON.stringify(action.tags));
  return render('create-mitigation-action', args, connection);
}

export function startTaskCommand(task: CliTask, connection: CliConnection): string {
  const args = [
    '--task-id', task.taskId,
    '--target', JSON.stringify(task.target),
    '--audit-check-to-actions-mapping', JSON.stringify(task.auditCheckToActionsMapping),
  ];
  if (task.clientRequestToken) args.push('--client-request-token', task.clientRequestToken);
  return render('start-audit-mitigation-actions-task', args, connection);
}
