/**
 * `tags` in an update-mitigation-action input document: the AWS CLI rejects it, so the file
 * named after that command reports it, with a quick fix that removes it and leaves the text valid.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, documentOf, service } from './helpers';

const TEXT = '{\n  "actionName": "Quarantine",\n  "roleArn": "arn:aws:iam::123456789012:role/R",\n  "actionParams": {"addThingsToThingGroupParams": {"thingGroupNames": ["Quarantine"]}},\n  "tags": [{"Key": "team", "Value": "iot"}]\n}';

describe('tags in an update-mitigation-action document', () => {
  it('are reported on the key in a file named after the command, and removed by the quick fix', async () => {
    const languageService = service();
    const document = documentOf(TEXT, 'quarantine.update-mitigation-action.json');
    const diagnostics = await languageService.doValidation(document);
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.code}`), ['4:2-8 tags-in-update']);
    assert.equal(diagnostics[0].severity, 1, 'an error: the AWS CLI refuses the document');
    assert.match(diagnostics[0].message, /update-mitigation-action takes no "tags".*Unknown parameter in input/);
    const fixes = languageService.doCodeActions(document, diagnostics[0].range).filter((action) => action.diagnostics?.some((d) => d.code === 'tags-in-update'));
    assert.deepEqual(fixes.map((fix) => fix.title), ['Remove "tags" (update-mitigation-action takes none)']);
    assert.equal(fixes[0].isPreferred, true);
    const fixed = applyEdits(document, fixes[0].edit!.changes![document.uri] as TextEdit[]);
    assert.doesNotMatch(fixed, /tags/);
    assert.deepEqual(JSON.parse(fixed), { actionName: 'Quarantine', roleArn: 'arn:aws:iam::123456789012:role/R', actionParams: { addThingsToThingGroupParams: { thingGroupNames: ['Quarantine'] } } }, 'strict JSON the AWS CLI reads');
    assert.deepEqual(await languageService.doValidation(documentOf(fixed, 'quarantine.update-mitigation-action.json')), [], 'no new problem');
  });

  it('make a create document when the name tells nothing, as before', async () => {
    assert.deepEqual(await service().doValidation(documentOf(TEXT, 'quarantine.json')), []);
    assert.deepEqual(await service().doValidation(documentOf(TEXT, 'create-mitigation-action.json')), []);
  });

  it('do not offer tags in completion of an update document', async () => {
    const text = '{"actionName": "A", }';
    const document = documentOf(text, 'update-mitigation-action.json');
    const list = await service().doComplete(document, document.positionAt(text.indexOf('}')));
    assert.deepEqual(list.items.map((item) => item.label).sort(), ['actionParams', 'roleArn']);
  });
});
