/**
 * The 17 audit checks evaluated against a region's current state (AWS IoT Device
 * Defender Developer Guide, "Audit checks" and its page per check). Each returns how many
 * resources it examined and the non-compliant ones, with the documented reason codes and
 * resource identifiers. Severity comes from the catalogue in common/.
 */
import { auditCheck, REASON_CODE_DESCRIPTIONS } from '../../common/auditChecks';
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

/** A check's configured threshold (UpdateAccountAuditConfiguration), else the catalogue's default. */
function thresholdDays(context: CheckContext, checkName: string): number {
  const config = auditCheck(checkName)!.config!;
  const value = Number(context.configuration[config.name]);
  return Number.isFinite(value) && value > 0 ? value : config.default;
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

/** A check that looks at each resource on its own: every one counts, those with a verdict are findings. */
function examine<T>(resources: Iterable<T>, verdict: (resource: T) => RawFinding | undefined): CheckResult {
  const examined = [...resources];
  const findings: RawFinding[] = [];
  for (const resource of examined) {
    const found = verdict(resource);
    if (found) findings.push(found);
  }
  return { total: examined.length, findings };
}

/** The issuing CA of a device certificate, as the ISSUER_CERTIFICATE related resource (its id is the issuer id). */
const issuerOf = (certificate: Certificate): ResourceRef[] =>
  certificate.caCertificateId ? [{ resourceType: 'ISSUER_CERTIFICATE', resourceIdentifier: { issuerCertificateIdentifier: { issuerId: certificate.caCertificateId } } }] : [];

const iamRole = (iamRoleArn: string | undefined): ResourceRef => ({ resourceType: 'IAM_ROLE', resourceIdentifier: { iamRoleArn } });
const cognitoPool = (identityPoolId: string): ResourceRef => ({ resourceType: 'COGNITO_IDENTITY_POOL', resourceIdentifier: { cognitoIdentityPoolId: identityPoolId } });
const roleAlias = (roleAliasArn: string): ResourceRef => ({ resourceType: 'ROLE_ALIAS', resourceIdentifier: { roleAliasArn } });

/** Policy checks judge each policy's default version. */
function examinePolicies(state: RegionState, reasonOf: (document: string) => string | undefined): CheckResult {
  return examine(state.policies.values(), (policy) => {
    const version = policy.versions.find((candidate) => candidate.versionId === policy.defaultVersionId);
    const reason = version && reasonOf(version.document);
    return reason ? finding({ resourceType: 'IOT_POLICY', resourceIdentifier: { policyVersionIdentifier: { policyName: policy.policyName, policyVersionId: version.versionId } } }, reason) : undefined;
  });
}

export const CHECK_EVALUATORS: Readonly<Record<string, Evaluator>> = {
  AUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK: ({ state }) =>
    examine([...state.cognitoIdentityPools.values()].filter((pool) => pool.authenticatedRoleArn), (pool) => {
      const reason = authenticatedCognitoReason(permissionsOf(state, pool.authenticatedRoleArn));
      return reason ? finding(cognitoPool(pool.identityPoolId), reason, [iamRole(pool.authenticatedRoleArn)]) : undefined;
    }),

  UNAUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK: ({ state }) =>
    examine([...state.cognitoIdentityPools.values()].filter((pool) => pool.unauthenticatedRoleArn), (pool) => {
      const reason = unauthenticatedCognitoReason(permissionsOf(state, pool.unauthenticatedRoleArn));
      return reason ? finding(cognitoPool(pool.identityPoolId), reason, [iamRole(pool.unauthenticatedRoleArn)]) : undefined;
    }),

  CA_CERTIFICATE_EXPIRING_CHECK: ({ state, now }) =>
    examine(activeCaCertificates(state), (ca) => {
      const reason = expiryReason(ca.notAfter, now, CA_EXPIRY_THRESHOLD_DAYS);
      return reason ? finding(caCertificate(ca), reason) : undefined;
    }),

  CA_CERTIFICATE_KEY_QUALITY_CHECK: ({ state }) => examine(activeCaCertificates(state), (ca) => (ca.keyVulnerability ? finding(caCertificate(ca), ca.keyVulnerability) : undefined)),

  REVOKED_CA_CERTIFICATE_STILL_ACTIVE_CHECK: ({ state }) => examine(activeCaCertificates(state), (ca) => (ca.revokedByIssuer ? finding(caCertificate(ca), 'CERTIFICATE_REVOKED_BY_ISSUER') : undefined)),

  INTERMEDIATE_CA_REVOKED_FOR_ACTIVE_DEVICE_CERTIFICATES_CHECK: ({ state }) =>
    examine(activeDeviceCertificates(state), (certificate) =>
      certificate.intermediateCaRevoked ? finding(deviceCertificate(certificate), 'INTERMEDIATE_CA_REVOKED_BY_ISSUER', issuerOf(certificate)) : undefined,
    ),

  DEVICE_CERTIFICATE_EXPIRING_CHECK: (context) => {
    const threshold = thresholdDays(context, 'DEVICE_CERTIFICATE_EXPIRING_CHECK');
    return examine(activeDeviceCertificates(context.state), (certificate) => {
      const reason = expiryReason(certificate.notAfter, context.now, threshold);
      return reason ? finding(deviceCertificate(certificate), reason) : undefined;
    });
  },

  DEVICE_CERTIFICATE_AGE_CHECK: (context) => {
    const threshold = thresholdDays(context, 'DEVICE_CERTIFICATE_AGE_CHECK');
    return examine(activeDeviceCertificates(context.state), (certificate) =>
      context.now - certificate.creationDate > threshold * DAY_MS ? finding(deviceCertificate(certificate), 'CERTIFICATE_PAST_AGE_THRESHOLD', [], `Threshold: ${threshold} days.`) : undefined,
    );
  },

  DEVICE_CERTIFICATE_KEY_QUALITY_CHECK: ({ state }) =>
    examine(activeDeviceCertificates(state), (certificate) => (certificate.keyVulnerability ? finding(deviceCertificate(certificate), certificate.keyVulnerability) : undefined)),

  DEVICE_CERTIFICATE_SHARED_CHECK: ({ state, now }) => {
    const certificates = activeDeviceCertificates(state);
    const active = new Set(certificates.map((certificate) => certificate.certificateId));
    const byCertificate = groupBy(recentConnections(state, now).filter((connection) => active.has(connection.certificateId)), (connection) => connection.certificateId);
    const findings: RawFinding[] = [];
    for (const [certificateId, connections] of byCertificate) {
      const shared = connections.filter((connection) => connections.some((other) => other.clientId !== connection.clientId && overlaps(connection, other, now)));
      if (shared.length === 0) continue;
      findings.push(finding({ resourceType: 'DEVICE_CERTIFICATE', resourceIdentifier: { deviceCertificateId: certificateId } }, 'CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES', shared.map(clientIdResource)));
    }
    return { total: certificates.length, findings };
  },

  REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK: ({ state }) =>
    examine(activeDeviceCertificates(state), (certificate) => (certificate.revokedByIssuer ? finding(deviceCertificate(certificate), 'CERTIFICATE_REVOKED_BY_ISSUER') : undefined)),

  CONFLICTING_CLIENT_IDS_CHECK: ({ state, now }) => {
    const byClient = groupBy(recentConnections(state, now), (connection) => connection.clientId);
    const findings: RawFinding[] = [];
    for (const [clientId, connections] of byClient) {
      const conflicting = connections.filter((connection) => connections.some((other) => other !== connection && overlaps(connection, other, now)));
      if (conflicting.length === 0) continue;
      const related = [...new Set(conflicting.map((connection) => connection.certificateId))].map((id) => ({ resourceType: 'DEVICE_CERTIFICATE', resourceIdentifier: { deviceCertificateId: id } }));
      findings.push(finding({ resourceType: 'CLIENT_ID', resourceIdentifier: { clientId } }, 'DUPLICATE_CLIENT_ID_ACROSS_CONNECTIONS', related));
    }
    return { total: byClient.size, findings };
  },

  IOT_POLICY_OVERLY_PERMISSIVE_CHECK: ({ state }) => examinePolicies(state, (document) => (isOverlyPermissivePolicy(document) ? 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS' : undefined)),

  IOT_POLICY_POTENTIAL_MISCONFIGURATION_CHECK: ({ state }) => examinePolicies(state, (document) => (hasWildcardInDeny(document) ? 'POLICY_CONTAINS_MQTT_WILDCARDS_IN_DENY_STATEMENT' : undefined)),

  IOT_ROLE_ALIAS_OVERLY_PERMISSIVE_CHECK: ({ state }) =>
    examine(state.roleAliases.values(), (alias) => {
      const reason = roleAliasOverlyPermissiveReason(permissionsOf(state, alias.roleArn), alias.usedServices);
      return reason ? finding(roleAlias(alias.roleAliasArn), reason, [iamRole(alias.roleArn)]) : undefined;
    }),

  IOT_ROLE_ALIAS_ALLOWS_ACCESS_TO_UNUSED_SERVICES_CHECK: ({ state }) =>
    examine(state.roleAliases.values(), (alias) => {
      const unused = unusedServices(permissionsOf(state, alias.roleArn), alias.usedServices);
      return unused.length ? finding(roleAlias(alias.roleAliasArn), 'ALLOWS_ACCESS_TO_UNUSED_SERVICES', [iamRole(alias.roleArn)], `Unused: ${unused.join(', ')}.`) : undefined;
    }),

  LOGGING_DISABLED_CHECK: ({ state }) => {
    const logging = state.logging;
    const disabled = !logging || logging.disableAllLogs || !logging.defaultLogLevel || logging.defaultLogLevel === 'DISABLED';
    return { total: 1, findings: disabled ? [finding({ resourceType: 'ACCOUNT_SETTINGS', resourceIdentifier: { account: state.account } }, 'LOGGING_DISABLED')] : [] };
  },
};
