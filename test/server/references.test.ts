import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RenameError } from '../../server/service/references';
import { applyEdits, documentOf, example, positionOf, service } from './helpers';

describe('definition, references and rename', () => {
  const document = example('quarantine-workflow.mitigation.json');
  const ls = service();
  const text = document.getText();
  const count = (needle: string) => text.split(needle).length - 1;

  it('goes from a reference to the action\'s definition', () => {
    const location = ls.findDefinition(document, positionOf(document, '"QuarantineDevice"]', 3));
    assert.ok(location);
    assert.equal(document.getText(location.range), '"QuarantineDevice"');
    assert.equal(location.range.start.line, positionOf(document, '"QuarantineDevice": {').line);
  });

  it('has no definition for names that are not actions', () => {
    assert.equal(ls.findDefinition(document, positionOf(document, '"roleArn"', 2)), null);
    const undefinedReference = documentOf('{"tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": ["Ghost"]}}}}');
    assert.equal(ls.findDefinition(undefinedReference, positionOf(undefinedReference, '"Ghost"', 2)), null);
  });

  it('finds every reference, with or without the declaration', () => {
    const references = count('"NotifySecurityTeam"') - 1;
    assert.ok(references >= 3);
    const position = positionOf(document, '"NotifySecurityTeam": {', 3);
    assert.equal(ls.findReferences(document, position, false).length, references);
    const withDeclaration = ls.findReferences(document, position, true);
    assert.equal(withDeclaration.length, references + 1);
    for (const location of withDeclaration) assert.equal(document.getText(location.range), '"NotifySecurityTeam"');
  });

  it('prepares a rename on the name inside the quotes', () => {
    const prepared = ls.prepareRename(document, positionOf(document, '"BlankPolicy"]', 4));
    assert.ok(prepared);
    assert.equal(prepared.placeholder, 'BlankPolicy');
    assert.equal(document.getText(prepared.range), 'BlankPolicy');
    assert.equal(ls.prepareRename(document, positionOf(document, '"tasks"', 2)), null);
  });

  it('renames the definition and every reference, and nothing else', () => {
    const edit = ls.doRename(document, positionOf(document, '"BlankPolicy"]', 4), 'BlankTheDefaultPolicy');
    assert.ok(edit);
    const renamed = applyEdits(document, edit.changes![document.uri]);
    assert.equal(renamed.split('"BlankPolicy"').length - 1, 0);
    assert.equal(renamed.split('"BlankTheDefaultPolicy"').length - 1, count('"BlankPolicy"'));
    assert.equal(renamed.length, text.length + count('"BlankPolicy"') * ('BlankTheDefaultPolicy'.length - 'BlankPolicy'.length));
  });

  it('refuses names the API rejects or that already exist', () => {
    const position = positionOf(document, '"BlankPolicy"]', 4);
    assert.throws(() => ls.doRename(document, position, 'has spaces'), RenameError);
    assert.throws(() => ls.doRename(document, position, ''), RenameError);
    assert.throws(() => ls.doRename(document, position, 'QuarantineDevice'), /already defines/);
  });

  it('finds references in an AWS CLI start-task document', () => {
    const cliDocument = example('cli-input/start-audit-mitigation-actions-task.json');
    const references = ls.findReferences(cliDocument, positionOf(cliDocument, '"QuarantineDevice"', 2), true);
    assert.equal(references.length, 1);
  });
});
