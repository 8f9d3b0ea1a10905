/**
 * Who is calling: the region and account come from the SigV4 credential scope
 * (`Credential=AKID/yyyymmdd/REGION/SERVICE/aws4_request`, header or presigned query).
 * Signatures are not verified; the service must be `iot` (SDKs, CLI v1) or `execute-api`
 * (the Debian AWS CLI v2). A 12-digit access key id selects that account, as LocalStack does.
 */
import { ApiError } from '../errors';

export const DEFAULT_REGION = 'us-east-1';
const ACCEPTED_SERVICES = new Set(['iot', 'execute-api']);
const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

interface Caller {
  readonly region: string;
  readonly account: string;
}

/** The caller of an unsigned request, one object per account rather than one per request. */
let unsigned: Caller | undefined;
function unsignedCaller(account: string): Caller {
  if (unsigned?.account !== account) unsigned = { region: DEFAULT_REGION, account };
  return unsigned;
}

/** `services`: the scopes this endpoint accepts; the first one is named in the error. */
export function callerOf(authorization: string | undefined, queryCredential: string | undefined, defaultAccount: string, services: ReadonlySet<string> = ACCEPTED_SERVICES): Caller {
  const source = authorization ?? (queryCredential ? `Credential=${queryCredential}` : undefined);
  if (!source) return unsignedCaller(defaultAccount);
  const match = CREDENTIAL.exec(source);
  if (!match) {
    if (authorization && !authorization.startsWith('AWS4-HMAC-SHA256')) {
      throw new ApiError(403, 'IncompleteSignatureException', 'Only AWS Signature Version 4 (AWS4-HMAC-SHA256) is supported.');
    }
    throw new ApiError(403, 'IncompleteSignatureException', 'The Authorization header has no valid Credential=KEY/DATE/REGION/SERVICE/aws4_request scope.');
  }
  const [, accessKeyId, , region, service] = match;
  if (!services.has(service)) {
    throw new ApiError(403, 'InvalidSignatureException', `Credential should be scoped to correct service: '${[...services][0]}' (got '${service}').`);
  }
  if (!REGION.test(region)) throw new ApiError(403, 'InvalidSignatureException', `'${region}' is not a valid region in the credential scope.`);
  return { region, account: /^\d{12}$/.test(accessKeyId) ? accessKeyId : defaultAccount };
}
