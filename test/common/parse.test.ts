import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_NESTING_DEPTH, nestingDepth } from '../../common/document/parse';
import { documentOf, service } from '../server/helpers';

describe('parse and cache', () => {
  it('parses once per version and again after a change', () => {
    const ls = service();
    const document = documentOf('{"actions": {}}');
    const first = ls.parse(document);
    assert.equal(ls.parse(document), first);
    TextDocument.update(document, [{ text: '{"tasks": {}}' }], 2);
    const second = ls.parse(document);
    assert.notEqual(second, first);
    assert.equal(JSON.stringify(second.value), '{"tasks":{}}');
    assert.equal(JSON.stringify(first.value), '{"actions":{}}', 'an old parse keeps its own text');
  });

  it('accepts a byte order mark', async () => {
    assert.deepEqual(await service().doValidation(documentOf('\ufeff{"actions": {}}')), []);
  });

  it('detects the document kind', () => {
    const ls = service();
    assert.equal(ls.parse(documentOf('{"actions": {}}')).kind, 'mitigation-file');
    assert.equal(ls.parse(documentOf('{"taskId": "x"}')).kind, 'start-audit-mitigation-actions-task');
    assert.equal(ls.parse(documentOf('[]')).kind, 'unknown');
  });

  it('measures nesting without recursion, ignoring brackets in strings and comments', () => {
    assert.equal(nestingDepth('{"a": "[[[[", /* {{{{ */ "b": [1]} // [[[', 100).depth, 2);
    const deep = nestingDepth('['.repeat(100_000), MAX_NESTING_DEPTH);
    assert.equal(deep.exceededAt, MAX_NESTING_DEPTH);
  });
});
