/**
 * The route table: every operation the emulator implements, with its exact restJson1 binding
 * (iot-api.md §3.4 and the model), whether it mutates state (journaled before the response),
 * how it is validated and which family it belongs to. The coverage table in docs/emulator.md
 * is generated from this table (scripts/emulator-coverage.ts).
 */
import { AWS_IOT_OPERATIONS } from './awsIotOperations';
import * as audits from '../ops/audits';
import * as certificates from '../ops/certificates';
import * as logging from '../ops/logging';
import * as actions from '../ops/mitigationActions';
import * as tasks from '../ops/mitigationTasks';
import type { Handler } from '../ops/operation';
import * as policies from '../ops/policies';
import * as things from '../ops/things';

export type Family = 'Mitigation actions' | 'Mitigation tasks' | 'Audits' | 'Things and groups' | 'Certificates' | 'Policies' | 'Logging';

export interface Route {
  readonly operation: string;
  readonly method: string;
  readonly uri: string;
  readonly handler: Handler;
  readonly mutating: boolean;
  readonly family: Family;
  /** What is checked beyond the model's constraints (emulator/http/modelInput.ts checks those for every route), for the coverage table. */
  readonly validation: string;
}

const COMMON = ' + the common/validate.ts rules';
const WIRE = '';

export const ROUTES: readonly Route[] = [
  { operation: 'CreateMitigationAction', method: 'POST', uri: '/mitigationactions/actions/{actionName}', handler: actions.createMitigationAction, mutating: true, family: 'Mitigation actions', validation: COMMON },
  { operation: 'UpdateMitigationAction', method: 'PATCH', uri: '/mitigationactions/actions/{actionName}', handler: actions.updateMitigationAction, mutating: true, family: 'Mitigation actions', validation: COMMON },
  { operation: 'ListMitigationActions', method: 'GET', uri: '/mitigationactions/actions', handler: actions.listMitigationActions, mutating: false, family: 'Mitigation actions', validation: WIRE },
  { operation: 'DescribeMitigationAction', method: 'GET', uri: '/mitigationactions/actions/{actionName}', handler: actions.describeMitigationAction, mutating: false, family: 'Mitigation actions', validation: WIRE },
  { operation: 'DeleteMitigationAction', method: 'DELETE', uri: '/mitigationactions/actions/{actionName}', handler: actions.deleteMitigationAction, mutating: true, family: 'Mitigation actions', validation: WIRE },
  { operation: 'StartAuditMitigationActionsTask', method: 'POST', uri: '/audit/mitigationactions/tasks/{taskId}', handler: tasks.startAuditMitigationActionsTask, mutating: true, family: 'Mitigation tasks', validation: COMMON },
  { operation: 'CancelAuditMitigationActionsTask', method: 'PUT', uri: '/audit/mitigationactions/tasks/{taskId}/cancel', handler: tasks.cancelAuditMitigationActionsTask, mutating: true, family: 'Mitigation tasks', validation: WIRE },
  { operation: 'ListAuditMitigationActionsExecutions', method: 'GET', uri: '/audit/mitigationactions/executions', handler: tasks.listAuditMitigationActionsExecutions, mutating: false, family: 'Mitigation tasks', validation: WIRE },
  { operation: 'ListAuditMitigationActionsTasks', method: 'GET', uri: '/audit/mitigationactions/tasks', handler: tasks.listAuditMitigationActionsTasks, mutating: false, family: 'Mitigation tasks', validation: WIRE },
  { operation: 'DescribeAuditMitigationActionsTask', method: 'GET', uri: '/audit/mitigationactions/tasks/{taskId}', handler: tasks.describeAuditMitigationActionsTask, mutating: false, family: 'Mitigation tasks', validation: WIRE },
  { operation: 'StartOnDemandAuditTask', method: 'POST', uri: '/audit/tasks', handler: audits.startOnDemandAuditTask, mutating: true, family: 'Audits', validation: WIRE },
  { operation: 'DescribeAuditTask', method: 'GET', uri: '/audit/tasks/{taskId}', handler: audits.describeAuditTask, mutating: false, family: 'Audits', validation: WIRE },
  { operation: 'ListAuditTasks', method: 'GET', uri: '/audit/tasks', handler: audits.listAuditTasks, mutating: false, family: 'Audits', validation: WIRE },
  { operation: 'CancelAuditTask', method: 'PUT', uri: '/audit/tasks/{taskId}/cancel', handler: audits.cancelAuditTask, mutating: true, family: 'Audits', validation: WIRE },
  { operation: 'ListAuditFindings', method: 'POST', uri: '/audit/findings', handler: audits.listAuditFindings, mutating: false, family: 'Audits', validation: WIRE },
  { operation: 'DescribeAuditFinding', method: 'GET', uri: '/audit/findings/{findingId}', handler: audits.describeAuditFinding, mutating: false, family: 'Audits', validation: WIRE },
  { operation: 'DescribeAccountAuditConfiguration', method: 'GET', uri: '/audit/configuration', handler: audits.describeAccountAuditConfiguration, mutating: false, family: 'Audits', validation: WIRE },
  { operation: 'UpdateAccountAuditConfiguration', method: 'PATCH', uri: '/audit/configuration', handler: audits.updateAccountAuditConfiguration, mutating: true, family: 'Audits', validation: WIRE },
  { operation: 'CreateThing', method: 'POST', uri: '/things/{thingName}', handler: things.createThing, mutating: true, family: 'Things and groups', validation: WIRE },
  { operation: 'DescribeThing', method: 'GET', uri: '/things/{thingName}', handler: things.describeThing, mutating: false, family: 'Things and groups', validation: WIRE },
  { operation: 'ListThings', method: 'GET', uri: '/things', handler: things.listThings, mutating: false, family: 'Things and groups', validation: WIRE },
  { operation: 'CreateThingGroup', method: 'POST', uri: '/thing-groups/{thingGroupName}', handler: things.createThingGroup, mutating: true, family: 'Things and groups', validation: WIRE },
  { operation: 'AddThingToThingGroup', method: 'PUT', uri: '/thing-groups/addThingToThingGroup', handler: things.addThingToThingGroup, mutating: true, family: 'Things and groups', validation: WIRE },
  { operation: 'ListThingGroupsForThing', method: 'GET', uri: '/things/{thingName}/thing-groups', handler: things.listThingGroupsForThing, mutating: false, family: 'Things and groups', validation: WIRE },
  { operation: 'ListThingsInThingGroup', method: 'GET', uri: '/thing-groups/{thingGroupName}/things', handler: things.listThingsInThingGroup, mutating: false, family: 'Things and groups', validation: WIRE },
  { operation: 'DescribeThingGroup', method: 'GET', uri: '/thing-groups/{thingGroupName}', handler: things.describeThingGroup, mutating: false, family: 'Things and groups', validation: WIRE },
  { operation: 'ListPrincipalThings', method: 'GET', uri: '/principals/things', handler: things.listPrincipalThings, mutating: false, family: 'Things and groups', validation: WIRE },
  { operation: 'ListThingGroups', method: 'GET', uri: '/thing-groups', handler: things.listThingGroups, mutating: false, family: 'Things and groups', validation: WIRE },
  { operation: 'DescribeCertificate', method: 'GET', uri: '/certificates/{certificateId}', handler: certificates.describeCertificate, mutating: false, family: 'Certificates', validation: WIRE },
  { operation: 'ListCertificates', method: 'GET', uri: '/certificates', handler: certificates.listCertificates, mutating: false, family: 'Certificates', validation: WIRE },
  { operation: 'UpdateCertificate', method: 'PUT', uri: '/certificates/{certificateId}', handler: certificates.updateCertificate, mutating: true, family: 'Certificates', validation: WIRE },
  { operation: 'DescribeCACertificate', method: 'GET', uri: '/cacertificate/{caCertificateId}', handler: certificates.describeCACertificate, mutating: false, family: 'Certificates', validation: WIRE },
  { operation: 'ListCACertificates', method: 'GET', uri: '/cacertificates', handler: certificates.listCACertificates, mutating: false, family: 'Certificates', validation: WIRE },
  { operation: 'GetPolicy', method: 'GET', uri: '/policies/{policyName}', handler: policies.getPolicy, mutating: false, family: 'Policies', validation: WIRE },
  { operation: 'ListPolicyVersions', method: 'GET', uri: '/policies/{policyName}/version', handler: policies.listPolicyVersions, mutating: false, family: 'Policies', validation: WIRE },
  { operation: 'GetPolicyVersion', method: 'GET', uri: '/policies/{policyName}/version/{policyVersionId}', handler: policies.getPolicyVersion, mutating: false, family: 'Policies', validation: WIRE },
  { operation: 'GetV2LoggingOptions', method: 'GET', uri: '/v2LoggingOptions', handler: logging.getV2LoggingOptions, mutating: false, family: 'Logging', validation: WIRE },
  { operation: 'SetV2LoggingOptions', method: 'POST', uri: '/v2LoggingOptions', handler: logging.setV2LoggingOptions, mutating: true, family: 'Logging', validation: WIRE },
];

interface Template<T> {
  readonly method: string;
  readonly segments: readonly string[];
  readonly labels: number;
  readonly value: T;
}

function compile<T>(method: string, uri: string, value: T): Template<T> {
  const segments = uri.split('/').slice(1);
  return { method, segments, labels: segments.filter((segment) => segment.startsWith('{')).length, value };
}

/** Literal segments win over labels (`/thing-groups/addThingToThingGroup` before `/thing-groups/{name}`). */
function bySpecificity<T>(a: Template<T>, b: Template<T>): number {
  return a.labels - b.labels;
}

function matchTemplate<T>(template: Template<T>, segments: readonly string[]): Record<string, string> | undefined {
  const last = template.segments[template.segments.length - 1];
  const greedy = last?.endsWith('+}');
  if (greedy ? segments.length < template.segments.length : segments.length !== template.segments.length) return undefined;
  const labels: Record<string, string> = {};
  for (let index = 0; index < template.segments.length; index++) {
    const pattern = template.segments[index];
    if (pattern.startsWith('{')) {
      const name = pattern.slice(1, -1).replace(/\+$/, '');
      labels[name] = greedy && index === template.segments.length - 1 ? segments.slice(index).join('/') : segments[index];
    } else if (pattern !== segments[index]) {
      return undefined;
    }
  }
  return labels;
}

const implemented = ROUTES.map((route) => compile(route.method, route.uri, route)).sort(bySpecificity);
const known = AWS_IOT_OPERATIONS.map(([method, uri, name]) => compile(method, uri, name)).sort(bySpecificity);

export interface RouteMatch {
  readonly route: Route;
  readonly labels: Record<string, string>;
}

/** `segments` are the decoded path segments (a %2F inside a label stays inside it). */
export function matchRoute(method: string, segments: readonly string[]): RouteMatch | undefined {
  for (const template of implemented) {
    if (template.method !== method) continue;
    const labels = matchTemplate(template, segments);
    if (labels) return { route: template.value, labels };
  }
  return undefined;
}

/** The AWS IoT operation a request is for, when the emulator does not implement it. */
export function knownOperation(method: string, segments: readonly string[]): string | undefined {
  for (const template of known) {
    if (template.method === method && matchTemplate(template, segments)) return template.value;
  }
  return undefined;
}

/** Methods an implemented path accepts, for 405-style messages. */
export function methodsForPath(segments: readonly string[]): string[] {
  return [...new Set(implemented.filter((template) => matchTemplate(template, segments)).map((template) => template.method))];
}
