/**
 * Diagnostics: syntax errors and duplicate keys from the parse, then every rule of
 * `validateDocument` (common/validate.ts) mapped from its JSON path to a source range.
 */
import type { Node } from 'jsonc-parser';
import { Diagnostic, DiagnosticSeverity, type Range } from 'vscode-languageserver-protocol';
import type { AccountActionsResult } from '../../common/lspProtocol';
import type { MitigationActionType } from '../../common/model';
import { TOKEN_PROBLEM_CODES, validateDocument, type AccountActions, type JsonPath, type Problem, type ProblemSeverity } from '../../common/validate';
import type { MitigationDocument } from './parse';
import { strictJsonIssues } from './strictJson';
import { syntaxCauses } from './syntaxCauses';
import type { WorkspaceIndex } from './workspaceIndex';

export const DIAGNOSTIC_SOURCE = 'mitigations';

/** Codes of the diagnostics the parse itself raises; the rest are `ProblemCode`s. */
export const SYNTAX_CODE = 'syntax';
export const DUPLICATE_KEY_CODE = 'duplicate-key';

export interface ValidationSettings {
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
  const node = problemNode(doc, problem.path);
  if (!node) return false;
  // The token itself: a name, or a scalar value (a rule on a whole object is no token's).
  const token = problem.target === 'key' ? keyNodeOf(node) : node.type === 'object' || node.type === 'array' ? undefined : node;
  // An edit wider than the token (a paste, a replaced document) is no typing in it.
  return token !== undefined && typing.offset >= token.offset && typing.offset + typing.length <= token.offset + token.length;
}

const SEVERITIES: Record<ProblemSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

export function accountResolver(account: AccountActionsResult | undefined): AccountActions | undefined {
  if (!account?.available) return undefined;
  const types = new Map<string, MitigationActionType>(account.actions.map((action) => [action.name, action.type]));
  return { actionTypeOf: (name) => types.get(name) };
}

/**
 * The catalogue's problems for this version, account snapshot and workspace state (memoised:
 * code actions reuse them). The workspace resolves actions defined in the other files.
 */
export function problemsOf(doc: MitigationDocument, account: AccountActionsResult | undefined, workspace?: WorkspaceIndex): readonly Problem[] {
  const memo = doc.memo.get('problems') as { account: AccountActionsResult | undefined; workspaceVersion: number | undefined; problems: Problem[] } | undefined;
  const workspaceVersion = workspace?.version;
  if (memo && memo.account === account && memo.workspaceVersion === workspaceVersion) return memo.problems;
  const problems = doc.root ? validateDocument(doc.value, { account: accountResolver(account), workspace: workspace?.resolverFor(doc.uri), fileName: doc.uri }).problems : [];
  doc.memo.set('problems', { account, workspaceVersion, problems });
  return problems;
}

/** The node a problem is about: the deepest existing node along its path. */
export function problemNode(doc: MitigationDocument, path: JsonPath): Node | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = doc.nodeAt(path.slice(0, length));
    if (node) return node;
  }
  return undefined;
}

/** The key string of the property that holds `node`, if any. */
function keyNodeOf(node: Node): Node | undefined {
  return node.parent?.type === 'property' && node.parent.children?.[1] === node ? node.parent.children[0] : undefined;
}

/** Where to draw a problem: the property name for key problems and containers, the value otherwise. */
export function problemRange(doc: MitigationDocument, problem: Pick<Problem, 'path' | 'target'>): Range {
  const node = problemNode(doc, problem.path);
  if (!node) return doc.rangeOf(0, 0);
  const key = keyNodeOf(node);
  if (problem.target === 'key' || node.type === 'object' || node.type === 'array') {
    return key ? doc.rangeOf(key.offset, key.length) : doc.rangeOf(node.offset, 1);
  }
  return doc.rangeOf(node.offset, node.length);
}

/** The text a problem covers for the "is the user still typing here" test. */
function problemExtent(doc: MitigationDocument, problem: Problem): { offset: number; length: number } | undefined {
  const node = problemNode(doc, problem.path);
  if (!node) return undefined;
  return problem.target === 'key' && node.parent?.type === 'property' ? node.parent : node;
}

/** Whether an object repeats a key; allocation-free for the small objects that make up most files. */
function hasDuplicateKey(children: readonly Node[]): boolean {
  if (children.length < 2) return false;
  if (children.length <= 16) {
    for (let i = 1; i < children.length; i++) {
      const key = children[i].children?.[0]?.value;
      for (let j = 0; j < i; j++) if (children[j].children?.[0]?.value === key) return true;
    }
    return false;
  }
  const seen = new Set<unknown>();
  for (const child of children) {
    const key = child.children?.[0]?.value;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/** Keys repeated in one object: the parsed value silently keeps only the last one. */
function duplicateKeys(doc: MitigationDocument, limit: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stack: Node[] = doc.root ? [doc.root] : [];
  while (stack.length && out.length < limit) {
    const node = stack.pop()!;
    const children = node.children ?? [];
    if (node.type === 'object') {
      for (const property of children) {
        const value = property.children?.[1];
        if (value && (value.type === 'object' || value.type === 'array')) stack.push(value);
      }
      if (hasDuplicateKey(children)) out.push(...duplicateKeyDiagnostics(doc, children));
    } else if (node.type === 'array') {
      for (const item of children) if (item.type === 'object' || item.type === 'array') stack.push(item);
    }
  }
  return out;
}

export function duplicateKeyDiagnostics(doc: MitigationDocument, properties: readonly Node[]): Diagnostic[] {
  const byKey = new Map<string, Node[]>();
  for (const property of properties) {
    const key = property.children?.[0];
    if (key?.type === 'string') byKey.set(key.value as string, [...(byKey.get(key.value as string) ?? []), key]);
  }
  const out: Diagnostic[] = [];
  for (const [name, keys] of byKey) {
    if (keys.length < 2) continue;
    for (const key of keys) {
      const message = `Duplicate key "${name}": only the last of its ${keys.length} occurrences counts, the others are silently ignored.`;
      out.push(diagnostic(doc.rangeOf(key.offset, key.length), DiagnosticSeverity.Error, DUPLICATE_KEY_CODE, message));
    }
  }
  return out;
}

function diagnostic(range: Range, severity: DiagnosticSeverity, code: string, message: string, data?: unknown): Diagnostic {
  const result: Diagnostic = { range, severity, code, source: DIAGNOSTIC_SOURCE, message };
  if (data !== undefined) result.data = data;
  return result;
}

/**
 * One severity per code in every client. `undefined-action` is a warning even when the account
 * is known not to hold the action (its message says so): the `check` CLI cannot see the account,
 * and the editor and CI must not disagree about the same file.
 */
function severityOf(problem: Problem): DiagnosticSeverity {
  return problem.code === 'undefined-action' ? DiagnosticSeverity.Warning : SEVERITIES[problem.severity];
}

export function problemDiagnostic(doc: MitigationDocument, problem: Problem): Diagnostic {
  return diagnostic(problemRange(doc, problem), severityOf(problem), problem.code, problem.message, { path: problem.path });
}

export function doValidation(doc: MitigationDocument, settings: ValidationSettings = {}): Diagnostic[] {
  return diagnose(doc, () => problemsOf(doc, settings.account, settings.workspace), settings);
}

/**
 * The editor's diagnostics for `doc` given its rule problems: syntax causes, duplicate keys and
 * strict-JSON issues, then the rules less those held back. The document model passes its own
 * rule problems, so a gate and the Problems view never disagree.
 */
export function diagnose(doc: MitigationDocument, ruleProblems: () => readonly Problem[], settings: Pick<ValidationSettings, 'maxDiagnostics' | 'typing'> = {}): Diagnostic[] {
  const limit = settings.maxDiagnostics ?? Number.POSITIVE_INFINITY;
  const causes = doc.cached('syntaxCauses', () => syntaxCauses(doc.text, doc.syntaxIssues));
  const diagnostics: Diagnostic[] = causes.map((issue) => diagnostic(doc.rangeOf(issue.offset, issue.length), DiagnosticSeverity.Error, SYNTAX_CODE, issue.message));
  if (!doc.root) return diagnostics.slice(0, limit).sort(byPosition);
  diagnostics.push(...duplicateKeys(doc, limit), ...strictJsonIssues(doc));
  const errorOffsets = doc.syntaxIssues.map((issue) => issue.offset);
  for (const problem of ruleProblems()) {
    if (diagnostics.length >= limit) break;
    // While the text does not parse, hold back rules on the construct being typed: a half-typed
    // key or value would only draw noise next to the one error that matters.
    if (errorOffsets.length) {
      const extent = problemExtent(doc, problem);
      if (extent && errorOffsets.some((offset) => offset >= extent.offset && offset <= extent.offset + extent.length)) continue;
    }
    if (settings.typing && isBeingTyped(doc, problem, settings.typing)) continue;
    diagnostics.push(problemDiagnostic(doc, problem));
  }
  return diagnostics.slice(0, limit).sort(byPosition);
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
