/**
 * The envelope of every document the project reads: a mitigation file (`$schema`, `actions`,
 * `tasks` around the API's own action and task shapes) and the AWS CLI's --cli-input-json
 * documents. One description, read by the validator, the language service and the schema
 * generator, so the three cannot disagree about what a document is.
 */
import {
  AuditMitigationActionsTaskTarget,
  CreateMitigationActionInput,
  MitigationActionName,
  MitigationActionsTaskId,
  StartAuditMitigationActionsTaskInput,
  UpdateMitigationActionInput,
} from '../model';
import { AUDIT_SECTION_MEMBERS } from '../auditSections';
import type { MapShape, StructureShape } from '../shapes';
import { isJsonObject } from '../json';

export type DocumentKind =
  | 'mitigation-file'
  | 'create-mitigation-action'
  | 'update-mitigation-action'
  | 'start-audit-mitigation-actions-task'
  | 'unknown';

export type CliInputKind = Exclude<DocumentKind, 'mitigation-file' | 'unknown'>;

/** The shape of a task inside a mitigation file: taskId comes from the task's name. */
const FileTaskShape: StructureShape = {
  type: 'structure',
  name: 'task',
  members: {
    target: {
      ...StartAuditMitigationActionsTaskInput.members.target,
      shape: AuditMitigationActionsTaskTarget,
      description: 'Which findings to mitigate. Without auditTaskId, you pick the audit when you start the task.',
    },
    auditCheckToActionsMapping: StartAuditMitigationActionsTaskInput.members.auditCheckToActionsMapping,
    clientRequestToken: { ...StartAuditMitigationActionsTaskInput.members.clientRequestToken, required: false },
  },
};

const { actionName: _actionName, ...fileActionMembers } = CreateMitigationActionInput.members;
/** The shape of an action inside a mitigation file: actionName is the key. */
const FileActionShape: StructureShape = { type: 'structure', name: 'action', members: fileActionMembers };

export const MITIGATION_FILE_SHAPES = { action: FileActionShape, task: FileTaskShape } as const;

const ActionsMap: MapShape = { type: 'map', name: 'actions', key: MitigationActionName, value: FileActionShape };
const TasksMap: MapShape = { type: 'map', name: 'tasks', key: MitigationActionsTaskId, value: FileTaskShape };

/** The top level of a mitigation file: the format's own envelope around the API's shapes. */
export const MITIGATION_FILE_ROOT: StructureShape = {
  type: 'structure',
  name: 'mitigation file',
  members: {
    $schema: {
      shape: { type: 'string', name: '$schema' },
      description: 'The JSON Schema of this file, e.g. "../schemas/mitigation.schema.json", for editors that validate plain JSON; AWS never sees it.',
    },
    actions: {
      shape: ActionsMap,
      description: 'Mitigation action definitions, keyed by action name (the AWS actionName). A start creates or updates them in the account.',
    },
    tasks: {
      shape: TasksMap,
      description: 'Audit mitigation tasks, keyed by task name. Each start creates a unique taskId from the name.',
    },
    ...AUDIT_SECTION_MEMBERS,
  },
};

/** The top-level keys a mitigation file may have. */
export const MITIGATION_FILE_KEYS: readonly string[] = Object.keys(MITIGATION_FILE_ROOT.members);

function optional(shape: StructureShape, keys: readonly string[]): StructureShape {
  const members = Object.fromEntries(Object.entries(shape.members).map(([key, member]) => [key, keys.includes(key) ? { ...member, required: false } : member]));
  return { ...shape, members };
}

/**
 * The AWS CLI's --cli-input-json documents: the name or task id may come as a flag instead,
 * and the CLI generates a missing clientRequestToken.
 */
export const CLI_INPUT_SHAPES = {
  createMitigationAction: optional(CreateMitigationActionInput, ['actionName']),
  updateMitigationAction: optional(UpdateMitigationActionInput, ['actionName']),
  startAuditMitigationActionsTask: optional(StartAuditMitigationActionsTaskInput, ['taskId', 'clientRequestToken']),
} as const;

export interface DocumentKindInfo {
  readonly kind: Exclude<DocumentKind, 'unknown'>;
  /** The shape of the whole document. */
  readonly root: StructureShape;
  /** The document is of this kind when it has every key of any one of these sets (tried in order). */
  readonly keySets: readonly (readonly string[])[];
}

/**
 * The kinds in the order their keys are tried. Only a file name can tell an update that carries
 * `tags` (which update-mitigation-action does not take) from a create.
 */
export const DOCUMENT_KINDS: readonly DocumentKindInfo[] = [
  { kind: 'mitigation-file', root: MITIGATION_FILE_ROOT, keySets: [['actions'], ['tasks'], ['auditConfiguration'], ['scheduledAudits'], ['suppressions']] },
  { kind: 'start-audit-mitigation-actions-task', root: CLI_INPUT_SHAPES.startAuditMitigationActionsTask, keySets: [['taskId'], ['target'], ['auditCheckToActionsMapping']] },
  { kind: 'create-mitigation-action', root: CLI_INPUT_SHAPES.createMitigationAction, keySets: [['tags'], ['roleArn', 'actionParams']] },
  { kind: 'update-mitigation-action', root: CLI_INPUT_SHAPES.updateMitigationAction, keySets: [['actionName'], ['roleArn'], ['actionParams']] },
];

/** The AWS CLI commands whose --cli-input-json documents are checked. */
const CLI_INPUT_KINDS: readonly CliInputKind[] = ['create-mitigation-action', 'update-mitigation-action', 'start-audit-mitigation-actions-task'];

export function isCliInputKind(kind: DocumentKind): kind is CliInputKind {
  return (CLI_INPUT_KINDS as readonly string[]).includes(kind);
}

/**
 * The kind a file name tells: `update-mitigation-action.json` (as in examples/cli-input/), or that
 * name after a prefix and ".", "-" or "_", e.g. `quarantine.update-mitigation-action.json`.
 */
function documentKindFromFileName(fileName: string | undefined): DocumentKind | undefined {
  if (!fileName) return undefined;
  const base = fileName.slice(fileName.lastIndexOf('/') + 1).toLowerCase();
  return CLI_INPUT_KINDS.find((kind) => base === `${kind}.json` || ['.', '-', '_'].some((separator) => base.endsWith(`${separator}${kind}.json`)));
}

function hasKeys(doc: Record<string, unknown>, info: DocumentKindInfo): boolean {
  return info.keySets.some((keys) => keys.every((key) => key in doc));
}

/**
 * The kind of a document: a mitigation file by any of its sections, else the CLI command its
 * file name tells, else the CLI command its keys suggest; an empty or new document is offered
 * the mitigation file format.
 */
export function detectDocumentKind(doc: unknown, fileName?: string): DocumentKind {
  if (!isJsonObject(doc)) return 'unknown';
  const [file, ...cliInputs] = DOCUMENT_KINDS;
  if (hasKeys(doc, file)) return file.kind;
  return documentKindFromFileName(fileName) ?? cliInputs.find((info) => hasKeys(doc, info))?.kind ?? 'mitigation-file';
}

/** The root shape of a kind; an unknown document is offered the mitigation file's. */
export function rootShape(kind: DocumentKind): StructureShape {
  return DOCUMENT_KINDS.find((info) => info.kind === kind)?.root ?? MITIGATION_FILE_ROOT;
}
