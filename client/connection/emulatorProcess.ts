/**
 * The bundled emulator as a child process: started on demand on a free loopback port with its
 * state in the extension's global storage, stopped with the extension.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';

interface EmulatorOptions {
  readonly scriptPath: string;
  readonly statePath: string;
  readonly seed: () => 'demo' | 'empty';
  readonly pace: () => number;
  readonly log: vscode.LogOutputChannel;
}

const START_TIMEOUT_MS = 15_000;

export class BundledEmulator implements vscode.Disposable {
  private child: ChildProcess | undefined;
  private starting: Promise<string> | undefined;
  private currentUrl: string | undefined;
  /** Set by an explicit stop: on-demand starts wait for an explicit start again. */
  private stoppedByUser = false;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly options: EmulatorOptions) {}

  get url(): string | undefined {
    return this.currentUrl;
  }

  get running(): boolean {
    return this.currentUrl !== undefined;
  }

  get stoppedOnPurpose(): boolean {
    return this.stoppedByUser;
  }

  /** The emulator's URL, starting it unless the user stopped it. */
  async ensureStarted(): Promise<string> {
    if (this.currentUrl) return this.currentUrl;
    if (this.stoppedByUser) throw new EmulatorStoppedError();
    return this.start();
  }

  start(): Promise<string> {
    this.stoppedByUser = false;
    if (this.currentUrl) return Promise.resolve(this.currentUrl);
    this.starting ??= this.spawnEmulator().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private spawnEmulator(): Promise<string> {
    const { scriptPath, statePath, log } = this.options;
    if (!existsSync(scriptPath)) return Promise.reject(new Error(`The bundled emulator is missing (${scriptPath}); rebuild the extension.`));
    mkdirSync(dirname(statePath), { recursive: true });
    const args = [scriptPath, '--host', '127.0.0.1', '--port', '0', '--state', statePath, '--seed', this.options.seed(), '--pace', String(this.options.pace())];
    log.info(`Starting the bundled emulator: ${args.join(' ')}`);
    // The extension host's executable is Node (code-server) or Electron (desktop): run it as Node.
    const child = spawn(process.execPath, args, { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    return new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => fail(new Error(`The emulator did not print its URL within ${START_TIMEOUT_MS / 1000} s.`)), START_TIMEOUT_MS);
      const fail = (error: Error) => {
        clearTimeout(timer);
        child.kill('SIGTERM');
        reject(error);
      };
      child.stdout?.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        if (this.currentUrl === undefined) {
          output += text;
          const match = /https?:\/\/[\w.-]+:\d+/.exec(output);
          if (match) {
            clearTimeout(timer);
            this.currentUrl = match[0];
            log.info(`The emulator is listening on ${match[0]}`);
            this.changed.fire();
            resolve(match[0]);
          }
        }
        for (const line of text.split('\n')) if (line.trim()) log.debug(`[emulator] ${line}`);
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) if (line.trim()) log.warn(`[emulator] ${line}`);
      });
      child.once('error', (error) => fail(error));
      child.once('exit', (code, signal) => {
        log.info(`The emulator exited (${signal ?? `code ${code}`}).`);
        if (this.child === child) this.child = undefined;
        if (this.currentUrl === undefined) {
          clearTimeout(timer);
          reject(new Error(`The emulator exited before it was ready (${signal ?? `code ${code}`}); see the logs.`));
          return;
        }
        this.currentUrl = undefined;
        this.changed.fire();
      });
    });
  }

  async stop(): Promise<void> {
    this.stoppedByUser = true;
    await this.kill();
    this.changed.fire();
  }

  /** Resets the emulator's accounts to the seed through its admin API. */
  async reset(): Promise<void> {
    const url = await this.ensureStarted();
    const response = await fetch(`${url}/_emulator/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seed: this.options.seed() }) });
    if (!response.ok) throw new Error(`The emulator refused the reset (HTTP ${response.status}): ${await response.text()}`);
    this.changed.fire();
  }

  /**
   * Sets the running emulator's pace through its admin settings route, without a restart.
   * A stopped emulator needs nothing: it starts with the setting's pace.
   */
  async applyPace(paceMs: number): Promise<boolean> {
    const url = this.currentUrl;
    if (!url) return false;
    const response = await fetch(`${url}/_emulator/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ paceMs }) });
    if (!response.ok) throw new Error(`The emulator refused the pace ${paceMs} ms (HTTP ${response.status}): ${await response.text()}`);
    this.options.log.info(`The emulator now paces executions at ${paceMs} ms.`);
    return true;
  }

  private kill(): Promise<void> {
    const child = this.child;
    this.currentUrl = undefined;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  dispose(): void {
    void this.kill();
    this.changed.dispose();
  }
}

export class EmulatorStoppedError extends Error {
  constructor() {
    super('The bundled emulator is not running.');
    this.name = 'EmulatorStoppedError';
  }
}
