/**
 * LSP wiring for the language service: documents, debounced validation, and one guarded handler
 * per feature. No domain logic lives here (see server/service/).
 */
import {
  CodeActionKind,
  IPCMessageReader,
  IPCMessageWriter,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  TextDocuments,
  FileChangeType,
  createConnection,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ACCOUNT_CHANGED_NOTIFICATION } from '../common/lspProtocol';
import { ClientAccountQueries } from './accountQueries';
import { getLanguageService, type LanguageService } from './service/languageService';
import { RenameError } from './service/references';
import { applyChanges, type Span } from './editSpan';
import { OpenDocument } from './openDocument';
import { WorkspaceIndex } from './service/workspaceIndex';
import { MAX_INDEXED_FILES, findMitigationFiles, readFileText } from './workspaceFiles';

/** Quiet time after the last keystroke before a document is validated again. */
const VALIDATION_DELAY_MS = 300;
/**
 * After this long without a keystroke the user has paused: the rules held back for the token
 * being typed are published too (see ValidationSettings.typing).
 */
const TYPING_PAUSE_MS = 1000;
/**
 * How long before diagnostics are due the server works them out: a validation after a keystroke
 * on a 1 MB file takes 5-40 ms, a first full one about 70 ms.
 */
const PREPARATION_LEAD_MS = 100;
/** More than this many diagnostics in one file helps nobody and slows editors down. */
const MAX_DIAGNOSTICS = 1000;

function connectionFor(argv: readonly string[]): Connection {
  if (argv.includes('--stdio')) return createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  if (argv.includes('--node-ipc')) return createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IPCMessageWriter(process));
  throw new Error('Start the language server with --stdio or --node-ipc.');
}

export function startServer(argv: readonly string[]): void {
  const connection = connectionFor(argv);
  const log = (message: string) => connection.console.log(message);
  // stdout belongs to the protocol: anything printed there would corrupt it.
  console.log = log;
  console.info = log;
  console.warn = (message: string) => connection.console.warn(message);
  console.error = (message: string) => connection.console.error(message);
  process.on('uncaughtException', (error) => connection.console.error(`Uncaught exception: ${error.stack ?? error}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));

  const latestEdits = new Map<string, Span>();
  // The document manager's own update, which also records where each edit landed.
  const documents = new TextDocuments<TextDocument>({
    create: OpenDocument.create,
    update(document, changes, version) {
      const fromVersion = document.version;
      const { document: updated, span, edits } = applyChanges(document, changes, version);
      if (span) latestEdits.set(document.uri, span);
      // The parse of the next version re-parses only what these edits touched.
      service.noteChanges(document.uri, fromVersion, version, edits);
      return updated;
    },
  });
  const account = new ClientAccountQueries(connection, { log });
  const workspace = new WorkspaceIndex();
  let service: LanguageService = getLanguageService({ account, maxDiagnostics: MAX_DIAGNOSTICS, workspace });
  let workspaceFolders: string[] = [];
  const pendingValidation = new Map<string, ReturnType<typeof setTimeout>>();
  const pendingRelease = new Map<string, ReturnType<typeof setTimeout>>();
  const pendingPreparation = new Map<string, ReturnType<typeof setTimeout>>();
  let canRefreshInlayHints = false;

  /**
   * Runs a handler after pending messages (so a cancellation can arrive first), turns any
   * exception into a logged fallback result, and answers cancelled requests as cancelled.
   */
  function runSafe<T>(name: string, token: CancellationToken, fallback: T, work: () => T | Promise<T>): Promise<T | ResponseError<void>> {
    return new Promise((resolve) => {
      setImmediate(async () => {
        if (token.isCancellationRequested) return resolve(new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled'));
        try {
          const result = await work();
          resolve(token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled') : result);
        } catch (error) {
          if (error instanceof RenameError) return resolve(new ResponseError(LSPErrorCodes.RequestFailed, error.message));
          connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
          resolve(fallback);
        }
      });
    });
  }

  function documentOf(uri: string): TextDocument | undefined {
    return documents.get(uri);
  }

  /**
   * Diagnostics worked out while a debounce runs, for the version and typing span it will publish.
   * The debounce keeps half-typed tokens from flickering red; it need not leave the work for its
   * end, so the user sees the diagnostics when it ends rather than a validation later.
   */
  const prepared = new Map<string, { readonly version: number; readonly typing: Span | undefined; readonly diagnostics: Promise<Diagnostic[]> }>();

  /** Parses, lets the open document speak for its file in the index, and validates. */
  async function diagnosticsOf(document: TextDocument, typing: Span | undefined): Promise<Diagnostic[]> {
    // Other files follow when this document's names change.
    const before = workspace.version;
    workspace.setDocument(service.parse(document));
    if (workspace.version !== before) revalidateOthers(document.uri);
    return service.doValidation(document, typing);
  }

  /**
   * Starts the work for a validation due in `dueInMs`, a little before it is due: late enough
   * that the keystrokes of someone typing on make it unnecessary (and the requests an editor
   * sends with a keystroke go first), early enough that it is done when the time comes.
   */
  function prepareValidation(uri: string, typing: Span | undefined, dueInMs: number): void {
    clearTimeout(pendingPreparation.get(uri));
    const version = documentOf(uri)?.version;
    pendingPreparation.set(uri, setTimeout(() => {
      pendingPreparation.delete(uri);
      const document = documentOf(uri);
      if (!document || document.version !== version) return;
      const diagnostics = diagnosticsOf(document, typing);
      // A result nobody publishes is dropped unread; one that is published reports its failure there.
      diagnostics.catch(() => undefined);
      prepared.set(uri, { version, typing, diagnostics });
    }, Math.max(0, dueInMs - PREPARATION_LEAD_MS)));
  }

  function dropPreparation(uri: string): void {
    clearTimeout(pendingPreparation.get(uri));
    pendingPreparation.delete(uri);
    prepared.delete(uri);
  }

  async function validate(uri: string, typing?: Span): Promise<void> {
    pendingValidation.delete(uri);
    const document = documentOf(uri);
    if (!document) return;
    const version = document.version;
    const early = prepared.get(uri);
    prepared.delete(uri);
    try {
      const diagnostics = early?.version === version && early.typing === typing ? await early.diagnostics : await diagnosticsOf(document, typing);
      // A newer version is on its way to being validated; publishing this one would flicker.
      if (documentOf(uri)?.version !== version) return;
      await connection.sendDiagnostics({ uri, version, diagnostics });
      // The rules held back for the typed token come when the user pauses.
      if (typing && pendingRelease.has(uri)) prepareValidation(uri, undefined, TYPING_PAUSE_MS - VALIDATION_DELAY_MS);
      // A full parse leaves jsonc-parser's tree for later (diagnostics need none): build it while
      // idle, so the first edit's incremental re-parse and the first completion find it.
      setImmediate(() => {
        if (documentOf(uri)?.version === version) service.parse(document).buildTree();
      });
    } catch (error) {
      connection.console.error(`Validating ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  function scheduleValidation(uri: string, delay: number, typing?: Span): void {
    clearTimeout(pendingValidation.get(uri));
    clearTimeout(pendingRelease.get(uri));
    pendingRelease.delete(uri);
    // Whatever called for this validation may have changed what an earlier preparation saw.
    dropPreparation(uri);
    pendingValidation.set(uri, setTimeout(() => void validate(uri, typing), delay));
    if (delay > PREPARATION_LEAD_MS) prepareValidation(uri, typing, delay);
  }

  /** The index changed: the other open documents may resolve (or lose) names. */
  function revalidateOthers(exceptUri: string | undefined): void {
    for (const document of documents.all()) if (document.uri !== exceptUri) scheduleValidation(document.uri, VALIDATION_DELAY_MS);
  }

  /** Indexes the files of the workspace folders from disk; open documents keep their own text. */
  async function indexWorkspace(): Promise<void> {
    const uris = await findMitigationFiles(workspaceFolders);
    if (uris.length >= MAX_INDEXED_FILES) log(`The workspace has more than ${MAX_INDEXED_FILES} mitigation files; only the first ${MAX_INDEXED_FILES} are indexed.`);
    for (const uri of uris) {
      if (documents.get(uri)) continue;
      const text = await readFileText(uri);
      if (text !== undefined) workspace.set(uri, text);
    }
    revalidateOthers(undefined);
  }

  /** After a keystroke: soon without the typed token's own rules, in full once the user pauses. */
  function scheduleTypingValidation(uri: string): void {
    const typing = latestEdits.get(uri);
    scheduleValidation(uri, VALIDATION_DELAY_MS, typing);
    if (typing) {
      pendingRelease.set(uri, setTimeout(() => {
        pendingRelease.delete(uri);
        void validate(uri);
      }, TYPING_PAUSE_MS));
    }
  }

  connection.onInitialize((params): InitializeResult => {
    const snippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport ?? false;
    canRefreshInlayHints = params.capabilities.workspace?.inlayHint?.refreshSupport ?? false;
    service = getLanguageService({ account, maxDiagnostics: MAX_DIAGNOSTICS, completion: { snippets }, workspace });
    workspaceFolders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['"', ':'], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'iot-mitigations-language-server', version: '0.1.0' },
    };
  });

  // TextDocuments fires a content change right after every open; that one must not push the
  // immediate first validation back by the typing delay.
  const openedVersions = new Map<string, number>();
  documents.onDidOpen((event) => {
    openedVersions.set(event.document.uri, event.document.version);
    scheduleValidation(event.document.uri, 0);
  });
  documents.onDidChangeContent((event) => {
    const { uri, version } = event.document;
    if (openedVersions.get(uri) === version) return;
    openedVersions.delete(uri);
    scheduleTypingValidation(uri);
  });
  connection.onInitialized(() => {
    indexWorkspace().catch((error: unknown) => connection.console.error(`Indexing the workspace failed: ${String(error)}`));
  });

  // The client's file watcher: created, changed and deleted files outside the editor.
  connection.onDidChangeWatchedFiles(async (params) => {
    const before = workspace.version;
    for (const change of params.changes) {
      if (documents.get(change.uri)) continue;
      const text = change.type === FileChangeType.Deleted ? undefined : await readFileText(change.uri);
      if (text === undefined) workspace.delete(change.uri);
      else workspace.set(change.uri, text);
    }
    if (workspace.version !== before) revalidateOthers(undefined);
  });

  documents.onDidClose((event) => {
    openedVersions.delete(event.document.uri);
    clearTimeout(pendingValidation.get(event.document.uri));
    pendingValidation.delete(event.document.uri);
    clearTimeout(pendingRelease.get(event.document.uri));
    pendingRelease.delete(event.document.uri);
    latestEdits.delete(event.document.uri);
    dropPreparation(event.document.uri);
    service.forget(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    // Closed without saving: the file on disk speaks for it again (or nothing, if there is none).
    const uri = event.document.uri;
    void readFileText(uri).then((text) => {
      const before = workspace.version;
      if (documents.get(uri)) return;
      if (text === undefined) workspace.delete(uri);
      else workspace.set(uri, text);
      if (workspace.version !== before) revalidateOthers(uri);
    });
  });

  connection.onNotification(ACCOUNT_CHANGED_NOTIFICATION, () => {
    account.invalidate();
    for (const document of documents.all()) scheduleValidation(document.uri, 0);
    if (canRefreshInlayHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
  });

  connection.onCompletion((params, token) => runSafe('completion', token, null, () => {
    const document = documentOf(params.textDocument.uri);
    return document ? service.doComplete(document, params.position) : null;
  }));
  connection.onHover((params, token) => runSafe('hover', token, null, () => {
    const document = documentOf(params.textDocument.uri);
    return document ? service.doHover(document, params.position) : null;
  }));
  connection.onCodeAction((params, token) => runSafe('codeAction', token, [], () => {
    const document = documentOf(params.textDocument.uri);
    return document ? service.doCodeActions(document, params.range) : [];
  }));
  connection.onDefinition((params, token) => runSafe('definition', token, null, () => {
    const document = documentOf(params.textDocument.uri);
    return document ? service.findDefinition(document, params.position) : null;
  }));
  connection.onReferences((params, token) => runSafe('references', token, [], () => {
    const document = documentOf(params.textDocument.uri);
    return document ? service.findReferences(document, params.position, params.context.includeDeclaration) : [];
  }));
  connection.onPrepareRename((params, token) => runSafe('prepareRename', token, null, () => {
    const document = documentOf(params.textDocument.uri);
    return document ? service.prepareRename(document, params.position) : null;
  }));
  connection.onRenameRequest((params, token) => runSafe('rename', token, null, () => {
    const document = documentOf(params.textDocument.uri);
    return document ? service.doRename(document, params.position, params.newName) : null;
  }));
  connection.onDocumentSymbol((params, token) => runSafe('documentSymbol', token, [], () => {
    const document = documentOf(params.textDocument.uri);
    return document ? service.findDocumentSymbols(document) : [];
  }));
  connection.onFoldingRanges((params, token) => runSafe('foldingRange', token, [], () => {
    const document = documentOf(params.textDocument.uri);
    return document ? service.getFoldingRanges(document) : [];
  }));
  connection.onSelectionRanges((params, token) => runSafe('selectionRange', token, [], () => {
    const document = documentOf(params.textDocument.uri);
    return document ? service.getSelectionRanges(document, params.positions) : [];
  }));
  connection.onDocumentFormatting((params, token) => runSafe('formatting', token, [], () => {
    const document = documentOf(params.textDocument.uri);
    return document ? service.format(document, undefined, params.options) : [];
  }));
  connection.onDocumentRangeFormatting((params, token) => runSafe('rangeFormatting', token, [], () => {
    const document = documentOf(params.textDocument.uri);
    return document ? service.format(document, params.range, params.options) : [];
  }));
  connection.languages.inlayHint.on((params, token) => runSafe('inlayHint', token, [], () => {
    const document = documentOf(params.textDocument.uri);
    return document ? service.getInlayHints(document, params.range) : [];
  }));
  connection.onCodeLens((params, token) => runSafe('codeLens', token, [], () => {
    const document = documentOf(params.textDocument.uri);
    return document ? service.getCodeLenses(document) : [];
  }));

  documents.listen(connection);
  connection.listen();
}
