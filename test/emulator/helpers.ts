/**
 * Shared set-up for the emulator suites: an in-process emulator on a free port, real clients
 * pointed at it, the admin API, and bounded polling for background work (no timing assertions).
 */
import { IoTClient } from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach } from 'node:test';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index';

export const REGION = 'us-east-1';

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, log: () => undefined, ...options });
}

export function iotClient(emulator: RunningEmulator, region = REGION, accessKeyId = 'AKIDEMULATORTEST'): IoTClient {
  return new IoTClient({
    endpoint: emulator.url,
    region,
    credentials: { accessKeyId, secretAccessKey: 'not-checked' },
    // Limit errors are retried by the SDK (AWS SDKs and Tools Reference Guide, "Retry behavior"); tests count single attempts.
    maxAttempts: 1,
  });
}

/** The emulator of a suite, its SDK client and its admin API, there once the suite's `before` has run. */
export interface DemoEmulator {
  readonly emulator: RunningEmulator;
  readonly iot: IoTClient;
  readonly url: string;
  admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown, region?: string): Promise<T>;
}

export interface DemoEmulatorOptions {
  /** How the emulator is started (port 0 and a silent log are always set). */
  readonly emulator?: EmulatorOptions;
  /** The body of the region reset before each test (`{ seed: 'demo' }`...), or false for no reset. */
  readonly reset?: unknown;
  /** The region of the SDK client and the admin calls; default us-east-1. */
  readonly region?: string;
}

/**
 * The one set-up of a test suite's emulator: started in-process on a free port before the suite,
 * with a real SDK client, closed after it, and the region reset before each test (unless `reset`
 * is false). The returned handle is read inside hooks and tests.
 */
export function useDemoEmulator(options: DemoEmulatorOptions = {}): DemoEmulator {
  const region = options.region ?? REGION;
  let running: { emulator: RunningEmulator; iot: IoTClient } | undefined;
  const current = () => running ?? assert.fail('the suite emulator is used before its before() hook ran');
  before(async () => {
    const emulator = await startTestEmulator(options.emulator);
    running = { emulator, iot: iotClient(emulator, region) };
  });
  after(async () => {
    running?.iot.destroy();
    await running?.emulator.close();
  });
  if (options.reset !== false) {
    beforeEach(async () => {
      await admin(current().emulator, 'POST', 'reset', options.reset, region);
    });
  }
  return {
    get emulator() {
      return current().emulator;
    },
    get iot() {
      return current().iot;
    },
    get url() {
      return current().emulator.url;
    },
    admin: (method, path, body, inRegion = region) => admin(current().emulator, method, path, body, inRegion),
  };
}

export async function admin<T = Record<string, unknown>>(emulator: RunningEmulator, method: string, path: string, body?: unknown, region = REGION): Promise<T> {
  const separator = path.includes('?') ? '&' : '?';
  const response = await fetch(`${emulator.url}/_emulator/${path}${separator}region=${region}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`admin ${method} ${path} failed with ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Polls until `probe` returns a value (not undefined) or the bound is reached. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, attempts = 400, intervalMs = 25): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Fails with a clear message when a real client the suite needs is not installed (CI installs it). */
export function requireExecutable(path: string, installHint: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${installHint}`);
  return path;
}

export function emptyHome(): string {
  return mkdtempSync(join(tmpdir(), 'iot-emulator-home-'));
}

/** Environment for a spawned AWS client: dummy credentials, no user config leaking in. */
export function awsEnvironment(home: string, region = REGION): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' };
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'AKIDEMULATORTEST',
    AWS_SECRET_ACCESS_KEY: 'not-checked',
    AWS_DEFAULT_REGION: region,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_PAGER: '',
    AWS_RETRY_MODE: 'standard',
    AWS_MAX_ATTEMPTS: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Synchronous: call it before starting an in-process emulator, never while one must answer. */
export function hasPythonModule(python: string, module: string): boolean {
  return spawnSync(python, ['-c', `import ${module}`]).status === 0;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a real client asynchronously: an in-process emulator must keep answering meanwhile. */
export function runProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** `aws iot …` commands of the real AWS CLI v2 against a suite's emulator, with an empty HOME and the emulator's credentials. */
export interface AwsIotCli {
  /** As the process ended (for the error cases). */
  run(...args: string[]): Promise<ProcessResult>;
  /** A command that must succeed, with its JSON output; the CLI prints untyped JSON, which the assertions check. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json(...args: string[]): Promise<Record<string, any>>;
}

/** The AWS CLI for the suite's emulator; its before() hook checks /usr/bin/aws is installed. */
export function useAwsIotCli(demo: DemoEmulator): AwsIotCli {
  const AWS = '/usr/bin/aws';
  let env: NodeJS.ProcessEnv = {};
  before(() => {
    requireExecutable(AWS, 'install the AWS CLI with `apt-get install -y awscli`');
    env = awsEnvironment(emptyHome());
  });
  const run = (...args: string[]) => runProcess(AWS, ['--endpoint-url', demo.emulator.url, '--output', 'json', 'iot', ...args], env);
  return {
    run,
    json: async (...args) => {
      const { code, stdout, stderr } = await run(...args);
      assert.equal(code, 0, `aws iot ${args.join(' ')} failed: ${stderr}`);
      return stdout.trim() ? JSON.parse(stdout) : {};
    },
  };
}

/**
 * The start of a boto3 script against the emulator: `iot`, a client for the endpoint given as its
 * first argument; `out`, the dict it prints as JSON; `refusal(call)`, the error code, message and
 * HTTP status a refused call got (None when it was accepted).
 */
export const BOTO3_PRELUDE = String.raw`
import datetime, json, sys
import boto3
from botocore.exceptions import ClientError

iot = boto3.client('iot', endpoint_url=sys.argv[1], region_name='us-east-1')
out = {}

def refusal(call):
    try:
        call()
        return None
    except ClientError as e:
        return [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
`;
