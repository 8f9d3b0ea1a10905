/**
 * How the audit checks read IAM role permissions and IoT policy documents. Simplified on
 * purpose: a role's permissions are actions granted on every resource, and a policy is judged
 * on its default version's Allow and Deny statements.
 */

/** IAM-style match of an action against a granted pattern with "*" and "?" wildcards (case-insensitive). */
function actionMatches(pattern: string, action: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(action);
}

export function allows(permissions: readonly string[], action: string): boolean {
  return permissions.some((pattern) => actionMatches(pattern, action));
}

/** Whether any granted pattern covers *some* action of the family, e.g. "iot:Describe*" covers reads. */
function grantsAny(permissions: readonly string[], actions: readonly string[]): boolean {
  return actions.some((action) => allows(permissions, action));
}

/** A pattern with a wildcard that spans a whole family (e.g. iot:*, iot:List*), not one action. */
function grantsBroadly(permissions: readonly string[], actions: readonly string[]): boolean {
  return permissions.some((pattern) => pattern.includes('*') && actions.filter((action) => actionMatches(pattern, action)).length >= 2);
}

const THING_ADMIN_READ = ['iot:DescribeThing', 'iot:ListThings', 'iot:DescribeThingGroup', 'iot:ListThingGroups', 'iot:ListThingPrincipals'];
const THING_ADMIN_WRITE = ['iot:CreateThing', 'iot:UpdateThing', 'iot:DeleteThing', 'iot:AddThingToThingGroup', 'iot:AttachThingPrincipal'];
const NON_THING_ADMIN = ['iot:CreatePolicy', 'iot:AttachPolicy', 'iot:UpdateCertificate', 'iot:CreateKeysAndCertificate', 'iot:DeleteCertificate', 'iot:SetV2LoggingOptions', 'iot:UpdateCACertificate'];
const DATA_PLANE = ['iot:Connect', 'iot:Publish', 'iot:Subscribe', 'iot:Receive', 'iot:GetThingShadow', 'iot:UpdateThingShadow'];
const SECURITY_AUDITING = ['iam:PassRole', 'iam:CreateUser', 'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'guardduty:DeleteDetector', 'securityhub:DisableSecurityHub', 'config:StopConfigurationRecorder'];

/** Reason code for an authenticated Cognito role, or undefined when compliant. */
export function authenticatedCognitoReason(permissions: readonly string[]): string | undefined {
  if (grantsAny(permissions, NON_THING_ADMIN)) return 'ALLOWS_ACCESS_TO_IOT_NON_THING_ADMIN_ACTIONS';
  if (grantsAny(permissions, THING_ADMIN_WRITE)) return 'ALLOWS_ACCESS_TO_IOT_THING_ADMIN_WRITE_ACTIONS';
  if (grantsBroadly(permissions, THING_ADMIN_READ)) return 'ALLOWS_BROAD_ACCESS_TO_IOT_THING_ADMIN_READ_ACTIONS';
  return undefined;
}

export function unauthenticatedCognitoReason(permissions: readonly string[]): string | undefined {
  if (grantsAny(permissions, [...NON_THING_ADMIN, ...THING_ADMIN_WRITE, ...THING_ADMIN_READ])) return 'ALLOWS_ACCESS_TO_IOT_ADMIN_ACTIONS';
  if (grantsAny(permissions, DATA_PLANE)) return 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS';
  return undefined;
}

function servicesOf(permissions: readonly string[]): Set<string> {
  return new Set(permissions.map((pattern) => (pattern === '*' ? '*' : pattern.split(':')[0].toLowerCase())));
}

export function roleAliasOverlyPermissiveReason(permissions: readonly string[], usedServices: readonly string[]): string | undefined {
  if (grantsAny(permissions, SECURITY_AUDITING)) return 'ALLOWS_ACCESS_TO_SECURITY_AUDITING_SERVICES';
  if (usedServices.some((service) => permissions.includes(`${service}:*`) || permissions.includes('*'))) return 'ALLOWS_BROAD_ACCESS_TO_USED_SERVICES';
  if (grantsAny(permissions, NON_THING_ADMIN)) return 'ALLOWS_ACCESS_TO_IOT_NON_THING_ADMIN_ACTIONS';
  if (grantsAny(permissions, THING_ADMIN_WRITE)) return 'ALLOWS_ACCESS_TO_IOT_THING_ADMIN_WRITE_ACTIONS';
  if (grantsBroadly(permissions, THING_ADMIN_READ)) return 'ALLOWS_BROAD_ACCESS_TO_IOT_THING_ADMIN_READ_ACTIONS';
  if (grantsBroadly(permissions, DATA_PLANE)) return 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS';
  return undefined;
}

export function unusedServices(permissions: readonly string[], usedServices: readonly string[]): string[] {
  const used = new Set(usedServices.map((service) => service.toLowerCase()));
  return [...servicesOf(permissions)].filter((service) => service !== '*' && !used.has(service)).sort();
}

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
}

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [value];
}

function statementsOf(document: string): Statement[] {
  try {
    const parsed = JSON.parse(document) as { Statement?: Statement | Statement[] };
    const statements = parsed?.Statement;
    if (!statements) return [];
    return (Array.isArray(statements) ? statements : [statements]).filter((statement) => typeof statement === 'object' && statement !== null);
  } catch {
    return [];
  }
}

/** An Allow statement grants data-plane actions on every client, topic or thing (no policy variables). */
export function isOverlyPermissivePolicy(document: string): boolean {
  return statementsOf(document).some((statement) => {
    if (statement.Effect !== 'Allow') return false;
    const dataPlane = toList(statement.Action).some((action) => DATA_PLANE.some((candidate) => actionMatches(action, candidate)));
    const everyResource = toList(statement.Resource).some((resource) => !resource.includes('${') && (resource === '*' || /[:/]\*$/.test(resource) || /\/#$/.test(resource)));
    return dataPlane && everyResource;
  });
}

/** A Deny statement names MQTT wildcards (+ or #) in a topic, which the policy engine takes literally. */
export function hasWildcardInDeny(document: string): boolean {
  return statementsOf(document).some(
    (statement) => statement.Effect === 'Deny' && toList(statement.Resource).some((resource) => /:(topic|topicfilter)\/.*(^|\/)[+#](\/|$)/.test(resource)),
  );
}
