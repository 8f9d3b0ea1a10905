/** Shared helpers of the extension-host suites (bundled into each suite file). */
import * as vscode from 'vscode';
import type { MitigationsApi } from '../../client/mitigationsExtension';
import { REAL_ACCOUNT } from './realAccount';

export const EXTENSION_ID = 'iot-mitigations.iot-mitigations';

export async function api(): Promise<MitigationsApi> {
  const extension = vscode.extensions.getExtension<MitigationsApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  return extension.activate();
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The suite needs the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Polls until `probe` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

type WindowFunction = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage' | 'showQuickPick' | 'showInputBox';

/**
 * Replaces a vscode.window prompt for one test: modals and pickers would wait for a person.
 * Records every call; returns a restore function.
 */
export function stubWindow(name: WindowFunction, answer: (...args: unknown[]) => unknown): { calls: unknown[][]; restore: () => void } {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window[name];
  const calls: unknown[][] = [];
  window[name] = (...args: unknown[]) => {
    calls.push(args);
    return Promise.resolve(answer(...args));
  };
  return { calls, restore: () => { window[name] = original; } };
}

/** The emulator's admin state dump of the default account and region. */
export async function emulatorState(services: MitigationsApi): Promise<Record<string, [string, Record<string, unknown>][]>> {
  const url = services.connections.emulator.url;
  if (!url) throw new Error('The emulator is not running');
  const response = await fetch(`${url}/_emulator/state`);
  const body = (await response.json()) as { tables: Record<string, [string, Record<string, unknown>][]> };
  return body.tables;
}

export { REAL_ACCOUNT };

export function realAccountUrl(): string {
  const url = process.env.MITIGATIONS_TEST_REAL_ACCOUNT_URL;
  if (!url) throw new Error('MITIGATIONS_TEST_REAL_ACCOUNT_URL is not set: run the suite with test/vscode/runCodeServer.ts');
  return url;
}

/** Its admin API (state, settings), scoped to the real account and region. */
export async function realAccountAdmin<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${realAccountUrl()}/_emulator/${path}?region=${REAL_ACCOUNT.region}&account=${REAL_ACCOUNT.id}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The real account's tables, e.g. mitigationActions, mitigationTasks, auditTasks. */
export async function realAccountState(): Promise<Record<string, [string, Record<string, unknown>][]>> {
  return (await realAccountAdmin<{ tables: Record<string, [string, Record<string, unknown>][]> }>('GET', 'state')).tables;
}

/**
 * Runs a copied command as a person pasting it would: in /bin/sh with the Debian AWS CLI v2
 * first on PATH and nothing about AWS in the environment or HOME. Resolves with its stdout.
 */
export async function pasteIntoShell(command: string): Promise<string> {
  const { execFile } = await import('node:child_process');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const home = mkdtempSync(join(tmpdir(), 'pasted-command-'));
  const env = { PATH: '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'), AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true' };
  return new Promise((resolve, reject) => {
    execFile('/bin/sh', ['-c', command], { env, timeout: 60_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${command}\n${stderr || error.message}`)) : resolve(stdout)));
  });
}
