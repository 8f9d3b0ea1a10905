/**
 * STS GetCallerIdentity, so a profile or `--endpoint-url` pointed at the emulator tells its
 * account the way AWS does (AWS STS API Reference, GetCallerIdentity). The awsQuery protocol:
 * a form-encoded POST to `/`, SigV4 scoped to `sts`, an XML answer, errors as <ErrorResponse>.
 * The account is the caller's (a 12-digit access key id selects it, see sigv4.ts).
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { EmulatorCore } from '../core';
import { ApiError } from '../errors';
import { callerOf } from './sigv4';

const STS_VERSION = '2011-06-15';
const XML_NAMESPACE = `https://sts.amazonaws.com/doc/${STS_VERSION}/`;
const STS_SERVICES: ReadonlySet<string> = new Set(['sts']);

/** awsQuery requests are form posts to the root; the IoT API has no route there. */
export function isStsRequest(method: string, rawPath: string, headers: IncomingHttpHeaders): boolean {
  return method === 'POST' && rawPath === '/' && /^application\/x-www-form-urlencoded\b/i.test(headers['content-type'] ?? '');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch] as string);
}

function sendXml(response: ServerResponse, requestId: string, status: number, xml: string): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(xml), 'x-amzn-RequestId': requestId });
  response.end(xml);
}

/** awsQuery error codes carry no "Exception" suffix (e.g. IncompleteSignature, InvalidAction). */
function sendXmlError(response: ServerResponse, requestId: string, error: ApiError): void {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const code = error.errorType.replace(/Exception$/, '');
  sendXml(response, requestId, error.status, `<ErrorResponse xmlns="${XML_NAMESPACE}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${escapeXml(code)}</Code>\n    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`);
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function callerIdentity(core: EmulatorCore, headers: IncomingHttpHeaders, form: URLSearchParams): string {
  const action = form.get('Action');
  if (!action) throw new ApiError(400, 'MissingAction', 'The request has no Action parameter; STS expects Action=GetCallerIdentity&Version=2011-06-15.');
  if (action !== 'GetCallerIdentity') {
    throw new ApiError(400, 'InvalidAction', `The IoT Mitigations emulator implements only the STS action GetCallerIdentity, not ${action}.`);
  }
  const version = form.get('Version');
  if (version !== null && version !== STS_VERSION) throw new ApiError(400, 'InvalidAction', `Could not find operation GetCallerIdentity for version ${version}; STS is version ${STS_VERSION}.`);
  const caller = callerOf(headers.authorization, undefined, core.account, STS_SERVICES);
  // The emulator has no IAM users: every caller is the account's root, as with root access keys.
  return `  <GetCallerIdentityResult>\n    <Arn>arn:${partitionOf(caller.region)}:iam::${caller.account}:root</Arn>\n    <UserId>${caller.account}</UserId>\n    <Account>${caller.account}</Account>\n  </GetCallerIdentityResult>\n`;
}

/** Answers one STS request; every failure is an awsQuery XML error, never JSON or HTML. */
export function handleSts(core: EmulatorCore, headers: IncomingHttpHeaders, body: Buffer, response: ServerResponse, requestId: string): void {
  try {
    const result = callerIdentity(core, headers, new URLSearchParams(body.toString('utf8')));
    sendXml(response, requestId, 200, `<GetCallerIdentityResponse xmlns="${XML_NAMESPACE}">\n${result}  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n`);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    sendXmlError(response, requestId, error);
  }
}
