/**
 * Every fixable problem has a quick fix, and every fix leaves the text valid: applied, the
 * problem is gone and no new one appears.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, documentOf, example, fakeAccount, service } from './helpers';

/**
 * Codes no edit of the file can plausibly fix (a quota, a document of another kind, unreachable
 * rules). Syntax errors have fixes only where the text is valid JSON with comments but not the
 * strict JSON the AWS CLI reads; any other syntax error must be mended by hand.
 */
const NO_FIX = new Set(['action-quota', 'scheduled-audit-quota', 'unknown-document']);

const keyOf = (d: Diagnostic) => `${String(d.code)} ${d.message}`;

function counts(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of diagnostics) out.set(keyOf(d), (out.get(keyOf(d)) ?? 0) + 1);
  return out;
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return a.code === b.code && a.message === b.message && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

/** Checks every fix of every diagnostic of `document`; returns the codes that got a fix. */
async function checkEveryFix(document: TextDocument, options: Parameters<typeof service>[0] = {}, mustFix: (code: string) => boolean = () => true): Promise<Set<string>> {
  const languageService = service(options);
  const before = await languageService.doValidation(document);
  const beforeCounts = counts(before);
  const fixed = new Set<string>();
  for (const diagnostic of before) {
    const fixes = languageService.doCodeActions(document, diagnostic.range).filter((fix: CodeAction) => fix.diagnostics?.some((d) => sameDiagnostic(d, diagnostic)));
    if (NO_FIX.has(String(diagnostic.code))) continue;
    if (diagnostic.code === 'syntax' && !/strict JSON/.test(diagnostic.message)) continue;
    if (mustFix(String(diagnostic.code))) assert.ok(fixes.length > 0, `no fix for ${keyOf(diagnostic)}`);
    else if (fixes.length === 0) continue;
    fixed.add(String(diagnostic.code));
    for (const fix of fixes) {
      const edits = fix.edit!.changes![document.uri] as TextEdit[];
      const text = applyEdits(document, edits);
      const after = counts(await service(options).doValidation(documentOf(text)));
      assert.ok((after.get(keyOf(diagnostic)) ?? 0) < beforeCounts.get(keyOf(diagnostic))!, `"${fix.title}" does not fix ${keyOf(diagnostic)}`);
      for (const [key, count] of after) assert.ok(count <= (beforeCounts.get(key) ?? 0), `"${fix.title}" (for ${diagnostic.code}) adds ${key}`);
    }
  }
  return fixed;
}

describe('a quick fix for every fixable problem', () => {
  it('fixes each of the 26 problems of examples/mistakes.mitigation.json without adding one', async () => {
    const document = example('mistakes.mitigation.json');
    const diagnostics = await service().doValidation(document);
    assert.equal(diagnostics.length, 26);
    const fixed = await checkEveryFix(document);
    assert.ok(fixed.size >= 20, `${fixed.size} codes fixed`);
  });

  const cases: { code: string; text: string; name?: string }[] = [
    { code: 'duplicate-key', text: '{"actions": {}, "tasks": {}, "actions": {}}' },
    { code: 'type', text: '{"actions": {"A": {"roleArn": "arn:aws:iam::123456789012:role/R", "actionParams": {"addThingsToThingGroupParams": {"thingGroupNames": "Quarantine"}}}}}' },
    { code: 'type', text: '{"actions": {"A": {"roleArn": "arn:aws:iam::123456789012:role/R", "actionParams": {"addThingsToThingGroupParams": {"thingGroupNames": ["Q"], "overrideDynamicGroups": "no"}}}}}' },
    { code: 'length', text: `{"tasks": {"t": {"target": {"auditTaskId": "${'a'.repeat(41)}"}, "auditCheckToActionsMapping": {}}}}` },
    { code: 'pattern', text: '{"tasks": {"nightly run": {"target": {}, "auditCheckToActionsMapping": {}}}}' },
    { code: 'target-combination', name: 'start.json', text: '{"taskId": "t1", "target": {"findingIds": ["f1"], "auditTaskId": "a1"}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": ["Notify"]}}' },
    { code: 'list-size', text: '{"actions": {"N": {"roleArn": "arn:aws:iam::123456789012:role/R", "actionParams": {"publishFindingToSnsParams": {"topicArn": "arn:aws:sns:us-east-1:123456789012:T"}}}}, "tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": ["N", "N2", "N3", "N4", "N5", "N6"]}}}}' },
    { code: 'syntax', name: 'create.json', text: '{\n  // a note\n  "$schema": "./s.json",\n  "actionName": "A", // why\n  "roleArn": "arn:aws:iam::123456789012:role/R",\n  "actionParams": {"updateDeviceCertificateParams": {"action": "DEACTIVATE",}},\n}' },
    { code: 'action-not-applicable', text: '{"actions": {"Log": {"roleArn": "arn:aws:iam::123456789012:role/R", "actionParams": {"enableIoTLoggingParams": {"roleArnForLogging": "arn:aws:iam::123456789012:role/L", "logLevel": "ERROR"}}}}, "tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"DEVICE_CERTIFICATE_SHARED_CHECK": ["Log"]}}}}' },
    // The audit loop's sections.
    { code: 'schedule-day', text: '{"scheduledAudits": {"w": {"frequency": "WEEKLY", "dayOfMonth": "1", "dayOfWeek": "MON", "targetCheckNames": ["LOGGING_DISABLED_CHECK"]}}}' },
    { code: 'schedule-day', text: '{"scheduledAudits": {"w": {"frequency": "BIWEEKLY", "targetCheckNames": ["LOGGING_DISABLED_CHECK"]}}}' },
    { code: 'schedule-day', text: '{"scheduledAudits": {"m": {"frequency": "MONTHLY", "targetCheckNames": ["LOGGING_DISABLED_CHECK"]}}}' },
    { code: 'check-disabled', text: '{"auditConfiguration": {"auditCheckConfigurations": {"LOGGING_DISABLED_CHECK": {"enabled": false}}}, "scheduledAudits": {"d": {"frequency": "DAILY", "targetCheckNames": ["LOGGING_DISABLED_CHECK", "CONFLICTING_CLIENT_IDS_CHECK"]}}}' },
    { code: 'expiration-past', text: '{"suppressions": [{"checkName": "DEVICE_CERTIFICATE_EXPIRING_CHECK", "resourceIdentifier": {"deviceCertificateId": "c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff"}, "expirationDate": "2020-01-31", "description": "old"}]}' },
    { code: 'expiration-date', text: '{"suppressions": [{"checkName": "DEVICE_CERTIFICATE_EXPIRING_CHECK", "resourceIdentifier": {"deviceCertificateId": "c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff"}, "expirationDate": "2099/01/31", "description": "slash"}]}' },
    { code: 'suppression-terms', text: '{"suppressions": [{"checkName": "DEVICE_CERTIFICATE_EXPIRING_CHECK", "resourceIdentifier": {"deviceCertificateId": "c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff"}, "expirationDate": "2099-01-31", "suppressIndefinitely": true, "description": "both"}]}' },
    { code: 'suppression-terms', text: '{"suppressions": [{"checkName": "DEVICE_CERTIFICATE_EXPIRING_CHECK", "resourceIdentifier": {"deviceCertificateId": "c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff"}, "suppressIndefinitely": false, "description": "neither"}]}' },
    { code: 'missing-description', text: '{"suppressions": [{"checkName": "LOGGING_DISABLED_CHECK", "resourceIdentifier": {"account": "123456789012"}, "suppressIndefinitely": true}]}' },
    { code: 'duplicate-suppression', text: '{"suppressions": [{"checkName": "LOGGING_DISABLED_CHECK", "resourceIdentifier": {"account": "123456789012"}, "suppressIndefinitely": true, "description": "a"}, {"checkName": "LOGGING_DISABLED_CHECK", "resourceIdentifier": {"account": "123456789012"}, "suppressIndefinitely": true, "description": "b"}]}' },
    { code: 'resource-identifier', text: '{"suppressions": [{"checkName": "DEVICE_CERTIFICATE_EXPIRING_CHECK", "resourceIdentifier": {"caCertificateId": "c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff"}, "suppressIndefinitely": true, "description": "wrong member"}]}' },
    { code: 'resource-identifier', text: '{"suppressions": [{"checkName": "LOGGING_DISABLED_CHECK", "resourceIdentifier": {"account": "123456789012", "clientId": "c1"}, "suppressIndefinitely": true, "description": "two"}]}' },
    { code: 'check-configuration', text: '{"auditConfiguration": {"auditCheckConfigurations": {"DEVICE_CERTIFICATE_EXPIRING_CHECK": {"configuration": {"CERT_AGE_THRESHOLD_IN_DAYS": "60"}}, "LOGGING_DISABLED_CHECK": {"configuration": {"CERT_AGE_THRESHOLD_IN_DAYS": "60"}}}}}' },
    { code: 'range', text: '{"auditConfiguration": {"auditCheckConfigurations": {"DEVICE_CERTIFICATE_AGE_CHECK": {"configuration": {"CERT_AGE_THRESHOLD_IN_DAYS": "7"}}}}}' },
    { code: 'duplicate-check', text: '{"scheduledAudits": {"d": {"frequency": "DAILY", "targetCheckNames": ["LOGGING_DISABLED_CHECK", "LOGGING_DISABLED_CHECK"]}}}' },
    { code: 'arn-service', text: '{"auditConfiguration": {"auditNotificationTargetConfigurations": {"SNS": {"targetArn": "arn:aws:sqs:us-east-1:123456789012:audits", "roleArn": "arn:aws:iam::123456789012:role/R", "enabled": true}}}}' },
  ];
  for (const { code, text, name } of cases) {
    it(`fixes ${code} cleanly: ${text.slice(0, 70)}…`, async () => {
      const document = documentOf(text, name);
      assert.ok((await service().doValidation(document)).some((d) => d.code === code), `the case has ${code}`);
      // Every fix offered must be clean; the case's own code must have one.
      assert.ok((await checkEveryFix(document, {}, (other) => other === code)).has(code));
    });
  }

  it('swaps an action that does not fit for one of the account that does', async () => {
    const account = fakeAccount({ actions: { available: true, source: 'emulator', actions: [{ name: 'Deactivate', type: 'UPDATE_DEVICE_CERTIFICATE' }] } });
    const document = documentOf(cases.find((c) => c.code === 'action-not-applicable')!.text);
    const languageService = service({ account });
    const diagnostic = (await languageService.doValidation(document)).find((d) => d.code === 'action-not-applicable')!;
    const titles = languageService.doCodeActions(document, diagnostic.range).map((fix) => fix.title);
    assert.ok(titles.includes('Use "Deactivate" instead (it fits DEVICE_CERTIFICATE_SHARED_CHECK)'), titles.join(' | '));
    assert.ok(titles.some((title) => /^Create action "DeactivateDeviceCertificate" \(UPDATE_DEVICE_CERTIFICATE\)/.test(title)));
  });

  it('offers for an empty actionParams only the types that fit the checks the action is mapped to', async () => {
    const document = documentOf('{"actions": {"A": {"roleArn": "arn:aws:iam::123456789012:role/R", "actionParams": {}}}, "tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"DEVICE_CERTIFICATE_SHARED_CHECK": ["A"]}}}}');
    const diagnostic = (await service().doValidation(document)).find((d) => d.code === 'params-count')!;
    const titles = service().doCodeActions(document, diagnostic.range).map((fix) => fix.title);
    assert.deepEqual(titles, ['Add "updateDeviceCertificateParams" (UPDATE_DEVICE_CERTIFICATE)', 'Add "addThingsToThingGroupParams" (ADD_THINGS_TO_THING_GROUP)', 'Add "publishFindingToSnsParams" (PUBLISH_FINDING_TO_SNS)']);
  });

  it('adds a missing role as the role the file already uses, never as an empty string', async () => {
    const role = 'arn:aws:iam::210987654321:role/TeamRole';
    const document = documentOf(`{"actions": {"A": {"roleArn": "${role}", "actionParams": {"updateDeviceCertificateParams": {"action": "DEACTIVATE"}}}, "B": {"actionParams": {"updateDeviceCertificateParams": {"action": "DEACTIVATE"}}}}}`);
    const diagnostic = (await service().doValidation(document)).find((d) => d.code === 'required')!;
    const [fix] = service().doCodeActions(document, diagnostic.range);
    const text = applyEdits(document, fix.edit!.changes![document.uri] as TextEdit[]);
    assert.equal(text.split(role).length - 1, 2);
    assert.deepEqual(await service().doValidation(documentOf(text)), []);
  });
});
