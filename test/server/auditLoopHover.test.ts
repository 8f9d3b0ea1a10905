/** Hover in the audit loop's sections: checks named as values, thresholds, schedules, frequencies. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentOf, positionOf, service } from './helpers';

const FILE = JSON.stringify({
  auditConfiguration: { auditCheckConfigurations: { DEVICE_CERTIFICATE_EXPIRING_CHECK: { enabled: true, configuration: { CERT_EXPIRATION_THRESHOLD_IN_DAYS: '60' } }, LOGGING_DISABLED_CHECK: { enabled: false } } },
  scheduledAudits: {
    'weekly-critical': { frequency: 'BIWEEKLY', dayOfWeek: 'MON', targetCheckNames: ['DEVICE_CERTIFICATE_EXPIRING_CHECK', 'LOGGING_DISABLED_CHECK'] },
    'month-end': { frequency: 'MONTHLY', dayOfMonth: 'LAST', targetCheckNames: ['IOT_POLICY_OVERLY_PERMISSIVE_CHECK'] },
  },
  suppressions: [{ checkName: 'CONFLICTING_CLIENT_IDS_CHECK', resourceIdentifier: { clientId: 'sensor-1' }, suppressIndefinitely: true, description: 'lab' }],
}, null, 2);

function hoverAt(needle: string, shift = 1, occurrence = 1): string {
  const document = documentOf(FILE);
  const hover = service().doHover(document, positionOf(document, needle, shift, occurrence));
  assert.ok(hover, `no hover on ${needle}`);
  return (hover.contents as { value: string }).value;
}

describe('hover in the audit loop', () => {
  it('a check named in targetCheckNames or checkName describes the check, its resource member and threshold', () => {
    const scheduled = hoverAt('"DEVICE_CERTIFICATE_EXPIRING_CHECK"', 1, 2);
    assert.match(scheduled, /\*\*DEVICE_CERTIFICATE_EXPIRING_CHECK\*\* \(MEDIUM\)/);
    assert.match(scheduled, /Threshold: `CERT_EXPIRATION_THRESHOLD_IN_DAYS`, 30 to 3652 days \(default 30\)/);
    assert.match(scheduled, /a suppression names it by `deviceCertificateId`/);
    assert.match(hoverAt('"CONFLICTING_CLIENT_IDS_CHECK"'), /Resource: `CLIENT_ID` \(a suppression names it by `clientId`\)/);
  });

  it('a threshold name gives its range, default and meaning for the check', () => {
    const text = hoverAt('"CERT_EXPIRATION_THRESHOLD_IN_DAYS"');
    assert.match(text, /days, 30 to 3652 \(default 30\), written as a string/);
    assert.match(text, /a certificate expiring within this many days is reported/);
  });

  it('a scheduled audit name says when it runs and flags the checks the file disables', () => {
    const weekly = hoverAt('"weekly-critical"');
    assert.match(weekly, /Runs every other Monday/);
    assert.match(weekly, /`LOGGING_DISABLED_CHECK` \(disabled in this file's auditConfiguration\)/);
    assert.match(hoverAt('"month-end"'), /Runs on the last day of every month/);
  });

  it('a frequency value says what it means', () => {
    assert.match(hoverAt('"BIWEEKLY"'), /`BIWEEKLY`: Every other week, on dayOfWeek/);
  });

  it('a section key gives its operation', () => {
    assert.match(hoverAt('"suppressions"'), /CreateAuditSuppression/);
    assert.match(hoverAt('"auditConfiguration"'), /UpdateAccountAuditConfiguration/);
  });
});
