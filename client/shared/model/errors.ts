/**
 * Turns SDK and network failures into what they are for the user, with the action that helps
 * (vscode-free). Never returns an empty message: a failure is never shown as an empty tree.
 */

export type ErrorRemedy = 'startEmulator' | 'selectConnection' | 'showLogs' | 'retry';

export interface ExplainedError {
  readonly kind: 'emulator-stopped' | 'endpoint-unreachable' | 'sso-expired' | 'credentials' | 'region' | 'throttled' | 'access-denied' | 'not-found' | 'invalid-request' | 'other';
  readonly message: string;
  readonly remedies: readonly ErrorRemedy[];
}

export interface ErrorContext {
  readonly connection: 'emulator' | 'aws';
  readonly profile?: string;
  readonly region?: string;
  /** True when the user stopped the bundled emulator (or it never started). */
  readonly emulatorStopped?: boolean;
}

interface ErrorFields {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
}

function fieldsOf(error: unknown): ErrorFields {
  return typeof error === 'object' && error !== null ? (error as ErrorFields) : { message: String(error) };
}

/** The network error code, looking through `cause` chains (fetch and the SDK wrap them). */
export function networkCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const fields = fieldsOf(current);
    if (fields.code && /^E[A-Z]+$/.test(fields.code)) return fields.code;
    current = fields.cause;
  }
  return undefined;
}

/** IAM's refusal: the caller's policies do not allow the operation (AccessDeniedException, HTTP 403). */
export function isAccessDenied(error: unknown): boolean {
  const fields = fieldsOf(error);
  return fields.name === 'AccessDeniedException' || fields.$metadata?.httpStatusCode === 403;
}

export function explainError(error: unknown, context: ErrorContext): ExplainedError {
  const fields = fieldsOf(error);
  const name = fields.name ?? '';
  const message = (fields.message ?? '').trim() || name || 'Unknown error';
  const code = networkCode(error);
  const profile = context.profile ? ` --profile ${context.profile}` : '';

  if (context.connection === 'emulator' && (context.emulatorStopped || code === 'ECONNREFUSED')) {
    return { kind: 'emulator-stopped', message: 'The bundled emulator is not running.', remedies: ['startEmulator', 'selectConnection'] };
  }
  if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'ECONNRESET' || code === 'EHOSTUNREACH') {
    return { kind: 'endpoint-unreachable', message: `Cannot reach the endpoint (${code}).`, remedies: ['retry', 'selectConnection', 'showLogs'] };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { kind: 'region', message: `Cannot reach AWS in region "${context.region ?? '?'}" (${code}): check the region and your network.`, remedies: ['selectConnection', 'retry'] };
  }
  if (/sso/i.test(message) && /(expired|refresh|token)/i.test(message)) {
    return { kind: 'sso-expired', message: `The SSO session has expired. Run "aws sso login${profile}" and retry.`, remedies: ['retry', 'selectConnection'] };
  }
  if (name === 'CredentialsProviderError' || name === 'ExpiredTokenException' || name === 'UnrecognizedClientException' || name === 'InvalidSignatureException' || name === 'InvalidClientTokenId' || name === 'SignatureDoesNotMatch' || /could not load credentials/i.test(message)) {
    return { kind: 'credentials', message: `No valid AWS credentials${context.profile ? ` for profile "${context.profile}"` : ''}: ${message}`, remedies: ['selectConnection', 'showLogs'] };
  }
  if (name === 'ThrottlingException' || name === 'TooManyRequestsException' || /rate exceeded/i.test(message)) {
    return { kind: 'throttled', message: `AWS IoT is throttling requests: ${message}. Wait a moment and retry.`, remedies: ['retry'] };
  }
  if (isAccessDenied(error)) {
    return { kind: 'access-denied', message: `Access denied: ${message}`, remedies: ['selectConnection', 'showLogs'] };
  }
  if (name === 'ResourceNotFoundException') return { kind: 'not-found', message, remedies: ['retry'] };
  if (name === 'InvalidRequestException' || name === 'TaskAlreadyExistsException' || name === 'ResourceAlreadyExistsException' || name === 'LimitExceededException') {
    return { kind: 'invalid-request', message: `${name.replace(/Exception$/, '')}: ${message}`, remedies: ['showLogs'] };
  }
  return { kind: 'other', message, remedies: ['showLogs', 'retry'] };
}
