/**
 * Suppressions as the Audits view shows and asks for them (client/audits/model/suppressions.ts):
 * which one names a finding, what a finding row and its details say, and the reason and expiry
 * checked as CreateAuditSuppression checks them.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { renderFindingDetails } from '../../client/audits/model/findingDetails';
import { daysFromToday, expiryText, parseExpiry, reasonProblem, suppressionEntry, suppressionOf, suppressionRequest, suppressionStatus } from '../../client/audits/model/suppressions';
import { findingNode } from '../../client/shared/model/treeModel';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const certificate = (id: string) => ({ resourceType: 'DEVICE_CERTIFICATE' as const, resourceIdentifier: { deviceCertificateId: id } });
const finding = { findingId: 'f1', taskId: 'audit1', checkName: 'DEVICE_CERTIFICATE_SHARED_CHECK', severity: 'CRITICAL' as const, reasonForNonComplianceCode: 'CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES', isSuppressed: false, nonCompliantResource: certificate('aaaa1111bbbb2222') };

describe('suppressions: which one names a finding', () => {
  it('matches by check and by every member of the resource identifier, whatever their order', () => {
    const policy = { checkName: 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK', nonCompliantResource: { resourceType: 'IOT_POLICY', resourceIdentifier: { policyVersionIdentifier: { policyName: 'Open', policyVersionId: '2' } } } };
    const suppressions = [
      { checkName: 'DEVICE_CERTIFICATE_SHARED_CHECK', resourceIdentifier: { deviceCertificateId: 'other' }, suppressIndefinitely: true },
      { checkName: 'REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK', resourceIdentifier: { deviceCertificateId: 'aaaa1111bbbb2222' }, suppressIndefinitely: true },
      { checkName: 'DEVICE_CERTIFICATE_SHARED_CHECK', resourceIdentifier: { deviceCertificateId: 'aaaa1111bbbb2222' }, description: 'lab devices' },
      { checkName: 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK', resourceIdentifier: { policyVersionIdentifier: { policyVersionId: '2', policyName: 'Open' } } },
    ];
    assert.equal(suppressionOf(finding, suppressions)?.description, 'lab devices', 'the same check on the same certificate, not another check or certificate');
    assert.equal(suppressionOf(policy, suppressions), suppressions[3], 'nested members in another order');
    assert.equal(suppressionOf({ ...policy, nonCompliantResource: { resourceType: 'IOT_POLICY', resourceIdentifier: { policyVersionIdentifier: { policyName: 'Open', policyVersionId: '3' } } } }, suppressions), undefined, 'another version is another resource');
  });

  it('says until when, indefinitely, or that it expired (an expired one no longer suppresses)', () => {
    assert.deepEqual(suppressionStatus({ expirationDate: new Date('2027-01-31T00:00:00Z'), description: 'accepted' }, NOW), { active: true, text: 'suppressed until 2027-01-31', reason: 'accepted' });
    assert.deepEqual(suppressionStatus({ suppressIndefinitely: true }, NOW), { active: true, text: 'suppressed indefinitely', reason: undefined });
    assert.deepEqual(suppressionStatus({ expirationDate: new Date('2026-11-30T00:00:00Z'), suppressIndefinitely: false }, NOW), { active: false, text: 'suppression expired 2026-11-30', reason: undefined });
  });
});

describe('suppressions: the finding row and its details', () => {
  it('a row carries the expiry in its description and tooltip, and the menu key of a suppressed finding', () => {
    const row = findingNode(finding, undefined, suppressionStatus({ expirationDate: new Date('2027-01-31T00:00:00Z'), description: 'lab devices' }, NOW));
    assert.equal(row.description, 'CRITICAL · CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES · suppressed until 2027-01-31');
    assert.match(row.tooltip ?? '', /\n\nSuppressed until 2027-01-31: lab devices$/);
    assert.equal(row.contextValue, 'finding.suppressed');
    const indefinite = findingNode(finding, undefined, suppressionStatus({ suppressIndefinitely: true }, NOW));
    assert.match(indefinite.description ?? '', / · suppressed indefinitely$/);
    const plain = findingNode(finding);
    assert.equal(plain.contextValue, 'finding');
    assert.doesNotMatch(plain.description ?? '', /suppress/);
    const flagged = findingNode({ ...finding, isSuppressed: true });
    assert.match(flagged.description ?? '', / · suppressed$/, 'suppressed when audited, with no suppression listed now');
    assert.equal(flagged.contextValue, 'finding', 'nothing to remove: Suppress Finding… is offered');
  });

  it('the details say whether the audit found it suppressed and what the suppression is now', () => {
    const details = renderFindingDetails({ finding, suppression: suppressionStatus({ expirationDate: new Date('2027-01-31T00:00:00Z'), description: 'lab devices' }, NOW) });
    assert.match(details, /^- \*\*Suppressed when audited:\*\* no$/m);
    assert.match(details, /^- \*\*Suppression:\*\* until 2027-01-31: lab devices$/m);
    assert.match(renderFindingDetails({ finding, suppression: suppressionStatus({ suppressIndefinitely: true }, NOW) }), /^- \*\*Suppression:\*\* indefinitely$/m);
    assert.match(renderFindingDetails({ finding, suppression: suppressionStatus({ expirationDate: new Date('2026-11-01T00:00:00Z') }, NOW) }), /^- \*\*Suppression:\*\* expired 2026-11-01$/m);
    assert.doesNotMatch(renderFindingDetails({ finding: { ...finding, isSuppressed: true } }), /Suppression:/);
  });
});

describe('suppressions: what Suppress Finding… asks for', () => {
  it('a reason is required, at most 1000 characters, printable (AuditDescription)', () => {
    assert.match(reasonProblem('') ?? '', /required/);
    assert.match(reasonProblem('   ') ?? '', /required/);
    assert.match(reasonProblem('x'.repeat(1001)) ?? '', /At most 1000 characters \(this is 1001\)/);
    assert.match(reasonProblem('line one\nline two') ?? '', /printable/);
    assert.match(reasonProblem('tab\there') ?? '', /printable/);
    assert.equal(reasonProblem('x'.repeat(1000)), undefined);
    assert.equal(reasonProblem('Lab devices share one certificate until the fleet migration (ticket SEC-1234).'), undefined);
  });

  it('an expiry is 30 or 90 days from today, a future calendar day, or indefinitely', () => {
    assert.deepEqual(daysFromToday(30, NOW), { until: '2027-01-01' });
    assert.deepEqual(daysFromToday(90, NOW), { until: '2027-03-02' });
    assert.deepEqual(parseExpiry(' 2027-01-31 ', NOW), { until: '2027-01-31' });
    assert.match((parseExpiry('31/01/2027', NOW) as { problem: string }).problem, /YYYY-MM-DD/);
    assert.match((parseExpiry('2027-02-30', NOW) as { problem: string }).problem, /not a day of the calendar/);
    assert.match((parseExpiry('2026-12-02', NOW) as { problem: string }).problem, /not in the future/, 'today has begun');
    assert.equal(expiryText({ until: '2027-01-31' }), 'until 2027-01-31');
    assert.equal(expiryText({ indefinitely: true }), 'indefinitely');
  });

  it('the file entry and the CreateAuditSuppression input name the finding\'s check and resource', () => {
    const dated = suppressionEntry(finding, 'lab devices', { until: '2027-01-31' });
    assert.deepEqual(dated, { checkName: 'DEVICE_CERTIFICATE_SHARED_CHECK', resourceIdentifier: { deviceCertificateId: 'aaaa1111bbbb2222' }, expirationDate: '2027-01-31', description: 'lab devices' });
    assert.deepEqual(suppressionRequest(dated, 'token-1'), { checkName: 'DEVICE_CERTIFICATE_SHARED_CHECK', resourceIdentifier: { deviceCertificateId: 'aaaa1111bbbb2222' }, expirationDate: new Date('2027-01-31T00:00:00Z'), description: 'lab devices', clientRequestToken: 'token-1' });
    const forever = suppressionEntry(finding, 'accepted', { indefinitely: true });
    assert.deepEqual(suppressionRequest(forever, 'token-2'), { checkName: 'DEVICE_CERTIFICATE_SHARED_CHECK', resourceIdentifier: { deviceCertificateId: 'aaaa1111bbbb2222' }, suppressIndefinitely: true, description: 'accepted', clientRequestToken: 'token-2' });
  });
});
