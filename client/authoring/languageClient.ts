/**
 * The language client: starts the bundled language server when the first mitigation file
 * opens, answers its account-data requests and tells it when the account changes.
 */
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import {
  ACCOUNT_ACTIONS_REQUEST,
  ACCOUNT_CHANGED_NOTIFICATION,
  FILE_GLOB,
  FINDINGS_REQUEST,
  LANGUAGE_ID,
  RECENT_AUDITS_REQUEST,
  THING_GROUPS_REQUEST,
  type FindingsParams,
} from '../../common/lspProtocol';
import type { AccountAnswers } from './model/accountAnswers';
import { loadLanguageClient } from '../lazyBundles';
import { LazyBundleError } from '../shared/model/lazyBundle';

/** The CodeLens request's method (the protocol's name; a literal so activation does not load the client library). */
const CODE_LENS_METHOD = 'textDocument/codeLens';

export class MitigationLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly serverModule: string,
    private readonly accountAnswers: AccountAnswers,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const startIfMitigationFile = (document: vscode.TextDocument) => {
      if (document.languageId === LANGUAGE_ID) void this.start();
    };
    this.disposables.push(vscode.workspace.onDidOpenTextDocument(startIfMitigationFile));
    // A file open at activation (often the one that activated the extension) starts the client
    // right after activate returns: loading the LSP library is not part of activation.
    if (vscode.workspace.textDocuments.some((document) => document.languageId === LANGUAGE_ID)) {
      const deferred = setImmediate(() => void this.start());
      this.disposables.push({ dispose: () => clearImmediate(deferred) });
    }
  }

  /** Starts the server once; later calls return the same client. */
  start(): Promise<LanguageClient> {
    this.starting ??= this.createAndStart().catch((error: unknown) => {
      this.log.error(`The language server failed to start: ${error instanceof Error ? error.message : String(error)}`);
      // A missing or broken bundle is the installation's fault: say so where the user looks.
      if (error instanceof LazyBundleError) void vscode.window.showErrorMessage(vscode.l10n.t('IoT Mitigations cannot check mitigation files: {0}', error.message));
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  get running(): boolean {
    return this.client?.isRunning() ?? false;
  }

  private async createAndStart(): Promise<LanguageClient> {
    // The LSP library is a bundle of its own, loaded with the first mitigation file.
    const { LanguageClient, TransportKind } = loadLanguageClient();
    const serverOptions: ServerOptions = {
      run: { module: this.serverModule, transport: TransportKind.ipc },
      debug: { module: this.serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: LANGUAGE_ID }],
      outputChannel: this.log,
      // The server indexes every mitigation file of the workspace; the watcher keeps that index current.
      synchronize: { configurationSection: 'mitigations', fileEvents: vscode.workspace.createFileSystemWatcher(FILE_GLOB) },
      middleware: {
        // The CodeLens ("Start task", "Preview findings") can be switched off.
        provideCodeLenses: (document, token, next) =>
          vscode.workspace.getConfiguration('mitigations', document).get<boolean>('codeLens.enabled', true) ? next(document, token) : [],
      },
    };
    // The id "mitigations" makes the client honour the `mitigations.trace.server` setting.
    const client = new LanguageClient('mitigations', vscode.l10n.t('IoT Mitigations Language Server'), serverOptions, clientOptions);
    client.onRequest(ACCOUNT_ACTIONS_REQUEST, () => this.accountAnswers.actions());
    client.onRequest(RECENT_AUDITS_REQUEST, () => this.accountAnswers.recentAudits());
    client.onRequest(THING_GROUPS_REQUEST, () => this.accountAnswers.thingGroups());
    client.onRequest(FINDINGS_REQUEST, (params: FindingsParams) => this.accountAnswers.findings(params ?? {}));
    this.client = client;
    const started = Date.now();
    await client.start();
    this.log.info(`Language server started in ${Date.now() - started} ms`);
    return client;
  }

  /** The account changed: the server drops its caches and revalidates open files. */
  accountChanged(): void {
    if (this.client?.isRunning()) void this.client.sendNotification(ACCOUNT_CHANGED_NOTIFICATION);
  }

  /** Asks VS Code for every open mitigation file's CodeLens again (after `mitigations.codeLens.enabled` changed). */
  refreshCodeLenses(): void {
    const feature = this.client?.isRunning() ? this.client.getFeature(CODE_LENS_METHOD) : undefined;
    if (!feature) return;
    for (const document of vscode.workspace.textDocuments) {
      if (document.languageId === LANGUAGE_ID) feature.getProvider(document)?.onDidChangeCodeLensEmitter.fire();
    }
  }

  async restart(): Promise<void> {
    if (this.client) await this.client.restart();
    else await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    if (client?.isRunning()) await client.stop(2000);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    void this.stop();
  }
}
