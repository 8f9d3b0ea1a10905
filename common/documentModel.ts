/**
 * One reading of a mitigation file for everything that acts on it (deploy, start, rehearsal):
 * its actions and tasks as plain data, and the very problems the language server shows in the
 * editor, so a gate that refuses a file and the Problems view always agree.
 *
 * The parse, its syntax messages, duplicate keys and problem ranges come from the language
 * server's own code (server/service/parse.ts, diagnostics.ts); the rules from validate.ts.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DUPLICATE_KEY_CODE, SYNTAX_CODE, doValidation, problemNode, problemRange } from '../server/service/diagnostics';
import { MitigationDocument } from '../server/service/parse';
import { actionTypeOfParams } from './actionTypes';
import type { MitigationActionType } from './model';
import {
  validateDocument,
  type AccountActions,
  type DocumentKind,
  type JsonPath,
  type Problem,
  type ProblemCode,
  type ValidationOptions,
} from './validate';

export interface ModelAction {
  name: string;
  roleArn: string;
  actionParams: Record<string, unknown>;
  tags?: { Key: string; Value?: string }[];
  type: MitigationActionType | undefined;
  path: JsonPath;
}

export interface ModelTaskTarget {
  auditTaskId?: string;
  findingIds?: string[];
  auditCheckToReasonCodeFilter?: Record<string, string[]>;
}

export interface ModelTask {
  name: string;
  target: ModelTaskTarget;
  auditCheckToActionsMapping: Record<string, string[]>;
  clientRequestToken?: string;
  path: JsonPath;
}

/** Zero-based, as in LSP and vscode.Range. */
export interface ModelRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

/**
 * A validator problem, or a syntax / duplicate-key problem of the parse (the editor's
 * diagnostic codes `syntax` and `duplicate-key`), with the range the editor underlines.
 */
export interface ModelProblem extends Omit<Problem, 'code'> {
  readonly code: ProblemCode | typeof SYNTAX_CODE | typeof DUPLICATE_KEY_CODE;
  readonly range: ModelRange;
}

export interface DocumentModel {
  kind: DocumentKind;
  actions: ModelAction[];
  tasks: ModelTask[];
  /** Syntax problems and every rule problem, in document order: what the language server shows. */
  problems: ModelProblem[];
}

export interface DocumentModelOptions extends ValidationOptions {
  /** Actions defined in other workspace files, name -> type: references to them are resolved. */
  readonly externalActions?: ReadonlyMap<string, MitigationActionType | undefined>;
}

const MODEL_URI = 'untitled:document-model.mitigation.json';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export function readDocumentModel(text: string, options: DocumentModelOptions = {}): DocumentModel {
  const doc = new MitigationDocument(TextDocument.create(MODEL_URI, 'mitigation-json', 0, text));
  const problems = [...parseProblems(doc), ...ruleProblems(doc, options)].sort(byPosition);
  const value = doc.root ? doc.value : undefined;
  const isFile = doc.kind === 'mitigation-file' && isObject(value);
  return {
    kind: doc.kind,
    actions: isFile ? actionsOf(value) : [],
    tasks: isFile ? tasksOf(value) : [],
    problems,
  };
}

export function errorsOf(model: DocumentModel): ModelProblem[] {
  return model.problems.filter((problem) => problem.severity === 'error');
}

export function warningsOf(model: DocumentModel): ModelProblem[] {
  return model.problems.filter((problem) => problem.severity === 'warning');
}

/** Syntax errors and duplicate keys, exactly as the editor reports them. */
function parseProblems(doc: MitigationDocument): ModelProblem[] {
  const syntax: ModelProblem[] = doc.syntaxIssues.map((issue) => ({
    code: SYNTAX_CODE,
    message: issue.message,
    path: [],
    severity: 'error',
    target: 'value',
    range: doc.rangeOf(issue.offset, issue.length),
  }));
  if (!doc.root) return syntax;
  // The account is irrelevant to duplicate keys; the rule problems are computed below with it.
  const duplicates = doValidation(doc).filter((diagnostic) => diagnostic.code === DUPLICATE_KEY_CODE);
  return [
    ...syntax,
    ...duplicates.map((diagnostic): ModelProblem => ({
      code: DUPLICATE_KEY_CODE,
      message: diagnostic.message,
      path: [],
      severity: 'error',
      target: 'key',
      range: diagnostic.range,
    })),
  ];
}

/** The validator's problems, without those the editor holds back while the text does not parse. */
function ruleProblems(doc: MitigationDocument, options: DocumentModelOptions): ModelProblem[] {
  if (!doc.root) return [];
  const problems = validate(doc.value, options);
  const errorOffsets = doc.syntaxIssues.map((issue) => issue.offset);
  return problems
    .filter((problem) => !errorOffsets.length || !coversAny(doc, problem, errorOffsets))
    .map((problem) => ({ ...problem, range: problemRange(doc, problem) }));
}

/** The same hold-back rule as the editor's diagnostics: a half-typed construct draws no rule noise. */
function coversAny(doc: MitigationDocument, problem: Problem, offsets: readonly number[]): boolean {
  const node = problemNode(doc, problem.path);
  if (!node) return false;
  const extent = problem.target === 'key' && node.parent?.type === 'property' ? node.parent : node;
  return offsets.some((offset) => offset >= extent.offset && offset <= extent.offset + extent.length);
}

/**
 * Validates with actions of other files resolved. The validator only knows "this file" and "the
 * account": external actions join the account's resolver. Without a known account, a name found
 * nowhere must stay the validator's warning ("must already exist in the account"), not its error.
 */
function validate(value: unknown, options: DocumentModelOptions): Problem[] {
  const external = options.externalActions;
  if (!external?.size) return validateDocument(value, options).problems;
  const account = options.account;
  const resolver: AccountActions = {
    actionTypeOf: (name) => (external.has(name) ? external.get(name) : account?.actionTypeOf(name)),
  };
  const resolved = validateDocument(value, { ...options, account: resolver }).problems;
  if (account) return resolved;
  const unresolved = validateDocument(value, { ...options, account: undefined }).problems.filter((problem) => problem.code === 'undefined-action');
  const samePath = (a: JsonPath, b: JsonPath) => a.length === b.length && a.every((segment, index) => segment === b[index]);
  return resolved.map((problem) => (problem.code === 'undefined-action' ? unresolved.find((other) => samePath(other.path, problem.path)) ?? problem : problem));
}

function actionsOf(file: Record<string, unknown>): ModelAction[] {
  if (!isObject(file.actions)) return [];
  const actions: ModelAction[] = [];
  for (const [name, value] of Object.entries(file.actions)) {
    if (!isObject(value) || typeof value.roleArn !== 'string' || !isObject(value.actionParams)) continue;
    const tags = Array.isArray(value.tags) ? value.tags.filter(isObject).filter((tag) => typeof tag.Key === 'string').map(tagOf) : undefined;
    actions.push({ name, roleArn: value.roleArn, actionParams: value.actionParams, tags, type: actionTypeOfParams(value.actionParams), path: ['actions', name] });
  }
  return actions;
}

function tagOf(tag: Record<string, unknown>): { Key: string; Value?: string } {
  return typeof tag.Value === 'string' ? { Key: tag.Key as string, Value: tag.Value } : { Key: tag.Key as string };
}

function targetOf(value: unknown): ModelTaskTarget {
  if (!isObject(value)) return {};
  const target: ModelTaskTarget = {};
  if (typeof value.auditTaskId === 'string') target.auditTaskId = value.auditTaskId;
  if (isStringList(value.findingIds)) target.findingIds = value.findingIds;
  if (isObject(value.auditCheckToReasonCodeFilter)) {
    target.auditCheckToReasonCodeFilter = Object.fromEntries(Object.entries(value.auditCheckToReasonCodeFilter).filter((entry): entry is [string, string[]] => isStringList(entry[1])));
  }
  return target;
}

function tasksOf(file: Record<string, unknown>): ModelTask[] {
  if (!isObject(file.tasks)) return [];
  const tasks: ModelTask[] = [];
  for (const [name, value] of Object.entries(file.tasks)) {
    if (!isObject(value) || !isObject(value.auditCheckToActionsMapping)) continue;
    const mapping = Object.fromEntries(Object.entries(value.auditCheckToActionsMapping).filter((entry): entry is [string, string[]] => isStringList(entry[1])));
    tasks.push({
      name,
      target: targetOf(value.target),
      auditCheckToActionsMapping: mapping,
      clientRequestToken: typeof value.clientRequestToken === 'string' ? value.clientRequestToken : undefined,
      path: ['tasks', name],
    });
  }
  return tasks;
}

function byPosition(a: ModelProblem, b: ModelProblem): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
