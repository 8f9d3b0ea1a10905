/**
 * A real LSP client for the protocol tests: spawns `node dist/server.js` and talks to it with
 * vscode-languageserver-protocol, as an editor would.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import {
  CancellationTokenSource,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  IPCMessageReader,
  IPCMessageWriter,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { ACCOUNT_ACTIONS_REQUEST, FINDINGS_REQUEST, RECENT_AUDITS_REQUEST, type AccountActionsResult } from '../../common/lspProtocol';

export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');
export const EXAMPLES = join(__dirname, '..', '..', 'examples');
export const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

export function exampleText(name: string): string {
  return readFileSync(join(EXAMPLES, name), 'utf8');
}

export interface ClientOptions {
  /** How the client answers the server's account request; undefined: it does not implement it. */
  readonly accountActions?: AccountActionsResult;
  readonly transport?: 'stdio' | 'ipc';
  /** Script and arguments to run instead of `dist/server.js --stdio` (stdio only). */
  readonly command?: readonly string[];
  readonly capabilities?: ClientCapabilities;
}

const EDITOR_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    completion: { completionItem: { snippetSupport: true } },
    publishDiagnostics: { versionSupport: true },
    rename: { prepareSupport: true },
  },
  workspace: { inlayHint: { refreshSupport: true } },
};

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  exitCode: number | null | undefined;
  private readonly exited: Promise<number | null>;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: { uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private versions = new Map<string, number>();

  constructor(options: ClientOptions = {}) {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run "npm run build" first.`);
    if (options.transport === 'ipc') {
      this.process = fork(SERVER, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
      this.connection = createProtocolConnection(new IPCMessageReader(this.process), new IPCMessageWriter(this.process));
    } else {
      this.process = spawn(process.execPath, [...(options.command ?? [SERVER, '--stdio'])], { stdio: ['pipe', 'pipe', 'pipe'] });
      this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    }
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => {
      this.exitCode = code;
      resolve(code);
    }));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, [...(this.diagnostics.get(params.uri) ?? []), params]);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.test(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => this.logs.push(params.message));
    this.connection.onRequest('workspace/inlayHint/refresh', () => null);
    if (options.accountActions) {
      const actions = options.accountActions;
      this.connection.onRequest(ACCOUNT_ACTIONS_REQUEST, () => actions);
      this.connection.onRequest(RECENT_AUDITS_REQUEST, () => ({ available: true, audits: [{ taskId: 'audit-from-client', status: 'COMPLETED', type: 'ON_DEMAND_AUDIT_TASK' }] }));
      this.connection.onRequest(FINDINGS_REQUEST, () => ({ available: true, findings: [] }));
    }
    this.connection.listen();
  }

  async initialize(capabilities: ClientCapabilities = EDITOR_CAPABILITIES, workspaceFolders: string[] | null = null): Promise<InitializeResult> {
    const folders = workspaceFolders?.map((uri) => ({ uri, name: uri.slice(uri.lastIndexOf('/') + 1) })) ?? null;
    const result = await this.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities, workspaceFolders: folders });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'mitigation-json', version: 1, text } });
  }

  /** Replaces the whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** One incremental edit, as VS Code sends a keystroke; returns the new version. */
  async edit(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  /** Every publication for `uri` so far, oldest first. */
  publications(uri: string): readonly PublishDiagnosticsParams[] {
    return this.diagnostics.get(uri) ?? [];
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The next diagnostics for `uri` that pass `test` (already received ones count). */
  diagnosticsFor(uri: string, test: (params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const seen = (this.diagnostics.get(uri) ?? []).find(test);
    if (seen) return Promise.resolve(seen.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ uri, test, resolve: (params) => {
        clearTimeout(timer);
        resolve(params.diagnostics);
      } });
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Sends a request and cancels it at once; resolves with the answer or the cancellation error. */
  async requestAndCancel(method: string, params: unknown): Promise<unknown> {
    const source = new CancellationTokenSource();
    const pending = this.connection.sendRequest(method, params, source.token).then((value) => value, (error: unknown) => error);
    source.cancel();
    return pending;
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  /** The polite way out: shutdown, exit, and the process's exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await Promise.race([this.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000))]);
    this.dispose();
    return code;
  }

  dispose(): void {
    this.connection.dispose();
    if (this.exitCode === undefined) this.process.kill();
  }
}

interface SuiteServerOptions extends ClientOptions {
  /** What happens before the suite's tests, once the process runs (default: initialize). */
  readonly start?: (client: TestClient) => Promise<unknown>;
}

/**
 * One server for a suite: started before its tests, disposed after them. The tests read
 * `.client`, which exists from the first hook on.
 */
export function useLanguageServer(options: SuiteServerOptions = {}): { readonly client: TestClient } {
  let client: TestClient | undefined;
  before(async () => {
    client = new TestClient(options);
    await (options.start ?? ((started: TestClient) => started.initialize()))(client);
  });
  after(() => client?.dispose());
  return {
    get client(): TestClient {
      if (!client) throw new Error('the suite\'s language server starts in its before() hook');
      return client;
    },
  };
}

/** A server of its own for one test: initialized, handed to `body`, disposed however `body` ends. */
export async function withLanguageServer(options: ClientOptions, body: (client: TestClient) => Promise<void>): Promise<void> {
  const client = new TestClient(options);
  try {
    await client.initialize();
    await body(client);
  } finally {
    client.dispose();
  }
}
