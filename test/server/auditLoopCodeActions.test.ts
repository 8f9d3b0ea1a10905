/**
 * Quick fixes of the audit loop's problems (server/service/auditLoopFixes.ts): what each offers
 * and the text it leaves. test/server/fixEveryProblem.test.ts checks that none adds a problem.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { exampleExpirationDate } from '../../common/templates';
import { applyEdits, documentOf, service } from './helpers';

const CERT = 'c0ffee'.repeat(10) + 'c0ff';

/** The fixes offered for the first diagnostic with `code`, by title, and the text each leaves. */
async function fixesFor(text: string, code: string): Promise<Map<string, string>> {
  const document = documentOf(text);
  const languageService = service();
  const diagnostic = (await languageService.doValidation(document)).find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} diagnostic`);
  const fixes = languageService.doCodeActions(document, diagnostic.range).filter((fix) => fix.diagnostics?.some((d) => d.code === code));
  return new Map(fixes.map((fix) => [fix.title, applyEdits(document, fix.edit!.changes![document.uri] as TextEdit[])]));
}

const suppression = (members: Record<string, unknown>) => JSON.stringify({ suppressions: [{ checkName: 'DEVICE_CERTIFICATE_EXPIRING_CHECK', resourceIdentifier: { deviceCertificateId: CERT }, ...members }] });

describe('quick fixes in the audit loop', () => {
  it('removes dayOfMonth from a weekly audit', async () => {
    const fixes = await fixesFor('{"scheduledAudits": {"w": {"frequency": "WEEKLY", "dayOfWeek": "MON", "dayOfMonth": "1", "targetCheckNames": ["LOGGING_DISABLED_CHECK"]}}}', 'schedule-day');
    assert.equal(fixes.get('Remove dayOfMonth (WEEKLY does not run on it)'), '{"scheduledAudits": {"w": {"frequency": "WEEKLY", "dayOfWeek": "MON", "targetCheckNames": ["LOGGING_DISABLED_CHECK"]}}}');
  });

  it('adds the missing dayOfWeek, and dayOfMonth 1 or LAST', async () => {
    const weekly = await fixesFor('{"scheduledAudits": {"w": {"frequency": "WEEKLY", "targetCheckNames": ["LOGGING_DISABLED_CHECK"]}}}', 'schedule-day');
    assert.match(weekly.get('Add "dayOfWeek": "MON"')!, /"targetCheckNames": \["LOGGING_DISABLED_CHECK"\], "dayOfWeek": "MON"\}/);
    const monthly = await fixesFor('{"scheduledAudits": {"m": {"frequency": "MONTHLY", "targetCheckNames": ["LOGGING_DISABLED_CHECK"]}}}', 'schedule-day');
    assert.deepEqual([...monthly.keys()], ['Add "dayOfMonth": "1"', 'Add "dayOfMonth": "LAST"']);
  });

  it('enables the check the configuration disables, or takes it out of the schedule', async () => {
    const fixes = await fixesFor('{"auditConfiguration": {"auditCheckConfigurations": {"LOGGING_DISABLED_CHECK": {"enabled": false}}}, "scheduledAudits": {"d": {"frequency": "DAILY", "targetCheckNames": ["LOGGING_DISABLED_CHECK", "CONFLICTING_CLIENT_IDS_CHECK"]}}}', 'check-disabled');
    assert.match(fixes.get('Enable LOGGING_DISABLED_CHECK in auditConfiguration')!, /"LOGGING_DISABLED_CHECK": \{"enabled": true\}/);
    assert.match(fixes.get('Remove LOGGING_DISABLED_CHECK from this scheduled audit')!, /"targetCheckNames": \["CONFLICTING_CLIENT_IDS_CHECK"\]/);
  });

  it('extends a past expiry by a month or a quarter, or removes the suppression', async () => {
    const fixes = await fixesFor(suppression({ expirationDate: '2020-01-31', description: 'old' }), 'expiration-past');
    const month = exampleExpirationDate(new Date(), 30);
    assert.match(fixes.get(`Extend the suppression to ${month}`)!, new RegExp(`"expirationDate":"${month}"`));
    assert.ok(fixes.has(`Extend the suppression to ${exampleExpirationDate(new Date(), 90)}`));
    assert.equal(fixes.get('Remove this expired suppression'), '{"suppressions":[]}');
  });

  it('adds a description made of the expiry', async () => {
    const fixes = await fixesFor(suppression({ expirationDate: '2099-01-31' }), 'missing-description');
    assert.match(fixes.get('Add a description ("Accepted until 2099-01-31")')!, /"description": "Accepted until 2099-01-31"/);
  });

  it('chooses between the two expiry terms', async () => {
    const both = await fixesFor(suppression({ expirationDate: '2099-01-31', suppressIndefinitely: true, description: 'x' }), 'suppression-terms');
    assert.deepEqual([...both.keys()], ['Remove suppressIndefinitely (keep the expiry)', 'Remove expirationDate (suppress indefinitely)']);
    const neither = await fixesFor(suppression({ description: 'x' }), 'suppression-terms');
    assert.ok(neither.has(`Add "expirationDate": "${exampleExpirationDate(new Date(), 30)}"`));
    assert.match(neither.get('Suppress indefinitely')!, /"suppressIndefinitely": true/);
  });

  it("renames a resource member to the check's own, and removes a second resource", async () => {
    const wrong = await fixesFor(suppression({ resourceIdentifier: { caCertificateId: CERT }, suppressIndefinitely: true, description: 'x' }), 'resource-identifier');
    assert.match(wrong.get('Change "caCertificateId" to "deviceCertificateId"')!, new RegExp(`"resourceIdentifier":\\{"deviceCertificateId":"${CERT}"\\}`));
    const two = await fixesFor(suppression({ resourceIdentifier: { deviceCertificateId: CERT, clientId: 'c1' }, suppressIndefinitely: true, description: 'x' }), 'resource-identifier');
    assert.match(two.get('Remove clientId')!, new RegExp(`"resourceIdentifier":\\{"deviceCertificateId":"${CERT}"\\}`));
  });

  it("uses the check's own threshold name, and the default for one out of range", async () => {
    const name = await fixesFor('{"auditConfiguration": {"auditCheckConfigurations": {"DEVICE_CERTIFICATE_EXPIRING_CHECK": {"configuration": {"CERT_AGE_THRESHOLD_IN_DAYS": "60"}}}}}', 'check-configuration');
    assert.ok(name.has('Change "CERT_AGE_THRESHOLD_IN_DAYS" to "CERT_EXPIRATION_THRESHOLD_IN_DAYS"'));
    const range = await fixesFor('{"auditConfiguration": {"auditCheckConfigurations": {"DEVICE_CERTIFICATE_AGE_CHECK": {"configuration": {"CERT_AGE_THRESHOLD_IN_DAYS": "7"}}}}}', 'range');
    assert.match(range.get('Use the default, 365 days')!, /"CERT_AGE_THRESHOLD_IN_DAYS": "365"/);
  });

  it('writes an SNS topic ARN for a notification target that names another service', async () => {
    const fixes = await fixesFor('{"auditConfiguration": {"auditNotificationTargetConfigurations": {"SNS": {"targetArn": "arn:aws:sqs:us-east-1:123456789012:audits"}}}}', 'arn-service');
    assert.ok(fixes.has('Use arn:aws:sns:us-east-1:123456789012:audits'), [...fixes.keys()].join(', '));
  });
});
