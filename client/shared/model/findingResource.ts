/**
 * How a finding's resource reads to a person: the one formatter the Audits and Tasks trees, the
 * task details view and the preview share. An AuditFinding names its resource by type and a
 * ResourceIdentifier (AWS IoT API reference, "ResourceIdentifier"); which member is filled depends
 * on the type, and the long ids (64 hex digits for a certificate) are shortened for labels and kept
 * whole for tooltips, copying, sorting and filtering.
 */

/** The parts of ResourceIdentifier the formatter reads (all optional, as in the model). */
export interface ResourceIdentifierLike {
  readonly deviceCertificateId?: string;
  readonly caCertificateId?: string;
  readonly cognitoIdentityPoolId?: string;
  readonly clientId?: string;
  readonly policyVersionIdentifier?: { readonly policyName?: string; readonly policyVersionId?: string };
  readonly account?: string;
  readonly iamRoleArn?: string;
  readonly roleAliasArn?: string;
  readonly issuerCertificateIdentifier?: { readonly issuerCertificateSubject?: string; readonly issuerId?: string; readonly issuerCertificateSerialNumber?: string };
  readonly deviceCertificateArn?: string;
}

export interface ResourceLike {
  readonly resourceType?: string;
  readonly resourceIdentifier?: ResourceIdentifierLike;
  readonly additionalInfo?: Readonly<Record<string, string>>;
}

export interface FindingResource {
  /** The ResourceType, or "UNKNOWN" when the finding names none. */
  readonly type: string;
  /** A short noun for the type: "Device certificate", "Policy", ... */
  readonly kind: string;
  /** The identifier as a label shows it: long ids shortened. */
  readonly short: string;
  /** The whole identifier: for tooltips, copying, sorting and filtering. */
  readonly full: string;
  /** `${kind} ${short}`. */
  readonly label: string;
}

const KINDS: Readonly<Record<string, string>> = {
  DEVICE_CERTIFICATE: 'Device certificate',
  CA_CERTIFICATE: 'CA certificate',
  IOT_POLICY: 'Policy',
  COGNITO_IDENTITY_POOL: 'Cognito identity pool',
  CLIENT_ID: 'Client ID',
  ACCOUNT_SETTINGS: 'Account settings',
  ROLE_ALIAS: 'Role alias',
  IAM_ROLE: 'IAM role',
  ISSUER_CERTIFICATE: 'Issuer certificate',
};

/** Certificate ids are 64 hex digits; the first 10 tell them apart in any real fleet. */
const SHORT_ID_LENGTH = 10;

export function shortId(id: string): string {
  return id.length > SHORT_ID_LENGTH + 2 ? `${id.slice(0, SHORT_ID_LENGTH)}…` : id;
}

/** The last path segment of an ARN ("arn:aws:iot:...:rolealias/Name" → "Name"). */
function arnName(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash >= 0 ? arn.slice(slash + 1) : arn;
}

function identify(type: string, id: ResourceIdentifierLike): { short: string; full: string } {
  const policy = id.policyVersionIdentifier;
  const issuer = id.issuerCertificateIdentifier;
  switch (type) {
    case 'DEVICE_CERTIFICATE':
      if (id.deviceCertificateId) return { short: shortId(id.deviceCertificateId), full: id.deviceCertificateId };
      break;
    case 'CA_CERTIFICATE':
      if (id.caCertificateId) return { short: shortId(id.caCertificateId), full: id.caCertificateId };
      break;
    case 'IOT_POLICY':
      if (policy?.policyName) {
        const version = policy.policyVersionId ? ` v${policy.policyVersionId}` : '';
        return { short: `${policy.policyName}${version}`, full: `${policy.policyName}${version}` };
      }
      break;
    case 'CLIENT_ID':
      if (id.clientId) return { short: id.clientId, full: id.clientId };
      break;
    case 'COGNITO_IDENTITY_POOL':
      if (id.cognitoIdentityPoolId) return { short: id.cognitoIdentityPoolId, full: id.cognitoIdentityPoolId };
      break;
    case 'ROLE_ALIAS':
      if (id.roleAliasArn) return { short: arnName(id.roleAliasArn), full: id.roleAliasArn };
      break;
    case 'IAM_ROLE':
      if (id.iamRoleArn) return { short: arnName(id.iamRoleArn), full: id.iamRoleArn };
      break;
    case 'ISSUER_CERTIFICATE':
      if (issuer) {
        const full = [issuer.issuerCertificateSubject, issuer.issuerId, issuer.issuerCertificateSerialNumber].filter(Boolean).join(' · ');
        return { short: issuer.issuerCertificateSubject ?? shortId(full), full };
      }
      break;
    case 'ACCOUNT_SETTINGS':
      return { short: id.account ?? 'this account', full: id.account ?? 'this account' };
  }
  // Whatever the type says, show the first identifier the finding carries.
  const first = [id.deviceCertificateId, id.caCertificateId, id.clientId, id.cognitoIdentityPoolId, id.roleAliasArn, id.iamRoleArn, id.deviceCertificateArn, id.account, policy?.policyName].find(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  return first ? { short: shortId(first), full: first } : { short: '(no identifier)', full: '(no identifier)' };
}

export function findingResource(resource: ResourceLike | undefined): FindingResource {
  const type = resource?.resourceType ?? 'UNKNOWN';
  const kind = KINDS[type] ?? type;
  const { short, full } = identify(type, resource?.resourceIdentifier ?? {});
  return { type, kind, short, full, label: `${kind} ${short}` };
}

/** A finding's resource as the columns of a table: the details view's and the preview's rows. */
export interface ResourceColumns {
  readonly resourceKind: string;
  readonly resourceShort: string;
  readonly resourceFull: string;
}

export function resourceColumns(resource: ResourceLike | undefined): ResourceColumns {
  const { kind, short, full } = findingResource(resource);
  return { resourceKind: kind, resourceShort: short, resourceFull: full };
}
