import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentOf, example, service } from './helpers';

describe('AWS CLI input documents are strict JSON', () => {
  it('reports comments, trailing commas and $schema, which the AWS CLI rejects', async () => {
    const text = '{\n  // why\n  "$schema": "./x.json",\n  "actionName": "A",\n  "roleArn": "arn:aws:iam::123456789012:role/R",\n  "actionParams": {"updateDeviceCertificateParams": {"action": "DEACTIVATE",}},\n}';
    const diagnostics = await service().doValidation(documentOf(text, 'create.json'));
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`), ['1:2 syntax', '2:2 unknown-property', '5:75 syntax', '5:78 syntax']);
    assert.match(diagnostics[0].message, /strict JSON: remove this comment/);
    assert.match(diagnostics[2].message, /trailing comma/);
    assert.match(diagnostics[1].message, /Unknown parameter in input/);
  });

  it('allows all three in a mitigation file, and the CLI examples stay clean', async () => {
    const text = '{\n  // why\n  "$schema": "./x.json",\n  "actions": {},\n  "tasks": {},\n}';
    assert.deepEqual(await service().doValidation(documentOf(text)), []);
    for (const name of ['create-mitigation-action.json', 'update-mitigation-action.json', 'start-audit-mitigation-actions-task.json']) {
      assert.deepEqual((await service().doValidation(example(`cli-input/${name}`))).filter((d) => d.severity === 1), [], name);
    }
  });
});
