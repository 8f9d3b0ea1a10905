/**
 * Starts code-server (a real VS Code, installed by scripts/install-code-server.sh) on a free
 * loopback port with everything it writes kept inside one temporary folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { USER_SETTINGS, codeServerArgs, codeServerBin, codeServerEnv, freePort, node24Bin, prepareSession, repoRoot, sessionPaths, waitUntilHealthy } from '../../scripts/code-server.mjs';

// journey.test.ts installs the .vsix with these itself.
export { codeServerBin, node24Bin, repoRoot };

export interface RunningCodeServer {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
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
  prepareSession(options.dataDir, { ...USER_SETTINGS, ...options.settings });
  const port = await freePort();
  // No AWS settings of the machine leak into the suite.
  const machine = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
  const child = spawn(codeServerBin, codeServerArgs(options.dataDir, port, { smokeTestDriver: options.smokeTestDriver }), {
    env: {
      ...codeServerEnv(options.dataDir, machine),
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
  if (!(await waitUntilHealthy(url, { timeoutMs: 30_000, gaveUp: () => child.exitCode !== null }))) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it was ready`);
    child.kill('SIGTERM');
    throw new Error('code-server did not answer /healthz within 30 s');
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

/** Installs a packaged .vsix into the session `dataDir` (as a user would, with --install-extension). */
export function installVsix(dataDir: string, vsix: string): void {
  const paths = sessionPaths(dataDir);
  const install = spawnSync(codeServerBin, ['--install-extension', vsix, '--user-data-dir', paths.userDataDir, '--extensions-dir', paths.extensionsDir], { env: codeServerEnv(dataDir), encoding: 'utf8', timeout: 60_000 });
  if (!/successfully installed/.test(`${install.stdout}${install.stderr}`)) throw new Error(`installing ${vsix} failed:\n${install.stdout}${install.stderr}`);
}
