import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentOf, example, fakeAccount, service } from './helpers';

const everything = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

describe('inlay hints', () => {
  it('shows the type of each referenced action right after its name', () => {
    const document = example('quarantine-workflow.mitigation.json');
    const hints = service().getInlayHints(document, everything);
    assert.ok(hints.length >= 10);
    for (const hint of hints) {
      const before = document.getText({ start: { line: hint.position.line, character: 0 }, end: hint.position });
      const name = /"([A-Za-z0-9_-]+)"$/.exec(before)?.[1];
      assert.ok(name, 'the hint follows a quoted name');
      const expected = { NotifySecurityTeam: 'PUBLISH_FINDING_TO_SNS', QuarantineDevice: 'ADD_THINGS_TO_THING_GROUP', DeactivateDeviceCertificate: 'UPDATE_DEVICE_CERTIFICATE', BlankPolicy: 'REPLACE_DEFAULT_POLICY_VERSION', EnableIoTLogging: 'ENABLE_IOT_LOGGING' }[name];
      assert.equal(hint.label, expected, name);
    }
  });

  it('uses the account for actions not in the file, and only within the range', () => {
    const document = documentOf('{"tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {\n"LOGGING_DISABLED_CHECK": ["Remote"],\n"CONFLICTING_CLIENT_IDS_CHECK": ["Remote", "Unknown"]}}}}');
    const account = fakeAccount({ actions: { available: true, actions: [{ name: 'Remote', type: 'PUBLISH_FINDING_TO_SNS' }] } });
    assert.equal(service({ account }).getInlayHints(document, everything).length, 2);
    assert.equal(service({ account }).getInlayHints(document, { start: { line: 1, character: 0 }, end: { line: 1, character: 100 } }).length, 1);
    assert.equal(service().getInlayHints(document, everything).length, 0);
  });
});
