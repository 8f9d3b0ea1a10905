import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { documentOf, fakeAccount, service } from './helpers';

const text = (id: string) => `{"actions": {"A": {"roleArn": "arn:aws:iam::123456789012:role/R", "actionParams": {"publishFindingToSnsParams": {"topicArn": "arn:aws:sns:us-east-1:123456789012:T"}}}}, "tasks": {"t": {"target": {"auditTaskId": "${id}"}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": ["A"]}}}}`;
const account = () => fakeAccount({
  actions: { available: true, source: 'emulator', actions: [] },
  audits: { available: true, audits: [{ taskId: 'a3aea009955e501a31b764abe1bebd3d', status: 'COMPLETED', type: 'ON_DEMAND_AUDIT_TASK' }] },
});

describe('auditTaskId against the account', () => {
  it('warns, naming the account, when the audit is not among its recent audits', async () => {
    const diagnostics = await service({ account: account() }).doValidation(documentOf(text('0000aaaa')));
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['unknown-audit', DiagnosticSeverity.Warning]]);
    assert.match(diagnostics[0].message, /"0000aaaa" is not among the 1 most recent audits of the account \(emulator\)/);
  });

  it('says nothing for a known audit, without an account, or while the id is typed', async () => {
    assert.deepEqual(await service({ account: account() }).doValidation(documentOf(text('a3aea009955e501a31b764abe1bebd3d'))), []);
    assert.deepEqual(await service().doValidation(documentOf(text('0000aaaa'))), []);
    const typed = text('0000aaaa');
    assert.deepEqual(await service({ account: account() }).doValidation(documentOf(typed), { offset: typed.indexOf('0000aaaa') + 4, length: 1 }), []);
  });
});
