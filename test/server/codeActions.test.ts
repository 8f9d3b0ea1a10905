import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, documentOf, example, service } from './helpers';

async function fixes(document: TextDocument, code: string, message = /./): Promise<{ diagnostic: Diagnostic; actions: CodeAction[] }> {
  const ls = service();
  const diagnostic = (await ls.doValidation(document)).find((d) => d.code === code && message.test(d.message));
  assert.ok(diagnostic, `no ${code} diagnostic`);
  return { diagnostic, actions: ls.doCodeActions(document, diagnostic.range).filter((a) => a.diagnostics?.[0]?.code === code) };
}

async function applyFix(document: TextDocument, code: string, title: RegExp, message?: RegExp): Promise<string> {
  const { actions } = await fixes(document, code, message);
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `no fix matching ${title} among ${actions.map((a) => a.title).join(' | ')}`);
  return applyEdits(document, action.edit!.changes![document.uri]);
}

async function codesAfter(text: string): Promise<string[]> {
  return (await service().doValidation(documentOf(text))).map((d) => String(d.code));
}

/** Applies the fix and proves the fixed text has no problem left. */
async function applyCleanFix(document: TextDocument, code: string, title: RegExp): Promise<string> {
  const fixed = await applyFix(document, code, title);
  assert.deepEqual(await codesAfter(fixed), []);
  return fixed;
}

describe('code actions', () => {
  it('adds missing required properties with realistic values', async () => {
    const fixed = await applyFix(example('mistakes.mitigation.json'), 'required', /roleArnForLogging/);
    assert.match(fixed, /"logLevel": "DISABLED", "roleArnForLogging": "arn:aws:iam::123456789012:role\/IoTLoggingRole" \}/);
  });

  it('adds missing members to a multi-line object with the file\'s indentation', async () => {
    const document = documentOf('{\n  "actions": {\n    "A": {\n      "roleArn": "arn:aws:iam::123456789012:role/Role"\n    }\n  }\n}');
    const fixed = await applyFix(document, 'required', /actionParams/);
    assert.match(fixed, /"roleArn": "arn:aws:iam::123456789012:role\/Role",\n {6}"actionParams": \{\}/);
  });

  it('replaces an invalid enum value with the nearest valid one', async () => {
    const fixed = await applyFix(example('mistakes.mitigation.json'), 'enum', /BLANK_POLICY/);
    assert.match(fixed, /"templateName": "BLANK_POLICY"/);
  });

  it('fixes a misspelt property name and a misspelt check name', async () => {
    const mistakes = example('mistakes.mitigation.json');
    assert.match(await applyFix(mistakes, 'unknown-property', /"key" to "Key"/, /"key"/), /\{ "Key": "team"/);
    assert.match(await applyFix(mistakes, 'unknown-check', /DEVICE_CERTIFICATE_SHARED_CHECK/), /"DEVICE_CERTIFICATE_SHARED_CHECK": \["TwoThingsAtOnce"\]/);
  });

  it('removes an unknown property', async () => {
    const fixed = await applyFix(documentOf('{"description": "x", "actions": {}}'), 'unknown-property', /Remove the unknown property "description"/);
    assert.equal(JSON.stringify(JSON.parse(fixed)), '{"actions":{}}');
  });

  it('maps a legacy check name to its API name, as the preferred fix', async () => {
    const { actions } = await fixes(example('mistakes.mitigation.json'), 'legacy-check');
    assert.equal(actions.length, 1);
    assert.equal(actions[0].isPreferred, true);
    assert.equal(actions[0].title, 'Use the API check name REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK');
  });

  it('removes an extra params type, leaving valid JSON', async () => {
    const text = '{"actions": {"A": {"roleArn": "arn:aws:iam::123456789012:role/Role", "actionParams": {"updateDeviceCertificateParams": {"action": "DEACTIVATE"}, "publishFindingToSnsParams": {"topicArn": "arn:aws:sns:us-east-1:123456789012:t"}}}}}';
    const fixed = await applyCleanFix(documentOf(text), 'params-count', /Remove/);
    assert.deepEqual(JSON.parse(fixed).actions.A.actionParams, { updateDeviceCertificateParams: { action: 'DEACTIVATE' } });
  });

  it('fills an empty actionParams with the chosen type\'s example', async () => {
    const text = '{"actions": {"A": {"roleArn": "arn:aws:iam::123456789012:role/Role", "actionParams": {}}}}';
    await applyCleanFix(documentOf(text), 'params-count', /publishFindingToSnsParams/);
  });

  it('creates a missing action definition of a type that applies to the check', async () => {
    const text = '{\n  "actions": {\n    "Existing": {"roleArn": "arn:aws:iam::123456789012:role/Role", "actionParams": {"publishFindingToSnsParams": {"topicArn": "arn:aws:sns:us-east-1:123456789012:t"}}}\n  },\n  "tasks": {\n    "t": {"target": {}, "auditCheckToActionsMapping": {"IOT_POLICY_OVERLY_PERMISSIVE_CHECK": ["Existing", "BlankIt"]}}\n  }\n}';
    const { actions } = await fixes(documentOf(text), 'undefined-action');
    assert.deepEqual(actions.map((a) => a.title), ['Create action "BlankIt" (PUBLISH_FINDING_TO_SNS)', 'Create action "BlankIt" (REPLACE_DEFAULT_POLICY_VERSION)']);
    const fixed = await applyCleanFix(documentOf(text), 'undefined-action', /REPLACE_DEFAULT_POLICY_VERSION/);
    assert.deepEqual(JSON.parse(fixed).actions.BlankIt.actionParams, { replaceDefaultPolicyVersionParams: { templateName: 'BLANK_POLICY' } });
  });

  it('creates the "actions" object when the file has none', async () => {
    const text = '{\n  "tasks": {\n    "t": {"target": {}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": ["TurnOn"]}}\n  }\n}';
    const fixed = await applyCleanFix(documentOf(text), 'undefined-action', /ENABLE_IOT_LOGGING/);
    assert.equal(JSON.parse(fixed).actions.TurnOn.actionParams.enableIoTLoggingParams.logLevel, 'ERROR');
  });

  it('suggests a similarly named action for a typo', async () => {
    const text = '{"actions": {"NotifyTeam": {"roleArn": "arn:aws:iam::123456789012:role/Role", "actionParams": {"publishFindingToSnsParams": {"topicArn": "arn:aws:sns:us-east-1:123456789012:t"}}}}, "tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": ["NotifyTeem"]}}}}';
    await applyCleanFix(documentOf(text), 'undefined-action', /Change "NotifyTeem" to "NotifyTeam"/);
  });

  it('offers nothing where nothing is wrong', () => {
    const document = example('quarantine-workflow.mitigation.json');
    assert.deepEqual(service().doCodeActions(document, { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } }), []);
  });
});
