import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { planAuditConfiguration, planScheduledAudits, planSuppressions } from '../../client/actions/model/auditDeployPlan';
import { renderImportedFile } from '../../client/actions/model/fileTemplates';
import { applyEdits, importedSections, sectionEdits, type AccountAuditLoop } from '../../client/authoring/model/auditLoopImport';
import { errorsOf, readDocumentModel } from '../../common';

const now = Date.parse('2026-12-02T10:00:00Z');
const role = 'arn:aws:iam::123456789012:role/AuditRole';
const certificate = 'c'.repeat(64);

const account: AccountAuditLoop = {
  auditConfiguration: {
    roleArn: role,
    auditNotificationTargetConfigurations: { SNS: { targetArn: 'arn:aws:sns:us-east-1:123456789012:audits', roleArn: role, enabled: true } },
    auditCheckConfigurations: {
      LOGGING_DISABLED_CHECK: { enabled: true },
      DEVICE_CERTIFICATE_AGE_CHECK: { enabled: true, configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '400' } },
      CONFLICTING_CLIENT_IDS_CHECK: { enabled: false },
    },
  },
  scheduledAudits: [
    { name: 'weekly', frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: ['DEVICE_CERTIFICATE_AGE_CHECK'] },
    { name: 'daily', frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] },
  ],
  suppressions: [
    { checkName: 'DEVICE_CERTIFICATE_AGE_CHECK', resourceIdentifier: { deviceCertificateId: certificate }, expirationDate: new Date('2027-03-01T00:00:00Z'), suppressIndefinitely: false, description: 'replaced in March' },
    { checkName: 'LOGGING_DISABLED_CHECK', resourceIdentifier: { account: '123456789012' }, suppressIndefinitely: true, description: 'logs go elsewhere' },
    { checkName: 'DEVICE_CERTIFICATE_AGE_CHECK', resourceIdentifier: { deviceCertificateId: 'd'.repeat(64) }, expirationDate: new Date('2026-11-01T00:00:00Z'), description: 'expired' },
  ],
};

test('import: enabled checks with their options, the schedules sorted, the active suppressions; expired ones counted, not written', () => {
  const imported = importedSections(account, now);
  assert.equal(imported.expiredSkipped, 1);
  assert.deepEqual(imported.sections, {
    auditConfiguration: {
      roleArn: role,
      auditNotificationTargetConfigurations: { SNS: { targetArn: 'arn:aws:sns:us-east-1:123456789012:audits', roleArn: role, enabled: true } },
      auditCheckConfigurations: { DEVICE_CERTIFICATE_AGE_CHECK: { enabled: true, configuration: { CERT_AGE_THRESHOLD_IN_DAYS: '400' } }, LOGGING_DISABLED_CHECK: { enabled: true } },
    },
    scheduledAudits: {
      daily: { frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] },
      weekly: { frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: ['DEVICE_CERTIFICATE_AGE_CHECK'] },
    },
    suppressions: [
      { checkName: 'DEVICE_CERTIFICATE_AGE_CHECK', resourceIdentifier: { deviceCertificateId: certificate }, expirationDate: '2027-03-01T00:00:00.000Z', description: 'replaced in March' },
      { checkName: 'LOGGING_DISABLED_CHECK', resourceIdentifier: { account: '123456789012' }, suppressIndefinitely: true, description: 'logs go elsewhere' },
    ],
  });
  assert.deepEqual(importedSections({ auditConfiguration: { auditCheckConfigurations: { LOGGING_DISABLED_CHECK: { enabled: false } } }, scheduledAudits: [], suppressions: [] }, now).sections, {});
});

test('an imported file reads back without errors and deploying it back changes nothing', () => {
  const model = readDocumentModel(renderImportedFile([], importedSections(account, now).sections));
  assert.deepEqual(errorsOf(model).map((problem) => problem.message), []);
  assert.equal(planAuditConfiguration(model.auditConfiguration!, account.auditConfiguration).change, 'unchanged');
  assert.deepEqual(planScheduledAudits(model.scheduledAudits, account.scheduledAudits).steps.map((step) => step.change), ['unchanged', 'unchanged']);
  const suppressions = planSuppressions(model.suppressions, account.suppressions);
  assert.deepEqual(suppressions.steps.map((step) => step.change), ['unchanged', 'unchanged']);
  assert.equal(suppressions.onlyInAccount.length, 1, 'the expired suppression stays in the account, kept');
});

test('merge into the current file: a section it has is replaced, the others are added; comments and a trailing comma stay', () => {
  const text = '{\n  // our actions\n  "actions": {},\n  "suppressions": [ { "old": true } ],\n}\n';
  const sections = { scheduledAudits: { daily: { frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] } }, suppressions: [{ checkName: 'LOGGING_DISABLED_CHECK', resourceIdentifier: { account: '123456789012' }, suppressIndefinitely: true }] };
  const merged = applyEdits(text, sectionEdits(text, sections));
  assert.equal(merged, [
    '{',
    '  // our actions',
    '  "actions": {},',
    '  "suppressions": [',
    '    {',
    '      "checkName": "LOGGING_DISABLED_CHECK",',
    '      "resourceIdentifier": {',
    '        "account": "123456789012"',
    '      },',
    '      "suppressIndefinitely": true',
    '    }',
    '  ],',
    '  "scheduledAudits": {',
    '    "daily": {',
    '      "frequency": "DAILY",',
    '      "targetCheckNames": [',
    '        "LOGGING_DISABLED_CHECK"',
    '      ]',
    '    }',
    '  },',
    '}',
    '',
  ].join('\n'));
  assert.equal(applyEdits('{}', sectionEdits('{}', { scheduledAudits: {} })), '{\n  "scheduledAudits": {}\n}');
  assert.equal(applyEdits('{ "tasks": {} }', sectionEdits('{ "tasks": {} }', { scheduledAudits: {} })), '{ "tasks": {},\n  "scheduledAudits": {} }');
  assert.throws(() => sectionEdits('{ "actions": ', sections), /not a JSON object without syntax errors/);
  assert.throws(() => sectionEdits('[]', sections), /not a JSON object/);
});
