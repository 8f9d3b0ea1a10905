/** Shared helpers of the extension-host suites (bundled into each suite file). */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { MitigationsApi } from '../../client/mitigationsExtension';
import type { TreeNode } from '../../client/shared/treeNodes';
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

type Stub = ReturnType<typeof stubWindow>;

/** Runs `body` with the given prompts answered, restoring them even when it throws. */
export async function answering<T>(answers: Partial<Record<WindowFunction, (...args: unknown[]) => unknown>>, body: (stubs: Record<string, Stub>) => PromiseLike<T>): Promise<T> {
  const stubs: Record<string, Stub> = {};
  for (const [name, answer] of Object.entries(answers)) stubs[name] = stubWindow(name as WindowFunction, answer);
  try {
    return await body(stubs);
  } finally {
    for (const stub of Object.values(stubs)) stub.restore();
  }
}

/** The calls of a message stub that opened a modal dialog. */
export function modalCalls(stub: Stub): unknown[][] {
  return stub.calls.filter((call) => typeof call[1] === 'object' && call[1] !== null && (call[1] as { modal?: boolean }).modal === true);
}

type AuditsTree = MitigationsApi['trees']['audits'];

/** What the Audits view shows for a node. */
export function treeItemOf(tree: AuditsTree, node: TreeNode): vscode.TreeItem {
  return tree.getTreeItem(node) as vscode.TreeItem;
}

export function tooltipOf(shown: vscode.TreeItem): string {
  return shown.tooltip instanceof vscode.MarkdownString ? shown.tooltip.value : String(shown.tooltip ?? '');
}

/** The findings of `checkName` in the newest audit of the Audits view that has them, read afresh. */
export async function auditFindings(tree: AuditsTree, checkName: string): Promise<TreeNode[]> {
  tree.refresh();
  for (const audit of await tree.getChildren()) {
    if (treeItemOf(tree, audit).contextValue !== 'audit') continue;
    const check = (await tree.getChildren(audit)).find((node) => treeItemOf(tree, node).label === checkName);
    if (check) return tree.getChildren(check);
  }
  throw new Error(`no audit has ${checkName}`);
}

export function findingIdOf(node: TreeNode): string {
  return (node as unknown as { finding: { findingId: string } }).finding.findingId;
}

/** Answers the pickers of Suppress Finding… in turn: the expiry, then where the suppression goes. */
export function answerSuppressPicks(expiry: string, where: RegExp): Stub {
  return stubWindow('showQuickPick', (items) => {
    const choices = items as vscode.QuickPickItem[];
    return choices.find((candidate) => candidate.label === expiry) ?? choices.find((candidate) => where.test(candidate.label));
  });
}

/** Closes every editor, discarding unsaved changes (closeAllEditors would ask whether to save them). */
export async function closeEditorsDiscarding(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((candidate) => candidate.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** An emulator's tables as its admin state route dumps them: each table's [key, row] pairs. */
export type StateTables = Record<string, [string, StateRow][]>;
export type StateRow = Record<string, unknown>;

/** The rows of one table of a state dump. */
export function stateRows(tables: StateTables, table: string): StateRow[] {
  return (tables[table] ?? []).map(([, row]) => row);
}

/** The emulator's own record of the account audit configuration (its settings table). */
export interface StoredAuditConfiguration {
  readonly roleArn?: string;
  readonly notifications: Record<string, StateRow>;
  readonly checks: Record<string, StateRow>;
}

export function storedAuditConfiguration(tables: StateTables): StoredAuditConfiguration {
  const entry = (tables.settings ?? []).find(([key]) => key === 'auditConfiguration');
  assert.ok(entry, 'the emulator holds an audit configuration for the account');
  return entry[1] as unknown as StoredAuditConfiguration;
}

/** ", 2 only in the account (kept)": a deploy plan names what it keeps only when there is some. */
export const keptInAccount = (count: number) => (count ? `, ${count} only in the account (kept)` : '');

/** The emulator's admin state dump of the default account and region. */
export async function emulatorState(services: MitigationsApi): Promise<StateTables> {
  const url = services.connections.emulator.url;
  if (!url) throw new Error('The emulator is not running');
  const response = await fetch(`${url}/_emulator/state`);
  const body = (await response.json()) as { tables: StateTables };
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
export async function realAccountState(): Promise<StateTables> {
  return (await realAccountAdmin<{ tables: StateTables }>('GET', 'state')).tables;
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
