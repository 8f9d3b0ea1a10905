/**
 * Completion: property names in context (inserting whole valid skeletons), enum values, audit
 * check names, reason codes of the selected check, action names from the file and the account,
 * recent audit ids and finding ids. Everything offered comes from the catalogue in common/.
 */
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-protocol';
import { ACTION_TYPES, actionTypeForParamsKey } from '../../common/actionTypes';
import { auditLabel, newestFirst } from '../../common/auditLabel';
import { AUDIT_CHECKS, REASON_CODE_DESCRIPTIONS, isActionApplicable, resolveAuditCheck } from '../../common/auditChecks';
import { AUDIT_FINDING_SEVERITIES, type MitigationActionType } from '../../common/model';
import type { Shape, StructureShape } from '../../common/shapes';
import { validateDocument, type JsonPath } from '../../common/validate';
import type { AccountDataSource } from './accountSource';
import { actionIndex } from './actionIndex';
import { rootShape } from '../../common/document/envelope';
import { keyRole, resolvePath, valueRole } from './documentShapes';
import { checkDetail, checkDocumentation, describeShape, permissionsText } from '../../common/catalogueText';
import { SnippetWriter, actionSkeleton, defaultActionName, exampleText, roleArnUsedIn, skeleton } from './templates';
import { cursorContext, indentUnitOf, keysAfter, lineIndentAt, nextSignificantChar, previousSignificantChar, type KeyContext, type ValueContext } from './location';
import type { MitigationDocument } from '../../common/document/parse';
import type { WorkspaceIndex } from './workspaceIndex';
import { completeCheckValues, completeConfiguredChecks, completeDaysOfMonth, completeNewSchedule, completeNewSuppression, completeThreshold, excludedLoopMembers, sectionSkeleton } from './auditLoopCompletion';

export interface CompletionSettings {
  /** Whether the client accepts snippet syntax (tab stops, choices). */
  readonly snippets: boolean;
}

/**
 * How inserted text is laid out: continuation lines carry the cursor line's indentation and
 * the document's indentation unit, and items say `insertTextMode: asIs`, so editors that insert
 * as-is (Neovim) and editors that would re-indent (VS Code) show the same text.
 */
interface Layout {
  readonly indent: string;
  readonly unit: string;
  /** The role new actions get: the one the file already uses, else the documentation's example. */
  readonly roleArn: string | undefined;
  /** The other files of the workspace (actions defined there complete too). */
  readonly workspace?: WorkspaceIndex;
}

function writerFor(settings: CompletionSettings, layout: Layout): SnippetWriter {
  return new SnippetWriter(settings.snippets, layout.unit, layout.roleArn);
}


function markdown(value: string) {
  return { kind: MarkupKind.Markdown, value };
}

interface Proposal {
  readonly label: string;
  readonly kind: CompletionItemKind;
  readonly insert: string;
  readonly isSnippet?: boolean;
  readonly detail?: string;
  readonly documentation?: string;
  readonly sortText?: string;
  readonly filterText?: string;
  /** Shown beside the label in the list (e.g. an audit's date and status). */
  readonly labelDescription?: string;
}

class Collector {
  readonly items: CompletionItem[] = [];
  private readonly labels = new Set<string>();

  constructor(
    private readonly doc: MitigationDocument,
    private readonly replace: { offset: number; length: number },
    /** Appended after each insert when another entry follows without a comma. */
    private readonly separator: string,
    /** Prepended when the previous entry ends without a comma. */
    private readonly leadingSeparator = '',
  ) {}

  add(proposal: Proposal): void {
    if (this.labels.has(proposal.label)) return;
    this.labels.add(proposal.label);
    const range = this.doc.rangeOf(this.replace.offset, this.replace.length);
    const startsWithQuote = this.doc.text[this.replace.offset] === '"';
    const item: CompletionItem = {
      label: proposal.label,
      kind: proposal.kind,
      textEdit: { range, newText: this.leadingSeparator + proposal.insert + this.separator },
      insertTextFormat: proposal.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
    if (proposal.insert.includes('\n')) item.insertTextMode = InsertTextMode.asIs;
    // Clients filter on the text between the range start and the cursor, which includes the quote.
    item.filterText = proposal.filterText ?? (startsWithQuote ? `"${proposal.label}"` : proposal.label);
    if (proposal.detail) item.detail = proposal.detail;
    if (proposal.documentation) item.documentation = markdown(proposal.documentation);
    if (proposal.sortText) item.sortText = proposal.sortText;
    if (proposal.labelDescription) item.labelDetails = { description: proposal.labelDescription };
    this.items.push(item);
  }
}

function separatorAfter(doc: MitigationDocument, offset: number): string {
  const next = nextSignificantChar(doc.text, offset);
  return next === '"' || next === '{' || next === '[' ? ',' : '';
}

// ---------------------------------------------------------------------------------------------
// Property names

function existingKeys(doc: MitigationDocument, context: KeyContext): Set<string> {
  const keys = new Set<string>();
  for (const property of context.objectNode?.children ?? []) {
    const key = property.children?.[0];
    if (key && key !== context.keyNode && typeof key.value === 'string') keys.add(key.value);
  }
  // The parser's error recovery drops the property after a half-typed key: read past it.
  const from = context.keyNode ? context.keyNode.offset + context.keyNode.length : context.replace.offset + context.replace.length;
  for (const key of keysAfter(doc.text, from)) keys.add(key);
  return keys;
}

function completeKeys(doc: MitigationDocument, context: KeyContext, settings: CompletionSettings, layout: Layout, out: Collector): void {
  const resolved = context.objectPath.length === 0 ? { shape: rootShape(doc.kind) } : resolvePath(doc.kind, context.objectPath);
  if (!resolved) return;
  const shape = resolved.shape;
  const existing = existingKeys(doc, context);
  const valueToo = !context.hasColon;
  if (shape.type === 'structure') {
    const excluded = new Set([...exclusiveMembers(shape, existing), ...excludedLoopMembers(doc, shape, context.objectPath, existing)]);
    completeMembers(shape, existing, excluded, valueToo, settings, layout, out);
  } else if (shape.type === 'map') {
    const role = keyRole(doc.kind, [...context.objectPath, '*']);
    const writer = () => writerFor(settings, layout);
    if (role.role === 'check-name' && shape.value.type === 'structure') completeConfiguredChecks(existing, valueToo, writer, out);
    else if (role.role === 'check-name') completeCheckKeys(shape.value, existing, checksOfTask(doc, context.objectPath), valueToo, settings, out);
    else if (role.role === 'threshold-name') completeThreshold(role.checkName, existing, valueToo, writer(), out);
    else if (role.role === 'action-definition' && valueToo) completeNewActions(checksInFile(doc), settings, layout, out);
    else if (role.role === 'task-name' && valueToo) completeNewTask(shape.value, settings, layout, out);
    else if (role.role === 'scheduled-audit-name' && valueToo) completeNewSchedule(writer(), layout.indent, out);
  }
}

/**
 * Members a target cannot take given those it has (the API rejects `findingIds` with
 * `auditTaskId` or a reason-code filter; see StartAuditMitigationActionsTask).
 */
function exclusiveMembers(shape: StructureShape, existing: Set<string>): Set<string> {
  if (shape.name !== 'AuditMitigationActionsTaskTarget') return new Set();
  if (existing.has('findingIds')) return new Set(['auditTaskId', 'auditCheckToReasonCodeFilter']);
  if (existing.has('auditTaskId') || existing.has('auditCheckToReasonCodeFilter')) return new Set(['findingIds']);
  return new Set();
}

function completeMembers(shape: StructureShape, existing: Set<string>, excluded: Set<string>, valueToo: boolean, settings: CompletionSettings, layout: Layout, out: Collector): void {
  // actionParams holds exactly one type: once one is there, offering the others only invites an error.
  if (shape.exactlyOne && [...existing].some((key) => key in shape.members)) return;
  for (const [key, member] of Object.entries(shape.members)) {
    if (existing.has(key) || excluded.has(key)) continue;
    const writer = writerFor(settings, layout);
    const info = shape.exactlyOne ? actionTypeForParamsKey(key) : undefined;
    let insert = `"${writer.literal(key)}"`;
    // The audit loop's sections start from a skeleton worth keeping; other members from their shape's.
    const section = shape.name === 'mitigation file' ? sectionSkeleton(key, layout.indent, writer) : undefined;
    if (valueToo) insert += `: ${info ? exampleText(info.example, layout.indent, writer) : section ?? skeleton(member.shape, layout.indent, writer)}`;
    out.add({
      label: key,
      kind: CompletionItemKind.Property,
      insert,
      isSnippet: settings.snippets,
      detail: info ? `${info.type}: ${info.title}` : `${member.required ? 'required' : 'optional'} ${describeShape(member.shape)}`,
      documentation: info ? `${info.description}\n\n${permissionsText(info)}` : member.description,
      sortText: `${member.required ? 0 : 1}${key}`,
    });
  }
}

/** Check names the rest of the task already names (its filter, or its mapping): the likely next key. */
function checksOfTask(doc: MitigationDocument, objectPath: JsonPath): Set<string> {
  const names = new Set<string>();
  const taskPath = objectPath[objectPath.length - 1] === 'auditCheckToActionsMapping' ? objectPath.slice(0, -1) : objectPath.slice(0, -2);
  for (const path of [[...taskPath, 'target', 'auditCheckToReasonCodeFilter'], [...taskPath, 'auditCheckToActionsMapping']]) {
    if (path.join('/') === objectPath.join('/')) continue;
    const node = doc.nodeAt(path);
    if (node?.type === 'object') for (const property of node.children ?? []) if (typeof property.children?.[0]?.value === 'string') names.add(property.children[0].value);
  }
  return names;
}

function completeCheckKeys(listShape: Shape, existing: Set<string>, named: Set<string>, valueToo: boolean, settings: CompletionSettings, out: Collector): void {
  const isReasonFilter = listShape.type === 'list' && listShape.item.name === 'ReasonForNonComplianceCode';
  for (const check of AUDIT_CHECKS) {
    if (existing.has(check.name)) continue;
    const writer = new SnippetWriter(settings.snippets);
    let insert = `"${check.name}"`;
    if (valueToo) insert += isReasonFilter ? `: ["${writer.choice(check.reasonCodes)}"]` : `: [${writer.stop()}]`;
    out.add({
      label: check.name,
      kind: CompletionItemKind.EnumMember,
      insert,
      isSnippet: settings.snippets,
      detail: checkDetail(check),
      documentation: checkDocumentation(check),
      sortText: `${named.has(check.name) ? 0 : 1}${AUDIT_FINDING_SEVERITIES.indexOf(check.severity)}${check.name}`,
    });
  }
}

/** Every check name the file's tasks mention (mapping keys and filter keys). */
function checksInFile(doc: MitigationDocument): string[] {
  const tasks = (doc.value as { tasks?: unknown } | undefined)?.tasks;
  if (typeof tasks !== 'object' || tasks === null) return [];
  const names: string[] = [];
  for (const task of Object.values(tasks)) {
    const t = task as { auditCheckToActionsMapping?: unknown; target?: { auditCheckToReasonCodeFilter?: unknown } } | null;
    for (const map of [t?.auditCheckToActionsMapping, t?.target?.auditCheckToReasonCodeFilter]) if (typeof map === 'object' && map !== null) names.push(...Object.keys(map));
  }
  return names;
}

function completeNewActions(checks: readonly string[], settings: CompletionSettings, layout: Layout, out: Collector): void {
  // Types that mitigate more of the file's checks first, then the catalogue's order.
  const fitting = (type: MitigationActionType) => checks.filter((name) => resolveAuditCheck(name) && isActionApplicable(resolveAuditCheck(name)!.name, type)).length;
  ACTION_TYPES.forEach((info, index) => {
    const writer = writerFor(settings, layout);
    const name = defaultActionName(info);
    out.add({
      label: name,
      kind: CompletionItemKind.Module,
      insert: `${writer.quoted(name)}: ${actionSkeleton(info, writer, layout.indent)}`,
      sortText: `${String(999 - fitting(info.type)).padStart(3, '0')}${index}`,
      isSnippet: settings.snippets,
      detail: `New ${info.type} action`,
      documentation: `${info.description}\n\n${permissionsText(info)}`,
    });
  });
}

function completeNewTask(taskShape: Shape, settings: CompletionSettings, layout: Layout, out: Collector): void {
  const writer = writerFor(settings, layout);
  const name = 'MitigateFindings';
  out.add({
    label: name,
    kind: CompletionItemKind.Event,
    insert: `${writer.quoted(name)}: ${skeleton(taskShape, layout.indent, writer)}`,
    isSnippet: settings.snippets,
    detail: 'New task',
    documentation: 'A task: which findings to mitigate (target) and which actions to apply to each audit check.',
  });
}

// ---------------------------------------------------------------------------------------------
// Values

function listedValues(doc: MitigationDocument, path: JsonPath, current: unknown): Set<string> {
  const list = doc.nodeAt(path.slice(0, -1));
  const values = new Set<string>();
  if (list?.type === 'array') for (const item of list.children ?? []) if (typeof item.value === 'string' && item.value !== current) values.add(item.value);
  return values;
}

/** An audit's start as ISO text, or '' when absent or beyond what a Date holds. */
function auditStartText(startTime: number | undefined): string {
  if (typeof startTime !== 'number' || !Number.isFinite(startTime) || Math.abs(startTime) > 8.64e15) return '';
  return new Date(startTime).toISOString().replace('.000Z', 'Z');
}

async function completeValues(doc: MitigationDocument, context: ValueContext, account: AccountDataSource | undefined, settings: CompletionSettings, layout: Layout, out: Collector): Promise<void> {
  const resolved = resolvePath(doc.kind, context.path);
  if (!resolved) return;
  const shape = resolved.shape;
  const writer = writerFor(settings, layout);
  const role = valueRole(doc.kind, context.path);
  const current = context.valueNode?.value;
  switch (role.role) {
    case 'action-reference':
      return completeActionReferences(doc, context, role.checkName, account, layout.workspace, out);
    case 'reason-code': {
      const check = resolveAuditCheck(role.checkName);
      const listed = listedValues(doc, context.path, current);
      for (const code of check?.reasonCodes ?? []) {
        if (!listed.has(code)) out.add({ label: code, kind: CompletionItemKind.EnumMember, insert: JSON.stringify(code), detail: `Reason code of ${check!.name}`, documentation: REASON_CODE_DESCRIPTIONS[code] });
      }
      return;
    }
    case 'audit-task-id': {
      const audits = await account?.recentAudits();
      if (!audits?.available) return;
      // Newest first, each labelled as the Audits view labels it (common/auditLabel.ts).
      newestFirst(audits.audits).forEach((audit, index) => {
        const started = auditStartText(audit.startTime);
        out.add({
          label: audit.taskId,
          kind: CompletionItemKind.Value,
          insert: JSON.stringify(audit.taskId),
          detail: `${audit.type} · ${audit.status}${started ? ` · ${started}` : ''}`,
          labelDescription: auditLabel(audit),
          sortText: String(index).padStart(5, '0'),
        });
      });
      return;
    }
    case 'thing-group-name': {
      const groups = await account?.thingGroups();
      if (!groups?.available) return;
      const listed = listedValues(doc, context.path, current);
      for (const group of groups.groups) {
        if (listed.has(group.name)) continue;
        out.add({ label: group.name, kind: CompletionItemKind.Value, insert: JSON.stringify(group.name), detail: `Thing group${groups.source ? ` in ${groups.source}` : ''}`, documentation: group.arn });
      }
      return;
    }
    case 'check-name':
      return completeCheckValues(doc, context.path, current, out);
    case 'finding-id': {
      const findings = await account?.findings({});
      if (!findings?.available) return;
      const listed = listedValues(doc, context.path, current);
      findings.findings.forEach((finding, index) => {
        if (listed.has(finding.findingId)) return;
        out.add({
          label: finding.findingId,
          kind: CompletionItemKind.Value,
          insert: JSON.stringify(finding.findingId),
          detail: `${finding.checkName} · ${finding.severity}`,
          documentation: `${finding.resource}${finding.reasonCode ? `\n\nReason: \`${finding.reasonCode}\`` : ''}`,
          sortText: String(index).padStart(5, '0'),
        });
      });
      return;
    }
    default:
      break;
  }
  if (context.path.length === 0) {
    const [one, two] = [layout.indent + layout.unit, layout.indent + layout.unit + layout.unit];
    const body = `{\n${one}"actions": {\n${two}${writer.stop()}\n${one}},\n${one}"tasks": {\n${two}${writer.stop()}\n${one}}\n${layout.indent}}`;
    out.add({ label: 'Mitigation file', kind: CompletionItemKind.Module, insert: body, isSnippet: settings.snippets, detail: 'actions and tasks', documentation: 'An empty mitigation file.' });
    return;
  }
  if (shape.name === 'DayOfMonth') return completeDaysOfMonth(out);
  if (shape.name === 'suppression' && !context.valueNode) return completeNewSuppression(() => writerFor(settings, layout), out);
  switch (shape.type) {
    case 'string':
      for (const value of shape.enum ?? []) {
        if (!acceptedHere(doc, context.path, value)) continue;
        out.add({ label: value, kind: CompletionItemKind.EnumMember, insert: JSON.stringify(value), detail: shape.name, documentation: shape.enumDescriptions?.[value] });
      }
      return;
    case 'boolean':
      for (const value of ['true', 'false']) out.add({ label: value, kind: CompletionItemKind.Value, insert: value, detail: shape.name });
      return;
    case 'structure':
    case 'map':
    case 'list':
      if (context.valueNode) return;
      out.add({ label: shape.type === 'list' ? '[]' : '{}', kind: CompletionItemKind.Struct, insert: skeleton(shape, layout.indent, writer), isSnippet: settings.snippets, detail: describeShape(shape), documentation: resolved.member?.description });
      return;
    default:
      return;
  }
}

/**
 * Whether the validator accepts `candidate` at `path`, judged on the one action that holds it
 * (e.g. logLevel DISABLED is a LogLevel but not allowed for ENABLE_IOT_LOGGING).
 */
function acceptedHere(doc: MitigationDocument, path: JsonPath, candidate: string): boolean {
  const value = doc.value;
  if (typeof value !== 'object' || value === null) return true;
  let trial: Record<string, unknown>;
  if (doc.kind === 'mitigation-file' && path[0] === 'actions' && typeof path[1] === 'string') {
    const action = (value as { actions?: Record<string, unknown> }).actions?.[path[1]];
    trial = { actions: { [path[1]]: structuredClone(action) } };
  } else if (doc.kind === 'create-mitigation-action' || doc.kind === 'update-mitigation-action') {
    trial = structuredClone(value) as Record<string, unknown>;
  } else {
    return true;
  }
  let holder: Record<string | number, unknown> | undefined = trial;
  for (const segment of path.slice(0, -1)) {
    const next: unknown = holder?.[segment];
    holder = typeof next === 'object' && next !== null ? (next as Record<string | number, unknown>) : undefined;
  }
  if (!holder) return true;
  holder[path[path.length - 1]] = candidate;
  const same = (other: JsonPath) => other.length === path.length && other.every((segment, index) => segment === path[index]);
  return !validateDocument(trial, { fileName: doc.uri }).problems.some((problem) => same(problem.path));
}

/** The last segment of a file URI, for details such as "(shared.mitigation.json)". */
function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

async function completeActionReferences(doc: MitigationDocument, context: ValueContext, checkName: string, account: AccountDataSource | undefined, workspace: WorkspaceIndex | undefined, out: Collector): Promise<void> {
  const check = resolveAuditCheck(checkName);
  const listed = listedValues(doc, context.path, context.valueNode?.value);
  const fits = (type: MitigationActionType | undefined) => !check || !type || isActionApplicable(check.name, type);
  const local = actionIndex(doc).definitions;
  for (const definition of local.values()) {
    if (listed.has(definition.name) || !fits(definition.type)) continue;
    out.add({
      label: definition.name,
      kind: CompletionItemKind.Reference,
      insert: JSON.stringify(definition.name),
      detail: definition.type ? `${definition.type} (this file)` : 'defined in this file',
      sortText: `0${definition.name}`,
    });
  }
  const shared = new Set<string>();
  for (const definition of workspace?.actionsElsewhere(doc.uri) ?? []) {
    if (listed.has(definition.name) || local.has(definition.name) || !fits(definition.type)) continue;
    shared.add(definition.name);
    out.add({
      label: definition.name,
      kind: CompletionItemKind.Reference,
      insert: JSON.stringify(definition.name),
      detail: `${definition.type ?? 'action'} (${fileName(definition.uri)})`,
      // This file's actions first, then the workspace's, then the account's.
      sortText: `1${definition.name}`,
    });
  }
  const remote = await account?.actions();
  if (!remote?.available) return;
  for (const action of remote.actions) {
    if (listed.has(action.name) || local.has(action.name) || shared.has(action.name) || !fits(action.type)) continue;
    out.add({
      label: action.name,
      kind: CompletionItemKind.Reference,
      insert: JSON.stringify(action.name),
      detail: `${action.type} (${remote.source ?? 'account'})`,
      documentation: action.arn,
      sortText: `2${action.name}`,
    });
  }
}

export async function doComplete(doc: MitigationDocument, position: Position, account: AccountDataSource | undefined, settings: CompletionSettings, workspace?: WorkspaceIndex): Promise<CompletionList> {
  const offset = doc.offsetAt(position);
  const context = cursorContext(doc, offset);
  if (!context) return { isIncomplete: false, items: [] };
  const end = context.replace.offset + context.replace.length;
  const needsSeparator = context.kind === 'key' ? !context.hasColon : !context.valueNode;
  // A new property right after a complete entry needs a comma before it too.
  const afterEntry = context.kind === 'key' && !context.keyNode && /["\]}0-9el]/.test(previousSignificantChar(doc.text, context.replace.offset) ?? '{');
  const out = new Collector(doc, context.replace, needsSeparator ? separatorAfter(doc, end) : '', afterEntry ? ', ' : '');
  const layout: Layout = { indent: lineIndentAt(doc.text, context.replace.offset), unit: indentUnitOf(doc.text), roleArn: roleArnUsedIn(doc.value), workspace };
  if (context.kind === 'key') completeKeys(doc, context, settings, layout, out);
  else await completeValues(doc, context, account, settings, layout, out);
  return { isIncomplete: false, items: out.items };
}
