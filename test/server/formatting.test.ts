import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, documentOf, service } from './helpers';

describe('formatting', () => {
  const messy = '// keep me\n{"actions":{"A":{ /* and me */ "roleArn":"x",\n"actionParams":{}}},"tasks":{}}';

  it('formats the whole document and keeps comments', () => {
    const document = documentOf(messy);
    const formatted = applyEdits(document, service().format(document, undefined, { tabSize: 2, insertSpaces: true }));
    assert.equal(formatted, '// keep me\n{\n  "actions": {\n    "A": { /* and me */\n      "roleArn": "x",\n      "actionParams": {}\n    }\n  },\n  "tasks": {}\n}');
  });

  it('formats only the given range', () => {
    const document = documentOf('{\n"actions":{"A":{"roleArn":"x"}},\n"tasks":{ }\n}');
    const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 11 } };
    const edits = service().format(document, range, { tabSize: 4, insertSpaces: true });
    const formatted = applyEdits(document, edits);
    assert.match(formatted, /"actions":\{"A":\{"roleArn":"x"\}\}/, 'outside the range is untouched');
    assert.ok(edits.every((edit) => edit.range.start.line >= 1));
  });

  it('uses tabs when asked to', () => {
    const document = documentOf('{"tasks":{}}');
    assert.equal(applyEdits(document, service().format(document, undefined, { tabSize: 4, insertSpaces: false })), '{\n\t"tasks": {}\n}');
  });
});

describe('formatting options from the client', () => {
  it('caps an absurd tab size and falls back on a missing one', () => {
    const document = documentOf('{"tasks":{}}');
    assert.equal(applyEdits(document, service().format(document, undefined, { tabSize: 1000, insertSpaces: true })), `{\n${' '.repeat(16)}"tasks": {}\n}`);
    assert.equal(applyEdits(document, service().format(document, undefined, { tabSize: Number.NaN, insertSpaces: true })), '{\n  "tasks": {}\n}');
    assert.equal(applyEdits(document, service().format(document, undefined, { tabSize: -3, insertSpaces: true })), '{\n "tasks": {}\n}');
  });
});
