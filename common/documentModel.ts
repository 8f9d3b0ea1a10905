/**
 * One reading of a mitigation file for everything that acts on it (deploy, start, rehearsal):
 * its actions and tasks as plain data, and the very problems the language server shows in the
 * editor, so a gate that refuses a file and the Problems view always agree.
 *
 * The parse, its syntax messages, duplicate keys and problem ranges are common/document/'s,
 * the rules validate.ts's; the language server reads the same modules.
 */
import { actionTypeOfParams } from './actionTypes';
import type { DocumentKind } from './document/envelope';
import { MitigationDocument } from './document/parse';
import { documentProblems, type DocumentProblem } from './document/problems';
import type { MitigationActionType } from './model';
import { validateDocument, type AccountActions, type JsonPath, type Problem, type ValidationOptions } from './validate';

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

/**
 * One of the editor's diagnostics: a validator problem, a syntax or duplicate-key problem of the
 * parse (codes `syntax`, `duplicate-key`) or a strict-JSON issue of a CLI input document, with
 * the range the editor underlines.
 */
export interface ModelProblem extends Pick<DocumentProblem, 'code' | 'message' | 'severity' | 'range'> {
  readonly path: JsonPath;
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
  const doc = new MitigationDocument({ uri: MODEL_URI, version: 0, getText: () => text });
  // The editor's own problems; no edit is in progress in a file being acted on, so none is held.
  const problems = documentProblems(doc, () => (doc.root ? ruleProblems(doc, options) : [])).map(modelProblem);
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

function modelProblem(problem: DocumentProblem): ModelProblem {
  return { code: problem.code, message: problem.message, severity: problem.severity, path: problem.rule?.path ?? [], range: problem.range };
}

/**
 * The validator's problems with actions of other files resolved: they are the validator's
 * workspace, so a name found nowhere is worded as the editor words it ("in this workspace").
 */
function ruleProblems(doc: MitigationDocument, options: DocumentModelOptions): Problem[] {
  const external = options.externalActions;
  const workspace: AccountActions | undefined = external ? { actionTypeOf: (name) => external.get(name) } : undefined;
  return validateDocument(doc.value, { ...options, workspace }).problems;
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
