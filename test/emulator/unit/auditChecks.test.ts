/**
 * Each of the 17 audit checks, evaluated directly on one hand-built region: it examines the
 * resources it should and finds exactly the non-compliant ones, with the documented reason code.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AUDIT_CHECKS } from '../../../common/auditChecks';
import { CHECK_EVALUATORS } from '../../../emulator/audit/checks';
import { putCaCertificate, putCertificate, putConnection, putPolicy, putRole } from '../../../emulator/fleet/builders';
import { RegionState } from '../../../emulator/state/regionState';

const NOW = Date.UTC(2026, 0, 15);

function handBuiltRegion(): RegionState {
  const state = new RegionState('123456789012', 'us-east-1', () => {});
  putCaCertificate(state, { certificateId: 'ca-good' }, NOW);
  putCaCertificate(state, { certificateId: 'ca-expiring', expiresInDays: 10 }, NOW);
  putCaCertificate(state, { certificateId: 'ca-expired', expiresInDays: -1 }, NOW);
  putCaCertificate(state, { certificateId: 'ca-weak', keyVulnerability: 'CA_CERTIFICATE_KEY_VULNERABILITY_CVE-2008-0166' }, NOW);
  putCaCertificate(state, { certificateId: 'ca-revoked', revokedByIssuer: true }, NOW);
  putCaCertificate(state, { certificateId: 'ca-inactive', status: 'INACTIVE', expiresInDays: -1, keyVulnerability: 'X', revokedByIssuer: true }, NOW);

  putCertificate(state, { certificateId: 'good' }, NOW);
  putCertificate(state, { certificateId: 'expiring', expiresInDays: 5 }, NOW);
  putCertificate(state, { certificateId: 'expired', expiresInDays: -2 }, NOW);
  putCertificate(state, { certificateId: 'old', createdDaysAgo: 400 }, NOW);
  putCertificate(state, { certificateId: 'weak', keyVulnerability: 'CERTIFICATE_KEY_VULNERABILITY_CVE-2008-0166' }, NOW);
  putCertificate(state, { certificateId: 'revoked', revokedByIssuer: true }, NOW);
  putCertificate(state, { certificateId: 'intermediate', intermediateCaRevoked: true }, NOW);
  putCertificate(state, { certificateId: 'pending', status: 'PENDING_TRANSFER', createdDaysAgo: 500 }, NOW);
  // Not examined by any certificate check: inactive and revoked certificates.
  putCertificate(state, { certificateId: 'inactive', status: 'INACTIVE', expiresInDays: -5, createdDaysAgo: 999, keyVulnerability: 'X', revokedByIssuer: true, intermediateCaRevoked: true }, NOW);
  putCertificate(state, { certificateId: 'gone', status: 'REVOKED', keyVulnerability: 'X' }, NOW);

  // "weak" is used by two devices at once; "good" by one device twice in a row.
  putConnection(state, { clientId: 'sensor-1', certificateId: 'weak', connectedMinutesAgo: 60 }, NOW);
  putConnection(state, { clientId: 'sensor-2', certificateId: 'weak', connectedMinutesAgo: 30 }, NOW);
  putConnection(state, { clientId: 'sensor-3', certificateId: 'good', connectedMinutesAgo: 120, disconnectedMinutesAgo: 90 }, NOW);
  putConnection(state, { clientId: 'sensor-3', certificateId: 'good', connectedMinutesAgo: 60 }, NOW);
  // One client id on two certificates at the same time (sensor-1..3 and twin are the recent client ids).
  putConnection(state, { clientId: 'twin', certificateId: 'old', connectedMinutesAgo: 50 }, NOW);
  putConnection(state, { clientId: 'twin', certificateId: 'expiring', connectedMinutesAgo: 40 }, NOW);
  // Overlapping, but 20 days ago: outside the audit's look-back window.
  putConnection(state, { clientId: 'ancient', certificateId: 'revoked', connectedMinutesAgo: 20 * 1440, disconnectedMinutesAgo: 20 * 1440 - 60 }, NOW);
  putConnection(state, { clientId: 'ancient', certificateId: 'intermediate', connectedMinutesAgo: 20 * 1440, disconnectedMinutesAgo: 20 * 1440 - 60 }, NOW);

  const reader = putRole(state, 'Reader', ['iot:DescribeThing']);
  const admin = putRole(state, 'Admin', ['iot:UpdateCertificate']);
  const writer = putRole(state, 'Writer', ['iot:CreateThing']);
  const lister = putRole(state, 'Lister', ['iot:List*']);
  const publisher = putRole(state, 'Publisher', ['iot:Publish']);
  const s3 = putRole(state, 'S3', ['s3:GetObject']);
  const s3All = putRole(state, 'S3All', ['s3:*']);
  const auditor = putRole(state, 'Auditor', ['cloudtrail:StopLogging']);
  const extra = putRole(state, 'Extra', ['s3:GetObject', 'dynamodb:GetItem', 'kinesis:PutRecord']);
  for (const [identityPoolId, authenticatedRoleArn, unauthenticatedRoleArn] of [
    ['pool-ok', reader, undefined],
    ['pool-admin', admin, reader],
    ['pool-writer', writer, publisher],
    ['pool-lister', lister, undefined],
    ['pool-guest-ok', undefined, s3],
  ]) {
    state.cognitoIdentityPools.put(identityPoolId!, { identityPoolId: identityPoolId!, authenticatedRoleArn, unauthenticatedRoleArn });
  }
  for (const [roleAlias, roleArn, usedServices] of [
    ['alias-ok', s3, ['s3']],
    ['alias-broad', s3All, ['s3']],
    ['alias-auditing', auditor, ['cloudtrail']],
    ['alias-unused', extra, ['s3']],
  ] as const) {
    state.roleAliases.put(roleAlias, { roleAlias, roleAliasArn: `arn:aws:iot:us-east-1:123456789012:rolealias/${roleAlias}`, roleArn, usedServices: [...usedServices] });
  }

  putPolicy(state, 'scoped', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: 'arn:aws:iot:us-east-1:123456789012:topic/${iot:ClientId}' }] }, NOW);
  putPolicy(state, 'open', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] }, NOW);
  putPolicy(state, 'deny-wildcard', { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iot:Publish', Resource: 'arn:aws:iot:us-east-1:123456789012:topic/admin/#' }] }, NOW);
  // Only the default version counts: version 2 is open but version 1 is the default.
  const fixed = putPolicy(state, 'fixed', { Version: '2012-10-17', Statement: [] }, NOW);
  state.policies.put('fixed', { ...fixed, versions: [...fixed.versions, { versionId: '2', document: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }] }), createDate: NOW }] });
  return state;
}

function run(checkName: string, configuration: Record<string, string> = {}, state = handBuiltRegion()) {
  const result = CHECK_EVALUATORS[checkName]({ state, now: NOW, configuration });
  return {
    total: result.total,
    found: result.findings.map((finding) => [Object.values(finding.resource.resourceIdentifier).map((id) => (typeof id === 'object' ? JSON.stringify(id) : String(id))).join(), finding.reasonCode]),
  };
}

describe('emulator audit checks, evaluated on a hand-built region', () => {
  it('has an evaluator for each of the 17 checks of the catalogue and no other', () => {
    assert.deepEqual(Object.keys(CHECK_EVALUATORS).sort(), AUDIT_CHECKS.map((check) => check.name).sort());
    assert.equal(Object.keys(CHECK_EVALUATORS).length, 17);
  });

  it('CA certificates: expiring or expired, weak key, revoked by the issuer (active ones only)', () => {
    assert.deepEqual(run('CA_CERTIFICATE_EXPIRING_CHECK'), { total: 5, found: [['ca-expiring', 'CERTIFICATE_APPROACHING_EXPIRATION'], ['ca-expired', 'CERTIFICATE_PAST_EXPIRATION']] });
    assert.deepEqual(run('CA_CERTIFICATE_KEY_QUALITY_CHECK'), { total: 5, found: [['ca-weak', 'CA_CERTIFICATE_KEY_VULNERABILITY_CVE-2008-0166']] });
    assert.deepEqual(run('REVOKED_CA_CERTIFICATE_STILL_ACTIVE_CHECK'), { total: 5, found: [['ca-revoked', 'CERTIFICATE_REVOKED_BY_ISSUER']] });
  });

  it('device certificates: expiry and age thresholds (configurable), weak keys, revocations (active and pending transfer only)', () => {
    assert.deepEqual(run('DEVICE_CERTIFICATE_EXPIRING_CHECK'), { total: 8, found: [['expiring', 'CERTIFICATE_APPROACHING_EXPIRATION'], ['expired', 'CERTIFICATE_PAST_EXPIRATION']] });
    assert.equal(run('DEVICE_CERTIFICATE_EXPIRING_CHECK', { CERT_EXPIRATION_THRESHOLD_IN_DAYS: '400' }).found.length, 8, 'every active certificate expires within 400 days');
    assert.deepEqual(run('DEVICE_CERTIFICATE_AGE_CHECK'), { total: 8, found: [['old', 'CERTIFICATE_PAST_AGE_THRESHOLD'], ['pending', 'CERTIFICATE_PAST_AGE_THRESHOLD']] });
    assert.deepEqual(run('DEVICE_CERTIFICATE_AGE_CHECK', { CERT_AGE_THRESHOLD_IN_DAYS: '450' }).found, [['pending', 'CERTIFICATE_PAST_AGE_THRESHOLD']]);
    assert.deepEqual(run('DEVICE_CERTIFICATE_KEY_QUALITY_CHECK'), { total: 8, found: [['weak', 'CERTIFICATE_KEY_VULNERABILITY_CVE-2008-0166']] });
    assert.deepEqual(run('REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK'), { total: 8, found: [['revoked', 'CERTIFICATE_REVOKED_BY_ISSUER']] });
    assert.deepEqual(run('INTERMEDIATE_CA_REVOKED_FOR_ACTIVE_DEVICE_CERTIFICATES_CHECK'), { total: 8, found: [['intermediate', 'INTERMEDIATE_CA_REVOKED_BY_ISSUER']] });
  });

  it('connections: a certificate used by two devices at once, a client id on two connections at once (last 14 days)', () => {
    const state = handBuiltRegion();
    assert.deepEqual(run('DEVICE_CERTIFICATE_SHARED_CHECK', {}, state), { total: 8, found: [['weak', 'CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES']] });
    const shared = CHECK_EVALUATORS.DEVICE_CERTIFICATE_SHARED_CHECK({ state, now: NOW, configuration: {} }).findings[0];
    assert.deepEqual(shared.related.map((resource) => resource.resourceIdentifier.clientId).sort(), ['sensor-1', 'sensor-2']);
    assert.deepEqual(run('CONFLICTING_CLIENT_IDS_CHECK', {}, state), { total: 4, found: [['twin', 'DUPLICATE_CLIENT_ID_ACROSS_CONNECTIONS']] });
    const conflict = CHECK_EVALUATORS.CONFLICTING_CLIENT_IDS_CHECK({ state, now: NOW, configuration: {} }).findings[0];
    assert.deepEqual(conflict.related.map((resource) => resource.resourceIdentifier.deviceCertificateId), ['old', 'expiring']);
  });

  it('Cognito identity pools: admin, write and broad read access for authenticated roles; admin and data-plane access for guests', () => {
    assert.deepEqual(run('AUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK'), {
      total: 4,
      found: [['pool-admin', 'ALLOWS_ACCESS_TO_IOT_NON_THING_ADMIN_ACTIONS'], ['pool-writer', 'ALLOWS_ACCESS_TO_IOT_THING_ADMIN_WRITE_ACTIONS'], ['pool-lister', 'ALLOWS_BROAD_ACCESS_TO_IOT_THING_ADMIN_READ_ACTIONS']],
    });
    assert.deepEqual(run('UNAUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK'), {
      total: 3,
      found: [['pool-admin', 'ALLOWS_ACCESS_TO_IOT_ADMIN_ACTIONS'], ['pool-writer', 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS']],
    });
  });

  it('role aliases: security-auditing and broad access, services the devices never use', () => {
    assert.deepEqual(run('IOT_ROLE_ALIAS_OVERLY_PERMISSIVE_CHECK'), { total: 4, found: [['arn:aws:iot:us-east-1:123456789012:rolealias/alias-broad', 'ALLOWS_BROAD_ACCESS_TO_USED_SERVICES'], ['arn:aws:iot:us-east-1:123456789012:rolealias/alias-auditing', 'ALLOWS_ACCESS_TO_SECURITY_AUDITING_SERVICES']] });
    assert.deepEqual(run('IOT_ROLE_ALIAS_ALLOWS_ACCESS_TO_UNUSED_SERVICES_CHECK'), { total: 4, found: [['arn:aws:iot:us-east-1:123456789012:rolealias/alias-unused', 'ALLOWS_ACCESS_TO_UNUSED_SERVICES']] });
  });

  it("IoT policies: judged on their default version's statements", () => {
    assert.deepEqual(run('IOT_POLICY_OVERLY_PERMISSIVE_CHECK'), { total: 4, found: [['{"policyName":"open","policyVersionId":"1"}', 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS']] });
    assert.deepEqual(run('IOT_POLICY_POTENTIAL_MISCONFIGURATION_CHECK'), { total: 4, found: [['{"policyName":"deny-wildcard","policyVersionId":"1"}', 'POLICY_CONTAINS_MQTT_WILDCARDS_IN_DENY_STATEMENT']] });
  });

  it('logging: disabled until a default log level other than DISABLED is set', () => {
    const state = handBuiltRegion();
    assert.deepEqual(run('LOGGING_DISABLED_CHECK', {}, state), { total: 1, found: [['123456789012', 'LOGGING_DISABLED']] });
    state.logging = { roleArn: 'arn:aws:iam::123456789012:role/Logs', defaultLogLevel: 'DISABLED', disableAllLogs: false };
    assert.equal(run('LOGGING_DISABLED_CHECK', {}, state).found.length, 1);
    state.logging = { roleArn: 'arn:aws:iam::123456789012:role/Logs', defaultLogLevel: 'ERROR', disableAllLogs: false };
    assert.deepEqual(run('LOGGING_DISABLED_CHECK', {}, state), { total: 1, found: [] });
  });
});
