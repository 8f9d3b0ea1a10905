import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PREVIEW_TASK_COMMAND, REHEARSE_TASK_COMMAND, START_TASK_COMMAND } from '../../common/lspProtocol';
import { example, service } from './helpers';

describe('code lens', () => {
  it('puts "Start task", "Rehearse" and "Preview" above every task, with [uri, taskName]', () => {
    const document = example('quarantine-workflow.mitigation.json');
    const tasks = Object.keys(JSON.parse(document.getText().replace(/^\s*\/\/.*$/gm, '')).tasks);
    const lenses = service().getCodeLenses(document);
    assert.equal(lenses.length, tasks.length * 3);
    assert.deepEqual(lenses.filter((l) => l.command!.command === START_TASK_COMMAND).map((l) => l.command!.arguments), tasks.map((task) => [document.uri, task]));
    assert.equal(lenses.filter((l) => l.command!.command === PREVIEW_TASK_COMMAND).length, tasks.length);
    // "Rehearse" sits right beside "Start" for the same task.
    lenses.forEach((lens, index) => {
      if (lens.command!.command === START_TASK_COMMAND) assert.deepEqual(lenses[index + 1].command, { title: 'Rehearse', command: REHEARSE_TASK_COMMAND, arguments: lens.command!.arguments });
    });
    for (const lens of lenses) assert.equal(document.getText(lens.range), JSON.stringify(lens.command!.arguments![1]));
  });

  it('has none for CLI input documents', () => {
    assert.deepEqual(service().getCodeLenses(example('cli-input/start-audit-mitigation-actions-task.json')), []);
  });
});
