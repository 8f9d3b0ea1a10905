/**
 * Diagnostics: the document's problems (common/document/problems.ts) as LSP diagnostics, with
 * the editor's own concerns on top: the account and workspace a file's references resolve
 * against, and rules held back while the user is still typing the token they are about.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { documentProblems, ruleProblem, type DocumentProblem } from '../../common/document/problems';
import type { MitigationDocument } from '../../common/document/parse';
import type { AccountActionsResult } from '../../common/lspProtocol';
import type { MitigationActionType } from '../../common/model';
import { TOKEN_PROBLEM_CODES, ValidationCache, validateDocument, type AccountActions, type Problem, type ProblemSeverity } from '../../common/validate';
import type { WorkspaceIndex } from './workspaceIndex';

export const DIAGNOSTIC_SOURCE = 'mitigations';

interface ValidationSettings {
  /** What the client knows about the account; undefined when it cannot tell. */
  readonly account?: AccountActionsResult;
  /** Stop after this many diagnostics (editors choke on tens of thousands). */
  readonly maxDiagnostics?: number;
  /**
   * The text of the latest edit, while the user may still be typing there: rules about the
   * value or name being typed are held back for it (`"DEA"` is no enum error yet).
   */
  readonly typing?: { readonly offset: number; readonly length: number };
  /** The other files of the workspace, where referenced actions may be defined. */
  readonly workspace?: WorkspaceIndex;
}

/** Whether `problem` is about the token the latest edit lies within. */
function isBeingTyped(doc: MitigationDocument, problem: Problem, typing: { offset: number; length: number }): boolean {
  if (!TOKEN_PROBLEM_CODES.has(problem.code)) return false;
  const place = doc.placeAt(problem.path);
  if (!place) return false;
  // The token itself: a name, or a scalar value (a rule on a whole object is no token's).
  const token = problem.target === 'key' ? place.key : place.type === 'object' || place.type === 'array' ? undefined : place;
  // An edit wider than the token (a paste, a replaced document) is no typing in it.
  return token !== undefined && typing.offset >= token.offset && typing.offset + typing.length <= token.offset + token.length;
}

const SEVERITIES: Record<ProblemSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

/** One resolver per account answer: the validator keeps its resolved references while it is the same. */
const accountResolvers = new WeakMap<AccountActionsResult, AccountActions>();

function accountResolver(account: AccountActionsResult | undefined): AccountActions | undefined {
  if (!account?.available) return undefined;
  let resolver = accountResolvers.get(account);
  if (!resolver) {
    const types = new Map<string, MitigationActionType>(account.actions.map((action) => [action.name, action.type]));
    resolver = { actionTypeOf: (name) => types.get(name) };
    accountResolvers.set(account, resolver);
  }
  return resolver;
}

/** The validator's results of the previous versions, for the actions and tasks this one did not change. */
export function validationCacheOf(doc: MitigationDocument): ValidationCache {
  return doc.nodeFacts.shared('validation', () => new ValidationCache());
}

/**
 * The catalogue's problems for this version, account snapshot and workspace state (memoised:
 * code actions reuse them). The workspace resolves actions defined in the other files.
 */
export function problemsOf(doc: MitigationDocument, account: AccountActionsResult | undefined, workspace?: WorkspaceIndex): readonly Problem[] {
  const memo = doc.memo.get('problems') as { account: AccountActionsResult | undefined; workspaceVersion: number | undefined; problems: Problem[] } | undefined;
  const workspaceVersion = workspace?.version;
  if (memo && memo.account === account && memo.workspaceVersion === workspaceVersion) return memo.problems;
  const cache = validationCacheOf(doc);
  const problems = doc.hasTree ? validateDocument(doc.value, { account: accountResolver(account), workspace: workspace?.resolverFor(doc.uri), fileName: doc.uri, cache }).problems : [];
  doc.memo.set('problems', { account, workspaceVersion, problems });
  return problems;
}

/** A document problem as an LSP diagnostic; a rule's carries its JSON path for code actions. */
export function toDiagnostic(problem: DocumentProblem): Diagnostic {
  const result: Diagnostic = { range: problem.range, severity: SEVERITIES[problem.severity], code: problem.code, source: DIAGNOSTIC_SOURCE, message: problem.message };
  if (problem.rule) result.data = { path: problem.rule.path };
  return result;
}

export function problemDiagnostic(doc: MitigationDocument, problem: Problem): Diagnostic {
  return toDiagnostic(ruleProblem(doc, problem));
}

export function doValidation(doc: MitigationDocument, settings: ValidationSettings = {}): Diagnostic[] {
  const typing = settings.typing;
  const problems = documentProblems(doc, () => problemsOf(doc, settings.account, settings.workspace), {
    maxProblems: settings.maxDiagnostics,
    hold: typing ? (problem) => isBeingTyped(doc, problem, typing) : undefined,
  });
  return problems.map(toDiagnostic);
}
