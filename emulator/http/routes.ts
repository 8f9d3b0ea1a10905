/**
 * The route table: every operation the emulator implements, its handler, its family and how it
 * is validated. Each route's restJson1 binding (method and URI) comes from the generated
 * operation table (awsIotOperations.ts, from the AWS IoT model), so it is written down once. The
 * coverage table in docs/emulator.md is generated from this table (scripts/emulator-coverage.ts).
 */
import { AWS_IOT_OPERATIONS } from './awsIotOperations';
import { OPERATIONS } from '../../common/model';
import type { OperationShape } from '../../common/shapes';
import * as auditConfiguration from '../ops/auditConfiguration';
import * as audits from '../ops/audits';
import * as certificates from '../ops/certificates';
import * as logging from '../ops/logging';
import * as actions from '../ops/mitigationActions';
import * as tasks from '../ops/mitigationTasks';
import type { Handler } from '../ops/operation';
import * as policies from '../ops/policies';
import * as scheduledAudits from '../ops/scheduledAudits';
import * as suppressions from '../ops/suppressions';
import * as tags from '../ops/tags';
import * as things from '../ops/things';

type Family = 'Mitigation actions' | 'Mitigation tasks' | 'Audits' | 'Audit suppressions' | 'Scheduled audits' | 'Things and groups' | 'Certificates' | 'Policies' | 'Logging' | 'Tags';

/** What a route is declared with: the AWS IoT operation it serves and how. */
interface RouteSpec {
  readonly handler: Handler;
  /** What is checked beyond the model's constraints (emulator/http/modelInput.ts checks those for every route), for the coverage table. */
  readonly validation: string;
}

interface Route extends RouteSpec {
  readonly operation: string;
  readonly family: Family;
  /** The operation's HTTP binding, from the operation table. */
  readonly method: string;
  readonly uri: string;
  /** The operation's input shape in the AWS IoT model, looked up once here rather than per request. */
  readonly shape: OperationShape;
}

const COMMON = ' + the common/validate.ts rules';

/** A route validated only by the model's constraints and its handler's own reading of the input. */
const wire = (handler: Handler): RouteSpec => ({ handler, validation: '' });
/** A route whose input also passes the rules the language server reports in the editor. */
const common = (handler: Handler): RouteSpec => ({ handler, validation: COMMON });

const FAMILIES: Readonly<Record<Family, Readonly<Record<string, RouteSpec>>>> = {
  'Mitigation actions': {
    CreateMitigationAction: common(actions.createMitigationAction),
    UpdateMitigationAction: common(actions.updateMitigationAction),
    ListMitigationActions: wire(actions.listMitigationActions),
    DescribeMitigationAction: wire(actions.describeMitigationAction),
    DeleteMitigationAction: wire(actions.deleteMitigationAction),
  },
  'Mitigation tasks': {
    StartAuditMitigationActionsTask: common(tasks.startAuditMitigationActionsTask),
    CancelAuditMitigationActionsTask: wire(tasks.cancelAuditMitigationActionsTask),
    ListAuditMitigationActionsExecutions: wire(tasks.listAuditMitigationActionsExecutions),
    ListAuditMitigationActionsTasks: wire(tasks.listAuditMitigationActionsTasks),
    DescribeAuditMitigationActionsTask: wire(tasks.describeAuditMitigationActionsTask),
  },
  Audits: {
    StartOnDemandAuditTask: wire(audits.startOnDemandAuditTask),
    DescribeAuditTask: wire(audits.describeAuditTask),
    ListAuditTasks: wire(audits.listAuditTasks),
    CancelAuditTask: wire(audits.cancelAuditTask),
    ListAuditFindings: wire(audits.listAuditFindings),
    DescribeAuditFinding: wire(audits.describeAuditFinding),
    ListRelatedResourcesForAuditFinding: wire(audits.listRelatedResourcesForAuditFinding),
    DescribeAccountAuditConfiguration: wire(auditConfiguration.describeAccountAuditConfiguration),
    UpdateAccountAuditConfiguration: wire(auditConfiguration.updateAccountAuditConfiguration),
    DeleteAccountAuditConfiguration: wire(auditConfiguration.deleteAccountAuditConfiguration),
  },
  'Audit suppressions': {
    CreateAuditSuppression: wire(suppressions.createAuditSuppression),
    DescribeAuditSuppression: wire(suppressions.describeAuditSuppression),
    UpdateAuditSuppression: wire(suppressions.updateAuditSuppression),
    DeleteAuditSuppression: wire(suppressions.deleteAuditSuppression),
    ListAuditSuppressions: wire(suppressions.listAuditSuppressions),
  },
  'Scheduled audits': {
    CreateScheduledAudit: wire(scheduledAudits.createScheduledAudit),
    DescribeScheduledAudit: wire(scheduledAudits.describeScheduledAudit),
    UpdateScheduledAudit: wire(scheduledAudits.updateScheduledAudit),
    DeleteScheduledAudit: wire(scheduledAudits.deleteScheduledAudit),
    ListScheduledAudits: wire(scheduledAudits.listScheduledAudits),
  },
  'Things and groups': {
    CreateThing: wire(things.createThing),
    DescribeThing: wire(things.describeThing),
    ListThings: wire(things.listThings),
    CreateThingGroup: wire(things.createThingGroup),
    AddThingToThingGroup: wire(things.addThingToThingGroup),
    ListThingGroupsForThing: wire(things.listThingGroupsForThing),
    ListThingsInThingGroup: wire(things.listThingsInThingGroup),
    DescribeThingGroup: wire(things.describeThingGroup),
    ListPrincipalThings: wire(things.listPrincipalThings),
    ListThingGroups: wire(things.listThingGroups),
  },
  Certificates: {
    DescribeCertificate: wire(certificates.describeCertificate),
    ListCertificates: wire(certificates.listCertificates),
    UpdateCertificate: wire(certificates.updateCertificate),
    DescribeCACertificate: wire(certificates.describeCACertificate),
    ListCACertificates: wire(certificates.listCACertificates),
  },
  Policies: {
    GetPolicy: wire(policies.getPolicy),
    ListPolicyVersions: wire(policies.listPolicyVersions),
    GetPolicyVersion: wire(policies.getPolicyVersion),
  },
  Logging: {
    GetV2LoggingOptions: wire(logging.getV2LoggingOptions),
    SetV2LoggingOptions: wire(logging.setV2LoggingOptions),
  },
  Tags: {
    ListTagsForResource: wire(tags.listTagsForResource),
    TagResource: wire(tags.tagResource),
    UntagResource: wire(tags.untagResource),
  },
};

const BINDINGS = new Map(AWS_IOT_OPERATIONS.map(([method, uri, name]) => [name, { method, uri }]));

/** Every implemented route with its binding; an operation missing from the table fails at load, naming it. */
export const ROUTES: readonly Route[] = Object.entries(FAMILIES).flatMap(([family, routes]) =>
  Object.entries(routes).map(([operation, spec]) => {
    const binding = BINDINGS.get(operation);
    const shape = OPERATIONS[operation];
    if (!binding || !shape) throw new Error(`The route ${operation} names no AWS IoT operation in awsIotOperations.ts and common/model.ts.`);
    return { operation, family: family as Family, ...binding, ...spec, shape };
  }),
);

/**
 * Whether an operation changes state, for the request log. AWS IoT names its read operations
 * Describe*, List* and Get* (ListAuditFindings reads though it is a POST).
 */
export function changesState(operation: string): boolean {
  return !/^(Describe|List|Get)[A-Z]/.test(operation);
}

interface Template<T> {
  readonly method: string;
  readonly segments: readonly string[];
  /** Per segment: the label's name, or undefined for a literal segment. */
  readonly labelNames: readonly (string | undefined)[];
  readonly labels: number;
  /** The last segment is a greedy label (`{name+}`): it takes the rest of the path. */
  readonly greedy: boolean;
  readonly value: T;
}

function compile<T>(method: string, uri: string, value: T): Template<T> {
  const segments = uri.split('/').slice(1);
  const labelNames = segments.map((segment) => (segment.startsWith('{') ? segment.slice(1, -1).replace(/\+$/, '') : undefined));
  return { method, segments, labelNames, labels: labelNames.filter((name) => name !== undefined).length, greedy: segments[segments.length - 1]?.endsWith('+}') ?? false, value };
}

/** Literal segments win over labels (`/thing-groups/addThingToThingGroup` before `/thing-groups/{name}`). */
function bySpecificity<T>(a: Template<T>, b: Template<T>): number {
  return a.labels - b.labels;
}

function matchTemplate<T>(template: Template<T>, segments: readonly string[]): Record<string, string> | undefined {
  const count = template.segments.length;
  if (template.greedy ? segments.length < count : segments.length !== count) return undefined;
  // Literals first, so a mismatch allocates nothing.
  for (let index = 0; index < count; index++) if (template.labelNames[index] === undefined && template.segments[index] !== segments[index]) return undefined;
  const labels: Record<string, string> = {};
  for (let index = 0; index < count; index++) {
    const name = template.labelNames[index];
    if (name !== undefined) labels[name] = template.greedy && index === count - 1 ? segments.slice(index).join('/') : segments[index];
  }
  return labels;
}

/** Templates by method, most specific first: a request is tried against its method's templates only. */
function byMethod<T>(templates: readonly Template<T>[]): Map<string, Template<T>[]> {
  const index = new Map<string, Template<T>[]>();
  for (const template of [...templates].sort(bySpecificity)) {
    const list = index.get(template.method) ?? [];
    list.push(template);
    index.set(template.method, list);
  }
  return index;
}

const implemented = ROUTES.map((route) => compile(route.method, route.uri, route)).sort(bySpecificity);
const implementedByMethod = byMethod(implemented);
const knownByMethod = byMethod(AWS_IOT_OPERATIONS.map(([method, uri, name]) => compile(method, uri, name)));

interface RouteMatch {
  readonly route: Route;
  readonly labels: Record<string, string>;
}

/** `segments` are the decoded path segments (a %2F inside a label stays inside it). */
export function matchRoute(method: string, segments: readonly string[]): RouteMatch | undefined {
  for (const template of implementedByMethod.get(method) ?? []) {
    const labels = matchTemplate(template, segments);
    if (labels) return { route: template.value, labels };
  }
  return undefined;
}

/** The labels of a route without any; nothing changes a request's labels. */
const NO_LABELS: Record<string, string> = Object.freeze({});

/**
 * matchTemplate on a raw path with no percent-escapes (its segments are their own decoding),
 * read in place: no split, and nothing allocated for a template that does not match.
 */
function matchRawTemplate<T>(template: Template<T>, path: string): Record<string, string> | undefined {
  const count = template.segments.length;
  let labels: Record<string, string> | undefined;
  let position = 0;
  for (let index = 0; index < count; index++) {
    if (path.charCodeAt(position) !== 0x2f) return undefined;
    position++;
    const name = template.labelNames[index];
    if (name === undefined) {
      const literal = template.segments[index];
      if (!path.startsWith(literal, position)) return undefined;
      position += literal.length;
      if (position < path.length && path.charCodeAt(position) !== 0x2f) return undefined;
    } else {
      const slash = template.greedy && index === count - 1 ? -1 : path.indexOf('/', position);
      const end = slash < 0 ? path.length : slash;
      (labels ??= {})[name] = path.slice(position, end);
      position = end;
    }
  }
  return position === path.length ? (labels ?? NO_LABELS) : undefined;
}

/** The first segment of a path ('/things/x' → 'things'). */
function firstSegment(path: string): string {
  const slash = path.indexOf('/', 1);
  return path.slice(1, slash < 0 ? path.length : slash);
}

/** Templates by method, then by their first (literal) segment, most specific first: a request is tried against a handful. */
const implementedByFirstSegment = new Map<string, Map<string, Template<Route>[]>>();
for (const [method, templates] of implementedByMethod) {
  const bySegment = new Map<string, Template<Route>[]>();
  for (const template of templates) {
    if (template.labelNames[0] !== undefined) throw new Error(`The route ${template.value.operation} starts with a label; routes.ts indexes routes by their first literal segment.`);
    const list = bySegment.get(template.segments[0]) ?? [];
    list.push(template);
    bySegment.set(template.segments[0], list);
  }
  implementedByFirstSegment.set(method, bySegment);
}

/** matchRoute for a raw request path that has no percent-escapes (`/things/gateway-01`), without splitting it. */
export function matchRawPath(method: string, path: string): RouteMatch | undefined {
  for (const template of implementedByFirstSegment.get(method)?.get(firstSegment(path)) ?? []) {
    const labels = matchRawTemplate(template, path);
    if (labels) return { route: template.value, labels };
  }
  return undefined;
}

/** The AWS IoT operation a request is for, when the emulator does not implement it. */
export function knownOperation(method: string, segments: readonly string[]): string | undefined {
  for (const template of knownByMethod.get(method) ?? []) {
    if (matchTemplate(template, segments)) return template.value;
  }
  return undefined;
}

/** Methods an implemented path accepts, for 405-style messages. */
export function methodsForPath(segments: readonly string[]): string[] {
  return [...new Set(implemented.filter((template) => matchTemplate(template, segments)).map((template) => template.method))];
}
