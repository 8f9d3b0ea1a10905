/**
 * The language service: every feature behind one small facade, with no dependency on an LSP
 * connection (the server, the `check` CLI, the tests and the benchmark all use it directly).
 * LSP types come from vscode-languageserver-protocol (pure data, no transport): the same version
 * vscode-languageserver uses, so results pass to the connection without conversion.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  FormattingOptions,
  Hover,
  InlayHint,
  Location,
  Position,
  Range,
  SelectionRange,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import type { AccountDataSource } from './accountSource';
import { doCodeActions } from './codeActions';
import { getCodeLenses } from './codeLens';
import { doComplete, type CompletionSettings } from './completion';
import { hasAuditTaskIds, unknownAuditDiagnostics } from './auditReferences';
import { doValidation } from './diagnostics';
import { getFoldingRanges } from './folding';
import { formatDocument } from './formatting';
import { doHover } from './hover';
import { getInlayHints } from './inlayHints';
import { DocumentCache, type MitigationDocument, type TextChange } from '../../common/document/parse';
import { doRename, findDefinition, findReferences, prepareRename } from './references';
import { getSelectionRanges } from './selectionRanges';
import { findDocumentSymbols } from './symbols';
import type { WorkspaceIndex } from './workspaceIndex';

export interface LanguageServiceOptions {
  /** Account data from the client; without it the service works from the file alone. */
  readonly account?: AccountDataSource;
  readonly completion?: CompletionSettings;
  /** Diagnostics per document at most (the CLI passes none: it reports everything). */
  readonly maxDiagnostics?: number;
  /** The workspace's mitigation files: actions defined in any of them resolve in every feature. */
  readonly workspace?: WorkspaceIndex;
}

export interface LanguageService {
  parse(document: TextDocument): MitigationDocument;
  /** The edits that made `toVersion` from `fromVersion`, so that its parse re-parses only what they touched. */
  noteChanges(uri: string, fromVersion: number, toVersion: number, changes: readonly TextChange[]): void;
  /** `typing`: the span of the latest edit, whose token's own rules wait (see ValidationSettings). */
  doValidation(document: TextDocument, typing?: { offset: number; length: number }): Promise<Diagnostic[]>;
  doComplete(document: TextDocument, position: Position): Promise<CompletionList>;
  doHover(document: TextDocument, position: Position): Hover | null;
  doCodeActions(document: TextDocument, range: Range): CodeAction[];
  findDefinition(document: TextDocument, position: Position): Location | null;
  findReferences(document: TextDocument, position: Position, includeDeclaration: boolean): Location[];
  prepareRename(document: TextDocument, position: Position): { range: Range; placeholder: string } | null;
  doRename(document: TextDocument, position: Position, newName: string): WorkspaceEdit | null;
  findDocumentSymbols(document: TextDocument): DocumentSymbol[];
  getFoldingRanges(document: TextDocument): FoldingRange[];
  getSelectionRanges(document: TextDocument, positions: readonly Position[]): SelectionRange[];
  format(document: TextDocument, range: Range | undefined, options: FormattingOptions): TextEdit[];
  getInlayHints(document: TextDocument, range: Range): InlayHint[];
  getCodeLenses(document: TextDocument): CodeLens[];
  /** Forget a closed document's parse. */
  forget(uri: string): void;
}

export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const cache = new DocumentCache();
  const account = options.account;
  const workspace = options.workspace;
  const completion = options.completion ?? { snippets: true };
  const parse = (document: TextDocument) => cache.get(document);
  return {
    parse,
    noteChanges: (uri, fromVersion, toVersion, changes) => cache.noteChanges(uri, fromVersion, toVersion, changes),
    async doValidation(document, typing) {
      const version = document.version;
      let doc = parse(document);
      // Both questions at once: a client that answers neither costs one timeout, not two.
      const auditIds = doc.hasTree && account ? hasAuditTaskIds(doc) : false;
      const [actions, audits] = doc.hasTree ? await Promise.all([account?.actions(), auditIds ? account?.recentAudits() : undefined]) : [undefined, undefined];
      // A newer version arrived meanwhile: its parse took over this one's tree.
      if (document.version !== version) doc = parse(document);
      const diagnostics = doValidation(doc, { account: actions, maxDiagnostics: options.maxDiagnostics, typing, workspace });
      if (!audits) return diagnostics;
      return [...diagnostics, ...unknownAuditDiagnostics(doc, audits, actions?.source, typing)].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    },
    doComplete: (document, position) => doComplete(parse(document), position, account, completion, workspace),
    doHover: (document, position) => doHover(parse(document), position, account, workspace),
    doCodeActions: (document, range) => doCodeActions(parse(document), range, account?.knownActions(), workspace),
    findDefinition: (document, position) => findDefinition(parse(document), position, workspace),
    findReferences: (document, position, includeDeclaration) => findReferences(parse(document), position, includeDeclaration, workspace),
    prepareRename: (document, position) => prepareRename(parse(document), position),
    doRename: (document, position, newName) => doRename(parse(document), position, newName, workspace),
    findDocumentSymbols: (document) => findDocumentSymbols(parse(document)),
    getFoldingRanges: (document) => getFoldingRanges(parse(document)),
    getSelectionRanges: (document, positions) => getSelectionRanges(parse(document), positions),
    format: (document, range, formatting) => formatDocument(parse(document), range, formatting),
    getInlayHints: (document, range) => getInlayHints(parse(document), range, account?.knownActions()),
    getCodeLenses: (document) => getCodeLenses(parse(document)),
    forget: (uri) => cache.delete(uri),
  };
}
