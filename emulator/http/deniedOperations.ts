/**
 * Operations the emulator refuses as IAM refuses an identity without the permission (admin
 * settings `denyOperations`, `--deny`): HTTP 403 AccessDeniedException, as AWS IoT answers a caller
 * whose policies do not allow the action. It is how a least-privilege role is tried out: an
 * import without `iot:ListTagsForResource`, a deploy without `iot:CreateMitigationAction`.
 */
import { ApiError, invalidRequest } from '../errors';
import { AWS_IOT_OPERATIONS } from './awsIotOperations';

const OPERATION_NAMES = new Set(AWS_IOT_OPERATIONS.map(([, , name]) => name));

/** `ListTagsForResource` or the IAM action `iot:ListTagsForResource`, as the operation's name. */
export function deniableOperation(name: unknown, where: string): string {
  const operation = typeof name === 'string' ? name.replace(/^iot:/, '') : undefined;
  if (operation === undefined || !OPERATION_NAMES.has(operation)) {
    throw invalidRequest(`${where}: ${JSON.stringify(name)} is not an AWS IoT operation (e.g. "ListTagsForResource" or "iot:ListTagsForResource").`);
  }
  return operation;
}

const partitionOf = (region: string) => (region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws');

/** The refusal, worded as IAM words it; the resource is the request's resourceArn when it names one. */
export function accessDenied(operation: string, caller: { account: string; region: string }, resourceArn: string | undefined): ApiError {
  const principal = `arn:${partitionOf(caller.region)}:iam::${caller.account}:root`;
  return new ApiError(403, 'AccessDeniedException', `User: ${principal} is not authorized to perform: iot:${operation} on resource: ${resourceArn ?? '*'} because no identity-based policy allows the iot:${operation} action (emulator settings: denyOperations)`);
}
