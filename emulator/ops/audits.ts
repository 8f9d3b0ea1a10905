/**
 * StartOnDemandAuditTask, DescribeAuditTask, ListAuditTasks, CancelAuditTask,
 * ListAuditFindings, DescribeAuditFinding, ListRelatedResourcesForAuditFinding (AWS IoT API Reference, one page per operation; the 90-day
 * retention and the 10 in-progress audits from "AWS IoT Device Defender endpoints and quotas").
 */
import { AUDIT_CHECKS, auditCheck } from '../../common/auditChecks';
import * as limits from '../../common/limits';
import * as model from '../../common/model';
import type { StringShape } from '../../common/shapes';
import { auditStatistics, cancelAudit, createAuditTask, isCheckEnabled } from '../audit/engine';
import { DAY_MS } from '../clock';
import { invalidRequest, limitExceeded, notFound } from '../errors';
import { paginate, timeKey } from '../pagination';
import type { AuditFinding, ResourceRef } from '../state/types';
import { checkStringShape, isObject, jsonOf, type JsonText } from '../http/wire';
import { compact, maxResultsFromQuery, retentionStart, seconds, type Handler } from './operation';

// Read once: the bundles reach common/ through a getter on every use of an import (see http/wire.ts).
const { QUOTAS } = limits;
const { AuditTaskId, AuditTaskStatusShape, AuditTaskTypeShape, AwsAccountId, CertificateId, FindingId, IssuerCertificateSerialNumber, IssuerCertificateSubject, IssuerId, MaxResults, PolicyName, PolicyVersionId, RoleAliasArn, RoleArn } = model;

export const startOnDemandAuditTask: Handler = ({ state, input, now, runner }) => {
  const names = input.body.targetCheckNames;
  if (names === undefined || names === null) throw invalidRequest("Missing required member 'targetCheckNames'.");
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) throw invalidRequest("'targetCheckNames' must be a list of audit check names.");
  if (names.length === 0) throw invalidRequest("'targetCheckNames' must name at least one audit check.");
  for (const name of names as string[]) {
    if (!auditCheck(name)) throw invalidRequest(`${name} is not an audit check. Valid checks: ${AUDIT_CHECKS.map((check) => check.name).join(', ')}.`);
    if (!isCheckEnabled(state, name)) throw invalidRequest(`Audit check ${name} is not enabled for this account; enable it with UpdateAccountAuditConfiguration first.`);
  }
  const running = [...state.auditTasks.values()].filter((task) => task.taskType === 'ON_DEMAND_AUDIT_TASK' && task.taskStatus === 'IN_PROGRESS').length;
  if (running >= QUOTAS.concurrentOnDemandAudits) throw limitExceeded(`${QUOTAS.concurrentOnDemandAudits} on-demand audits are already in progress.`);
  const task = createAuditTask(state, names as string[], now);
  runner.runAudit(state, task.taskId);
  return { taskId: task.taskId };
};

export const describeAuditTask: Handler = ({ state, input }) => {
  const taskId = input.label('taskId', AuditTaskId);
  const task = state.auditTasks.get(taskId);
  if (!task) throw notFound(`Audit task ${taskId} does not exist.`);
  return compact({
    taskStatus: task.taskStatus,
    taskType: task.taskType,
    taskStartTime: seconds(task.taskStartTime),
    taskStatistics: auditStatistics(task),
    scheduledAuditName: task.scheduledAuditName,
    auditDetails: task.auditDetails,
  });
};

export const listAuditTasks: Handler = ({ state, input, now }) => {
  const startTime = input.queryTimestamp('startTime', true)!;
  const endTime = input.queryTimestamp('endTime', true)!;
  const taskType = input.queryString('taskType', AuditTaskTypeShape);
  const taskStatus = input.queryString('taskStatus', AuditTaskStatusShape);
  const maxResults = maxResultsFromQuery(input);
  if (startTime < retentionStart(now)) throw invalidRequest(`startTime is more than ${QUOTAS.retentionDays} days in the past; audit data is kept for ${QUOTAS.retentionDays} days.`);
  if (endTime < startTime) throw invalidRequest('endTime must not be before startTime.');
  const tasks = [...state.auditTasks.values()].filter(
    (task) => task.taskStartTime >= startTime && task.taskStartTime <= endTime && (!taskType || task.taskType === taskType) && (!taskStatus || task.taskStatus === taskStatus),
  );
  const page = paginate(tasks, { operation: 'ListAuditTasks', filters: { startTime, endTime, taskType, taskStatus }, keyOf: (task) => timeKey(task.taskStartTime, task.taskId), order: 'key', maxResults, nextToken: input.queryString('nextToken') });
  return compact({ tasks: page.items.map((task) => ({ taskId: task.taskId, taskStatus: task.taskStatus, taskType: task.taskType })), nextToken: page.nextToken });
};

export const cancelAuditTask: Handler = ({ state, input }) => {
  const taskId = input.label('taskId', AuditTaskId);
  const task = state.auditTasks.get(taskId);
  if (!task) throw notFound(`Audit task ${taskId} does not exist.`);
  if (task.taskStatus !== 'IN_PROGRESS') throw invalidRequest(`Audit task ${taskId} is ${task.taskStatus}; only an audit in progress can be canceled.`);
  cancelAudit(state, task);
  return undefined;
};

/** ResourceIdentifier (AWS IoT API Reference, data type ResourceIdentifier): string members with their shapes, and two nested structures. */
const RESOURCE_IDENTIFIER: Readonly<Record<string, StringShape | Readonly<Record<string, StringShape>>>> = {
  deviceCertificateId: CertificateId,
  caCertificateId: CertificateId,
  cognitoIdentityPoolId: { type: 'string', name: 'CognitoIdentityPoolId' },
  clientId: { type: 'string', name: 'ClientId' },
  policyVersionIdentifier: { policyName: PolicyName, policyVersionId: PolicyVersionId },
  account: AwsAccountId,
  iamRoleArn: RoleArn,
  roleAliasArn: RoleAliasArn,
  issuerCertificateIdentifier: { issuerCertificateSubject: IssuerCertificateSubject, issuerId: IssuerId, issuerCertificateSerialNumber: IssuerCertificateSerialNumber },
  deviceCertificateArn: { type: 'string', name: 'CertificateArn' },
};

function checkResourceIdentifier(value: Record<string, unknown>): void {
  const checkMembers = (where: string, object: Record<string, unknown>, members: Readonly<Record<string, StringShape | Readonly<Record<string, StringShape>>>>) => {
    for (const [key, member] of Object.entries(object)) {
      const shape = members[key];
      if (shape === undefined || member === undefined || member === null) continue; // unknown members are ignored, as restJson1 servers do
      const path = `${where}.${key}`;
      if (typeof shape.type === 'string') {
        if (typeof member !== 'string') throw invalidRequest(`Member '${path}' must be a string.`);
        checkStringShape(path, member, shape as StringShape);
      } else {
        if (!isObject(member)) throw invalidRequest(`Member '${path}' must be an object.`);
        checkMembers(path, member, shape as Readonly<Record<string, StringShape>>);
      }
    }
  };
  checkMembers('resourceIdentifier', value, RESOURCE_IDENTIFIER);
}

function matches(expected: unknown, actual: unknown): boolean {
  if (!isObject(expected)) return expected === actual;
  if (!isObject(actual)) return false;
  return Object.entries(expected).every(([key, value]) => value === undefined || value === null || matches(value, actual[key]));
}

/** DescribeAuditFinding and ListAuditFindings show at most this many related resources; ListRelatedResourcesForAuditFinding pages through all. */
const RELATED_RESOURCES_SHOWN = 10;

/** The related resources a finding shows: none for the intermediate-CA check, whose certificates only ListRelatedResourcesForAuditFinding lists (AWS IoT API Reference). */
function shownRelatedResources(finding: AuditFinding): ResourceRef[] {
  if (finding.checkName === 'INTERMEDIATE_CA_REVOKED_FOR_ACTIVE_DEVICE_CERTIFICATES_CHECK') return [];
  return finding.relatedResources.slice(0, RELATED_RESOURCES_SHOWN);
}

function serializeFinding(finding: AuditFinding): Record<string, unknown> {
  return {
    findingId: finding.findingId,
    taskId: finding.taskId,
    checkName: finding.checkName,
    taskStartTime: seconds(finding.taskStartTime),
    findingTime: seconds(finding.findingTime),
    severity: finding.severity,
    nonCompliantResource: finding.nonCompliantResource,
    relatedResources: shownRelatedResources(finding),
    reasonForNonCompliance: finding.reasonForNonCompliance,
    reasonForNonComplianceCode: finding.reasonForNonComplianceCode,
    isSuppressed: finding.isSuppressed,
  };
}

/** Findings as the API answers them, serialised once per version of the finding. */
const listedFindings = new WeakMap<AuditFinding, JsonText>();

export const listAuditFindings: Handler = ({ state, input, now }) => {
  const taskId = input.bodyString('taskId', AuditTaskId);
  const checkName = input.bodyString('checkName');
  const resourceIdentifier = input.bodyObject('resourceIdentifier');
  if (resourceIdentifier) checkResourceIdentifier(resourceIdentifier);
  const maxResults = input.bodyInt('maxResults', MaxResults.min!, MaxResults.max!);
  const nextToken = input.bodyString('nextToken');
  const startTime = input.bodyTimestamp('startTime');
  const endTime = input.bodyTimestamp('endTime');
  const listSuppressedFindings = input.bodyBool('listSuppressedFindings');
  if (taskId !== undefined && (startTime !== undefined || endTime !== undefined)) throw invalidRequest('Specify either taskId or startTime and endTime, not both.');
  if ((startTime === undefined) !== (endTime === undefined)) throw invalidRequest('startTime and endTime must be given together.');
  const oldest = now - QUOTAS.retentionDays * DAY_MS;
  const wanted = (finding: AuditFinding | undefined): finding is AuditFinding =>
    finding !== undefined &&
    finding.findingTime >= oldest &&
    (startTime === undefined || (finding.findingTime >= startTime && finding.findingTime <= endTime!)) &&
    (checkName === undefined || finding.checkName === checkName) &&
    (listSuppressedFindings === undefined || finding.isSuppressed === listSuppressedFindings) &&
    (!resourceIdentifier || matches(resourceIdentifier, finding.nonCompliantResource.resourceIdentifier));
  // Filtered straight from the table or the audit's index: no copy of every finding first.
  const findings: AuditFinding[] = [];
  if (taskId !== undefined) {
    for (const id of state.findingsByAudit.get(taskId) ?? []) {
      const finding = state.findings.get(id);
      if (wanted(finding)) findings.push(finding);
    }
  } else {
    for (const finding of state.findings.values()) if (wanted(finding)) findings.push(finding);
  }
  const page = paginate(findings, { operation: 'ListAuditFindings', filters: { taskId, checkName, resourceIdentifier, startTime, endTime, listSuppressedFindings }, keyOf: (finding) => finding.findingId, order: 'insertion', maxResults, nextToken });
  return compact({ findings: page.items.map((finding) => jsonOf(listedFindings, finding, serializeFinding)), nextToken: page.nextToken });
};

export const describeAuditFinding: Handler = ({ state, input }) => {
  const findingId = input.label('findingId', FindingId);
  const finding = state.findings.get(findingId);
  if (!finding) throw notFound(`Audit finding ${findingId} does not exist.`);
  return { finding: serializeFinding(finding) };
};

export const listRelatedResourcesForAuditFinding: Handler = ({ state, input }) => {
  const findingId = input.queryString('findingId', FindingId, true)!;
  const finding = state.findings.get(findingId);
  if (!finding) throw notFound(`Audit finding ${findingId} does not exist.`);
  const numbered = finding.relatedResources.map((resource, index) => ({ resource, key: String(index).padStart(8, '0') }));
  const page = paginate(numbered, { operation: 'ListRelatedResourcesForAuditFinding', filters: { findingId }, keyOf: (entry) => entry.key, order: 'key', maxResults: maxResultsFromQuery(input), nextToken: input.queryString('nextToken') });
  return compact({ relatedResources: page.items.map((entry) => entry.resource), nextToken: page.nextToken });
};
