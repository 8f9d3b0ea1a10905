import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InsertTextFormat, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver-protocol';
import { AUDIT_CHECKS, auditCheck } from '../../common/auditChecks';
import { ACTION_TYPES } from '../../common/actionTypes';
import { LogLevel } from '../../common/model';
import { applyEdits, documentOf, example, fakeAccount, positionOf, service, withCursor } from './helpers';
import type { LanguageServiceOptions } from '../../server/service/languageService';

async function complete(textWithBar: string, options: LanguageServiceOptions = {}): Promise<{ list: CompletionList; text: string; apply(label: string): string }> {
  const { document, position } = withCursor(textWithBar);
  const list = await service(options).doComplete(document, position);
  return {
    list,
    text: document.getText(),
    apply(label: string) {
      const item = list.items.find((candidate) => candidate.label === label);
      assert.ok(item, `no item ${label} in ${list.items.map((i) => i.label).join(', ')}`);
      return applyEdits(document, [item.textEdit as TextEdit]);
    },
  };
}

const labels = (list: CompletionList) => list.items.map((item) => item.label);
/** Snippet syntax removed, keeping default texts: what the user sees after accepting. */
const expandSnippet = (text: string) => text.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\d+/g, '').replace(/\\\$/g, '$');

function assertEditsOnLine(items: CompletionItem[], line: number): void {
  for (const item of items) {
    const edit = item.textEdit as TextEdit;
    assert.equal(edit.range.start.line, line, `${item.label} starts on the cursor line`);
    assert.equal(edit.range.end.line, line, `${item.label} ends on the cursor line`);
  }
}

describe('completion', () => {
  it('offers the six params types with skeletons that validate, e.g. "action": "DEACTIVATE"', async () => {
    const { list, apply } = await complete('{"actions": {"A": {"roleArn": "arn:aws:iam::123456789012:role/Role", "actionParams": {|}}}}');
    assert.deepEqual(labels(list).sort(), ACTION_TYPES.map((t) => t.paramsKey).sort());
    const text = expandSnippet(apply('updateDeviceCertificateParams'));
    assert.match(text, /"updateDeviceCertificateParams": \{\s*"action": "DEACTIVATE"\s*\}/);
    const diagnostics = await service().doValidation(documentOf(text));
    assert.deepEqual(diagnostics, []);
  });

  it('offers no second params type once one is set', async () => {
    const { list } = await complete('{"actions": {"A": {"actionParams": {"publishFindingToSnsParams": {}, |}}}}');
    assert.deepEqual(labels(list), []);
  });

  it('offers only the members not yet present, required ones first', async () => {
    const { list } = await complete('{"actions": {"A": {"roleArn": "x", |}}}');
    assert.deepEqual(labels(list), ['actionParams', 'tags']);
    assert.ok(list.items[0].sortText! < list.items[1].sortText!);
    assert.match(list.items[0].detail!, /required/);
  });

  it('inserts whole new actions for every type in "actions", valid as inserted', async () => {
    const { list, apply } = await complete('{\n"actions": {\n|\n}\n}');
    assert.equal(list.items.length, ACTION_TYPES.length);
    for (const item of list.items) {
      const text = expandSnippet(apply(item.label));
      const errors = (await service().doValidation(documentOf(text))).filter((d) => d.severity === 1);
      assert.deepEqual(errors, [], item.label);
    }
  });

  it('numbers tab stops in reading order', async () => {
    const { list } = await complete('{"actions": {|}}');
    for (const item of list.items) {
      const stops = [...(item.textEdit as TextEdit).newText.matchAll(/\$\{(\d+)/g)].map((m) => Number(m[1]));
      assert.deepEqual(stops, [...stops].sort((a, b) => a - b), item.label);
    }
  });

  it('completes check names with severity and applicable actions in the detail', async () => {
    const { list } = await complete('{"tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"DEV|}}}}');
    assert.equal(list.items.length, AUDIT_CHECKS.length);
    const shared = list.items.find((item) => item.label === 'DEVICE_CERTIFICATE_SHARED_CHECK')!;
    assert.equal(shared.detail, `CRITICAL · ${auditCheck('DEVICE_CERTIFICATE_SHARED_CHECK')!.applicableActions.join(', ')}`);
    assert.equal((shared.textEdit as TextEdit).newText, '"DEVICE_CERTIFICATE_SHARED_CHECK": [$1]');
    assert.equal(shared.filterText, '"DEVICE_CERTIFICATE_SHARED_CHECK"');
  });

  it('completes only the reason codes of the filtered check', async () => {
    const { list } = await complete('{"tasks": {"t": {"target": {"auditCheckToReasonCodeFilter": {"DEVICE_CERTIFICATE_EXPIRING_CHECK": ["CERTIFICATE_PAST_EXPIRATION", |]}}}}}');
    assert.deepEqual(labels(list), ['CERTIFICATE_APPROACHING_EXPIRATION']);
  });

  it('completes enum values with their descriptions, replacing the whole string', async () => {
    const { list, apply } = await complete('{"actions": {"A": {"actionParams": {"enableIoTLoggingParams": {"logLevel": "W|"}}}}}');
    assert.deepEqual(labels(list), LogLevel.enum!.filter((level) => level !== 'DISABLED'), 'DISABLED is a log level, but not for this action');
    assert.ok((list.items[0].documentation as { value: string }).value.length > 0);
    assert.match(apply('WARN'), /"logLevel": "WARN"\}/);
  });

  it('replaces a bare word being typed as a value', async () => {
    const { apply } = await complete('{"actions": {"A": {"actionParams": {"enableIoTLoggingParams": {"logLevel": WA|}}}}}');
    assert.match(apply('WARN'), /"logLevel": "WARN"\}/);
  });

  it('completes action names defined in the file that apply to the check', async () => {
    const document = example('quarantine-workflow.mitigation.json');
    const position = positionOf(document, '"DEVICE_CERTIFICATE_AGE_CHECK": ["NotifySecurityTeam"', '"DEVICE_CERTIFICATE_AGE_CHECK": ["'.length);
    const list = await service().doComplete(document, position);
    const names = labels(list);
    assert.ok(names.includes('QuarantineDevice'));
    assert.ok(!names.includes('BlankPolicy'), 'REPLACE_DEFAULT_POLICY_VERSION does not apply to a device certificate check');
    assert.ok(!names.includes('EnableIoTLogging'));
    assert.match(list.items.find((i) => i.label === 'QuarantineDevice')!.detail!, /ADD_THINGS_TO_THING_GROUP/);
  });

  it('adds actions already in the account when the client provides them', async () => {
    const account = fakeAccount({ actions: { available: true, source: 'emulator', actions: [{ name: 'PageOnCall', type: 'PUBLISH_FINDING_TO_SNS' }, { name: 'Blank', type: 'REPLACE_DEFAULT_POLICY_VERSION' }] } });
    const { list } = await complete('{"tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": [|]}}}}', { account });
    assert.deepEqual(labels(list), ['PageOnCall']);
    assert.equal(list.items[0].detail, 'PUBLISH_FINDING_TO_SNS (emulator)');
  });

  it('falls back to the file when the client does not answer', async () => {
    const account = fakeAccount({});
    const { list } = await complete('{"actions": {"Mine": {"actionParams": {"publishFindingToSnsParams": {}}}}, "tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": [|]}}}}', { account });
    assert.deepEqual(labels(list), ['Mine']);
    assert.deepEqual(account.calls, ['actions']);
  });

  it('completes recent audit ids and finding ids from the client', async () => {
    const account = fakeAccount({
      audits: { available: true, audits: [{ taskId: 'a3aea009955e501a31b764abe1bebd3d', status: 'COMPLETED', type: 'ON_DEMAND_AUDIT_TASK', startTime: Date.UTC(2026, 10, 22) }] },
      findings: { available: true, findings: [{ findingId: 'f-1', checkName: 'DEVICE_CERTIFICATE_SHARED_CHECK', severity: 'CRITICAL', resource: 'DEVICE_CERTIFICATE 3f2a' }, { findingId: 'f-2', checkName: 'LOGGING_DISABLED_CHECK', severity: 'LOW', resource: 'ACCOUNT_SETTINGS' }] },
    });
    const audits = await complete('{"tasks": {"t": {"target": {"auditTaskId": "|"}}}}', { account });
    assert.deepEqual(labels(audits.list), ['a3aea009955e501a31b764abe1bebd3d']);
    assert.match(audits.list.items[0].detail!, /COMPLETED · 2026-11-22T00:00:00Z/);
    const findings = await complete('{"tasks": {"t": {"target": {"findingIds": ["f-1", |]}}}}', { account });
    assert.deepEqual(labels(findings.list), ['f-2'], 'listed findings are not offered again');
  });

  it('completes thing-group names from the account, without those already listed', async () => {
    const groups = { available: true, source: 'emulator', groups: [{ name: 'Quarantine', arn: 'arn:aws:iot:us-east-1:123456789012:thinggroup/Quarantine' }, { name: 'Factory' }] };
    const account = fakeAccount({ groups });
    const params = (list: string) => `{"actions": {"Q": {"roleArn": "arn:aws:iam::123456789012:role/R", "actionParams": {"addThingsToThingGroupParams": {"thingGroupNames": [${list}]}}}}}`;
    const first = await complete(params('"|"'), { account });
    assert.deepEqual(labels(first.list).sort(), ['Factory', 'Quarantine']);
    const quarantine = first.list.items.find((item) => item.label === 'Quarantine')!;
    assert.equal(quarantine.detail, 'Thing group in emulator');
    assert.deepEqual(quarantine.documentation, { kind: 'markdown', value: 'arn:aws:iot:us-east-1:123456789012:thinggroup/Quarantine' });
    assert.equal(first.apply('Quarantine'), params('"Quarantine"'), 'accepting replaces the string');
    const second = await complete(params('"Quarantine", "|"'), { account });
    assert.deepEqual(labels(second.list), ['Factory'], 'a listed group is not offered again');
    const unavailable = await complete(params('"|"'), { account: fakeAccount({ groups: { available: false, groups: [] } }) });
    assert.deepEqual(labels(unavailable.list), []);
    assert.ok(account.calls.includes('thingGroups'));
  });

  it('completes the keys of AWS CLI input documents', async () => {
    const { list } = await complete('{"taskId": "x", |}');
    assert.deepEqual(labels(list).sort(), ['auditCheckToActionsMapping', 'clientRequestToken', 'target'], 'no $schema: the AWS CLI rejects it');
  });

  it('offers a whole mitigation file in an empty document', async () => {
    const { list, apply } = await complete('|');
    assert.equal(list.items.length, 1);
    assert.deepEqual(JSON.parse(expandSnippet(apply(list.items[0].label))), { actions: {}, tasks: {} });
  });

  it('adds the comma a following entry needs', async () => {
    const { apply } = await complete('{"actions": {"A": {|\n"roleArn": "x"}}}');
    assert.match(expandSnippet(apply('tags')), /"tags": \[\{\s*"Key": "team"\s*\}\],\n"roleArn"/);
  });

  it('adds the comma a preceding entry lacks', async () => {
    const { apply } = await complete('{"actions": {"A": {"roleArn": "x" |}}}');
    assert.match(apply('tags'), /"roleArn": "x" , "tags": \[/);
    const first = await complete('{"actions": {"A": {|}}}');
    assert.match(first.apply('tags'), /\{"tags": \[/);
  });

  it('keeps every text edit on the cursor line and inside the token', async () => {
    const { document, position } = withCursor('{\n  "actions": {\n    "A": {\n      "actionParams": {\n        "enableIoTLoggingParams": {\n          "logLevel": "DE|BUG"\n        }\n      }\n    }\n  }\n}');
    const list = await service().doComplete(document, position);
    assert.ok(list.items.length > 0);
    assertEditsOnLine(list.items, position.line);
    for (const item of list.items) {
      const range = (item.textEdit as TextEdit).range;
      assert.equal(document.getText(range), '"DEBUG"');
    }
  });

  it('does not replace past the cursor in an unterminated key', async () => {
    const { list, text } = await complete('{"actions": {"A": {"act| }}}');
    const edit = list.items[0].textEdit as TextEdit;
    assert.equal(edit.range.start.character, text.lastIndexOf('"act'));
    assert.equal(edit.range.end.character, text.lastIndexOf('"act') + 4);
  });

  it('uses plain text for clients without snippet support', async () => {
    const { list } = await complete('{"actions": {"A": {"actionParams": {|}}}}', { completion: { snippets: false } });
    for (const item of list.items) {
      assert.equal(item.insertTextFormat, InsertTextFormat.PlainText);
      assert.doesNotMatch((item.textEdit as TextEdit).newText, /\$\{|\$\d/);
    }
  });

  it('offers nothing inside comments', async () => {
    assert.deepEqual(labels((await complete('{"actions": {"A": {\n// a note about |\n}}}')).list), []);
    assert.deepEqual(labels((await complete('{"actions": {"A": {/* a note | */}}}')).list), []);
    assert.deepEqual(labels((await complete('{"actions": {"A": {"roleArn": "x//y", |}}}')).list), ['actionParams', 'tags'], 'a // inside a string is no comment');
    assert.deepEqual(labels((await complete('{"actions": {"A": {/* done */ |}}}')).list), ['roleArn', 'actionParams', 'tags']);
  });

  it('offers nothing right after a complete value', async () => {
    const { list } = await complete('{"actions": {}|}');
    assert.deepEqual(labels(list), []);
  });

  it('does not offer a key the object already has after the half-typed one (parser recovery drops it)', async () => {
    const mapping = await complete('{\n  "tasks": {\n    "t": {\n      "target": { "auditTaskId": "abc" },\n      "|"\n      "auditCheckToActionsMapping": {\n        "LOGGING_DISABLED_CHECK": ["A"]\n      }\n    }\n  }\n}');
    assert.deepEqual(labels(mapping.list), ['clientRequestToken']);
    const params = await complete('{\n  "actions": {\n    "A": {\n      "|"\n      "actionParams": { "updateDeviceCertificateParams": { "action": "DEACTIVATE" } }\n    }\n  }\n}');
    assert.deepEqual(labels(params.list), ['roleArn', 'tags']);
  });

  it('lays snippets out with the line\'s indentation and the file\'s unit, inserted as-is', async () => {
    const { list } = await complete('{\n    "actions": {\n        |\n    }\n}');
    assert.ok(list.items.length > 0);
    for (const item of list.items) {
      const text = (item.textEdit as TextEdit).newText;
      assert.equal(item.insertTextMode, 1, `${item.label}: InsertTextMode.asIs`);
      assert.doesNotMatch(text, /\t/, item.label);
      const continuation = text.split('\n').slice(1);
      assert.ok(continuation.every((line) => line.startsWith('        ')), `${item.label} keeps the base indentation: ${JSON.stringify(text)}`);
      assert.match(text, /\n {12}"roleArn"/, `${item.label}: one unit (4 spaces) deeper`);
    }
  });

  it('gives a new action the role the file already uses', async () => {
    const role = 'arn:aws:iam::210987654321:role/TeamMitigationRole';
    const { apply } = await complete(`{"actions": {"Old": {"roleArn": "${role}", "actionParams": {"updateDeviceCertificateParams": {"action": "DEACTIVATE"}}},\n|\n}}`);
    const text = expandSnippet(apply('PublishFindingToSNS'));
    assert.equal(text.split(role).length - 1, 2);
  });

  it('ranks the checks the task already filters first, and skeletons that fit the file\'s checks first', async () => {
    const mapping = await complete('{"tasks": {"t": {"target": {"auditTaskId": "a", "auditCheckToReasonCodeFilter": {"DEVICE_CERTIFICATE_SHARED_CHECK": ["CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES"]}}, "auditCheckToActionsMapping": {|}}}}');
    const sorted = [...mapping.list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.equal(sorted[0].label, 'DEVICE_CERTIFICATE_SHARED_CHECK');
    const actions = await complete('{"actions": {\n|\n}, "tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": []}}}}');
    const first = [...actions.list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).slice(0, 2).map((item) => item.detail);
    assert.deepEqual(first.sort(), ['New ENABLE_IOT_LOGGING action', 'New PUBLISH_FINDING_TO_SNS action'], 'the two types that mitigate LOGGING_DISABLED_CHECK');
  });

  it('offers no findingIds once the target names an audit, and no audit once it lists findings', async () => {
    assert.deepEqual(labels((await complete('{"tasks": {"t": {"target": {"auditTaskId": "x", |}}}}')).list), ['auditCheckToReasonCodeFilter']);
    assert.deepEqual(labels((await complete('{"tasks": {"t": {"target": {"findingIds": ["f"], |}}}}')).list), []);
  });

  it('labels each audit as the Audits view does, newest first', async () => {
    const account = fakeAccount({ audits: { available: true, audits: [
      { taskId: 'a3aea009955e501a31b764abe1bebd3d', status: 'COMPLETED', type: 'ON_DEMAND_AUDIT_TASK', startTime: Date.UTC(2026, 10, 22, 9, 30), counts: { nonCompliant: 12, critical: 3 } },
      { taskId: 'b4bfb1aa066f612b42c875bcf2cfce4e', status: 'IN_PROGRESS', type: 'SCHEDULED_AUDIT_TASK', startTime: Date.UTC(2026, 10, 23, 18, 44) },
    ] } });
    const { list } = await complete('{"tasks": {"t": {"target": {"auditTaskId": "|"}}}}', { account });
    const byOrder = [...list.items].sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)));
    assert.deepEqual(byOrder.map((item) => [item.label, item.labelDetails?.description]), [
      ['b4bfb1aa066f612b42c875bcf2cfce4e', 'Scheduled audit · 2026-11-23 18:44 · in progress'],
      ['a3aea009955e501a31b764abe1bebd3d', 'On-demand audit · 2026-11-22 09:30 · 12 non-compliant, 3 critical'],
    ]);
  });

  it('completes true and false for a boolean, also inside auto-closed quotes', async () => {
    const path = '{"actions": {"A": {"actionParams": {"addThingsToThingGroupParams": {"thingGroupNames": ["Q"], "overrideDynamicGroups": ';
    assert.deepEqual(labels((await complete(`${path}|}}}}}`)).list), ['true', 'false']);
    const quoted = await complete(`${path}"|"}}}}}`);
    assert.match(quoted.apply('true'), /"overrideDynamicGroups": true\}/);
  });
});
