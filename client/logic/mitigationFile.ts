/**
 * Reads a mitigation file's actions and tasks as plain data (vscode-free).
 * Comments and trailing commas are tolerated, as in the editor.
 */
import { parse, type ParseError } from 'jsonc-parser';
import { actionTypeOfParams, type MitigationActionType } from '../../common';

export interface FileAction {
  readonly name: string;
  readonly roleArn: string;
  readonly actionParams: Record<string, unknown>;
  readonly tags?: readonly { Key: string; Value?: string }[];
  readonly type: MitigationActionType | undefined;
}

export interface FileTaskTarget {
  readonly auditTaskId?: string;
  readonly findingIds?: readonly string[];
  readonly auditCheckToReasonCodeFilter?: Readonly<Record<string, readonly string[]>>;
}

export interface FileTask {
  readonly name: string;
  readonly target: FileTaskTarget;
  readonly auditCheckToActionsMapping: Readonly<Record<string, readonly string[]>>;
  readonly clientRequestToken?: string;
}

export interface MitigationFileContent {
  readonly actions: readonly FileAction[];
  readonly tasks: readonly FileTask[];
}

export class MitigationFileError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws MitigationFileError when the text is not a JSON object; skips malformed entries. */
export function readMitigationFile(text: string): MitigationFileContent {
  const errors: ParseError[] = [];
  const doc: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !isObject(doc)) {
    throw new MitigationFileError('The file is not valid JSON; fix the problems shown in the editor first.');
  }
  const actions: FileAction[] = [];
  if (isObject(doc.actions)) {
    for (const [name, value] of Object.entries(doc.actions)) {
      if (!isObject(value) || typeof value.roleArn !== 'string' || !isObject(value.actionParams)) continue;
      const tags = Array.isArray(value.tags) ? (value.tags as { Key: string; Value?: string }[]) : undefined;
      actions.push({ name, roleArn: value.roleArn, actionParams: value.actionParams, tags, type: actionTypeOfParams(value.actionParams) });
    }
  }
  const tasks: FileTask[] = [];
  if (isObject(doc.tasks)) {
    for (const [name, value] of Object.entries(doc.tasks)) {
      if (!isObject(value) || !isObject(value.auditCheckToActionsMapping)) continue;
      tasks.push({
        name,
        target: isObject(value.target) ? (value.target as FileTaskTarget) : {},
        auditCheckToActionsMapping: value.auditCheckToActionsMapping as Record<string, string[]>,
        clientRequestToken: typeof value.clientRequestToken === 'string' ? value.clientRequestToken : undefined,
      });
    }
  }
  return { actions, tasks };
}
