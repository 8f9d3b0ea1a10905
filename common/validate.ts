/**
 * Pure validation over plain JSON values. The emulator validates API requests with it,
 * the language server and the `check` CLI validate mitigation files with it, so the
 * rules and their wording live here only. Problems carry a JSON path; callers map it
 * to an HTTP error or a source range.
 */
import { actionTypeForParamsKey, actionTypeOfParams } from './actionTypes';
import { AUDIT_CHECKS, LEGACY_CHECK_ALIASES, auditCheck, isActionApplicable, resolveAuditCheck, type AuditCheckInfo } from './auditChecks';
import { MAX_TASK_NAME_LENGTH, QUOTAS, parseArn } from './limits';
import { CLI_INPUT_SHAPES, MITIGATION_FILE_KEYS, MITIGATION_FILE_SHAPES, detectDocumentKind, type DocumentKind } from './document/envelope';
import {
  CreateMitigationActionInput,
  MitigationActionName,
  MitigationActionsTaskId,
  StartAuditMitigationActionsTaskInput,
  UpdateMitigationActionInput,
  type MitigationActionType,
} from './model';
import { expectedTypeOf, jsonTypeOf, stringShapeViolation, type Member, type Shape, type StringShape, type StructureShape } from './shapes';
import { legacyCheckText } from './catalogueText';
import { checkAuditLoopSections, type AuditLoopRuleContext } from './auditLoopValidation';
import { closestMatches, codePointLength, plural, quote } from './text';
import { isJsonObject } from './json';

export type JsonPath = readonly (string | number)[];
export type ProblemSeverity = 'error' | 'warning' | 'information';

/** Stable codes of the validator's problems; documented in docs/language-server.md, never renamed. */
export const PROBLEM_CODES = [
  'type',
  'required',
  'unknown-property',
  'length',
  'pattern',
  'enum',
  'list-size',
  'range',
  'params-count',
  'unknown-check',
  'legacy-check',
  'action-not-applicable',
  'undefined-action',
  'duplicate-action-in-list',
  'unknown-reason-code',
  'target-combination',
  'filter-without-mapping',
  'arn-format',
  'arn-service',
  'log-level-disabled',
  'action-quota',
  'task-name-length',
  'tags-in-update',
  'unknown-document',
  'check-disabled',
  'check-configuration',
  'schedule-day',
  'scheduled-audit-quota',
  'duplicate-check',
  'resource-identifier',
  'suppression-terms',
  'expiration-date',
  'expiration-past',
  'missing-description',
  'duplicate-suppression',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/**
 * Codes of rules about the text of one token, which a half-typed token breaks on every
 * keystroke: the editor holds them back while that token is being typed. Structural problems
 * (syntax, duplicates, missing members, list sizes, combinations) are never held.
 */
export const TOKEN_PROBLEM_CODES: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'type', 'length', 'pattern', 'enum', 'range', 'unknown-property', 'unknown-check', 'legacy-check', 'action-not-applicable',
  'undefined-action', 'unknown-reason-code', 'arn-format', 'arn-service', 'log-level-disabled', 'task-name-length',
  'check-disabled', 'check-configuration', 'resource-identifier', 'expiration-date', 'expiration-past',
]);

export interface Problem {
  readonly code: ProblemCode;
  readonly message: string;
  readonly path: JsonPath;
  readonly severity: ProblemSeverity;
  /** Whether the problem is about the property name at `path` rather than its value. */
  readonly target: 'key' | 'value';
  /** Valid values close to the wrong one, best first (quick fixes). */
  readonly suggestions?: readonly string[];
  /** Missing required property names (quick fix "add missing properties"). */
  readonly missing?: readonly string[];
}

/**
 * What the validator may know about actions that exist outside the document.
 * `undefined` from `actionTypeOf` means "not in the account"; a missing resolver means
 * "the account is unknown", which turns undefined references into warnings.
 */
export interface AccountActions {
  actionTypeOf(name: string): MitigationActionType | undefined;
}

export interface ValidationOptions {
  /** Report members the API does not know. The API itself ignores them, editors should not. */
  readonly unknownProperties?: boolean;
  readonly account?: AccountActions;
  /** Actions defined in the other files of a workspace (a team's shared actions file). */
  readonly workspace?: AccountActions;
  /** The document's file name or URI: a CLI input file named after its command is of that kind. */
  readonly fileName?: string;
  /** Results kept from the previous validation of the same document (an editor's). */
  readonly cache?: ValidationCache;
  /** The instant a suppression's expirationDate must follow; the real clock when absent. */
  readonly now?: Date;
}

const SHAPE_LABELS: Record<string, string> = {
  MitigationActionName: 'Action name',
  MitigationActionsTaskId: 'Task id',
  AuditTaskId: 'Audit task id',
  FindingId: 'Finding id',
  ClientRequestToken: 'Client request token',
  RoleArn: 'Role ARN',
  SnsTopicArn: 'SNS topic ARN',
  ThingGroupName: 'Thing group name',
  TagKey: 'Tag key',
  TagValue: 'Tag value',
  ThingGroupNames: 'thingGroupNames',
  FindingIds: 'findingIds',
  ReasonForNonComplianceCodes: 'The reason code list',
  MitigationActionNameList: 'A check\'s action list',
  ScheduledAuditName: 'Scheduled audit name',
  AuditDescription: 'The description',
  TargetArn: 'The SNS topic ARN',
  ConfigValue: 'A threshold',
  CertificateId: 'A certificate id',
};

function labelOf(shape: Shape, path: JsonPath): string {
  return SHAPE_LABELS[shape.name] ?? `"${String(path[path.length - 1] ?? 'value')}"`;
}

/**
 * An action named in a check's list. Whether it is defined, and whether its type fits the check,
 * depends on the other actions of the file, the workspace and the account, so it is resolved
 * after the rules of its own entry, in its place among their problems.
 */
interface ActionReference {
  readonly reference: string;
  readonly path: JsonPath;
  readonly check: AuditCheckInfo | undefined;
}

type Finding = Problem | ActionReference;

/**
 * The path of the value a walker is at: each step into a member or item is pushed, and popped on
 * the way back, so walking a clean entry builds no path at all. The collector copies it when it
 * keeps a problem or a reference.
 */
type PathStack = (string | number)[];

class Collector {
  readonly findings: Finding[] = [];
  constructor(readonly options: ValidationOptions) {}

  /** `path` is copied: callers may pass a PathStack they go on changing. */
  add(code: ProblemCode, path: JsonPath, message: string, extra: Partial<Problem> = {}): void {
    this.findings.push({ code, message, path: path.slice(), severity: 'error', target: 'value', ...extra });
  }

  reference(name: string, path: JsonPath, check: AuditCheckInfo | undefined): void {
    this.findings.push({ reference: name, path: path.slice(), check });
  }
}

const snapshots = new WeakMap<object, { readonly names: readonly string[]; readonly values: readonly unknown[] }>();

/** The names and values of a section's entries, in order, read once per section value (the types and the problems both compare them). */
function entriesOf(section: Record<string, unknown>): { readonly names: readonly string[]; readonly values: readonly unknown[] } {
  let snapshot = snapshots.get(section);
  if (!snapshot) {
    const names = Object.keys(section);
    snapshot = { names, values: names.map((name) => section[name]) };
    snapshots.set(section, snapshot);
  }
  return snapshot;
}

/** An entry's resolved problems, with what they were resolved against (see ValidationCache). */
interface Resolution {
  /** The epoch up to which the resolution is known to hold. */
  epoch: number;
  /** The action names its references name. */
  readonly names: readonly string[];
  /** Its undefined names, with the "did you mean" they were given. */
  readonly suggested: readonly { readonly name: string; readonly suggestions: readonly string[] }[];
  readonly problems: readonly Problem[];
}

/**
 * What one validation of a document can hand to the next: the findings of each action and task,
 * by the identity of its plain value (an incremental re-parse keeps the values of the entries
 * it did not touch), and the "did you mean" suggestions for undefined actions while the file
 * defines the same names.
 */
export class ValidationCache {
  private readonly entries = new WeakMap<object, { name: string; unknownProperties: boolean; findings: readonly Finding[] }>();
  private suggestionNames: readonly string[] = [];
  private readonly suggestions = new Map<string, string[]>();

  /** The findings of an entry named `name` with the value `value`, computed when not known. */
  findingsOf(name: string, value: unknown, options: ValidationOptions, compute: (out: Collector) => void): readonly Finding[] {
    const unknownProperties = options.unknownProperties !== false;
    const known = typeof value === 'object' && value !== null ? this.entries.get(value) : undefined;
    if (known && known.name === name && known.unknownProperties === unknownProperties) return known.findings;
    const out = new Collector(options);
    compute(out);
    if (typeof value === 'object' && value !== null) this.entries.set(value, { name, unknownProperties, findings: out.findings });
    return out.findings;
  }

  private readonly typesOfActions = new WeakMap<object, Map<string, MitigationActionType | undefined>>();
  private readonly typeOfAction = new WeakMap<object, MitigationActionType | undefined>();

  /** The map localActionTypes last returned, with the names and values it was made from: a new `actions` value with the same names and types gets it again. */
  private lastTypes: { map: Map<string, MitigationActionType | undefined>; names: readonly string[]; values: readonly unknown[] } | undefined;

  private typeOf(action: unknown): MitigationActionType | undefined {
    if (!isJsonObject(action)) return undefined;
    if (!this.typeOfAction.has(action)) this.typeOfAction.set(action, actionTypeOfParams(action.actionParams));
    return this.typeOfAction.get(action);
  }

  /**
   * localActionTypes(doc), the same map while the file's `actions` are the same value, and while
   * they define the same names with the same types in the same order (a keystroke inside an
   * action): what depends on the names alone is then known unchanged by identity. Only the
   * actions that are not the same objects as last time have their type looked up.
   */
  localActionTypes(doc: unknown): Map<string, MitigationActionType | undefined> {
    if (!isJsonObject(doc) || !isJsonObject(doc.actions)) return localActionTypes(doc);
    const actions = doc.actions;
    let types = this.typesOfActions.get(actions);
    if (types) return types;
    const { names, values } = entriesOf(actions);
    const last = this.lastTypes;
    let same = last !== undefined && last.names.length === names.length;
    for (let i = 0; same && i < names.length; i++) {
      same = names[i] === last!.names[i] && (values[i] === last!.values[i] || this.typeOf(values[i]) === last!.map.get(names[i]));
    }
    types = same ? last!.map : new Map(names.map((name, i) => [name, this.typeOf(values[i])]));
    this.typesOfActions.set(actions, types);
    this.lastTypes = { map: types, names, values };
    return types;
  }

  private readonly definitionsOfTypes = new WeakMap<ReadonlyMap<string, MitigationActionType | undefined>, ActionDefinitions>();

  /** The file's action definitions, one object (and one name list) per map of localActionTypes. */
  definitions(doc: unknown): ActionDefinitions {
    const local = this.localActionTypes(doc);
    let defs = this.definitionsOfTypes.get(local);
    if (!defs) {
      defs = actionDefinitions(local);
      this.definitionsOfTypes.set(local, defs);
    }
    return defs;
  }

  /**
   * Resolved references are kept per entry (by the identity of its findings) with the epoch they
   * were resolved in. What they resolve against moves the epoch on: the local names and types
   * (by name), the workspace and the account (everything), the list of local names (the "did you
   * mean" of undefined ones).
   */
  private epoch = 0;
  private everythingSince = 0;
  private suggestionsSince = 0;
  private readonly nameChangedAt = new Map<string, number>();
  private context: { defs: ActionDefinitions; workspace: AccountActions | undefined; account: AccountActions | undefined } | undefined;
  private readonly resolutions = new WeakMap<readonly Finding[], Resolution>();

  /** Notes what this validation's references resolve against (identical resolvers mean identical answers). */
  noteResolutionContext(defs: ActionDefinitions, options: ValidationOptions): void {
    const previous = this.context;
    const { workspace, account } = options;
    if (previous && previous.defs === defs && previous.workspace === workspace && previous.account === account) return;
    this.epoch++;
    this.context = { defs, workspace, account };
    if (!previous || previous.workspace !== workspace || previous.account !== account) this.everythingSince = this.epoch;
    if (!previous || previous.defs === defs) return;
    const before = previous.defs.local;
    const after = defs.local;
    for (const [name, type] of after) if (!before.has(name) || before.get(name) !== type) this.nameChangedAt.set(name, this.epoch);
    for (const name of before.keys()) if (!after.has(name)) this.nameChangedAt.set(name, this.epoch);
    if (!sameList(previous.defs.localNames, defs.localNames)) this.suggestionsSince = this.epoch;
  }

  /** The last validation of each section (`actions`, `tasks`): its entries and their resolved problems, index for index. */
  private readonly sections = new Map<string, { entries: Record<string, unknown>; epoch: number; names: readonly string[]; values: readonly unknown[]; resolutions: readonly Resolution[]; all: readonly Problem[]; unknownProperties: boolean }>();

  /**
   * The problems of every entry of a section, each as `resolutionOf` gives them. An entry that is
   * the same object, under the same name and in the same place as in the last validation, keeps
   * its problems while its references still resolve the same (a keystroke changes one entry of
   * thousands: comparing the others by identity is all they cost).
   */
  sectionProblems(section: string, entries: Record<string, unknown>, options: ValidationOptions, defs: ActionDefinitions, resolutionOf: (name: string, value: unknown) => Resolution): readonly Problem[] {
    const { names, values } = entriesOf(entries);
    const unknownProperties = options.unknownProperties !== false;
    const known = this.sections.get(section);
    const last = known && known.unknownProperties === unknownProperties ? known : undefined;
    // The very section of the last validation, with nothing changed since to resolve against.
    if (last && last.entries === entries && last.epoch === this.epoch) return last.all;
    const resolutions = new Array<Resolution>(names.length);
    let unchanged = last !== undefined && last.names.length === names.length;
    // Where each name was, once an entry is found out of place (one was added or deleted before it).
    let lastPlaces: Map<string, number> | undefined;
    const placeOf = (name: string, i: number) => {
      if (last!.names[i] === name) return i;
      lastPlaces ??= new Map(last!.names.map((other, index) => [other, index]));
      return lastPlaces.get(name);
    };
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const value = values[i];
      const place = last ? placeOf(name, i) : undefined;
      const previous = place !== undefined && last!.values[place] === value ? last!.resolutions[place] : undefined;
      if (place !== i) unchanged = false;
      if (previous && this.isCurrent(previous, defs)) {
        resolutions[i] = previous;
      } else {
        unchanged = false;
        resolutions[i] = resolutionOf(name, value);
      }
    }
    let all = last?.all ?? [];
    if (!unchanged) {
      const problems: Problem[] = [];
      for (const resolution of resolutions) for (const problem of resolution.problems) problems.push(problem);
      all = problems;
    }
    this.sections.set(section, { entries, epoch: this.epoch, names, values, resolutions, all, unknownProperties });
    return all;
  }

  /** resolveFindings(findings, ...) for one entry, reused while nothing its references name has changed. */
  resolvedOf(findings: readonly Finding[], options: ValidationOptions, defs: ActionDefinitions): Resolution {
    const known = this.resolutions.get(findings);
    if (known && this.isCurrent(known, defs)) return known;
    const problems = resolveFindings(findings, options, defs);
    const names: string[] = [];
    for (const finding of findings) if ('reference' in finding) names.push(finding.reference);
    const undefinedActions = problems.filter((problem) => problem.code === 'undefined-action');
    let suggested: Resolution['suggested'] = [];
    if (undefinedActions.length > 0) {
      // An undefined action's problem is at its reference's path (a copy of it: the collector copies paths it keeps).
      const referenceAt = new Map<string, string>();
      for (const finding of findings) if ('reference' in finding) referenceAt.set(JSON.stringify(finding.path), finding.reference);
      suggested = undefinedActions.map((problem) => ({ name: referenceAt.get(JSON.stringify(problem.path)) ?? '', suggestions: problem.suggestions ?? [] }));
    }
    const resolution: Resolution = { epoch: this.epoch, names, suggested, problems };
    this.resolutions.set(findings, resolution);
    return resolution;
  }

  /** Whether a resolution still holds: nothing it named changed, and its undefined names would be suggested the same. */
  private isCurrent(known: Resolution, defs: ActionDefinitions): boolean {
    if (known.epoch === this.epoch) return true;
    if (known.epoch < this.everythingSince) return false;
    for (const name of known.names) if ((this.nameChangedAt.get(name) ?? 0) > known.epoch) return false;
    if (known.epoch < this.suggestionsSince) {
      for (const { name, suggestions } of known.suggested) if (!sameList(this.closest(name, defs.localNames), suggestions)) return false;
    }
    known.epoch = this.epoch;
    return true;
  }

  /** closestMatches(name, names), remembered while `names` stays the same and carried over when names are added. */
  closest(name: string, names: readonly string[]): string[] {
    if (names !== this.suggestionNames && !sameList(names, this.suggestionNames)) this.renewSuggestions(names);
    let found = this.suggestions.get(name);
    if (!found) {
      found = closestMatches(name, names);
      this.suggestions.set(name, found);
    }
    return found;
  }

  /**
   * The names changed (an action added, renamed or deleted). A remembered suggestion list is the
   * top of the old names, each scored on its own: with none of its entries gone, the new top is
   * among it and the added names, so only those are scored again (in list order, as a full pass
   * would meet them). A list that lost an entry is worked out afresh on next use.
   */
  private renewSuggestions(names: readonly string[]): void {
    const before = new Set(this.suggestionNames);
    const position = new Map(names.map((candidate, index) => [candidate, index]));
    const added = names.filter((candidate) => !before.has(candidate));
    this.suggestionNames = names;
    for (const [name, found] of this.suggestions) {
      if (found.some((candidate) => !position.has(candidate))) this.suggestions.delete(name);
      else if (added.length) this.suggestions.set(name, closestMatches(name, [...found, ...added].sort((a, b) => position.get(a)! - position.get(b)!)));
    }
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The problems of `findings`, with each action reference resolved against `defs`. */
function resolveFindings(findings: readonly Finding[], options: ValidationOptions, defs: ActionDefinitions): Problem[] {
  const out = new Collector(options);
  for (const finding of findings) {
    if ('code' in finding) {
      out.findings.push(finding);
      continue;
    }
    const { reference: name, path, check } = finding;
    const type = resolveActionType(name, path, out, defs);
    if (check && type && !isActionApplicable(check.name, type)) {
      out.add('action-not-applicable', path, `Action "${name}" is ${type}, which does not apply to ${check.name}. That check accepts: ${check.applicableActions.join(', ')}.`);
    }
  }
  return out.findings as Problem[];
}

/** Checks a value against a shape; returns false when its type is wrong (no deeper checks then). `path` is as it was on return. */
function checkShape(value: unknown, shape: Shape, path: PathStack, out: Collector): boolean {
  const expected = expectedTypeOf(shape);
  const actual = jsonTypeOf(value);
  const typeOk = expected === actual || (expected === 'integer' && actual === 'integer');
  if (!typeOk) {
    out.add('type', path, `${labelOf(shape, path)} must be ${article(expected)} ${expected}, not ${article(actual)} ${actual}.`);
    return false;
  }
  switch (shape.type) {
    case 'string':
      checkString(value as string, shape, path, out);
      break;
    case 'integer':
      if ((shape.min !== undefined && (value as number) < shape.min) || (shape.max !== undefined && (value as number) > shape.max)) {
        out.add('range', path, `${labelOf(shape, path)} must be between ${shape.min} and ${shape.max}; it is ${value}.`);
      }
      break;
    case 'list': {
      const list = value as unknown[];
      if ((shape.min !== undefined && list.length < shape.min) || (shape.max !== undefined && list.length > shape.max)) {
        const bounds = shape.max === undefined ? `at least ${shape.min}` : `${shape.min ?? 0} to ${shape.max}`;
        out.add('list-size', path, `${labelOf(shape, path)} must hold ${bounds} ${itemWord(shape.item)}; it holds ${list.length}.`);
      }
      for (let index = 0; index < list.length; index++) {
        path.push(index);
        checkShape(list[index], shape.item, path, out);
        path.pop();
      }
      break;
    }
    case 'map': {
      const map = value as Record<string, unknown>;
      if (shape.min !== undefined && Object.keys(map).length < shape.min) {
        out.add('list-size', path, `${labelOf(shape, path)} must have at least ${plural(shape.min, 'entry')}.`);
      }
      for (const key of Object.keys(map)) {
        path.push(key);
        checkString(key, shape.key, path, out, 'key');
        checkShape(map[key], shape.value, path, out);
        path.pop();
      }
      break;
    }
    case 'structure':
      checkStructure(value as Record<string, unknown>, shape, path, out);
      break;
    case 'boolean':
      break;
  }
  return true;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function itemWord(item: Shape): string {
  const label = SHAPE_LABELS[item.name];
  return label ? `${label.toLowerCase()}s` : 'items';
}

function checkString(value: string, shape: StringShape, path: JsonPath, out: Collector, target: 'key' | 'value' = 'value'): void {
  const violation = stringShapeViolation(value, shape);
  if (!violation) return;
  const label = labelOf(shape, path);
  switch (violation.kind) {
    case 'enum': {
      const suggestions = closestMatches(value, violation.allowed);
      out.add('enum', path, `${quote(value)} is not a valid ${shape.name}. Expected one of: ${violation.allowed.join(', ')}.`, {
        target,
        suggestions: suggestions.length ? suggestions : violation.allowed,
      });
      return;
    }
    case 'min':
      out.add('length', path, violation.length === 0 ? `${label} must not be empty.` : `${label} must be at least ${plural(violation.min, 'character')} long; it has ${violation.length}.`, { target });
      return;
    case 'max':
      out.add('length', path, `${label} must be at most ${plural(violation.max, 'character')} long; it has ${violation.length}.`, { target });
      return;
    case 'pattern':
      out.add('pattern', path, `${label} ${quote(value)} may only contain ${shape.patternHint ?? `characters matching ${violation.pattern}`}.`, { target });
  }
}

function checkStructure(value: Record<string, unknown>, shape: StructureShape, path: PathStack, out: Collector): void {
  let missing: string[] | undefined;
  for (const key in shape.members) {
    if (shape.members[key].required && value[key] === undefined) (missing ??= []).push(key);
  }
  if (missing) {
    const names = missing.map((key) => `"${key}"`).join(', ');
    out.add('required', path, `Missing required ${missing.length === 1 ? 'property' : 'properties'} ${names}.`, { missing, target: 'key' });
  }
  for (const key of Object.keys(value)) {
    // Own members only: a key such as "constructor" must not find Object.prototype's.
    const spec: Member | undefined = Object.hasOwn(shape.members, key) ? shape.members[key] : undefined;
    if (!spec) {
      if (out.options.unknownProperties !== false) reportUnknownProperty(key, Object.keys(shape.members), shape.name, [...path, key], out);
      continue;
    }
    const member = value[key];
    if (member === undefined) continue;
    path.push(key);
    checkShape(member, spec.shape, path, out);
    path.pop();
  }
  if (shape.exactlyOne) checkExactlyOne(value, shape, path, out);
}

function reportUnknownProperty(key: string, allowed: readonly string[], where: string, path: JsonPath, out: Collector): void {
  const suggestions = closestMatches(key, allowed);
  const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : ` Allowed: ${allowed.join(', ')}.`;
  out.add('unknown-property', path, `Unknown property "${key}" in ${where}.${hint}`, { target: 'key', suggestions });
}

function checkExactlyOne(value: Record<string, unknown>, shape: StructureShape, path: JsonPath, out: Collector): void {
  const keys = Object.keys(value);
  let count = 0;
  for (const key of keys) if (Object.hasOwn(shape.members, key) && value[key] !== undefined) count++;
  if (count === 1) return;
  const set = keys.filter((key) => Object.hasOwn(shape.members, key) && value[key] !== undefined);
  if (set.length === 0) {
    out.add('params-count', path, `actionParams must set exactly one action type: ${Object.keys(shape.members).join(', ')}.`, {
      target: 'key',
      suggestions: Object.keys(shape.members),
    });
  } else if (set.length > 1) {
    for (const key of set.slice(1)) {
      out.add('params-count', [...path, key], `An action applies exactly one change type, but actionParams also sets "${set[0]}". Move "${key}" into an action of its own.`, {
        target: 'key',
      });
    }
  }
}

/** Semantic rules on one action definition (roleArn + actionParams), after its structure. */
function checkActionSemantics(action: Record<string, unknown>, path: PathStack, out: Collector): void {
  if (typeof action.roleArn === 'string') {
    path.push('roleArn');
    checkRoleArn(action.roleArn, path, out);
    path.pop();
  }
  const params = action.actionParams;
  if (!isJsonObject(params)) return;
  const logging = params.enableIoTLoggingParams;
  if (isJsonObject(logging)) {
    if (logging.logLevel === 'DISABLED') {
      out.add('log-level-disabled', [...path, 'actionParams', 'enableIoTLoggingParams', 'logLevel'], 'ENABLE_IOT_LOGGING cannot set logLevel DISABLED: the action exists to turn logging on. Use ERROR, WARN, INFO or DEBUG.', {
        suggestions: ['ERROR', 'WARN', 'INFO', 'DEBUG'],
      });
    }
    if (typeof logging.roleArnForLogging === 'string') {
      checkRoleArn(logging.roleArnForLogging, [...path, 'actionParams', 'enableIoTLoggingParams', 'roleArnForLogging'], out);
    }
  }
  const sns = params.publishFindingToSnsParams;
  if (isJsonObject(sns) && typeof sns.topicArn === 'string' && sns.topicArn.length > 0) {
    const arn = parseArn(sns.topicArn);
    const topicPath = [...path, 'actionParams', 'publishFindingToSnsParams', 'topicArn'];
    if (!arn) {
      out.add('arn-format', topicPath, `${quote(sns.topicArn)} is not an ARN. An SNS topic ARN looks like arn:aws:sns:REGION:ACCOUNT:TOPIC.`, { severity: 'warning' });
    } else if (arn.service !== 'sns') {
      out.add('arn-service', topicPath, `topicArn must name an SNS topic (arn:aws:sns:REGION:ACCOUNT:TOPIC), but this ARN belongs to the ${arn.service} service.`, { severity: 'warning' });
    } else if (arn.resource.includes(':') || arn.resource.includes('/')) {
      out.add('arn-service', topicPath, `topicArn must name an SNS topic, not a subscription or other SNS resource ("${arn.resource}").`, { severity: 'warning' });
    }
  }
  const groups = params.addThingsToThingGroupParams;
  if (isJsonObject(groups) && Array.isArray(groups.thingGroupNames)) {
    const names = groups.thingGroupNames;
    const earlier = earlierItems(names);
    for (let index = 0; index < names.length; index++) {
      if (earlier(index)) {
        out.add('duplicate-action-in-list', [...path, 'actionParams', 'addThingsToThingGroupParams', 'thingGroupNames', index], `Thing group ${quote(names[index])} is listed twice.`, { severity: 'warning' });
      }
    }
  }
}

/** Role ARNs found well formed lately: a file's actions share a few roles, whose ARNs need not be parsed again each time. */
const wellFormedRoleArns = new Set<string>();
const WELL_FORMED_ROLE_ARNS_KEPT = 64;

function checkRoleArn(value: string, path: JsonPath, out: Collector): void {
  if (value.length < 20) return; // the length rule already reported it
  if (wellFormedRoleArns.has(value)) return;
  const arn = parseArn(value);
  if (!arn) {
    out.add('arn-format', path, `${quote(value)} is not an ARN. An IAM role ARN looks like arn:aws:iam::ACCOUNT:role/NAME.`, { severity: 'warning' });
  } else if (arn.service !== 'iam' || !arn.resource.startsWith('role/')) {
    out.add('arn-service', path, `This must be an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME), but it names the ${arn.service} resource "${arn.resource}".`, { severity: 'warning' });
  } else {
    if (wellFormedRoleArns.size >= WELL_FORMED_ROLE_ARNS_KEPT) wellFormedRoleArns.clear();
    wellFormedRoleArns.add(value);
  }
}

interface ActionDefinitions {
  /** Action types of actions defined alongside (the mitigation file), by name. */
  readonly local: ReadonlyMap<string, MitigationActionType | undefined>;
  /** The local names as a list, made once per validation for "did you mean" suggestions. */
  readonly localNames: readonly string[];
}

function actionDefinitions(local: ReadonlyMap<string, MitigationActionType | undefined>): ActionDefinitions {
  return { local, localNames: [...local.keys()] };
}

/**
 * Whether the item at an index of `list` equals an earlier one (as a Set of the items before it
 * would tell): lists are short, so most are scanned instead of given a Set.
 */
function earlierItems(list: readonly unknown[]): (index: number) => boolean {
  if (list.length <= 16) return (index) => list.indexOf(list[index]) < index;
  const seen = new Set<unknown>();
  return (index) => {
    if (seen.has(list[index])) return true;
    seen.add(list[index]);
    return false;
  };
}

/** Rules shared by a file's task and a StartAuditMitigationActionsTask request. */
function checkTaskSemantics(task: Record<string, unknown>, path: PathStack, out: Collector, requireAuditTaskId: boolean): void {
  const target = task.target;
  const mapping = isJsonObject(task.auditCheckToActionsMapping) ? task.auditCheckToActionsMapping : undefined;
  if (isJsonObject(target)) {
    path.push('target');
    checkTarget(target, path, out, requireAuditTaskId, mapping);
    path.pop();
  }
  if (!mapping) return;
  path.push('auditCheckToActionsMapping');
  for (const checkName of Object.keys(mapping)) {
    const actions = mapping[checkName];
    path.push(checkName);
    const check = checkCheckName(checkName, path, out);
    if (Array.isArray(actions)) {
      const earlier = earlierItems(actions);
      for (let index = 0; index < actions.length; index++) {
        const name = actions[index];
        // Only names are compared: a repeated string is a repeat of an earlier string.
        if (typeof name !== 'string') continue;
        path.push(index);
        if (earlier(index)) out.add('duplicate-action-in-list', path, `Action "${name}" is already listed for ${checkName}; it would run twice.`, { severity: 'warning' });
        out.reference(name, path, check);
        path.pop();
      }
    }
    path.pop();
  }
  path.pop();
}

function resolveActionType(name: string, path: JsonPath, out: Collector, defs: ActionDefinitions): MitigationActionType | undefined {
  if (defs.local.has(name)) return defs.local.get(name);
  const inWorkspace = out.options.workspace?.actionTypeOf(name);
  if (inWorkspace) return inWorkspace;
  // An empty name already draws a length error; "not defined" would say the same twice.
  if (name === '') return undefined;
  const account = out.options.account;
  const inAccount = account?.actionTypeOf(name);
  if (inAccount) return inAccount;
  const suggestions = out.options.cache ? out.options.cache.closest(name, defs.localNames) : closestMatches(name, defs.localNames);
  const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
  const where = out.options.workspace ? 'workspace' : 'file';
  if (account) {
    out.add('undefined-action', path, `Action "${name}" is not defined in this ${where} nor in the account.${hint}`, { suggestions });
  } else {
    out.add('undefined-action', path, `Action "${name}" is not defined in this ${where}; it must already exist in the account when the task starts.${hint}`, { severity: 'warning', suggestions });
  }
  return undefined;
}

function checkCheckName(name: string, path: JsonPath, out: Collector, target: 'key' | 'value' = 'key') {
  const check = auditCheck(name);
  if (check) return check;
  const apiName = LEGACY_CHECK_ALIASES[name];
  if (apiName) {
    out.add('legacy-check', path, legacyCheckText(name), { target, suggestions: [apiName] });
    return auditCheck(apiName);
  }
  const suggestions = closestMatches(name, AUDIT_CHECKS.map((c) => c.name));
  const hint = suggestions.length ? ` Did you mean ${suggestions[0]}?` : '';
  out.add('unknown-check', path, `${quote(name)} is not a Device Defender audit check.${hint}`, { target, suggestions });
  return undefined;
}

function checkTarget(target: Record<string, unknown>, path: PathStack, out: Collector, requireAuditTaskId: boolean, mapping: Record<string, unknown> | undefined): void {
  const hasAudit = target.auditTaskId !== undefined;
  const hasFindings = target.findingIds !== undefined;
  const filter = isJsonObject(target.auditCheckToReasonCodeFilter) ? target.auditCheckToReasonCodeFilter : undefined;
  const hasFilter = target.auditCheckToReasonCodeFilter !== undefined;
  if (hasFindings && hasAudit) {
    out.add('target-combination', [...path, 'findingIds'], 'A target names either findingIds or an auditTaskId (optionally with auditCheckToReasonCodeFilter), not both.', { target: 'key' });
  } else if (hasFindings && hasFilter) {
    out.add('target-combination', [...path, 'auditCheckToReasonCodeFilter'], 'auditCheckToReasonCodeFilter filters the findings of an audit; it cannot be combined with findingIds.', { target: 'key' });
  } else if (requireAuditTaskId && !hasFindings && !hasAudit) {
    const message = hasFilter
      ? 'auditCheckToReasonCodeFilter needs an auditTaskId: it filters the findings of that audit.'
      : 'The target must name an auditTaskId or a list of findingIds.';
    out.add('target-combination', path, message, { target: 'key', missing: ['auditTaskId'] });
  }
  if (!filter) return;
  for (const [checkName, codes] of Object.entries(filter)) {
    const checkPath = [...path, 'auditCheckToReasonCodeFilter', checkName];
    const check = checkCheckName(checkName, checkPath, out);
    if (check && mapping && !Object.keys(mapping).some((key) => resolveAuditCheck(key)?.name === check.name)) {
      out.add('filter-without-mapping', checkPath, `${checkName} is filtered here but has no actions in auditCheckToActionsMapping, so its findings get no mitigation.`, { target: 'key', severity: 'warning' });
    }
    if (!check || !Array.isArray(codes)) continue;
    codes.forEach((code, index) => {
      if (typeof code !== 'string' || check.reasonCodes.includes(code)) return;
      const suggestions = closestMatches(code, check.reasonCodes);
      out.add('unknown-reason-code', [...checkPath, index], `${quote(code)} is not a reason code of ${check.name}. Its codes: ${check.reasonCodes.join(', ')}.`, {
        suggestions: suggestions.length ? suggestions : check.reasonCodes,
      });
    });
  }
}

// ---------------------------------------------------------------------------------------------
// API requests (emulator)

type SemanticCheck = (value: Record<string, unknown>, path: PathStack, out: Collector) => void;

const NO_LOCAL_ACTIONS = actionDefinitions(new Map());

function validateAgainst(shape: StructureShape, input: unknown, options: ValidationOptions, semantics: SemanticCheck): Problem[] {
  const out = new Collector(options);
  if (checkShape(input, shape, [], out)) semantics(input as Record<string, unknown>, [], out);
  // A request names no actions of its own: references resolve in the account.
  return resolveFindings(out.findings, options, NO_LOCAL_ACTIONS);
}

function checkStartTaskSemantics(task: Record<string, unknown>, path: PathStack, out: Collector): void {
  checkTaskSemantics(task, path, out, true);
}

/** CreateMitigationAction: the body plus the actionName label. */
export function validateCreateMitigationAction(input: unknown, options: ValidationOptions = {}): Problem[] {
  return validateAgainst(CreateMitigationActionInput, input, options, checkActionSemantics);
}

/** UpdateMitigationAction: the body plus the actionName label; nothing but the name is required. */
export function validateUpdateMitigationAction(input: unknown, options: ValidationOptions = {}): Problem[] {
  return validateAgainst(UpdateMitigationActionInput, input, options, checkActionSemantics);
}

/** StartAuditMitigationActionsTask: the body plus the taskId label. Action types come from the account. */
export function validateStartAuditMitigationActionsTask(input: unknown, options: ValidationOptions = {}): Problem[] {
  return validateAgainst(StartAuditMitigationActionsTaskInput, input, options, checkStartTaskSemantics);
}

// ---------------------------------------------------------------------------------------------
// Documents (language server, `check` CLI)

/** The action types of the actions a mitigation file defines (undefined where its params are invalid). */
export function localActionTypes(doc: unknown): Map<string, MitigationActionType | undefined> {
  const local = new Map<string, MitigationActionType | undefined>();
  if (isJsonObject(doc) && isJsonObject(doc.actions)) {
    for (const [name, action] of Object.entries(doc.actions)) {
      local.set(name, isJsonObject(action) ? actionTypeOfParams(action.actionParams) : undefined);
    }
  }
  return local;
}

export function validateMitigationFile(doc: unknown, options: ValidationOptions = {}): Problem[] {
  const out = new Collector(options);
  if (!isJsonObject(doc)) {
    out.add('type', [], `A mitigation file is a JSON object with "actions" and "tasks", not ${article(jsonTypeOf(doc))} ${jsonTypeOf(doc)}.`);
    return out.findings as Problem[];
  }
  for (const key of Object.keys(doc)) {
    if (!MITIGATION_FILE_KEYS.includes(key) && out.options.unknownProperties !== false) reportUnknownProperty(key, MITIGATION_FILE_KEYS, 'a mitigation file', [key], out);
  }
  if (doc.$schema !== undefined && typeof doc.$schema !== 'string') out.add('type', ['$schema'], '"$schema" must be a string (a URI or a path to the schema).');
  const cache = options.cache;
  const defs = cache ? cache.definitions(doc) : actionDefinitions(localActionTypes(doc));
  cache?.noteResolutionContext(defs, options);
  // With a cache, each entry's problems are resolved on their own (and kept); the rest as they come.
  const problems: Problem[] = [];
  const flush = () => {
    if (!out.findings.length) return;
    for (const problem of resolveFindings(out.findings, options, defs)) problems.push(problem);
    out.findings.length = 0;
  };
  // Each action's and task's own rules depend on its name and value alone: an editor's cache keeps them.
  const section = (key: string, entries: Record<string, unknown>, rules: (name: string, value: unknown, into: Collector) => void) => {
    if (!cache) {
      for (const [name, value] of Object.entries(entries)) rules(name, value, out);
      return;
    }
    flush();
    const entryProblems = (name: string, value: unknown) => cache.resolvedOf(cache.findingsOf(name, value, options, (into) => rules(name, value, into)), options, defs);
    for (const problem of cache.sectionProblems(key, entries, options, defs, entryProblems)) problems.push(problem);
  };
  if (doc.actions !== undefined) {
    if (!isJsonObject(doc.actions)) {
      out.add('type', ['actions'], `"actions" must be an object keyed by action name, not ${article(jsonTypeOf(doc.actions))} ${jsonTypeOf(doc.actions)}.`);
    } else {
      const { names } = entriesOf(doc.actions);
      if (names.length > QUOTAS.mitigationActionsPerAccount) {
        out.add('action-quota', ['actions'], `This file defines ${names.length} actions; an AWS account holds at most ${QUOTAS.mitigationActionsPerAccount} mitigation actions (not adjustable).`, { target: 'key' });
      }
      section('actions', doc.actions, checkAction);
    }
  }
  if (doc.tasks !== undefined) {
    if (!isJsonObject(doc.tasks)) {
      out.add('type', ['tasks'], `"tasks" must be an object keyed by task name, not ${article(jsonTypeOf(doc.tasks))} ${jsonTypeOf(doc.tasks)}.`);
    } else {
      section('tasks', doc.tasks, checkTask);
    }
  }
  checkAuditLoopSections(doc, auditLoopContext(out));
  flush();
  return problems;
}

/** The audit loop's rules (auditLoopValidation.ts) reach the collector and the shared rules through this. */
function auditLoopContext(out: Collector): AuditLoopRuleContext {
  return {
    now: out.options.now ?? new Date(),
    add: (code, path, message, extra) => out.add(code, path, message, extra),
    shape: (value, shape, path) => checkShape(value, shape, [...path], out),
    name: (value, shape, path) => checkString(value, shape, path, out, 'key'),
    checkName: (name, path, target) => checkCheckName(name, path, out, target),
    roleArn: (value, path) => checkRoleArn(value, path, out),
    fits: (value, shape) => {
      const trial = new Collector(out.options);
      return checkShape(value, shape, [], trial) && trial.findings.length === 0;
    },
  };
}

/** The rules of one action of a mitigation file: its name, its shape, its semantics. */
function checkAction(name: string, action: unknown, out: Collector): void {
  const path = ['actions', name];
  checkString(name, MitigationActionName, path, out, 'key');
  if (checkShape(action, MITIGATION_FILE_SHAPES.action, path, out)) checkActionSemantics(action as Record<string, unknown>, path, out);
}

/** The rules of one task of a mitigation file; the actions it names are resolved afterwards. */
function checkTask(name: string, task: unknown, out: Collector): void {
  const path = ['tasks', name];
  if (codePointLength(name) <= MAX_TASK_NAME_LENGTH) {
    checkString(name, MitigationActionsTaskId, path, out, 'key');
  } else {
    out.add('task-name-length', path, `Task name is ${codePointLength(name)} characters; at most ${MAX_TASK_NAME_LENGTH} leave room for the timestamp added to each start's taskId.`, { target: 'key' });
  }
  if (checkShape(task, MITIGATION_FILE_SHAPES.task, path, out)) checkTaskSemantics(task as Record<string, unknown>, path, out, false);
}

/** UpdateMitigationAction has no tags; the AWS CLI refuses unknown parameters in --cli-input-json. */
const TAGS_IN_UPDATE: Problem = {
  code: 'tags-in-update',
  message: 'update-mitigation-action takes no "tags": the AWS CLI rejects this document ("Unknown parameter in input"). Set tags with create-mitigation-action or tag-resource.',
  path: ['tags'],
  severity: 'error',
  target: 'key',
};

/** Validates any supported document, choosing the rules by its kind. */
export function validateDocument(doc: unknown, options: ValidationOptions = {}): { kind: DocumentKind; problems: Problem[] } {
  const kind = detectDocumentKind(doc, options.fileName);
  /** `$schema` is reported by the strict-JSON rules of CLI input documents, `tags` of an update below. */
  const without = (value: unknown, keys: readonly string[]) => (isJsonObject(value) ? Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key))) : value);
  const withSchemaKey = (value: unknown) => without(value, ['$schema']);
  switch (kind) {
    case 'mitigation-file':
      return { kind, problems: validateMitigationFile(doc, options) };
    case 'create-mitigation-action':
      return { kind, problems: validateAgainst(CLI_INPUT_SHAPES.createMitigationAction, withSchemaKey(doc), options, checkActionSemantics) };
    case 'update-mitigation-action': {
      const problems = validateAgainst(CLI_INPUT_SHAPES.updateMitigationAction, without(doc, ['$schema', 'tags']), options, checkActionSemantics);
      if (isJsonObject(doc) && 'tags' in doc) problems.unshift(TAGS_IN_UPDATE);
      return { kind, problems };
    }
    case 'start-audit-mitigation-actions-task':
      return { kind, problems: validateAgainst(CLI_INPUT_SHAPES.startAuditMitigationActionsTask, withSchemaKey(doc), options, checkStartTaskSemantics) };
    case 'unknown':
      return { kind, problems: [{ code: 'unknown-document', message: 'Expected a JSON object: a mitigation file or an AWS CLI --cli-input-json document.', path: [], severity: 'error', target: 'value' }] };
  }
}

/** Only the problems that make a request invalid (the API ignores unknown members). */
export function errorsOnly(problems: readonly Problem[]): Problem[] {
  return problems.filter((problem) => problem.severity === 'error' && problem.code !== 'unknown-property');
}

export { actionTypeForParamsKey };
