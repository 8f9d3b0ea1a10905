import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyChanges, changedSpan } from '../../server/editSpan';
import { documentOf, service } from './helpers';

describe('where the latest edit landed', () => {
  it('finds the changed span between two whole texts', () => {
    assert.deepEqual(changedSpan('"action": "DEACTIVATE"', '"action": "DEA"'), { offset: 14, length: 0 });
    assert.deepEqual(changedSpan('"a": ""', '"a": "x"'), { offset: 6, length: 1 });
    assert.deepEqual(changedSpan('same', 'same'), { offset: 4, length: 0 });
  });

  it('unites several incremental changes in the final text\'s offsets', () => {
    const document = TextDocument.create('file:///x', 'mitigation-json', 1, '0123456789');
    const { document: updated, span } = applyChanges(document, [
      { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }, text: 'ab' },
      { range: { start: { line: 0, character: 8 }, end: { line: 0, character: 10 } }, text: '' },
    ], 2);
    assert.equal(updated.getText(), '01ab234589');
    assert.deepEqual(span, { offset: 2, length: 6 });
    assert.equal(updated.version, 2);
  });
});

describe('rules on the token being typed wait', () => {
  const text = '{"actions": {"A": {"roleArn": "arn:aws:iam::123456789012:role/R", "actionParams": {"updateDeviceCertificateParams": {"action": "DEA"}}}}}';

  it('holds an enum error on the value being typed, and publishes it without the hold', async () => {
    const document = documentOf(text);
    const typing = { offset: text.indexOf('DEA') + 3, length: 0 };
    assert.deepEqual((await service().doValidation(document, typing)).map((d) => d.code), []);
    assert.deepEqual((await service().doValidation(document)).map((d) => d.code), ['enum']);
  });

  it('never holds structural problems, nor rules on other tokens', async () => {
    const broken = text.replace('"roleArn": "arn:aws:iam::123456789012:role/R", ', '').replace('"DEA"', '"DEACTIVATE"').replace('"A"', '"A B"');
    const document = documentOf(broken);
    const typing = { offset: broken.indexOf('DEACTIVATE'), length: 3 };
    assert.deepEqual((await service().doValidation(document, typing)).map((d) => d.code).sort(), ['pattern', 'required']);
  });
});
