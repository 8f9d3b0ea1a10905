/**
 * Every problem of a document as the editor shows it, in offsets and zero-based ranges: syntax
 * errors (one per cause), keys repeated in an object, what the AWS CLI's strict JSON reader
 * rejects in a --cli-input-json document, and the validator's rules mapped from their JSON
 * paths to the text they are about. The language service turns these into LSP diagnostics; the
 * document model hands them to deploy and start, so a gate and the Problems view agree.
 */
import { SyntaxKind, createScanner, type Node } from 'jsonc-parser';
import type { JsonPath, Problem, ProblemCode, ProblemSeverity } from '../validate';
import { isCliInputKind } from './envelope';
import type { TextRange } from './lines';
import { keyNodeOf, type MitigationDocument } from './parse';
import { syntaxCauses } from './syntaxCauses';
import { MEMO_DEPTH } from './treeMemo';

/** Codes of the problems the parse itself raises; the rest are the validator's `ProblemCode`s. */
export const SYNTAX_CODE = 'syntax';
export const DUPLICATE_KEY_CODE = 'duplicate-key';

export type DocumentProblemCode = ProblemCode | typeof SYNTAX_CODE | typeof DUPLICATE_KEY_CODE;

export interface DocumentProblem {
  readonly code: DocumentProblemCode;
  readonly message: string;
  readonly severity: ProblemSeverity;
  readonly range: TextRange;
  /** The validator's problem, for a rule's problem (its path, target and suggestions). */
  readonly rule?: Problem;
}

export interface DocumentProblemOptions {
  /** Stop after this many problems (editors choke on tens of thousands). */
  readonly maxProblems?: number;
  /** Rule problems to hold back, e.g. about the token the user is still typing. */
  readonly hold?: (problem: Problem) => boolean;
}

/** The node a problem is about: the deepest existing node along its path. */
export function problemNode(doc: MitigationDocument, path: JsonPath): Node | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = doc.nodeAt(path.slice(0, length));
    if (node) return node;
  }
  return undefined;
}

export { keyNodeOf };

/** Where to draw a problem: the property name for key problems and containers, the value otherwise. */
export function problemRange(doc: MitigationDocument, problem: Pick<Problem, 'path' | 'target'>): TextRange {
  const place = doc.placeAt(problem.path);
  if (!place) return doc.rangeOf(0, 0);
  if (problem.target === 'key' || place.type === 'object' || place.type === 'array') {
    return place.key ? doc.rangeOf(place.key.offset, place.key.length) : doc.rangeOf(place.offset, 1);
  }
  return doc.rangeOf(place.offset, place.length);
}

/** The text a problem covers, for "does a syntax error lie inside it": the whole property for a key problem. */
function problemExtent(doc: MitigationDocument, problem: Problem): { offset: number; length: number } | undefined {
  const place = doc.placeAt(problem.path);
  if (!place) return undefined;
  return problem.target === 'key' && place.key ? { offset: place.key.offset, length: place.offset + place.length - place.key.offset } : place;
}

function parseProblem(doc: MitigationDocument, offset: number, length: number, code: DocumentProblemCode, message: string): DocumentProblem {
  return { code, message, severity: 'error', range: doc.rangeOf(offset, length) };
}

/**
 * One severity per code in every client. `undefined-action` is a warning even when the account
 * is known not to hold the action (its message says so): the `check` CLI cannot see the account,
 * and the editor and CI must not disagree about the same file.
 */
function severityOf(problem: Problem): ProblemSeverity {
  return problem.code === 'undefined-action' ? 'warning' : problem.severity;
}

export function ruleProblem(doc: MitigationDocument, problem: Problem): DocumentProblem {
  return { code: problem.code, message: problem.message, severity: severityOf(problem), range: problemRange(doc, problem), rule: problem };
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

/**
 * Keys repeated in one object: the parsed value silently keeps only the last one. Subtrees known
 * to repeat none (from an earlier version whose nodes a re-parse kept) are not walked again.
 */
function duplicateKeys(doc: MitigationDocument, limit: number): DocumentProblem[] {
  const out: DocumentProblem[] = [];
  // A clean parse knows whether any object repeats a key: most files need no walk, nor a tree.
  if (doc.knownFreeOfDuplicateKeys) return out;
  const facts = doc.nodeFacts;
  const walk = (node: Node, depth: number): boolean => {
    const remembered = depth <= MEMO_DEPTH;
    if ((remembered && facts.knownFreeOfDuplicates(node)) || out.length >= limit) return true;
    // Offsets are read only where a key repeats: the walk settles what it visits (see PendingShifts).
    doc.settle(node);
    const children = node.children ?? [];
    let free = true;
    if (node.type === 'object') {
      if (remembered ? !facts.keysAreDistinct(node, () => !hasDuplicateKey(children)) : hasDuplicateKey(children)) {
        out.push(...duplicateKeyProblems(doc, children));
        free = false;
      }
      for (const property of children) {
        const value = property.children?.[1];
        if (value && (value.type === 'object' || value.type === 'array') && !walk(value, depth + 1)) free = false;
      }
    } else {
      for (const item of children) if ((item.type === 'object' || item.type === 'array') && !walk(item, depth + 1)) free = false;
    }
    // Only a complete walk may vouch for a subtree.
    if (remembered && out.length < limit) facts.setFreeOfDuplicates(node, free);
    return free;
  };
  // Nesting is bounded (MAX_NESTING_DEPTH), so the recursion is too.
  const root = doc.unsettledRoot;
  if (root && (root.type === 'object' || root.type === 'array')) walk(root, 1);
  return out;
}

/** The duplicate-key problems of the properties of one object. */
export function duplicateKeyProblems(doc: MitigationDocument, properties: readonly Node[]): DocumentProblem[] {
  const byKey = new Map<string, Node[]>();
  for (const property of properties) {
    doc.settle(property);
    const key = property.children?.[0];
    if (key?.type === 'string') byKey.set(key.value as string, [...(byKey.get(key.value as string) ?? []), key]);
  }
  const out: DocumentProblem[] = [];
  for (const [name, keys] of byKey) {
    if (keys.length < 2) continue;
    for (const key of keys) {
      const message = `Duplicate key "${name}": only the last of its ${keys.length} occurrences counts, the others are silently ignored.`;
      out.push(parseProblem(doc, key.offset, key.length, DUPLICATE_KEY_CODE, message));
    }
  }
  return out;
}

const STRICT = 'The AWS CLI reads --cli-input-json as strict JSON';

/**
 * What the AWS CLI would reject in a --cli-input-json document that a mitigation file may
 * contain: comments, trailing commas, and `$schema` (the CLI answers "Unknown parameter in input").
 */
export function strictJsonProblems(doc: MitigationDocument): DocumentProblem[] {
  if (!isCliInputKind(doc.kind)) return [];
  const out: DocumentProblem[] = [];
  const scanner = createScanner(doc.text, false);
  let pendingComma: number | undefined;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) {
      out.push(parseProblem(doc, scanner.getTokenOffset(), scanner.getTokenLength(), SYNTAX_CODE, `${STRICT}: remove this comment.`));
    } else if (token === SyntaxKind.Trivia || token === SyntaxKind.LineBreakTrivia) {
      continue;
    } else if (token === SyntaxKind.CommaToken) {
      pendingComma = scanner.getTokenOffset();
      continue;
    } else if ((token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) && pendingComma !== undefined) {
      out.push(parseProblem(doc, pendingComma, 1, SYNTAX_CODE, `${STRICT}: remove this trailing comma.`));
    }
    if (token !== SyntaxKind.LineCommentTrivia && token !== SyntaxKind.BlockCommentTrivia) pendingComma = undefined;
  }
  const schema = doc.property(doc.root, '$schema');
  if (schema?.children?.[0]) {
    const key = schema.children[0];
    out.push(parseProblem(doc, key.offset, key.length, 'unknown-property', 'The AWS CLI rejects "$schema" here ("Unknown parameter in input"): a --cli-input-json document holds only the operation\'s parameters.'));
  }
  return out;
}

/**
 * The problems of `doc` given its rule problems: syntax causes, duplicate keys and strict-JSON
 * issues, then the rules less those held back, in document order.
 */
export function documentProblems(doc: MitigationDocument, ruleProblems: () => readonly Problem[], options: DocumentProblemOptions = {}): DocumentProblem[] {
  const limit = options.maxProblems ?? Number.POSITIVE_INFINITY;
  const causes = doc.cached('syntaxCauses', () => syntaxCauses(doc.text, doc.syntaxIssues));
  const problems: DocumentProblem[] = causes.map((issue) => parseProblem(doc, issue.offset, issue.length, SYNTAX_CODE, issue.message));
  if (!doc.hasTree) return problems.slice(0, limit).sort(byPosition);
  problems.push(...duplicateKeys(doc, limit), ...strictJsonProblems(doc));
  const errorOffsets = doc.syntaxIssues.map((issue) => issue.offset);
  for (const problem of ruleProblems()) {
    if (problems.length >= limit) break;
    // While the text does not parse, hold back rules on the construct being typed: a half-typed
    // key or value would only draw noise next to the one error that matters.
    if (errorOffsets.length) {
      const extent = problemExtent(doc, problem);
      if (extent && errorOffsets.some((offset) => offset >= extent.offset && offset <= extent.offset + extent.length)) continue;
    }
    if (options.hold?.(problem)) continue;
    problems.push(ruleProblem(doc, problem));
  }
  return problems.slice(0, limit).sort(byPosition);
}

function byPosition(a: DocumentProblem, b: DocumentProblem): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
