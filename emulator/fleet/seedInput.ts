/**
 * The admin seeding document (POST /_emulator/seed): resources to add to a region, described
 * the way a test thinks about them ("a certificate that expires in 3 days"), plus an optional
 * generated fleet. Every entry's shape is checked before anything is added; references to
 * groups and parents are checked as sections are applied, in the order listed in SECTIONS.
 */
import { isAuditCheckName } from '../../common/auditChecks';
import { QUOTAS } from '../../common/limits';
import { AUDIT_FINDING_SEVERITIES, AuditTaskId, CERTIFICATE_STATUSES, FindingId, type AuditFindingSeverity } from '../../common/model';
import { invalidRequest } from '../errors';
import type { RegionState } from '../state/regionState';
import type { AuditFinding, PolicyVersion, ResourceRef } from '../state/types';
import { checkStringShape, isObject } from '../http/wire';
import { putBillingGroup, putCaCertificate, putCertificate, putConnection, putPolicy, putRole, putThing, putThingGroup, putThingType, type CaCertificateSpec, type CertificateSpec, type ConnectionSpec } from './builders';
import { generateFleet, MAX_GENERATED_THINGS, type FleetOptions } from './generate';
import { newUuid } from './ids';

type Entry = Record<string, unknown>;

const SECTIONS = ['roles', 'topics', 'caCertificates', 'certificates', 'thingTypes', 'billingGroups', 'thingGroups', 'things', 'policies', 'connections', 'cognitoIdentityPools', 'roleAliases', 'suppressions', 'auditFindings', 'logging', 'generate'];

function list(document: Entry, key: string): Entry[] {
  const value = document[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidRequest(`"${key}" must be a list.`);
  return value.map((entry, index) => {
    if (!isObject(entry)) throw invalidRequest(`${key}[${index}] must be an object.`);
    return entry;
  });
}

function text(entry: Entry, key: string, where: string, required = true): string | undefined {
  const value = entry[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.length === 0) throw invalidRequest(`${where}.${key} must be a non-empty string.`);
  return value;
}

/** Thing, thing type and billing group names share the model's pattern. */
function checkName(name: string, where: string): string {
  if (!/^[a-zA-Z0-9:_-]{1,128}$/.test(name)) throw invalidRequest(`${where} may only contain letters, digits, ":", "_" and "-" (1 to 128 characters).`);
  return name;
}

function number(entry: Entry, key: string, where: string): number | undefined {
  const value = entry[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidRequest(`${where}.${key} must be a number.`);
  return value;
}

function strings(entry: Entry, key: string, where: string): string[] | undefined {
  const value = entry[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw invalidRequest(`${where}.${key} must be a list of strings.`);
  return value as string[];
}

function flag(entry: Entry, key: string, where: string): boolean | undefined {
  const value = entry[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalidRequest(`${where}.${key} must be a boolean.`);
  return value;
}

function stringMap(entry: Entry, key: string, where: string): Record<string, string> | undefined {
  const value = entry[key];
  if (value === undefined) return undefined;
  if (!isObject(value) || Object.values(value).some((item) => typeof item !== 'string')) throw invalidRequest(`${where}.${key} must be an object of strings.`);
  return value as Record<string, string>;
}

const CERTIFICATE_ID = /^[a-f0-9]{64}$/;

function certificateSpec(entry: Entry, where: string): CertificateSpec & CaCertificateSpec {
  const certificateId = text(entry, 'certificateId', where, false);
  if (certificateId !== undefined && !CERTIFICATE_ID.test(certificateId)) throw invalidRequest(`${where}.certificateId must be 64 lowercase hex characters.`);
  return {
    certificateId,
    createdDaysAgo: number(entry, 'createdDaysAgo', where),
    expiresInDays: number(entry, 'expiresInDays', where),
    keyVulnerability: text(entry, 'keyVulnerability', where, false),
    revokedByIssuer: flag(entry, 'revokedByIssuer', where),
  };
}

interface SeedResult {
  readonly added: Record<string, number>;
  /** Ids the emulator chose, in document order, so a test can refer to them. */
  readonly certificateIds: string[];
  readonly caCertificateIds: string[];
}

/** Checks and applies a seeding document. */
export function applySeedDocument(state: RegionState, document: unknown, now: number): SeedResult {
  if (!isObject(document)) throw invalidRequest('The seed document must be a JSON object.');
  const unknown = Object.keys(document).filter((key) => !SECTIONS.includes(key));
  if (unknown.length) throw invalidRequest(`Unknown seed section(s): ${unknown.join(', ')}. Sections: ${SECTIONS.join(', ')}.`);
  const changes: (() => void)[] = [];
  const added: Record<string, number> = {};
  const certificateIds: string[] = [];
  const caCertificateIds: string[] = [];
  const count = (key: string) => (added[key] = (added[key] ?? 0) + 1);
  /** Reads every entry of a list section now (bad input fails before any change); the returned change runs later and is counted. */
  const section = (name: string, read: (entry: Entry, where: string) => () => unknown) =>
    list(document, name).forEach((entry, index) => {
      const change = read(entry, `${name}[${index}]`);
      changes.push(() => {
        change();
        count(name);
      });
    });

  section('roles', (entry, where) => {
    const name = text(entry, 'roleName', where, entry.roleArn === undefined);
    const roleArn = text(entry, 'roleArn', where, false);
    const permissions = strings(entry, 'permissions', where) ?? [];
    return () => {
      if (roleArn) state.roles.put(roleArn, { roleArn, permissions });
      else putRole(state, name!, permissions);
    };
  });
  const topics = document.topics === undefined ? [] : document.topics;
  if (!Array.isArray(topics) || topics.some((topic) => typeof topic !== 'string')) throw invalidRequest('"topics" must be a list of topic names or ARNs.');
  for (const topic of topics as string[]) {
    changes.push(() => {
      const topicArn = topic.startsWith('arn:') ? topic : state.arn('sns', topic);
      state.topics.put(topicArn, { topicArn });
      count('topics');
    });
  }
  section('caCertificates', (entry, where) => {
    const spec = certificateSpec(entry, where);
    const status = text(entry, 'status', where, false);
    if (status !== undefined && status !== 'ACTIVE' && status !== 'INACTIVE') throw invalidRequest(`${where}.status must be ACTIVE or INACTIVE.`);
    return () => {
      caCertificateIds.push(putCaCertificate(state, { ...spec, status: status as 'ACTIVE' | 'INACTIVE' | undefined }, now).certificateId);
    };
  });
  section('certificates', (entry, where) => {
    const spec = certificateSpec(entry, where);
    const status = text(entry, 'status', where, false);
    if (status !== undefined && !(CERTIFICATE_STATUSES as readonly string[]).includes(status)) throw invalidRequest(`${where}.status is not a certificate status (${CERTIFICATE_STATUSES.join(', ')}).`);
    const caCertificateId = text(entry, 'caCertificateId', where, false);
    const intermediateCaRevoked = flag(entry, 'intermediateCaRevoked', where);
    return () => {
      certificateIds.push(putCertificate(state, { ...spec, status: status as CertificateSpec['status'], caCertificateId, intermediateCaRevoked }, now).certificateId);
    };
  });
  section('thingTypes', (entry, where) => {
    const thingTypeName = checkName(text(entry, 'thingTypeName', where)!, `${where}.thingTypeName`);
    const deprecated = flag(entry, 'deprecated', where) ?? false;
    return () => {
      putThingType(state, thingTypeName, deprecated, now);
    };
  });
  section('billingGroups', (entry, where) => {
    const billingGroupName = checkName(text(entry, 'billingGroupName', where)!, `${where}.billingGroupName`);
    return () => {
      putBillingGroup(state, billingGroupName, now);
    };
  });
  section('thingGroups', (entry, where) => {
    const groupName = text(entry, 'groupName', where)!;
    if (!/^[a-zA-Z0-9:_-]{1,128}$/.test(groupName)) throw invalidRequest(`${where}.groupName may only contain letters, digits, ":", "_" and "-".`);
    const spec = { groupName, parentGroupName: text(entry, 'parentGroupName', where, false), dynamic: flag(entry, 'dynamic', where), queryString: text(entry, 'queryString', where, false), description: text(entry, 'description', where, false), attributes: stringMap(entry, 'attributes', where) };
    return () => {
      if (spec.parentGroupName && !state.thingGroups.has(spec.parentGroupName)) throw invalidRequest(`${where}.parentGroupName ${spec.parentGroupName} does not exist.`);
      putThingGroup(state, spec, now);
    };
  });
  section('things', (entry, where) => {
    const thingName = text(entry, 'thingName', where)!;
    if (!/^[a-zA-Z0-9:_-]{1,128}$/.test(thingName)) throw invalidRequest(`${where}.thingName may only contain letters, digits, ":", "_" and "-".`);
    const spec = {
      thingName,
      attributes: stringMap(entry, 'attributes', where),
      groupNames: strings(entry, 'groupNames', where),
      principals: strings(entry, 'certificateIds', where),
      thingTypeName: text(entry, 'thingTypeName', where, false),
      billingGroupName: text(entry, 'billingGroupName', where, false),
    };
    return () => {
      for (const group of spec.groupNames ?? []) if (!state.thingGroups.has(group)) throw invalidRequest(`${where}: thing group ${group} does not exist.`);
      if (spec.thingTypeName && !state.thingTypes.has(spec.thingTypeName)) throw invalidRequest(`${where}: thing type ${spec.thingTypeName} does not exist (seed it under "thingTypes").`);
      if (spec.billingGroupName && !state.billingGroups.has(spec.billingGroupName)) throw invalidRequest(`${where}: billing group ${spec.billingGroupName} does not exist (seed it under "billingGroups").`);
      putThing(state, spec, now);
    };
  });
  section('policies', (entry, where) => {
    const policyName = text(entry, 'policyName', where)!;
    const versions = policyVersions(entry, where, now);
    if (!versions && !isObject(entry.document) && typeof entry.document !== 'string') throw invalidRequest(`${where}.document must be a policy document (object or JSON string).`);
    return () => {
      const policy = putPolicy(state, policyName, versions ? versions.list[versions.defaultIndex].document : entry.document, now);
      if (versions) state.policies.put(policyName, { ...policy, versions: versions.list, defaultVersionId: versions.list[versions.defaultIndex].versionId });
    };
  });
  section('connections', (entry, where) => {
    const spec: ConnectionSpec = {
      clientId: text(entry, 'clientId', where)!,
      certificateId: text(entry, 'certificateId', where)!,
      thingName: text(entry, 'thingName', where, false),
      sourceIp: text(entry, 'sourceIp', where, false),
      connectedMinutesAgo: number(entry, 'connectedMinutesAgo', where) ?? 60,
      disconnectedMinutesAgo: number(entry, 'disconnectedMinutesAgo', where),
    };
    return () => {
      putConnection(state, spec, now);
    };
  });
  section('cognitoIdentityPools', (entry, where) => {
    const pool = { identityPoolId: text(entry, 'identityPoolId', where)!, authenticatedRoleArn: text(entry, 'authenticatedRoleArn', where, false), unauthenticatedRoleArn: text(entry, 'unauthenticatedRoleArn', where, false) };
    return () => {
      state.cognitoIdentityPools.put(pool.identityPoolId, pool);
    };
  });
  section('roleAliases', (entry, where) => {
    const roleAlias = text(entry, 'roleAlias', where)!;
    const roleArn = text(entry, 'roleArn', where)!;
    const usedServices = strings(entry, 'usedServices', where) ?? [];
    return () => {
      state.roleAliases.put(roleAlias, { roleAlias, roleAliasArn: state.arn('iot', `rolealias/${roleAlias}`), roleArn, usedServices });
    };
  });
  section('suppressions', (entry, where) => {
    const checkName = text(entry, 'checkName', where)!;
    if (!isObject(entry.resourceIdentifier)) throw invalidRequest(`${where}.resourceIdentifier must be an object.`);
    const suppression = { suppressionId: newUuid(), checkName, resourceIdentifier: entry.resourceIdentifier, description: text(entry, 'description', where, false) };
    return () => {
      state.suppressions.put(suppression.suppressionId, suppression);
    };
  });
  section('auditFindings', (entry, where) => {
    const finding = auditFinding(entry, where, now);
    return () => {
      if (state.findings.has(finding.findingId)) throw invalidRequest(`${where}: finding ${finding.findingId} already exists.`);
      putFindingWithAudit(state, finding);
    };
  });
  if (document.logging !== undefined) {
    const logging = document.logging;
    if (logging !== null && !isObject(logging)) throw invalidRequest('"logging" must be an object or null.');
    changes.push(() => {
      state.logging = logging === null ? undefined : { roleArn: logging.roleArn as string | undefined, defaultLogLevel: logging.defaultLogLevel as string | undefined, disableAllLogs: logging.disableAllLogs === true };
      count('logging');
    });
  }
  if (document.generate !== undefined) {
    if (!isObject(document.generate)) throw invalidRequest('"generate" must be an object such as {"things": 100000}.');
    const things = number(document.generate, 'things', 'generate');
    if (things === undefined || !Number.isInteger(things) || things < 1 || things > MAX_GENERATED_THINGS) throw invalidRequest(`generate.things must be a whole number from 1 to ${MAX_GENERATED_THINGS}.`);
    const options: FleetOptions = {
      things,
      prefix: text(document.generate, 'prefix', 'generate', false),
      expiringPercent: number(document.generate, 'expiringPercent', 'generate'),
      weakKeyPercent: number(document.generate, 'weakKeyPercent', 'generate'),
      groups: number(document.generate, 'groups', 'generate'),
    };
    changes.push(() => {
      const generated = generateFleet(state, options, now);
      added.generatedThings = generated.things;
    });
  }
  for (const change of changes) change();
  return { added, certificateIds, caCertificateIds };
}

/**
 * `versions: [{versionId, document}]` with `defaultVersionId`: a policy as it stands after edits,
 * e.g. versions 1 and 3 with 3 the default, so the next version is 4 as in the account.
 */
function policyVersions(entry: Entry, where: string, now: number): { list: PolicyVersion[]; defaultIndex: number } | undefined {
  if (entry.versions === undefined) return undefined;
  const entries = list(entry, 'versions').map((version, index) => {
    const versionWhere = `${where}.versions[${index}]`;
    const versionId = text(version, 'versionId', versionWhere)!;
    if (!/^[1-9]\d{0,8}$/.test(versionId)) throw invalidRequest(`${versionWhere}.versionId must be a policy version number such as "3".`);
    if (!isObject(version.document) && typeof version.document !== 'string') throw invalidRequest(`${versionWhere}.document must be a policy document (object or JSON string).`);
    const document = typeof version.document === 'string' ? version.document : JSON.stringify(version.document, null, 2);
    return { versionId, document, createDate: now };
  });
  if (entries.length === 0 || entries.length > QUOTAS.policyVersionsPerPolicy) throw invalidRequest(`${where}.versions must list 1 to ${QUOTAS.policyVersionsPerPolicy} versions.`);
  if (new Set(entries.map((version) => version.versionId)).size !== entries.length) throw invalidRequest(`${where}.versions has the same versionId twice.`);
  const defaultVersionId = text(entry, 'defaultVersionId', where, false) ?? entries[entries.length - 1].versionId;
  const defaultIndex = entries.findIndex((version) => version.versionId === defaultVersionId);
  if (defaultIndex < 0) throw invalidRequest(`${where}.defaultVersionId ${defaultVersionId} is not one of its versions.`);
  return { list: entries, defaultIndex };
}

function resourceRef(value: unknown, where: string): ResourceRef {
  if (!isObject(value) || typeof value.resourceType !== 'string' || !isObject(value.resourceIdentifier)) throw invalidRequest(`${where} must be an object with resourceType and resourceIdentifier.`);
  const additionalInfo = value.additionalInfo === undefined ? undefined : stringMap(value, 'additionalInfo', where);
  return { resourceType: value.resourceType, resourceIdentifier: value.resourceIdentifier, ...(additionalInfo ? { additionalInfo } : {}) };
}

/** A finding with the id it has in another account or emulator, so a copy maps 1:1 (the rehearsal's twin). */
function auditFinding(entry: Entry, where: string, now: number): AuditFinding {
  const findingId = checkStringShape(`${where}.findingId`, text(entry, 'findingId', where)!, FindingId);
  const taskId = checkStringShape(`${where}.taskId`, text(entry, 'taskId', where)!, AuditTaskId);
  const checkName = text(entry, 'checkName', where)!;
  if (!isAuditCheckName(checkName)) throw invalidRequest(`${where}.checkName ${checkName} is not an audit check.`);
  const severity = text(entry, 'severity', where, false) ?? 'MEDIUM';
  if (!(AUDIT_FINDING_SEVERITIES as readonly string[]).includes(severity)) throw invalidRequest(`${where}.severity must be one of ${AUDIT_FINDING_SEVERITIES.join(', ')}.`);
  const related = entry.relatedResources === undefined ? [] : entry.relatedResources;
  if (!Array.isArray(related)) throw invalidRequest(`${where}.relatedResources must be a list.`);
  return {
    findingId,
    taskId,
    checkName,
    taskStartTime: now,
    findingTime: now,
    severity: severity as AuditFindingSeverity,
    nonCompliantResource: resourceRef(entry.nonCompliantResource, `${where}.nonCompliantResource`),
    relatedResources: related.map((resource, index) => resourceRef(resource, `${where}.relatedResources[${index}]`)),
    reasonForNonCompliance: text(entry, 'reasonForNonCompliance', where, false) ?? '',
    reasonForNonComplianceCode: text(entry, 'reasonForNonComplianceCode', where)!,
    isSuppressed: flag(entry, 'isSuppressed', where) ?? false,
  };
}

/** Adds the finding, and a completed on-demand audit for it when its audit task is not there yet. */
function putFindingWithAudit(state: RegionState, finding: AuditFinding): void {
  const audit = state.auditTasks.get(finding.taskId) ?? { taskId: finding.taskId, taskType: 'ON_DEMAND_AUDIT_TASK' as const, taskStatus: 'COMPLETED' as const, taskStartTime: finding.taskStartTime, targetCheckNames: [], auditDetails: {} };
  const details = audit.auditDetails[finding.checkName] ?? { checkRunStatus: 'COMPLETED_NON_COMPLIANT' as const, checkCompliant: false, totalResourcesCount: 0, nonCompliantResourcesCount: 0, suppressedNonCompliantResourcesCount: 0 };
  state.auditTasks.put(audit.taskId, {
    ...audit,
    targetCheckNames: audit.targetCheckNames.includes(finding.checkName) ? audit.targetCheckNames : [...audit.targetCheckNames, finding.checkName],
    auditDetails: {
      ...audit.auditDetails,
      [finding.checkName]: {
        ...details,
        totalResourcesCount: (details.totalResourcesCount ?? 0) + 1,
        nonCompliantResourcesCount: (details.nonCompliantResourcesCount ?? 0) + (finding.isSuppressed ? 0 : 1),
        suppressedNonCompliantResourcesCount: (details.suppressedNonCompliantResourcesCount ?? 0) + (finding.isSuppressed ? 1 : 0),
      },
    },
  });
  state.findings.put(finding.findingId, finding);
}
