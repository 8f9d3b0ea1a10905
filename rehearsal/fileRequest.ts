/**
 * A rehearsal request from a mitigation file's text, read through the same document model as
 * deploy and start: a file with errors is not rehearsed (the errors are listed, as the editor
 * shows them), and a task that is not in the file is named with the tasks that are.
 */
import { errorsOf, readDocumentModel } from '../common/documentModel';
import { RehearsalError } from './snapshot';
import type { RehearsalRequest } from './types';

/** Errors listed in the message at most; the rest are counted. */
const LISTED_ERRORS = 10;

export function requestFromFile(text: string, taskName: string, auditTaskId?: string, fileName = 'the file'): RehearsalRequest {
  const model = readDocumentModel(text);
  const errors = errorsOf(model);
  if (errors.length) {
    const listed = errors.slice(0, LISTED_ERRORS).map((problem) => `  ${fileName}:${problem.range.start.line + 1}:${problem.range.start.character + 1}: ${problem.message}`);
    const more = errors.length > LISTED_ERRORS ? [`  ... and ${errors.length - LISTED_ERRORS} more`] : [];
    throw new RehearsalError(`${fileName} has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} before rehearsing:\n${[...listed, ...more].join('\n')}`);
  }
  const task = model.tasks.find((candidate) => candidate.name === taskName);
  if (!task) {
    const names = model.tasks.map((candidate) => candidate.name);
    throw new RehearsalError(`${fileName} has no task "${taskName}"${names.length ? `; its tasks: ${names.join(', ')}` : ' (it defines no tasks)'}.`);
  }
  return {
    taskName,
    target: task.target,
    auditCheckToActionsMapping: task.auditCheckToActionsMapping,
    actions: model.actions.map((action) => ({ name: action.name, roleArn: action.roleArn, actionParams: action.actionParams, tags: action.tags })),
    auditTaskId,
  };
}
