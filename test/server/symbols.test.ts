import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SymbolKind } from 'vscode-languageserver-protocol';
import { documentOf, example, service } from './helpers';

describe('document symbols', () => {
  it('outlines actions with their types and tasks with their checks', () => {
    const document = example('quarantine-workflow.mitigation.json');
    const value = JSON.parse(document.getText().replace(/^\s*\/\/.*$/gm, ''));
    const symbols = service().findDocumentSymbols(document);
    const actions = symbols.find((s) => s.name === 'actions')!;
    const tasks = symbols.find((s) => s.name === 'tasks')!;
    assert.deepEqual(actions.children!.map((s) => s.name), Object.keys(value.actions));
    assert.equal(actions.children!.find((s) => s.name === 'BlankPolicy')!.detail, 'REPLACE_DEFAULT_POLICY_VERSION');
    assert.equal(actions.children![0].kind, SymbolKind.Function);
    assert.deepEqual(tasks.children!.map((s) => s.name), Object.keys(value.tasks));
    const first = tasks.children![0];
    assert.deepEqual(first.children!.map((s) => s.name), Object.keys(value.tasks[first.name].auditCheckToActionsMapping));
    for (const symbol of [...actions.children!, ...tasks.children!]) {
      assert.equal(document.getText(symbol.selectionRange), JSON.stringify(symbol.name));
    }
  });

  it('lists the top-level keys of a CLI input document', () => {
    const symbols = service().findDocumentSymbols(example('cli-input/create-mitigation-action.json'));
    assert.ok(symbols.some((s) => s.name === 'actionParams'));
  });

  it('copes with broken input', () => {
    assert.deepEqual(service().findDocumentSymbols(documentOf('')), []);
    assert.ok(Array.isArray(service().findDocumentSymbols(documentOf('{"actions": {"A": '))));
  });
});
