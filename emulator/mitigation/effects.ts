/**
 * What each mitigation action type really does to the region (AWS IoT
 * Device Defender Developer Guide, "Mitigation actions"): the
 * change is visible afterwards through DescribeCertificate, ListThingGroupsForThing,
 * GetPolicy, GetV2LoggingOptions and the admin SNS endpoint. A role the emulator knows
 * must hold the action type's permissions; roles it does not know are taken as allowed.
 */
import { actionTypeInfo, actionTypeOfParams } from '../../common/actionTypes';
import { QUOTAS } from '../../common/limits';
import { newUuid } from '../fleet/ids';
import { allows } from '../audit/permissions';
import type { RegionState } from '../state/regionState';
import type { ActionDefinition, AuditFinding, Thing } from '../state/types';

export type Outcome = { ok: true } | { ok: false; errorCode: 'INSUFFICIENT_PERMISSIONS' | 'INVALID_STATE_OF_RESOURCE'; message: string };

const OK: Outcome = { ok: true };
const invalidState = (message: string): Outcome => ({ ok: false, errorCode: 'INVALID_STATE_OF_RESOURCE', message });

const BLANK_POLICY_DOCUMENT = JSON.stringify({ Version: '2012-10-17', Statement: [] });

function missingPermission(state: RegionState, roleArn: string, needed: readonly string[]): string | undefined {
  const role = state.roles.get(roleArn);
  if (!role) return undefined;
  return needed.find((permission) => !allows(role.permissions, permission));
}

export function applyAction(state: RegionState, action: ActionDefinition, finding: AuditFinding, now: number, taskId: string): Outcome {
  return prepareAction(state, action)(finding, now, taskId);
}

/** An action ready to apply to finding after finding. */
export type PreparedAction = (finding: AuditFinding, now: number, taskId: string) => Outcome;

/**
 * Resolves an action's type, parameters and role once, for a run of findings that no request
 * interleaves with (nothing an action does changes roles), instead of once per finding.
 */
export function prepareAction(state: RegionState, action: ActionDefinition): PreparedAction {
  const type = actionTypeOfParams(action.actionParams);
  if (!type) {
    const outcome = invalidState(`Action ${action.name} has no valid actionParams.`);
    return () => outcome;
  }
  const missing = missingPermission(state, action.roleArn, actionTypeInfo(type).permissions);
  if (missing) {
    const outcome: Outcome = { ok: false, errorCode: 'INSUFFICIENT_PERMISSIONS', message: `Role ${action.roleArn} is not authorized to perform ${missing}.` };
    return () => outcome;
  }
  const params = action.actionParams[actionTypeInfo(type).paramsKey] as Record<string, unknown>;
  switch (type) {
    case 'UPDATE_DEVICE_CERTIFICATE':
      return (finding, now) => deactivateDeviceCertificate(state, finding, now);
    case 'UPDATE_CA_CERTIFICATE':
      return (finding, now) => deactivateCaCertificate(state, finding, now);
    case 'ADD_THINGS_TO_THING_GROUP':
      return (finding) => addThingsToGroups(state, finding, params.thingGroupNames as string[], params.overrideDynamicGroups === true);
    case 'REPLACE_DEFAULT_POLICY_VERSION':
      return (finding, now) => replaceDefaultPolicyVersion(state, finding, now);
    case 'ENABLE_IOT_LOGGING': {
      const loggingRole = params.roleArnForLogging as string;
      const passRole = missingPermission(state, action.roleArn, ['iam:PassRole']);
      if (passRole) {
        const outcome: Outcome = { ok: false, errorCode: 'INSUFFICIENT_PERMISSIONS', message: `Role ${action.roleArn} cannot pass ${loggingRole}.` };
        return () => outcome;
      }
      return () => {
        state.logging = { roleArn: loggingRole, defaultLogLevel: params.logLevel as string, disableAllLogs: false };
        return OK;
      };
    }
    case 'PUBLISH_FINDING_TO_SNS': {
      const topicArn = params.topicArn as string;
      return (finding, now, taskId) => {
        state.snsMessages.put(newUuid(), {
          messageId: newUuid(),
          topicArn,
          subject: `AWS IoT Device Defender finding: ${finding.checkName}`,
          message: JSON.stringify({ taskId, findingId: finding.findingId, checkName: finding.checkName, severity: finding.severity, reasonForNonComplianceCode: finding.reasonForNonComplianceCode, nonCompliantResource: finding.nonCompliantResource }),
          timestamp: now,
          taskId,
        });
        return OK;
      };
    }
  }
}

function deviceCertificateId(finding: AuditFinding): string | undefined {
  const id = finding.nonCompliantResource.resourceIdentifier.deviceCertificateId;
  return typeof id === 'string' ? id : undefined;
}

function deactivateDeviceCertificate(state: RegionState, finding: AuditFinding, now: number): Outcome {
  const id = deviceCertificateId(finding);
  const certificate = id ? state.certificates.get(id) : undefined;
  if (!certificate) return invalidState(`The finding's device certificate ${id ?? '(none)'} does not exist.`);
  if (certificate.status === 'REVOKED') return invalidState(`Certificate ${certificate.certificateId} is already REVOKED.`);
  if (certificate.status !== 'INACTIVE') state.certificates.put(certificate.certificateId, { ...certificate, status: 'INACTIVE', lastModifiedDate: now, customerVersion: certificate.customerVersion + 1 });
  return OK;
}

function deactivateCaCertificate(state: RegionState, finding: AuditFinding, now: number): Outcome {
  const id = finding.nonCompliantResource.resourceIdentifier.caCertificateId;
  const ca = typeof id === 'string' ? state.caCertificates.get(id) : undefined;
  if (!ca) return invalidState(`The finding's CA certificate ${String(id ?? '(none)')} does not exist.`);
  if (ca.status !== 'INACTIVE') state.caCertificates.put(ca.certificateId, { ...ca, status: 'INACTIVE', lastModifiedDate: now, customerVersion: ca.customerVersion + 1 });
  return OK;
}

/** Things behind a finding: those attached to its device certificate. */
function thingsOfFinding(state: RegionState, finding: AuditFinding): Thing[] {
  const id = deviceCertificateId(finding);
  const names = id ? state.thingsByCertificate.get(id) : undefined;
  return [...(names ?? [])].map((name) => state.things.get(name)).filter((thing): thing is Thing => thing !== undefined);
}

/**
 * Adds a thing to static groups under the thing-group rules: at most 10 groups, one group per
 * hierarchy, dynamic groups evicted only with overrideDynamicGroups. Returns the new group list
 * or an error message; changes nothing itself.
 */
export function planGroupMembership(state: RegionState, thing: Thing, groupNames: readonly string[], overrideDynamicGroups: boolean): string[] | string {
  const groups = [...thing.groupNames];
  for (const groupName of groupNames) {
    const group = state.thingGroups.get(groupName);
    if (!group) return `Thing group ${groupName} does not exist.`;
    if (group.dynamic) return `Thing group ${groupName} is a dynamic group; things cannot be added to it.`;
    if (groups.includes(groupName)) continue;
    const sameHierarchy = groups.find((name) => name !== groupName && state.thingGroups.get(name)?.rootGroupName === group.rootGroupName && !state.thingGroups.get(name)?.dynamic);
    if (sameHierarchy) return `Thing ${thing.thingName} is already in ${sameHierarchy}, in the same hierarchy as ${groupName}; a thing can be in only one group per hierarchy.`;
    if (groups.length >= QUOTAS.groupsPerThing) {
      const dynamic = overrideDynamicGroups ? groups.find((name) => state.thingGroups.get(name)?.dynamic) : undefined;
      if (!dynamic) return `Thing ${thing.thingName} is already in ${QUOTAS.groupsPerThing} thing groups${overrideDynamicGroups ? ', none of them dynamic' : ' (overrideDynamicGroups is not set)'}.`;
      groups.splice(groups.indexOf(dynamic), 1);
    }
    groups.push(groupName);
  }
  return groups;
}

function addThingsToGroups(state: RegionState, finding: AuditFinding, groupNames: string[], overrideDynamicGroups: boolean): Outcome {
  const things = thingsOfFinding(state, finding);
  if (things.length === 0) return invalidState('No things are attached to the finding\'s device certificate.');
  const plans: [Thing, string[]][] = [];
  for (const thing of things) {
    const plan = planGroupMembership(state, thing, groupNames, overrideDynamicGroups);
    if (typeof plan === 'string') return invalidState(plan);
    plans.push([thing, plan]);
  }
  for (const [thing, groups] of plans) {
    if (groups.join('\0') !== thing.groupNames.join('\0')) state.things.put(thing.thingName, { ...thing, groupNames: groups, version: thing.version + 1 });
  }
  return OK;
}

function replaceDefaultPolicyVersion(state: RegionState, finding: AuditFinding, now: number): Outcome {
  const identifier = finding.nonCompliantResource.resourceIdentifier.policyVersionIdentifier as { policyName?: string } | undefined;
  const policy = identifier?.policyName ? state.policies.get(identifier.policyName) : undefined;
  if (!policy) return invalidState(`The finding's policy ${identifier?.policyName ?? '(none)'} does not exist.`);
  if (policy.versions.length >= QUOTAS.policyVersionsPerPolicy) return invalidState(`Policy ${policy.policyName} already has ${QUOTAS.policyVersionsPerPolicy} versions; delete one before a new default can be created.`);
  const versionId = String(Math.max(...policy.versions.map((version) => Number(version.versionId))) + 1);
  state.policies.put(policy.policyName, {
    ...policy,
    versions: [...policy.versions, { versionId, document: BLANK_POLICY_DOCUMENT, createDate: now }],
    defaultVersionId: versionId,
    lastModifiedDate: now,
  });
  return OK;
}
