/** Outline, folding and check-name navigation in the audit loop's sections. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentOf, positionOf, service } from './helpers';

const CERT = 'c0ffee'.repeat(10) + 'c0ff';
const TEXT = JSON.stringify({
  auditConfiguration: {
    roleArn: 'arn:aws:iam::123456789012:role/AuditRole',
    auditCheckConfigurations: {
      DEVICE_CERTIFICATE_EXPIRING_CHECK: { enabled: true, configuration: { CERT_EXPIRATION_THRESHOLD_IN_DAYS: '60' } },
      LOGGING_DISABLED_CHECK: { enabled: false },
    },
  },
  scheduledAudits: {
    'weekly-critical': { frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: ['DEVICE_CERTIFICATE_EXPIRING_CHECK', 'CONFLICTING_CLIENT_IDS_CHECK'] },
    'month-end': { frequency: 'MONTHLY', dayOfMonth: 'LAST', targetCheckNames: ['DEVICE_CERTIFICATE_EXPIRING_CHECK'] },
  },
  suppressions: [
    { checkName: 'DEVICE_CERTIFICATE_EXPIRING_CHECK', resourceIdentifier: { deviceCertificateId: CERT }, expirationDate: '2099-01-31', description: 'replaced in January' },
    { checkName: 'CONFLICTING_CLIENT_IDS_CHECK', resourceIdentifier: { clientId: 'sensor-1' }, suppressIndefinitely: true, description: 'lab' },
  ],
  tasks: { notify: { target: {}, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['Notify'] } } },
}, null, 2);

describe('outline of the audit loop', () => {
  it('lists configured checks, schedules with when they run, suppressions with resource and expiry', () => {
    const symbols = service().findDocumentSymbols(documentOf(TEXT));
    const byName = new Map(symbols.map((symbol) => [symbol.name, symbol]));
    const configuration = byName.get('auditConfiguration')!;
    assert.equal(configuration.detail, '2 checks');
    assert.deepEqual(configuration.children!.map((child) => [child.name, child.detail]), [
      ['DEVICE_CERTIFICATE_EXPIRING_CHECK', 'enabled · CERT_EXPIRATION_THRESHOLD_IN_DAYS 60'],
      ['LOGGING_DISABLED_CHECK', 'disabled'],
    ]);
    assert.deepEqual(byName.get('scheduledAudits')!.children!.map((child) => [child.name, child.detail]), [
      ['weekly-critical', 'WEEKLY MON · 2 checks'],
      ['month-end', 'MONTHLY LAST · 1 check'],
    ]);
    const suppressions = byName.get('suppressions')!;
    assert.equal(suppressions.detail, '2 suppressions');
    assert.deepEqual(suppressions.children!.map((child) => [child.name, child.detail]), [
      ['DEVICE_CERTIFICATE_EXPIRING_CHECK', `deviceCertificateId ${CERT} · until 2099-01-31`],
      ['CONFLICTING_CLIENT_IDS_CHECK', 'clientId sensor-1 · indefinitely'],
    ]);
  });

  it('folds each section and each entry', () => {
    const document = documentOf(TEXT);
    const starts = new Set(service().getFoldingRanges(document).map((range) => range.startLine));
    for (const needle of ['"auditConfiguration"', '"scheduledAudits"', '"weekly-critical"', '"suppressions"']) {
      assert.ok(starts.has(positionOf(document, needle).line), `${needle} folds`);
    }
  });
});

describe('check names: definition and references', () => {
  it("goes from a schedule's, a suppression's or a task's check to its entry in auditConfiguration", () => {
    const document = documentOf(TEXT);
    const definition = positionOf(document, '"DEVICE_CERTIFICATE_EXPIRING_CHECK"', 1);
    for (const occurrence of [2, 4, 5]) {
      const location = service().findDefinition(document, positionOf(document, '"DEVICE_CERTIFICATE_EXPIRING_CHECK"', 3, occurrence));
      assert.ok(location, `occurrence ${occurrence}`);
      assert.equal(location.range.start.line, definition.line);
    }
    // A check the configuration does not mention has nowhere to go.
    assert.equal(service().findDefinition(document, positionOf(document, '"CONFLICTING_CLIENT_IDS_CHECK"', 3)), null);
  });

  it('finds every place the file names a check', () => {
    const document = documentOf(TEXT);
    const position = positionOf(document, '"DEVICE_CERTIFICATE_EXPIRING_CHECK"', 3, 3);
    assert.equal(service().findReferences(document, position, true).length, 5);
    assert.equal(service().findReferences(document, position, false).length, 4);
  });
});
