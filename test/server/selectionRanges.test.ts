import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SelectionRange } from 'vscode-languageserver-protocol';
import { example, positionOf, service } from './helpers';

describe('selection ranges', () => {
  it('grows from the name in a string to the string, the list, the property, the object and the file', () => {
    const document = example('quarantine-workflow.mitigation.json');
    const [selection] = service().getSelectionRanges(document, [positionOf(document, '"BlankPolicy"]', 3)]);
    const texts: string[] = [];
    for (let range: SelectionRange | undefined = selection; range; range = range.parent) texts.push(document.getText(range.range));
    assert.equal(texts[0], 'BlankPolicy');
    assert.equal(texts[1], '"BlankPolicy"');
    assert.match(texts[2], /^\[.*"BlankPolicy"\]$/);
    assert.match(texts[3], /^"IOT_POLICY_[A-Z_]+": \[.*"BlankPolicy"\]$/);
    assert.equal(texts[texts.length - 1], document.getText().slice(document.getText().indexOf('{')).trimEnd());
    for (let i = 1; i < texts.length; i++) assert.ok(texts[i].includes(texts[i - 1]), 'each range contains the previous');
  });
});
