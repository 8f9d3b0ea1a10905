/**
 * The 17 audit checks evaluated against a region's current state (AWS IoT Device
 * Defender Developer Guide, "Audit checks" and its page per check). Each returns how many
 * resources it examined and the non-compliant ones, with the documented reason codes and resource identifiers. Severity comes from the catalogue in common/.
 */
import { REASON_CODE_DESCRIPTIONS } from '../../common/auditChecks';
import { DAY_MS } from '../clock';
import type { RegionState } from '../state/regionState';
import type { CaCertificate, Certificate, Connection, ResourceRef } from '../state/types';
import {
  authenticatedCognitoReason,
  hasWildcardInDeny,
  isOverlyPermissivePolicy,
  roleAliasOverlyPermissiveReason,
  unauthenticatedCognitoReason,
  unusedServices,
} from './permissions';

interface RawFinding {
  readonly resource: ResourceRef;
  readonly related: ResourceRef[];
  readonly reasonCode: string;
  readonly reason: string;
}

interface CheckResult {
  readonly total: number;
  readonly findings: RawFinding[];
}

interface CheckContext {
  readonly state: RegionState;
  readonly now: number;
  /** The check's custom configuration (CheckCustomConfiguration), values are strings. */
  readonly configuration: Record<string, string>;
}

type Evaluator = (context: CheckContext) => CheckResult;

/** Connections older than this are outside the audit's look-back window. */
const CONNECTION_WINDOW_MS = 14 * DAY_MS;
const CA_EXPIRY_THRESHOLD_DAYS = 30;

function finding(resource: ResourceRef, reasonCode: string, related: ResourceRef[] = [], detail?: string): RawFinding {
  const base = REASON_CODE_DESCRIPTIONS[reasonCode] ?? reasonCode;
  return { resource, related, reasonCode, reason: detail ? `${base} ${detail}` : base };
}

const deviceCertificate = (certificate: Certificate): ResourceRef => ({
  resourceType: 'DEVICE_CERTIFICATE',
  resourceIdentifier: { deviceCertificateId: certificate.certificateId },
});

const caCertificate = (certificate: CaCertificate): ResourceRef => ({
  resourceType: 'CA_CERTIFICATE',
  resourceIdentifier: { caCertificateId: certificate.certificateId },
});

function activeDeviceCertificates(state: RegionState): Certificate[] {
  return [...state.certificates.values()].filter((certificate) => certificate.status === 'ACTIVE' || certificate.status === 'PENDING_TRANSFER');
}

function activeCaCertificates(state: RegionState): CaCertificate[] {
  return [...state.caCertificates.values()].filter((certificate) => certificate.status === 'ACTIVE');
}

function thresholdDays(context: CheckContext, name: string, fallback: number): number {
  const value = Number(context.configuration[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function expiryReason(notAfter: number, now: number, thresholdDaysValue: number): string | undefined {
  if (notAfter <= now) return 'CERTIFICATE_PAST_EXPIRATION';
  if (notAfter <= now + thresholdDaysValue * DAY_MS) return 'CERTIFICATE_APPROACHING_EXPIRATION';
  return undefined;
}

function permissionsOf(state: RegionState, roleArn: string | undefined): string[] {
  return roleArn ? state.roles.get(roleArn)?.permissions ?? [] : [];
}

function overlaps(a: Connection, b: Connection, now: number): boolean {
  return a.connectedAt < (b.disconnectedAt ?? now) && b.connectedAt < (a.disconnectedAt ?? now);
}

function recentConnections(state: RegionState, now: number): Connection[] {
  return [...state.connections.values()].filter((connection) => (connection.disconnectedAt ?? now) >= now - CONNECTION_WINDOW_MS);
}

function clientIdResource(connection: Connection): ResourceRef {
  const additionalInfo: Record<string, string> = { CONNECTION_TIME: String(connection.connectedAt) };
  if (connection.disconnectedAt !== undefined) additionalInfo.DISCONNECTION_TIME = String(connection.disconnectedAt);
  return { resourceType: 'CLIENT_ID', resourceIdentifier: { clientId: connection.clientId }, additionalInfo };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export const CHECK_EVALUATORS: Readonly<Record<string, Evaluator>> = {
  AUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK: ({ state }) => {
    const pools = [...state.cognitoIdentityPools.values()].filter((pool) => pool.authenticatedRoleArn);
    const findings: RawFinding[] = [];
    for (const pool of pools) {
      const reason = authenticatedCognitoReason(permissionsOf(state, pool.authenticatedRoleArn));
      if (reason) {
        findings.push(finding({ resourceType: 'COGNITO_IDENTITY_POOL', resourceIdentifier: { cognitoIdentityPoolId: pool.identityPoolId } }, reason, [
          { resourceType: 'IAM_ROLE', resourceIdentifier: { iamRoleArn: pool.authenticatedRoleArn } },
        ]));
      }
    }
    return { total: pools.length, findings };
  },

  UNAUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK: ({ state }) => {
    const pools = [...state.cognitoIdentityPools.values()].filter((pool) => pool.unauthenticatedRoleArn);
    const findings: RawFinding[] = [];
    for (const pool of pools) {
      const reason = unauthenticatedCognitoReason(permissionsOf(state, pool.unauthenticatedRoleArn));
      if (reason) {
        findings.push(finding({ resourceType: 'COGNITO_IDENTITY_POOL', resourceIdentifier: { cognitoIdentityPoolId: pool.identityPoolId } }, reason, [
          { resourceType: 'IAM_ROLE', resourceIdentifier: { iamRoleArn: pool.unauthenticatedRoleArn } },
        ]));
      }
    }
    return { total: pools.length, findings };
  },

  CA_CERTIFICATE_EXPIRING_CHECK: ({ state, now }) => {
    const cas = activeCaCertificates(state);
    const findings = cas.flatMap((ca) => {
      const reason = expiryReason(ca.notAfter, now, CA_EXPIRY_THRESHOLD_DAYS);
      return reason ? [finding(caCertificate(ca), reason)] : [];
    });
    return { total: cas.length, findings };
  },

  CA_CERTIFICATE_KEY_QUALITY_CHECK: ({ state }) => {
    const cas = activeCaCertificates(state);
    return { total: cas.length, findings: cas.filter((ca) => ca.keyVulnerability).map((ca) => finding(caCertificate(ca), ca.keyVulnerability!)) };
  },

  REVOKED_CA_CERTIFICATE_STILL_ACTIVE_CHECK: ({ state }) => {
    const cas = activeCaCertificates(state);
    return { total: cas.length, findings: cas.filter((ca) => ca.revokedByIssuer).map((ca) => finding(caCertificate(ca), 'CERTIFICATE_REVOKED_BY_ISSUER')) };
  },

  INTERMEDIATE_CA_REVOKED_FOR_ACTIVE_DEVICE_CERTIFICATES_CHECK: ({ state }) => {
    const certificates = activeDeviceCertificates(state);
    return {
      total: certificates.length,
      findings: certificates.filter((certificate) => certificate.intermediateCaRevoked).map((certificate) => finding(deviceCertificate(certificate), 'INTERMEDIATE_CA_REVOKED_BY_ISSUER')),
    };
  },

  DEVICE_CERTIFICATE_EXPIRING_CHECK: (context) => {
    const certificates = activeDeviceCertificates(context.state);
    const threshold = thresholdDays(context, 'CERT_EXPIRATION_THRESHOLD_IN_DAYS', 30);
    const findings = certificates.flatMap((certificate) => {
      const reason = expiryReason(certificate.notAfter, context.now, threshold);
      return reason ? [finding(deviceCertificate(certificate), reason)] : [];
    });
    return { total: certificates.length, findings };
  },

  DEVICE_CERTIFICATE_AGE_CHECK: (context) => {
    const certificates = activeDeviceCertificates(context.state);
    const threshold = thresholdDays(context, 'CERT_AGE_THRESHOLD_IN_DAYS', 365);
    const findings = certificates
      .filter((certificate) => context.now - certificate.creationDate > threshold * DAY_MS)
      .map((certificate) => finding(deviceCertificate(certificate), 'CERTIFICATE_PAST_AGE_THRESHOLD', [], `Threshold: ${threshold} days.`));
    return { total: certificates.length, findings };
  },

  DEVICE_CERTIFICATE_KEY_QUALITY_CHECK: ({ state }) => {
    const certificates = activeDeviceCertificates(state);
    return {
      total: certificates.length,
      findings: certificates.filter((certificate) => certificate.keyVulnerability).map((certificate) => finding(deviceCertificate(certificate), certificate.keyVulnerability!)),
    };
  },

  DEVICE_CERTIFICATE_SHARED_CHECK: ({ state, now }) => {
    const certificates = activeDeviceCertificates(state);
    const active = new Set(certificates.map((certificate) => certificate.certificateId));
    const byCertificate = groupBy(recentConnections(state, now).filter((connection) => active.has(connection.certificateId)), (connection) => connection.certificateId);
    const findings: RawFinding[] = [];
    for (const [certificateId, connections] of byCertificate) {
      const shared = connections.filter((connection) => connections.some((other) => other.clientId !== connection.clientId && overlaps(connection, other, now)));
      if (shared.length === 0) continue;
      findings.push(finding({ resourceType: 'DEVICE_CERTIFICATE', resourceIdentifier: { deviceCertificateId: certificateId } }, 'CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES', shared.slice(0, 10).map(clientIdResource)));
    }
    return { total: certificates.length, findings };
  },

  REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK: ({ state }) => {
    const certificates = activeDeviceCertificates(state);
    return {
      total: certificates.length,
      findings: certificates.filter((certificate) => certificate.revokedByIssuer).map((certificate) => finding(deviceCertificate(certificate), 'CERTIFICATE_REVOKED_BY_ISSUER')),
    };
  },

  CONFLICTING_CLIENT_IDS_CHECK: ({ state, now }) => {
    const byClient = groupBy(recentConnections(state, now), (connection) => connection.clientId);
    const findings: RawFinding[] = [];
    for (const [clientId, connections] of byClient) {
      const conflicting = connections.filter((connection) => connections.some((other) => other !== connection && overlaps(connection, other, now)));
      if (conflicting.length === 0) continue;
      const related = [...new Set(conflicting.map((connection) => connection.certificateId))].map((id) => ({ resourceType: 'DEVICE_CERTIFICATE', resourceIdentifier: { deviceCertificateId: id } }));
      findings.push(finding({ resourceType: 'CLIENT_ID', resourceIdentifier: { clientId } }, 'DUPLICATE_CLIENT_ID_ACROSS_CONNECTIONS', related.slice(0, 10)));
    }
    return { total: byClient.size, findings };
  },

  IOT_POLICY_OVERLY_PERMISSIVE_CHECK: ({ state }) => {
    const policies = [...state.policies.values()];
    const findings: RawFinding[] = [];
    for (const policy of policies) {
      const version = policy.versions.find((candidate) => candidate.versionId === policy.defaultVersionId);
      if (version && isOverlyPermissivePolicy(version.document)) {
        findings.push(finding({ resourceType: 'IOT_POLICY', resourceIdentifier: { policyVersionIdentifier: { policyName: policy.policyName, policyVersionId: version.versionId } } }, 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS'));
      }
    }
    return { total: policies.length, findings };
  },

  IOT_POLICY_POTENTIAL_MISCONFIGURATION_CHECK: ({ state }) => {
    const policies = [...state.policies.values()];
    const findings: RawFinding[] = [];
    for (const policy of policies) {
      const version = policy.versions.find((candidate) => candidate.versionId === policy.defaultVersionId);
      if (version && hasWildcardInDeny(version.document)) {
        findings.push(finding({ resourceType: 'IOT_POLICY', resourceIdentifier: { policyVersionIdentifier: { policyName: policy.policyName, policyVersionId: version.versionId } } }, 'POLICY_CONTAINS_MQTT_WILDCARDS_IN_DENY_STATEMENT'));
      }
    }
    return { total: policies.length, findings };
  },

  IOT_ROLE_ALIAS_OVERLY_PERMISSIVE_CHECK: ({ state }) => {
    const aliases = [...state.roleAliases.values()];
    const findings: RawFinding[] = [];
    for (const alias of aliases) {
      const reason = roleAliasOverlyPermissiveReason(permissionsOf(state, alias.roleArn), alias.usedServices);
      if (reason) {
        findings.push(finding({ resourceType: 'ROLE_ALIAS', resourceIdentifier: { roleAliasArn: alias.roleAliasArn } }, reason, [{ resourceType: 'IAM_ROLE', resourceIdentifier: { iamRoleArn: alias.roleArn } }]));
      }
    }
    return { total: aliases.length, findings };
  },

  IOT_ROLE_ALIAS_ALLOWS_ACCESS_TO_UNUSED_SERVICES_CHECK: ({ state }) => {
    const aliases = [...state.roleAliases.values()];
    const findings: RawFinding[] = [];
    for (const alias of aliases) {
      const unused = unusedServices(permissionsOf(state, alias.roleArn), alias.usedServices);
      if (unused.length) {
        findings.push(finding({ resourceType: 'ROLE_ALIAS', resourceIdentifier: { roleAliasArn: alias.roleAliasArn } }, 'ALLOWS_ACCESS_TO_UNUSED_SERVICES', [{ resourceType: 'IAM_ROLE', resourceIdentifier: { iamRoleArn: alias.roleArn } }], `Unused: ${unused.join(', ')}.`));
      }
    }
    return { total: aliases.length, findings };
  },

  LOGGING_DISABLED_CHECK: ({ state }) => {
    const logging = state.logging;
    const disabled = !logging || logging.disableAllLogs || !logging.defaultLogLevel || logging.defaultLogLevel === 'DISABLED';
    return { total: 1, findings: disabled ? [finding({ resourceType: 'ACCOUNT_SETTINGS', resourceIdentifier: { account: state.account } }, 'LOGGING_DISABLED')] : [] };
  },
};
