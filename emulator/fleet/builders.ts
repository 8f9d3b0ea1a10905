/**
 * Adding resources to a region with realistic defaults. The demo seed, the fleet generator
 * and the admin seeding endpoint all go through these, so a seeded thing looks exactly like
 * one created through the API.
 */
import { DAY_MS } from '../clock';
import type { RegionState } from '../state/regionState';
import type { CaCertificate, Certificate, CertificateBase, CertificateStatus, Connection, Policy, Tag, Thing, ThingGroup } from '../state/types';
import { dynamicMembership, populateDynamicGroup } from './dynamicGroups';
import { newCertificateId, newUuid } from './ids';

interface ThingSpec {
  thingName: string;
  thingTypeName?: string;
  billingGroupName?: string;
  attributes?: Record<string, string>;
  groupNames?: string[];
  principals?: string[];
  thingId?: string;
}

export function putThing(state: RegionState, spec: ThingSpec, now: number): Thing {
  const attributes = spec.attributes ?? {};
  const thing: Thing = {
    thingName: spec.thingName,
    thingId: spec.thingId ?? newUuid(),
    thingArn: state.arn('iot', `thing/${spec.thingName}`),
    attributes,
    version: 1,
    // Dynamic groups with a query the emulator evaluates follow the attributes (fleet/dynamicGroups.ts).
    groupNames: dynamicMembership(state, spec.groupNames ?? [], { attributes }),
    principals: spec.principals ?? [],
    creationDate: now,
  };
  if (spec.thingTypeName) thing.thingTypeName = spec.thingTypeName;
  if (spec.billingGroupName) thing.billingGroupName = spec.billingGroupName;
  state.things.put(thing.thingName, thing);
  return thing;
}

interface ThingGroupSpec {
  groupName: string;
  parentGroupName?: string;
  dynamic?: boolean;
  queryString?: string;
  description?: string;
  attributes?: Record<string, string>;
  tags?: Tag[];
}

export function putThingGroup(state: RegionState, spec: ThingGroupSpec, now: number): ThingGroup {
  const parent = spec.parentGroupName ? state.thingGroups.get(spec.parentGroupName) : undefined;
  const group: ThingGroup = {
    groupName: spec.groupName,
    groupId: newUuid(),
    groupArn: state.arn('iot', `thinggroup/${spec.groupName}`),
    rootGroupName: parent ? parent.rootGroupName : spec.groupName,
    dynamic: spec.dynamic ?? false,
    attributes: spec.attributes ?? {},
    creationDate: now,
  };
  if (parent) group.parentGroupName = parent.groupName;
  if (spec.queryString) group.queryString = spec.queryString;
  if (spec.description) group.description = spec.description;
  if (spec.tags?.length) group.tags = spec.tags;
  state.thingGroups.put(group.groupName, group);
  populateDynamicGroup(state, group);
  return group;
}

/** What device and CA certificate specs share. */
interface CertificateBaseSpec {
  certificateId?: string;
  /** Days relative to now; negative is in the past. */
  createdDaysAgo?: number;
  expiresInDays?: number;
  keyVulnerability?: string;
  revokedByIssuer?: boolean;
}

export interface CertificateSpec extends CertificateBaseSpec {
  status?: CertificateStatus;
  caCertificateId?: string;
  intermediateCaRevoked?: boolean;
}

export interface CaCertificateSpec extends CertificateBaseSpec {
  status?: 'ACTIVE' | 'INACTIVE';
}

/** The members both kinds of certificate have; `arnPrefix` is `cert` or `cacert`, the ages default per kind. */
function certificateBase(state: RegionState, spec: CertificateBaseSpec, now: number, arnPrefix: string, defaults: { createdDaysAgo: number; expiresInDays: number }): CertificateBase {
  const id = spec.certificateId ?? newCertificateId();
  const created = now - (spec.createdDaysAgo ?? defaults.createdDaysAgo) * DAY_MS;
  const base: CertificateBase = {
    certificateId: id,
    certificateArn: state.arn('iot', `${arnPrefix}/${id}`),
    creationDate: created,
    lastModifiedDate: created,
    notBefore: created,
    notAfter: now + (spec.expiresInDays ?? defaults.expiresInDays) * DAY_MS,
    customerVersion: 1,
  };
  if (spec.keyVulnerability) base.keyVulnerability = spec.keyVulnerability;
  if (spec.revokedByIssuer) base.revokedByIssuer = true;
  return base;
}

export function putCertificate(state: RegionState, spec: CertificateSpec, now: number): Certificate {
  const certificate: Certificate = { ...certificateBase(state, spec, now, 'cert', { createdDaysAgo: 30, expiresInDays: 365 }), status: spec.status ?? 'ACTIVE' };
  if (spec.caCertificateId) certificate.caCertificateId = spec.caCertificateId;
  if (spec.intermediateCaRevoked) certificate.intermediateCaRevoked = true;
  state.certificates.put(certificate.certificateId, certificate);
  return certificate;
}

export function putCaCertificate(state: RegionState, spec: CaCertificateSpec, now: number): CaCertificate {
  const ca: CaCertificate = { ...certificateBase(state, spec, now, 'cacert', { createdDaysAgo: 400, expiresInDays: 3650 }), status: spec.status ?? 'ACTIVE', autoRegistrationStatus: 'DISABLE' };
  state.caCertificates.put(ca.certificateId, ca);
  return ca;
}

export function putPolicy(state: RegionState, policyName: string, document: unknown, now: number): Policy {
  const text = typeof document === 'string' ? document : JSON.stringify(document, null, 2);
  const policy: Policy = {
    policyName,
    policyArn: state.arn('iot', `policy/${policyName}`),
    versions: [{ versionId: '1', document: text, createDate: now }],
    defaultVersionId: '1',
    creationDate: now,
    lastModifiedDate: now,
  };
  state.policies.put(policyName, policy);
  return policy;
}

export interface ConnectionSpec {
  clientId: string;
  certificateId: string;
  thingName?: string;
  sourceIp?: string;
  connectedMinutesAgo: number;
  /** Omitted: still connected. */
  disconnectedMinutesAgo?: number;
}

export function putConnection(state: RegionState, spec: ConnectionSpec, now: number): Connection {
  const connection: Connection = {
    connectionId: newUuid(),
    clientId: spec.clientId,
    certificateId: spec.certificateId,
    connectedAt: now - spec.connectedMinutesAgo * 60_000,
  };
  if (spec.thingName) connection.thingName = spec.thingName;
  if (spec.sourceIp) connection.sourceIp = spec.sourceIp;
  if (spec.disconnectedMinutesAgo !== undefined) connection.disconnectedAt = now - spec.disconnectedMinutesAgo * 60_000;
  state.connections.put(connection.connectionId, connection);
  return connection;
}

export function putRole(state: RegionState, roleName: string, permissions: string[]): string {
  const roleArn = `arn:aws:iam::${state.account}:role/${roleName}`;
  state.roles.put(roleArn, { roleArn, permissions });
  return roleArn;
}

export function putThingType(state: RegionState, thingTypeName: string, deprecated: boolean, now: number): void {
  state.thingTypes.put(thingTypeName, { thingTypeName, thingTypeId: newUuid(), thingTypeArn: state.arn('iot', `thingtype/${thingTypeName}`), deprecated, creationDate: now });
}

export function putBillingGroup(state: RegionState, billingGroupName: string, now: number): void {
  state.billingGroups.put(billingGroupName, { billingGroupName, billingGroupId: newUuid(), billingGroupArn: state.arn('iot', `billinggroup/${billingGroupName}`), creationDate: now });
}
