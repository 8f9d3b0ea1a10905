/**
 * CreateAuditSuppression, DescribeAuditSuppression, UpdateAuditSuppression,
 * DeleteAuditSuppression, ListAuditSuppressions (AWS IoT API Reference, one page per operation;
 * AWS IoT Device Defender Developer Guide, "Audit finding suppressions"). A suppression is named by
 * its check and resource; it ends at its expirationDate or suppresses indefinitely, one of the two.
 */
import { AUDIT_CHECKS, RESOURCE_IDENTIFIER_MEMBERS, auditCheck } from '../../common/auditChecks';
import { AuditCheckName, AuditDescription, ClientRequestToken, MaxResults } from '../../common/model';
import { isCheckEnabled } from '../audit/engine';
import { resourceKey, suppressionOf } from '../audit/suppressions';
import { ApiError, invalidRequest, notFound } from '../errors';
import { newUuid } from '../fleet/ids';
import { paginate, timeKey } from '../pagination';
import type { RegionState } from '../state/regionState';
import type { AuditSuppression } from '../state/types';
import { compact, seconds, type Handler, type OperationContext } from './operation';

const describeKey = (checkName: string, identifier: Record<string, unknown>) => `${checkName} on ${resourceKey(identifier)}`;

const alreadyExists = (message: string) => new ApiError(409, 'ResourceAlreadyExistsException', message);

/** The check and resource a request names: a known check (enabled, for a new suppression) and the identifier of the kind of resource it reports on. */
function suppressionKey({ state, input }: OperationContext, creating = false): { checkName: string; resourceIdentifier: Record<string, unknown> } {
  const checkName = input.bodyString('checkName', AuditCheckName, true)!;
  const resourceIdentifier = input.bodyObject('resourceIdentifier', true)!;
  const check = auditCheck(checkName);
  if (!check) throw invalidRequest(`${checkName} is not a valid audit check name. Valid checks: ${AUDIT_CHECKS.map((candidate) => candidate.name).join(', ')}.`);
  const member = RESOURCE_IDENTIFIER_MEMBERS[check.resourceType];
  if (resourceIdentifier[member] === undefined) throw invalidRequest(`${checkName} reports on ${check.resourceType} resources: resourceIdentifier must name one by ${member}.`);
  if (creating && !isCheckEnabled(state, checkName)) throw invalidRequest(`Audit check ${checkName} is not enabled for this account; enable it with UpdateAccountAuditConfiguration first.`);
  return { checkName, resourceIdentifier: JSON.parse(resourceKey(resourceIdentifier)) as Record<string, unknown> };
}

/** The expiry terms of a create or update: an expirationDate in the future, or suppressIndefinitely, never both. */
function expiryTerms({ input, now }: OperationContext, current?: AuditSuppression): Pick<AuditSuppression, 'expirationDate' | 'suppressIndefinitely'> {
  const expirationDate = input.bodyTimestamp('expirationDate');
  const indefinitely = input.bodyBool('suppressIndefinitely');
  if (expirationDate !== undefined && indefinitely === true) throw invalidRequest('Specify either expirationDate or suppressIndefinitely=true, not both.');
  if (expirationDate !== undefined) {
    if (expirationDate <= now) throw invalidRequest(`expirationDate ${new Date(expirationDate).toISOString()} is not in the future.`);
    return { expirationDate, suppressIndefinitely: false };
  }
  if (indefinitely === true) return { suppressIndefinitely: true };
  if (current) return { expirationDate: current.expirationDate, suppressIndefinitely: current.suppressIndefinitely };
  throw invalidRequest('A suppression needs an expirationDate or suppressIndefinitely=true.');
}

function serialize(suppression: AuditSuppression): Record<string, unknown> {
  return compact({
    checkName: suppression.checkName,
    resourceIdentifier: suppression.resourceIdentifier,
    expirationDate: seconds(suppression.expirationDate),
    suppressIndefinitely: suppression.expirationDate === undefined,
    description: suppression.description,
  });
}

function existing(state: RegionState, checkName: string, resourceIdentifier: Record<string, unknown>): AuditSuppression {
  const suppression = suppressionOf(state, checkName, resourceIdentifier);
  if (!suppression) throw notFound(`There is no suppression of ${describeKey(checkName, resourceIdentifier)}.`);
  return suppression;
}

export const createAuditSuppression: Handler = (context) => {
  const { state, input } = context;
  const { checkName, resourceIdentifier } = suppressionKey(context, true);
  const clientRequestToken = input.bodyString('clientRequestToken', ClientRequestToken, true)!;
  const description = input.bodyString('description', AuditDescription);
  const terms = expiryTerms(context);
  const same = suppressionOf(state, checkName, resourceIdentifier);
  if (same && same.clientRequestToken === clientRequestToken) return undefined; // a retry of the create that made it
  if (same) throw alreadyExists(`A suppression of ${describeKey(checkName, resourceIdentifier)} already exists.`);
  const tokenOwner = [...state.suppressions.values()].find((suppression) => suppression.clientRequestToken === clientRequestToken);
  if (tokenOwner) throw alreadyExists(`clientRequestToken ${clientRequestToken} was already used for the suppression of ${describeKey(tokenOwner.checkName, tokenOwner.resourceIdentifier)}.`);
  const suppression: AuditSuppression = compact({ suppressionId: newUuid(), checkName, resourceIdentifier, ...terms, description, clientRequestToken });
  state.suppressions.put(suppression.suppressionId, suppression);
  return undefined;
};

export const describeAuditSuppression: Handler = (context) => {
  const { checkName, resourceIdentifier } = suppressionKey(context);
  return serialize(existing(context.state, checkName, resourceIdentifier));
};

export const updateAuditSuppression: Handler = (context) => {
  const { state, input } = context;
  const { checkName, resourceIdentifier } = suppressionKey(context);
  const current = existing(state, checkName, resourceIdentifier);
  const description = input.bodyString('description', AuditDescription);
  const { expirationDate: _expiry, suppressIndefinitely: _indefinitely, ...kept } = current;
  const updated: AuditSuppression = compact({ ...kept, ...expiryTerms(context, current), description: description ?? current.description });
  state.suppressions.put(current.suppressionId, updated);
  return undefined;
};

/** The model declares no ResourceNotFoundException here: deleting a suppression that is not there succeeds. */
export const deleteAuditSuppression: Handler = (context) => {
  const { checkName, resourceIdentifier } = suppressionKey(context);
  const current = suppressionOf(context.state, checkName, resourceIdentifier);
  if (current) context.state.suppressions.delete(current.suppressionId);
  return undefined;
};

/** Ordered by expiration date, ascending unless ascendingOrder is false; indefinite suppressions sort as the latest. */
export const listAuditSuppressions: Handler = ({ state, input }) => {
  const checkName = input.bodyString('checkName', AuditCheckName);
  const resourceIdentifier = input.bodyObject('resourceIdentifier');
  const ascendingOrder = input.bodyBool('ascendingOrder') ?? true;
  const wanted = resourceIdentifier && resourceKey(resourceIdentifier);
  const suppressions = [...state.suppressions.values()].filter(
    (suppression) => (checkName === undefined || suppression.checkName === checkName) && (wanted === undefined || resourceKey(suppression.resourceIdentifier) === wanted),
  );
  const page = paginate(suppressions, {
    operation: 'ListAuditSuppressions',
    filters: { checkName, resourceIdentifier: wanted, ascendingOrder },
    keyOf: (suppression) => timeKey(suppression.expirationDate ?? Number.MAX_SAFE_INTEGER, suppression.suppressionId),
    order: 'key',
    descending: !ascendingOrder,
    maxResults: input.bodyInt('maxResults', MaxResults.min!, MaxResults.max!),
    nextToken: input.bodyString('nextToken'),
  });
  return compact({ suppressions: page.items.map(serialize), nextToken: page.nextToken });
};
