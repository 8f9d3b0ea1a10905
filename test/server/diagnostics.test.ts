import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { EXAMPLES, documentOf, example, fakeAccount, service } from './helpers';

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);

describe('diagnostics', () => {
  it('finds nothing wrong in the valid examples (both document kinds)', async () => {
    const files = [
      ...readdirSync(EXAMPLES).filter((name) => name.endsWith('.mitigation.json') && name !== 'mistakes.mitigation.json'),
      ...readdirSync(join(EXAMPLES, 'cli-input')).map((name) => join('cli-input', name)),
    ];
    assert.ok(files.length >= 8, 'examples are present');
    for (const file of files) {
      const diagnostics = await service().doValidation(example(file));
      const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
      assert.deepEqual(errors, [], file);
    }
  });

  it('reports every deliberate mistake with its stable code, on the line its comment describes', async () => {
    const document = example('mistakes.mitigation.json');
    const diagnostics = await service().doValidation(document);
    const lines = document.getText().split('\n');
    let total = 0;
    // Each "// code:" comment announces a problem on one of the next lines.
    for (const [index, line] of lines.entries()) {
      const comment = line.includes('//') ? line.slice(line.indexOf('//') + 2).trim() : '';
      const announced = comment
        .split('; ')
        .map((part) => /^([a-z-]+)(?: \(warning\))?:/.exec(part)?.[1])
        .filter((code): code is string => code !== undefined && /-|^(pattern|length|enum|required|type)$/.test(code));
      total += announced.length;
      for (const code of announced) {
        const found = diagnostics.some((d) => d.code === code && d.range.start.line > index && d.range.start.line <= index + 8);
        assert.ok(found, `line ${index + 1}: expected ${code} below it, got ${JSON.stringify(diagnostics.filter((d) => d.range.start.line > index && d.range.start.line <= index + 8).map((d) => d.code))}`);
      }
    }
    assert.ok(total >= 20, `the example announces its mistakes (${total})`);
    assert.ok(diagnostics.every((d) => d.source === 'mitigations'));
  });

  it('puts key problems on the property name and value problems on the value', async () => {
    const document = documentOf('{"actions": {"Bad name": {"roleArn": "short", "actionParams": {"updateDeviceCertificateParams": {"action": "NOPE"}}}}}');
    const diagnostics = await service().doValidation(document);
    const text = (d: Diagnostic) => document.getText(d.range);
    assert.equal(text(diagnostics.find((d) => d.code === 'pattern')!), '"Bad name"');
    assert.equal(text(diagnostics.find((d) => d.code === 'length')!), '"short"');
    assert.equal(text(diagnostics.find((d) => d.code === 'enum')!), '"NOPE"');
  });

  it('maps an action type that does not apply to its check', async () => {
    const document = documentOf(`{
      "actions": {"DeactivateCa": {"roleArn": "arn:aws:iam::123456789012:role/Role", "actionParams": {"updateCACertificateParams": {"action": "DEACTIVATE"}}}},
      "tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"DEVICE_CERTIFICATE_SHARED_CHECK": ["DeactivateCa"]}}}
    }`);
    const diagnostics = await service().doValidation(document);
    const problem = diagnostics.find((d) => d.code === 'action-not-applicable');
    assert.ok(problem);
    assert.equal(document.getText(problem.range), '"DeactivateCa"');
    assert.match(problem.message, /UPDATE_CA_CERTIFICATE/);
  });

  it('reports syntax errors and duplicate keys from the parse', async () => {
    const document = documentOf('{"actions": {"A": {}, "A": {}}, "tasks": {} ');
    const diagnostics = await service().doValidation(document);
    assert.ok(codes(diagnostics).includes('syntax'));
    assert.equal(diagnostics.filter((d) => d.code === 'duplicate-key').length, 2);
    assert.match(diagnostics.find((d) => d.code === 'syntax')!.message, /"}"/);
  });

  it('shows only the parse error for a half-typed property, not rule noise around it', async () => {
    const document = documentOf(`{
  "actions": {
    "Notify": {
      "roleArn": "arn:aws:iam::123456789012:role/Role",
      "actionP
    }
  }
}`);
    const diagnostics = await service().doValidation(document);
    assert.ok(diagnostics.length > 0);
    assert.deepEqual([...new Set(codes(diagnostics))], ['syntax']);
  });

  it('keeps reporting rules elsewhere in the file while one spot does not parse', async () => {
    const document = documentOf(`{
  "actions": {
    "Notify": {"roleArn": "x", "actionParams": {"publishFindingToSnsParams": {"topicArn": "arn:aws:sns:us-east-1:123456789012:t"}}}
  },
  "tasks": {
    "t": {"target": {}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": ["Notify" "Other"]}}
  }
}`);
    const found = codes(await service().doValidation(document));
    assert.ok(found.includes('syntax'));
    assert.ok(found.includes('length'), 'the role ARN far from the error is still checked');
  });

  it('reports undefined actions as warnings whether or not the account is known, saying which', async () => {
    const text = '{"tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": ["Elsewhere", "Nowhere"]}}}}';
    const unknownAccount = await service().doValidation(documentOf(text));
    assert.deepEqual(unknownAccount.filter((d) => d.code === 'undefined-action').map((d) => d.severity), [DiagnosticSeverity.Warning, DiagnosticSeverity.Warning]);
    const account = fakeAccount({ actions: { available: true, actions: [{ name: 'Elsewhere', type: 'PUBLISH_FINDING_TO_SNS' }] } });
    const known = await service({ account }).doValidation(documentOf(text));
    const undefinedActions = known.filter((d) => d.code === 'undefined-action');
    assert.equal(undefinedActions.length, 1);
    assert.equal(undefinedActions[0].severity, DiagnosticSeverity.Warning, 'one severity in the editor and in the check CLI');
    assert.match(undefinedActions[0].message, /"Nowhere" is not defined in this file nor in the account/);
  });

  it('reports an empty action name once (length), not also as undefined', async () => {
    const text = '{"taskId": "t", "target": {"auditTaskId": "a"}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": [""]}}';
    assert.deepEqual(codes(await service().doValidation(documentOf(text, 'start.json'))), ['length']);
  });

  it('checks account actions against the check they are mapped to', async () => {
    const account = fakeAccount({ actions: { available: true, actions: [{ name: 'Blank', type: 'REPLACE_DEFAULT_POLICY_VERSION' }] } });
    const text = '{"tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": ["Blank"]}}}}';
    assert.ok(codes(await service({ account }).doValidation(documentOf(text))).includes('action-not-applicable'));
  });

  it('validates AWS CLI input documents by their own shapes', async () => {
    const document = documentOf('{"taskId": "t-1", "target": {"findingIds": []}, "auditCheckToActionsMapping": {"NOT_A_CHECK": ["A"]}}');
    const found = codes(await service().doValidation(document));
    assert.ok(found.includes('list-size'));
    assert.ok(found.includes('unknown-check'));
  });

  it('reports the 100-action quota once on "actions"', async () => {
    const actions = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`A${i}`, { roleArn: 'arn:aws:iam::123456789012:role/Role', actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } } }]));
    const document = documentOf(JSON.stringify({ actions }, null, 2));
    const quota = (await service().doValidation(document)).filter((d) => d.code === 'action-quota');
    assert.equal(quota.length, 1);
    assert.equal(document.getText(quota[0].range), '"actions"');
  });

  it('caps the number of diagnostics when asked to', async () => {
    const list = Array.from({ length: 50 }, () => '"bad name!"');
    const document = documentOf(`{"tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": [${list.join(',')}]}}}}`);
    assert.ok((await service().doValidation(document)).length > 20);
    assert.equal((await service({ maxDiagnostics: 20 }).doValidation(document)).length, 20);
  });

  it('refuses to walk absurdly deep nesting and says why', async () => {
    const document = documentOf('['.repeat(10_000) + ']'.repeat(10_000));
    const diagnostics = await service().doValidation(document);
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /Nesting deeper than/);
  });

  it('sorts diagnostics by position', async () => {
    const diagnostics = await service().doValidation(example('mistakes.mitigation.json'));
    const keys = diagnostics.map((d) => d.range.start.line * 10_000 + d.range.start.character);
    assert.deepEqual(keys, [...keys].sort((a, b) => a - b));
  });
});
