/** CodeLens above each task of a mitigation file: start it, rehearse it on a local twin, or preview the findings it would act on. */
import type { CodeLens } from 'vscode-languageserver-protocol';
import { PREVIEW_TASK_COMMAND, REHEARSE_TASK_COMMAND, START_TASK_COMMAND } from '../../common/lspProtocol';
import type { MitigationDocument } from '../../common/document/parse';

export function getCodeLenses(doc: MitigationDocument): CodeLens[] {
  if (doc.kind !== 'mitigation-file') return [];
  const tasks = doc.nodeAt(['tasks']);
  if (tasks?.type !== 'object') return [];
  const lenses: CodeLens[] = [];
  for (const property of tasks.children ?? []) {
    const key = property.children?.[0];
    if (key?.type !== 'string' || key.value === '') continue;
    const range = doc.rangeOf(key.offset, key.length);
    const args = [doc.uri, key.value];
    lenses.push({ range, command: { title: '▶ Start task', command: START_TASK_COMMAND, arguments: args } });
    lenses.push({ range, command: { title: 'Rehearse', command: REHEARSE_TASK_COMMAND, arguments: args } });
    lenses.push({ range, command: { title: 'Preview findings', command: PREVIEW_TASK_COMMAND, arguments: args } });
  }
  return lenses;
}
