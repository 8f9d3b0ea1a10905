/**
 * The 17 Device Defender audit checks (AWS IoT Device Defender Developer Guide, "Audit checks"
 * and its per-check pages), which mitigation action types apply to each (same guide,
 * "Mitigation actions"), and the legacy names older docs use for four of them.
 */
import type { AuditFindingSeverity, MitigationActionType } from './model';

export type Severity = AuditFindingSeverity;
export type ResourceType =
  | 'DEVICE_CERTIFICATE'
  | 'CA_CERTIFICATE'
  | 'IOT_POLICY'
  | 'COGNITO_IDENTITY_POOL'
  | 'CLIENT_ID'
  | 'ACCOUNT_SETTINGS'
  | 'ROLE_ALIAS'
  | 'IAM_ROLE'
  | 'ISSUER_CERTIFICATE';

export const RESOURCE_TYPES: readonly ResourceType[] = [
  'DEVICE_CERTIFICATE',
  'CA_CERTIFICATE',
  'IOT_POLICY',
  'COGNITO_IDENTITY_POOL',
  'CLIENT_ID',
  'ACCOUNT_SETTINGS',
  'ROLE_ALIAS',
  'IAM_ROLE',
  'ISSUER_CERTIFICATE',
];

/**
 * The ResourceIdentifier member that names the resource a check reports on (AWS IoT API
 * Reference, "ResourceIdentifier"): a suppression names its resource by exactly this member.
 */
export const RESOURCE_IDENTIFIER_MEMBERS: Readonly<Record<ResourceType, string>> = {
  DEVICE_CERTIFICATE: 'deviceCertificateId',
  CA_CERTIFICATE: 'caCertificateId',
  IOT_POLICY: 'policyVersionIdentifier',
  COGNITO_IDENTITY_POOL: 'cognitoIdentityPoolId',
  CLIENT_ID: 'clientId',
  ACCOUNT_SETTINGS: 'account',
  ROLE_ALIAS: 'roleAliasArn',
  IAM_ROLE: 'iamRoleArn',
  ISSUER_CERTIFICATE: 'issuerCertificateIdentifier',
};

export interface CheckConfigInfo {
  readonly name: 'CERT_EXPIRATION_THRESHOLD_IN_DAYS' | 'CERT_AGE_THRESHOLD_IN_DAYS';
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

export interface AuditCheckInfo {
  readonly name: string;
  readonly severity: Severity;
  readonly reasonCodes: readonly string[];
  /** The nonCompliantResource type of its findings. */
  readonly resourceType: ResourceType;
  readonly applicableActions: readonly MitigationActionType[];
  readonly description: string;
  /** Whether AWS enables it by default in a new audit configuration. */
  readonly enabledByDefault: boolean;
  readonly config?: CheckConfigInfo;
  /** True where the docs do not say and the value follows the other checks of its kind. */
  readonly inferredActions?: boolean;
}

const SNS: MitigationActionType = 'PUBLISH_FINDING_TO_SNS';
const DEVICE_CERT_ACTIONS: readonly MitigationActionType[] = [SNS, 'UPDATE_DEVICE_CERTIFICATE', 'ADD_THINGS_TO_THING_GROUP'];
const CA_CERT_ACTIONS: readonly MitigationActionType[] = [SNS, 'UPDATE_CA_CERTIFICATE'];
const POLICY_ACTIONS: readonly MitigationActionType[] = [SNS, 'REPLACE_DEFAULT_POLICY_VERSION'];
const KEY_VULNERABILITIES = ['CERTIFICATE_KEY_VULNERABILITY_CVE-2017-15361', 'CERTIFICATE_KEY_VULNERABILITY_CVE-2008-0166'];
const EXPIRY_REASONS = ['CERTIFICATE_APPROACHING_EXPIRATION', 'CERTIFICATE_PAST_EXPIRATION'];

export const AUDIT_CHECKS: readonly AuditCheckInfo[] = [
  {
    name: 'AUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK',
    severity: 'CRITICAL',
    reasonCodes: [
      'ALLOWS_BROAD_ACCESS_TO_IOT_THING_ADMIN_READ_ACTIONS',
      'ALLOWS_ACCESS_TO_IOT_NON_THING_ADMIN_ACTIONS',
      'ALLOWS_ACCESS_TO_IOT_THING_ADMIN_WRITE_ACTIONS',
    ],
    resourceType: 'COGNITO_IDENTITY_POOL',
    applicableActions: [SNS],
    description: 'The IAM role for authenticated Cognito identities grants broad AWS IoT administrative access.',
    enabledByDefault: true,
  },
  {
    name: 'UNAUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK',
    severity: 'CRITICAL',
    reasonCodes: ['ALLOWS_ACCESS_TO_IOT_ADMIN_ACTIONS', 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS'],
    resourceType: 'COGNITO_IDENTITY_POOL',
    applicableActions: [SNS],
    description: 'The IAM role for unauthenticated Cognito identities lets anyone reach AWS IoT admin or broad data-plane actions.',
    enabledByDefault: true,
  },
  {
    name: 'CA_CERTIFICATE_EXPIRING_CHECK',
    severity: 'MEDIUM',
    reasonCodes: EXPIRY_REASONS,
    resourceType: 'CA_CERTIFICATE',
    applicableActions: CA_CERT_ACTIONS,
    description: 'An active CA certificate expires within 30 days or has already expired.',
    enabledByDefault: true,
  },
  {
    name: 'CA_CERTIFICATE_KEY_QUALITY_CHECK',
    severity: 'CRITICAL',
    reasonCodes: KEY_VULNERABILITIES,
    resourceType: 'CA_CERTIFICATE',
    applicableActions: CA_CERT_ACTIONS,
    description: 'A CA certificate uses a key that is too short or known to be vulnerable (ROCA, Debian OpenSSL).',
    enabledByDefault: true,
  },
  {
    name: 'REVOKED_CA_CERTIFICATE_STILL_ACTIVE_CHECK',
    severity: 'CRITICAL',
    reasonCodes: ['CERTIFICATE_REVOKED_BY_ISSUER'],
    resourceType: 'CA_CERTIFICATE',
    applicableActions: CA_CERT_ACTIONS,
    description: 'A CA certificate its issuer revoked is still active in AWS IoT.',
    enabledByDefault: true,
  },
  {
    name: 'INTERMEDIATE_CA_REVOKED_FOR_ACTIVE_DEVICE_CERTIFICATES_CHECK',
    severity: 'CRITICAL',
    reasonCodes: ['INTERMEDIATE_CA_REVOKED_BY_ISSUER'],
    resourceType: 'DEVICE_CERTIFICATE',
    applicableActions: DEVICE_CERT_ACTIONS,
    description: 'Active device certificates chain to an intermediate CA that its issuer revoked.',
    enabledByDefault: false,
  },
  {
    name: 'DEVICE_CERTIFICATE_EXPIRING_CHECK',
    severity: 'MEDIUM',
    reasonCodes: EXPIRY_REASONS,
    resourceType: 'DEVICE_CERTIFICATE',
    applicableActions: DEVICE_CERT_ACTIONS,
    description: 'An active device certificate expires within the threshold (default 30 days) or has already expired.',
    enabledByDefault: true,
    config: { name: 'CERT_EXPIRATION_THRESHOLD_IN_DAYS', min: 30, max: 3652, default: 30 },
  },
  {
    name: 'DEVICE_CERTIFICATE_AGE_CHECK',
    severity: 'LOW',
    reasonCodes: ['CERTIFICATE_PAST_AGE_THRESHOLD'],
    resourceType: 'DEVICE_CERTIFICATE',
    applicableActions: DEVICE_CERT_ACTIONS,
    description: 'An active device certificate is older than the threshold (default 365 days) and should be rotated.',
    enabledByDefault: false,
    config: { name: 'CERT_AGE_THRESHOLD_IN_DAYS', min: 30, max: 3652, default: 365 },
    inferredActions: true,
  },
  {
    name: 'DEVICE_CERTIFICATE_KEY_QUALITY_CHECK',
    severity: 'CRITICAL',
    reasonCodes: KEY_VULNERABILITIES,
    resourceType: 'DEVICE_CERTIFICATE',
    applicableActions: DEVICE_CERT_ACTIONS,
    description: 'A device certificate uses a key that is too short or known to be vulnerable (ROCA, Debian OpenSSL).',
    enabledByDefault: true,
  },
  {
    name: 'DEVICE_CERTIFICATE_SHARED_CHECK',
    severity: 'CRITICAL',
    reasonCodes: ['CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES'],
    resourceType: 'DEVICE_CERTIFICATE',
    applicableActions: DEVICE_CERT_ACTIONS,
    description: 'Several devices connected with the same certificate (different client IDs) during the audit window.',
    enabledByDefault: true,
  },
  {
    name: 'REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK',
    severity: 'MEDIUM',
    reasonCodes: ['CERTIFICATE_REVOKED_BY_ISSUER'],
    resourceType: 'DEVICE_CERTIFICATE',
    applicableActions: DEVICE_CERT_ACTIONS,
    description: 'A device certificate its CA revoked (or that was transferred away) is still active.',
    enabledByDefault: true,
  },
  {
    name: 'CONFLICTING_CLIENT_IDS_CHECK',
    severity: 'HIGH',
    reasonCodes: ['DUPLICATE_CLIENT_ID_ACROSS_CONNECTIONS'],
    resourceType: 'CLIENT_ID',
    applicableActions: [SNS],
    description: 'Several devices connected with the same MQTT client ID, kicking each other off.',
    enabledByDefault: true,
  },
  {
    name: 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK',
    severity: 'CRITICAL',
    reasonCodes: ['ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS'],
    resourceType: 'IOT_POLICY',
    applicableActions: POLICY_ACTIONS,
    description: 'An AWS IoT policy grants broad data-plane access, e.g. iot:* or iot:Publish on every topic.',
    enabledByDefault: true,
  },
  {
    name: 'IOT_POLICY_POTENTIAL_MISCONFIGURATION_CHECK',
    severity: 'MEDIUM',
    reasonCodes: ['POLICY_CONTAINS_MQTT_WILDCARDS_IN_DENY_STATEMENT', 'TOPIC_FILTERS_INTENDED_TO_DENY_ALLOWED_USING_WILDCARDS'],
    resourceType: 'IOT_POLICY',
    applicableActions: POLICY_ACTIONS,
    description: 'An AWS IoT policy uses MQTT wildcards (+, #) in a Deny statement, which IAM does not treat as wildcards.',
    enabledByDefault: true,
  },
  {
    name: 'IOT_ROLE_ALIAS_OVERLY_PERMISSIVE_CHECK',
    severity: 'CRITICAL',
    reasonCodes: [
      'ALLOWS_BROAD_ACCESS_TO_USED_SERVICES',
      'ALLOWS_ACCESS_TO_SECURITY_AUDITING_SERVICES',
      'ALLOWS_BROAD_ACCESS_TO_IOT_THING_ADMIN_READ_ACTIONS',
      'ALLOWS_ACCESS_TO_IOT_NON_THING_ADMIN_ACTIONS',
      'ALLOWS_ACCESS_TO_IOT_THING_ADMIN_WRITE_ACTIONS',
      'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS',
    ],
    resourceType: 'ROLE_ALIAS',
    applicableActions: [SNS],
    description: 'The IAM role behind a role alias grants broad or administrative AWS access to devices.',
    enabledByDefault: true,
  },
  {
    name: 'IOT_ROLE_ALIAS_ALLOWS_ACCESS_TO_UNUSED_SERVICES_CHECK',
    severity: 'MEDIUM',
    reasonCodes: ['ALLOWS_ACCESS_TO_UNUSED_SERVICES'],
    resourceType: 'ROLE_ALIAS',
    applicableActions: [SNS],
    description: 'The IAM role behind a role alias grants access to services the devices have not used recently.',
    enabledByDefault: true,
  },
  {
    name: 'LOGGING_DISABLED_CHECK',
    severity: 'LOW',
    reasonCodes: ['LOGGING_DISABLED'],
    resourceType: 'ACCOUNT_SETTINGS',
    applicableActions: [SNS, 'ENABLE_IOT_LOGGING'],
    description: 'AWS IoT logging to CloudWatch is turned off for the account.',
    enabledByDefault: true,
  },
];

/**
 * A table looked up with names users type: without a prototype, so "constructor" or
 * "toString" find nothing instead of Object.prototype's functions.
 */
function lookupTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** Names older AWS documentation uses, mapped to the API check names. */
export const LEGACY_CHECK_ALIASES: Readonly<Record<string, string>> = lookupTable({
  REVOKED_CA_CERT_CHECK: 'REVOKED_CA_CERTIFICATE_STILL_ACTIVE_CHECK',
  CA_CERT_APPROACHING_EXPIRATION_CHECK: 'CA_CERTIFICATE_EXPIRING_CHECK',
  DEVICE_CERT_APPROACHING_EXPIRATION_CHECK: 'DEVICE_CERTIFICATE_EXPIRING_CHECK',
  REVOKED_DEVICE_CERT_CHECK: 'REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK',
});

/** Our own words for each reason code (hover, completion, finding descriptions). */
export const REASON_CODE_DESCRIPTIONS: Readonly<Record<string, string>> = lookupTable({
  ALLOWS_BROAD_ACCESS_TO_IOT_THING_ADMIN_READ_ACTIONS: 'Allows reading thing administration data (e.g. iot:Describe*) on all resources.',
  ALLOWS_ACCESS_TO_IOT_NON_THING_ADMIN_ACTIONS: 'Allows administrative AWS IoT actions beyond things, such as managing policies or certificates.',
  ALLOWS_ACCESS_TO_IOT_THING_ADMIN_WRITE_ACTIONS: 'Allows changing thing administration data (e.g. iot:UpdateThing).',
  ALLOWS_ACCESS_TO_IOT_ADMIN_ACTIONS: 'Allows AWS IoT administrative actions to unauthenticated identities.',
  ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS: 'Allows connect, publish, subscribe or shadow actions on every resource.',
  CERTIFICATE_APPROACHING_EXPIRATION: 'The certificate expires within the configured threshold.',
  CERTIFICATE_PAST_EXPIRATION: 'The certificate has already expired but is still active.',
  'CERTIFICATE_KEY_VULNERABILITY_CVE-2017-15361': 'The key was generated by a library with the ROCA flaw (CVE-2017-15361).',
  'CERTIFICATE_KEY_VULNERABILITY_CVE-2008-0166': 'The key comes from the predictable Debian OpenSSL generator (CVE-2008-0166).',
  CERTIFICATE_REVOKED_BY_ISSUER: 'The issuer revoked the certificate, yet it is still active in AWS IoT.',
  INTERMEDIATE_CA_REVOKED_BY_ISSUER: 'An intermediate CA in the certificate\'s chain was revoked by its issuer.',
  CERTIFICATE_PAST_AGE_THRESHOLD: 'The certificate is older than the configured age threshold.',
  CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES: 'Several client IDs connected with this certificate at overlapping times.',
  DUPLICATE_CLIENT_ID_ACROSS_CONNECTIONS: 'Several connections used this MQTT client ID at the same time.',
  POLICY_CONTAINS_MQTT_WILDCARDS_IN_DENY_STATEMENT: 'A Deny statement names a topic with + or #, which the policy engine takes literally.',
  TOPIC_FILTERS_INTENDED_TO_DENY_ALLOWED_USING_WILDCARDS: 'A topic meant to be denied is still allowed through a wildcard Allow.',
  ALLOWS_BROAD_ACCESS_TO_USED_SERVICES: 'Grants wildcard access to services the devices use.',
  ALLOWS_ACCESS_TO_SECURITY_AUDITING_SERVICES: 'Grants access to security services such as CloudTrail or IAM.',
  ALLOWS_ACCESS_TO_UNUSED_SERVICES: 'Grants access to services the devices have not used in the last year.',
  LOGGING_DISABLED: 'AWS IoT logging is disabled or set to DISABLED.',
});

const checksByName = new Map(AUDIT_CHECKS.map((check) => [check.name, check]));

export function auditCheck(name: string): AuditCheckInfo | undefined {
  return checksByName.get(name);
}

/**
 * The catalogue check a name stands for: an API name, or a legacy name from older AWS
 * documentation (LEGACY_CHECK_ALIASES) resolved to the API's name.
 */
export function resolveAuditCheck(name: string): AuditCheckInfo | undefined {
  return checksByName.get(name) ?? checksByName.get(LEGACY_CHECK_ALIASES[name] ?? '');
}

export function isAuditCheckName(name: unknown): name is string {
  return typeof name === 'string' && checksByName.has(name);
}

export function isActionApplicable(checkName: string, actionType: MitigationActionType): boolean {
  return checksByName.get(checkName)?.applicableActions.includes(actionType) ?? false;
}

/** The ResourceIdentifier member a suppression of `check` names its resource by. */
export function resourceIdentifierMember(check: AuditCheckInfo): string {
  return RESOURCE_IDENTIFIER_MEMBERS[check.resourceType];
}

/** The checks a given action type may be mapped to. */
export function checksForActionType(actionType: MitigationActionType): readonly AuditCheckInfo[] {
  return AUDIT_CHECKS.filter((check) => check.applicableActions.includes(actionType));
}

export const ALL_REASON_CODES: readonly string[] = [...new Set(AUDIT_CHECKS.flatMap((check) => check.reasonCodes))];
