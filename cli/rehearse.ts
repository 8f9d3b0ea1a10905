/**
 * `iot-mitigations rehearse FILE --task NAME [--audit-task-id ID] [--endpoint URL] [--profile P]
 * [--region R] [--format text|json|markdown]`: runs the task on a local twin of the account and
 * prints what it would do. Exit 0 when every execution is predicted to succeed, 1 when the task
 * would not start or any execution would fail, 2 on a usage, file or connection error.
 * Endpoint, region and credentials are resolved by the AWS SDK itself (shared config and
 * environment, a profile's endpoint_url included); --endpoint overrides the endpoint.
 */
import { IoTClient } from '@aws-sdk/client-iot';
import { readFileSync } from 'node:fs';
import { resolveConfiguredEndpoints } from '../rehearsal/profileEndpoints';
import { formatReport, predictsFailure, rehearse, RehearsalError, requestFromFile } from '../rehearsal/index';

const USAGE = `Usage: iot-mitigations rehearse FILE --task NAME [--audit-task-id ID] [--endpoint URL]
                                [--profile P] [--region R] [--format text|json|markdown]
  Copies what the task would act on (read-only) into a local twin, runs it there and prints,
  per finding and action, the predicted status and resource changes.
  Exit 0: every execution predicted to succeed; 1: the task would not start or an execution
  would fail; 2: usage, file or connection error.
`;

class UsageError extends Error {}

interface Output {
  out(text: string): void;
  err(text: string): void;
}

export interface RehearseOptions {
  readonly file: string;
  readonly task: string;
  readonly auditTaskId?: string;
  readonly endpoint?: string;
  readonly profile?: string;
  readonly region?: string;
  readonly format: 'text' | 'json' | 'markdown';
}

const VALUE_OPTIONS: Record<string, keyof RehearseOptions> = { '--task': 'task', '--audit-task-id': 'auditTaskId', '--endpoint': 'endpoint', '--profile': 'profile', '--region': 'region', '--format': 'format' };

function parseRehearseOptions(argv: readonly string[]): RehearseOptions {
  const values: Partial<Record<keyof RehearseOptions, string>> = {};
  const files: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--help' || arg === '-h') throw new UsageError('');
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = VALUE_OPTIONS[name];
    if (key) {
      const value = inline ?? argv[++index];
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${name} needs a value.`);
      values[key] = value;
    } else if (arg.startsWith('--')) {
      throw new UsageError(`Unknown option ${arg}.`);
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) throw new UsageError(files.length ? `Name one file, not ${files.length}.` : 'Name the mitigation file.');
  if (!values.task) throw new UsageError('Name the task to rehearse with --task NAME.');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'markdown') throw new UsageError(`--format takes "text", "json" or "markdown", not "${format}".`);
  if (values.endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(values.endpoint);
    } catch {
      throw new UsageError(`--endpoint ${values.endpoint} is not a URL.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--endpoint must be an http(s) URL, not ${values.endpoint}.`);
  }
  return { file: files[0], task: values.task, auditTaskId: values.auditTaskId, endpoint: values.endpoint, profile: values.profile, region: values.region, format };
}


function describeFailure(error: unknown): string {
  const name = (error as { name?: string })?.name;
  const message = (error as Error)?.message ?? String(error);
  return name && name !== 'Error' && !message.startsWith(name) ? `${name}: ${message}` : message;
}

export async function runRehearseCli(argv: readonly string[], output: Output = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) }): Promise<number> {
  let options: RehearseOptions;
  try {
    options = parseRehearseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) output.err(`iot-mitigations rehearse: ${error.message}\n`);
    output.err(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(options.file, 'utf8');
  } catch (error) {
    output.err(`iot-mitigations rehearse: cannot read ${options.file}: ${(error as Error).message}\n`);
    return 2;
  }
  const iot = new IoTClient({ region: options.region, endpoint: options.endpoint, profile: options.profile });
  try {
    // The profile's own endpoint (its endpoint_url, services section) unless --endpoint says.
    await resolveConfiguredEndpoints(options.profile, [iot]);
    const request = requestFromFile(text, options.task, options.auditTaskId, options.file);
    const report = await rehearse(iot, request);
    output.out(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, options.format));
    return predictsFailure(report) ? 1 : 0;
  } catch (error) {
    const what = error instanceof RehearsalError ? '' : 'the account could not be read: ';
    output.err(`iot-mitigations rehearse: ${what}${describeFailure(error)}\n`);
    return 2;
  } finally {
    iot.destroy();
  }
}
