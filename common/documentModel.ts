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
import { withoutUndefined, isJsonObject } from './json';

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

/** The file's `auditConfiguration`: UpdateAccountAuditConfiguration's request members, as written. */
export interface ModelAuditConfiguration {
  roleArn?: string;
  auditNotificationTargetConfigurations?: Record<string, { targetArn?: string; roleArn?: string; enabled?: boolean }>;
  auditCheckConfigurations?: Record<string, { enabled?: boolean; configuration?: Record<string, string> }>;
  path: JsonPath;
}

/** One entry of the file's `scheduledAudits` (keyed by scheduledAuditName): CreateScheduledAudit's members. */
export interface ModelScheduledAudit {
  name: string;
  frequency?: string;
  dayOfMonth?: string;
  dayOfWeek?: string;
  targetCheckNames: string[];
  tags?: { Key: string; Value?: string }[];
  path: JsonPath;
}

/** One item of the file's `suppressions` list: CreateAuditSuppression's members (description is the reason). */
export interface ModelSuppression {
  checkName: string;
  resourceIdentifier: Record<string, unknown>;
  /** As written in the file: an ISO 8601 date or date-time. */
  expirationDate?: string;
  suppressIndefinitely?: boolean;
  description?: string;
  path: JsonPath;
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
  auditConfiguration?: ModelAuditConfiguration;
  scheduledAudits: ModelScheduledAudit[];
  suppressions: ModelSuppression[];
  /** Syntax problems and every rule problem, in document order: what the language server shows. */
  problems: ModelProblem[];
}

export interface DocumentModelOptions extends ValidationOptions {
  /** Actions defined in other workspace files, name -> type: references to them are resolved. */
  readonly externalActions?: ReadonlyMap<string, MitigationActionType | undefined>;
}

const MODEL_URI = 'untitled:document-model.mitigation.json';

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export function readDocumentModel(text: string, options: DocumentModelOptions = {}): DocumentModel {
  const doc = new MitigationDocument({ uri: MODEL_URI, version: 0, getText: () => text });
  // The editor's own problems; no edit is in progress in a file being acted on, so none is held.
  const problems = documentProblems(doc, () => (doc.root ? ruleProblems(doc, options) : [])).map(modelProblem);
  const value = doc.root ? doc.value : undefined;
  const isFile = doc.kind === 'mitigation-file' && isJsonObject(value);
  return {
    kind: doc.kind,
    actions: isFile ? actionsOf(value) : [],
    tasks: isFile ? tasksOf(value) : [],
    auditConfiguration: isFile ? auditConfigurationOf(value) : undefined,
    scheduledAudits: isFile ? scheduledAuditsOf(value) : [],
    suppressions: isFile ? suppressionsOf(value) : [],
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
  if (!isJsonObject(file.actions)) return [];
  const actions: ModelAction[] = [];
  for (const [name, value] of Object.entries(file.actions)) {
    if (!isJsonObject(value) || typeof value.roleArn !== 'string' || !isJsonObject(value.actionParams)) continue;
    actions.push({ name, roleArn: value.roleArn, actionParams: value.actionParams, tags: tagsOf(value.tags), type: actionTypeOfParams(value.actionParams), path: ['actions', name] });
  }
  return actions;
}

function tagsOf(value: unknown): { Key: string; Value?: string }[] | undefined {
  return Array.isArray(value) ? value.filter(isJsonObject).filter((tag) => typeof tag.Key === 'string').map(tagOf) : undefined;
}

function tagOf(tag: Record<string, unknown>): { Key: string; Value?: string } {
  return typeof tag.Value === 'string' ? { Key: tag.Key as string, Value: tag.Value } : { Key: tag.Key as string };
}

function targetOf(value: unknown): ModelTaskTarget {
  if (!isJsonObject(value)) return {};
  const target: ModelTaskTarget = {};
  if (typeof value.auditTaskId === 'string') target.auditTaskId = value.auditTaskId;
  if (isStringList(value.findingIds)) target.findingIds = value.findingIds;
  if (isJsonObject(value.auditCheckToReasonCodeFilter)) {
    target.auditCheckToReasonCodeFilter = Object.fromEntries(Object.entries(value.auditCheckToReasonCodeFilter).filter((entry): entry is [string, string[]] => isStringList(entry[1])));
  }
  return target;
}

function tasksOf(file: Record<string, unknown>): ModelTask[] {
  if (!isJsonObject(file.tasks)) return [];
  const tasks: ModelTask[] = [];
  for (const [name, value] of Object.entries(file.tasks)) {
    if (!isJsonObject(value) || !isJsonObject(value.auditCheckToActionsMapping)) continue;
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

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function booleanOf(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** Only what is well typed is read: the validator reports the rest, and deploy refuses a file with errors. */
function auditConfigurationOf(file: Record<string, unknown>): ModelAuditConfiguration | undefined {
  const section = file.auditConfiguration;
  if (!isJsonObject(section)) return undefined;
  const configuration: ModelAuditConfiguration = { path: ['auditConfiguration'] };
  if (typeof section.roleArn === 'string') configuration.roleArn = section.roleArn;
  if (isJsonObject(section.auditNotificationTargetConfigurations)) {
    configuration.auditNotificationTargetConfigurations = Object.fromEntries(
      Object.entries(section.auditNotificationTargetConfigurations)
        .filter((entry): entry is [string, Record<string, unknown>] => isJsonObject(entry[1]))
        .map(([type, target]) => [type, withoutUndefined({ targetArn: stringOf(target.targetArn), roleArn: stringOf(target.roleArn), enabled: booleanOf(target.enabled) })]),
    );
  }
  if (isJsonObject(section.auditCheckConfigurations)) {
    configuration.auditCheckConfigurations = Object.fromEntries(
      Object.entries(section.auditCheckConfigurations)
        .filter((entry): entry is [string, Record<string, unknown>] => isJsonObject(entry[1]))
        .map(([check, options]) => {
          const custom = isJsonObject(options.configuration)
            ? Object.fromEntries(Object.entries(options.configuration).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
            : undefined;
          return [check, withoutUndefined({ enabled: booleanOf(options.enabled), configuration: custom })];
        }),
    );
  }
  return configuration;
}

function scheduledAuditsOf(file: Record<string, unknown>): ModelScheduledAudit[] {
  if (!isJsonObject(file.scheduledAudits)) return [];
  const audits: ModelScheduledAudit[] = [];
  for (const [name, value] of Object.entries(file.scheduledAudits)) {
    if (!isJsonObject(value)) continue;
    audits.push(withoutUndefined({
      name,
      frequency: stringOf(value.frequency),
      dayOfMonth: stringOf(value.dayOfMonth),
      dayOfWeek: stringOf(value.dayOfWeek),
      targetCheckNames: isStringList(value.targetCheckNames) ? value.targetCheckNames : [],
      tags: tagsOf(value.tags),
      path: ['scheduledAudits', name],
    }));
  }
  return audits;
}

function suppressionsOf(file: Record<string, unknown>): ModelSuppression[] {
  if (!Array.isArray(file.suppressions)) return [];
  const suppressions: ModelSuppression[] = [];
  file.suppressions.forEach((value: unknown, index: number) => {
    if (!isJsonObject(value) || typeof value.checkName !== 'string' || !isJsonObject(value.resourceIdentifier)) return;
    suppressions.push(withoutUndefined({
      checkName: value.checkName,
      resourceIdentifier: { ...value.resourceIdentifier },
      expirationDate: stringOf(value.expirationDate),
      suppressIndefinitely: booleanOf(value.suppressIndefinitely),
      description: stringOf(value.description),
      path: ['suppressions', index],
    }));
  });
  return suppressions;
}

