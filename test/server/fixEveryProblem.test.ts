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
const NO_FIX = new Set(['action-quota', 'unknown-document', 'range']);

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
