/**
 * Set-up for the rehearsal suites: an emulator process playing the real account
 * (`iot-mitigations emulator --account 210987654321`, clients in eu-west-1), the
 * `iot-mitigations rehearse` binary, AWS config files for a profile, and the account's request log.
 * Needs `npm run build` first (npm test does it in pretest); this suite does not build.
 */
import { IoTClient, ListAuditTasksCommand } from '@aws-sdk/client-iot';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI = resolve(__dirname, '../../dist/cli.js');
export const ROOT = resolve(__dirname, '../..');
export const ACCOUNT = '210987654321';
export const REGION = 'eu-west-1';
export const QUARANTINE_FILE = join(ROOT, 'examples/quarantine-workflow.mitigation.json');
export const QUARANTINE_TASK = 'quarantine-compromised-devices';

function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does it in pretest).`);
}

/** An emulator playing the account: its URL, an SDK client in the account's region, its admin API. */
export interface Account {
  readonly url: string;
  readonly iot: IoTClient;
  admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
}

export interface AccountEmulator extends Account {
  stop(): Promise<void>;
}

/** The "real account": the bundled emulator in its own process, demo fleet, account 210987654321. */
export async function startAccountEmulator(): Promise<AccountEmulator> {
  requireBuild();
  const child: ChildProcess = spawn(process.execPath, [CLI, 'emulator', '--port', '0', '--account', ACCOUNT, '--seed', 'demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (match) resolveUrl(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code} before printing its URL: ${output}`)));
  });
  const iot = new IoTClient({ endpoint: url, region: REGION, credentials: { accessKeyId: 'AKIDREALACCOUNT', secretAccessKey: 'not-checked' }, maxAttempts: 1 });
  return {
    url,
    iot,
    async admin<T>(method: string, path: string, body?: unknown): Promise<T> {
      const separator = path.includes('?') ? '&' : '?';
      const response = await fetch(`${url}/_emulator/${path}${separator}region=${REGION}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const json = (await response.json()) as T;
      if (!response.ok) throw new Error(`admin ${method} ${path} failed with ${response.status}: ${JSON.stringify(json)}`);
      return json;
    },
    async stop() {
      iot.destroy();
      if (child.exitCode !== null) return;
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The demo's completed on-demand audit (the only audit of a fresh demo region). */
/** The account process with the id of its demo fleet's completed audit, which most rehearsals target. */
export async function startAccountWithAudit(): Promise<{ account: AccountEmulator; auditTaskId: string }> {
  const account = await startAccountEmulator();
  return { account, auditTaskId: await demoAuditId(account.iot) };
}

export async function demoAuditId(iot: IoTClient): Promise<string> {
  const { tasks } = await iot.send(new ListAuditTasksCommand({ startTime: new Date(Date.now() - 30 * 24 * 3600 * 1000), endTime: new Date(), taskStatus: 'COMPLETED' }));
  const id = tasks?.[0]?.taskId;
  if (!id) throw new Error('the demo fleet has no completed audit');
  return id;
}

export interface RecordedRequest {
  sequence: number;
  method: string;
  operation?: string;
  mutating: boolean;
  account?: string;
  region?: string;
}

export async function requestsAfter(account: Account, sequence: number): Promise<RecordedRequest[]> {
  return (await account.admin<{ requests: RecordedRequest[] }>('GET', `requests?after=${sequence}`)).requests;
}

export async function lastSequence(account: Account): Promise<number> {
  return (await account.admin<{ lastSequence: number }>('GET', 'requests?after=999999999')).lastSequence;
}

/** A HOME with no AWS files of the user's leaking in, and the environment a spawned CLI gets. */
export function isolatedEnvironment(extra: NodeJS.ProcessEnv = {}): { home: string; env: NodeJS.ProcessEnv } {
  const home = mkdtempSync(join(tmpdir(), 'iot-rehearsal-home-'));
  return {
    home,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      LANG: 'C.UTF-8',
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      ...extra,
    },
  };
}

/** A named profile whose shared config points at the endpoint (endpoint_url), as for a VPC or FIPS endpoint. */
export function writeProfile(home: string, profile: string, endpointUrl: string): void {
  writeFileSync(join(home, 'config'), `[profile ${profile}]\nregion = ${REGION}\nendpoint_url = ${endpointUrl}\n`);
  writeFileSync(join(home, 'credentials'), `[${profile}]\naws_access_key_id = AKIDPROFILEUSER\naws_secret_access_key = not-checked\n`);
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  requireBuild();
  return new Promise((resolveResult) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolveResult({ code, stdout, stderr }));
  });
}
