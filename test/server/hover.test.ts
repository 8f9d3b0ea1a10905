import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { actionTypeInfo } from '../../common/actionTypes';
import { REASON_CODE_DESCRIPTIONS, auditCheck } from '../../common/auditChecks';
import { LogLevel, MitigationActionParams } from '../../common/model';
import { documentOf, example, fakeAccount, positionOf, service } from './helpers';

function hoverText(document: ReturnType<typeof example>, needle: string, shift = 2, occurrence = 1, options = {}): string {
  const hover = service(options).doHover(document, positionOf(document, needle, shift, occurrence));
  return hover ? (hover.contents as MarkupContent).value : '';
}

describe('hover', () => {
  const quarantine = example('quarantine-workflow.mitigation.json');

  it('describes audit checks with severity, resource, actions and reason codes', () => {
    const text = hoverText(quarantine, '"DEVICE_CERTIFICATE_SHARED_CHECK"');
    const check = auditCheck('DEVICE_CERTIFICATE_SHARED_CHECK')!;
    assert.match(text, /CRITICAL/);
    assert.ok(text.includes(check.description));
    assert.ok(text.includes(check.resourceType));
    for (const action of check.applicableActions) assert.ok(text.includes(action));
    assert.ok(text.includes(REASON_CODE_DESCRIPTIONS.CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES));
  });

  it('shows the referenced action\'s definition on an action reference', () => {
    const text = hoverText(quarantine, '"QuarantineDevice"]');
    assert.match(text, /ADD_THINGS_TO_THING_GROUP/);
    assert.match(text, /```jsonc\n"QuarantineDevice": \{/);
    assert.match(text, /"thingGroupNames": \["Quarantine"\]/);
  });

  it('describes an account action, or says the reference is undefined', () => {
    const document = documentOf('{"tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": ["Remote", "Ghost"]}}}}');
    const account = fakeAccount({ actions: { available: true, source: 'emulator', actions: [{ name: 'Remote', type: 'PUBLISH_FINDING_TO_SNS', arn: 'arn:aws:iot:us-east-1:123456789012:mitigationaction/Remote' }] } });
    assert.match(hoverText(document, '"Remote"', 2, 1, { account }), /PUBLISH_FINDING_TO_SNS.*in the account: emulator/);
    assert.match(hoverText(document, '"Ghost"', 2, 1, { account }), /not defined in this file nor in the account/);
    assert.match(hoverText(document, '"Ghost"'), /must exist in the account when the task starts/);
  });

  it('describes keys with the catalogue\'s words and constraints', () => {
    const text = hoverText(quarantine, '"roleArn"');
    assert.match(text, /\*\*roleArn\*\* \(required\): string, 20 to 2048 characters/);
  });

  it('explains enum values', () => {
    assert.ok(hoverText(quarantine, '"WARN"').includes(LogLevel.enumDescriptions!.WARN));
  });

  it('describes params keys with the action type and its permissions', () => {
    const text = hoverText(quarantine, '"addThingsToThingGroupParams"');
    for (const permission of actionTypeInfo('ADD_THINGS_TO_THING_GROUP').permissions) assert.ok(text.includes(permission));
    assert.ok(MitigationActionParams.members.addThingsToThingGroupParams);
  });

  it('lists where an action definition is used, and a task\'s checks', () => {
    assert.match(hoverText(quarantine, '"BlankPolicy": {'), /Used by:\n- lock-down-policies: `IOT_POLICY_OVERLY_PERMISSIVE_CHECK`/);
    assert.match(hoverText(quarantine, '"quarantine-compromised-devices"'), /`DEVICE_CERTIFICATE_AGE_CHECK` → NotifySecurityTeam/);
  });

  it('explains reason codes in a filter', () => {
    const document = example('cli-input/start-audit-mitigation-actions-task.json');
    assert.ok(hoverText(document, '"CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES"').includes(REASON_CODE_DESCRIPTIONS.CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES));
  });

  it('names the API check behind a legacy name', () => {
    const document = example('mistakes.mitigation.json');
    assert.match(hoverText(document, '"REVOKED_DEVICE_CERT_CHECK"'), /older docs' name of \*\*REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK\*\*/);
  });

  it('has a hover for every key and scalar value of the examples', () => {
    for (const name of ['quarantine-workflow.mitigation.json', 'enable-iot-logging.mitigation.json', 'cli-input/create-mitigation-action.json']) {
      const document = example(name);
      const text = document.getText();
      // Every string and literal outside comments.
      const tokens = [...text.matchAll(/"(?:[^"\\\n]|\\.)*"|\btrue\b|\bfalse\b/g)].filter((m) => !text.slice(text.lastIndexOf('\n', m.index) + 1, m.index).includes('//'));
      assert.ok(tokens.length > 10);
      for (const token of tokens) {
        if (token[0] === '"$schema"' || text.slice(token.index! - 14, token.index).includes('"$schema"')) continue;
        const hover = service().doHover(document, document.positionAt(token.index! + 1));
        assert.ok(hover, `${name}: no hover for ${token[0]}`);
      }
    }
  });

  it('returns null outside any token and on documents that do not parse to a tree', () => {
    const document = documentOf('{\n\n}');
    assert.equal(service().doHover(document, { line: 1, character: 0 }), null);
    assert.equal(service().doHover(documentOf('['.repeat(300)), { line: 0, character: 5 }), null);
  });
});
