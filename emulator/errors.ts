/**
 * API errors as the restJson1 wire carries them (Smithy, "AWS restJson1 protocol", error
 * serialization): an HTTP status, the shape
 * name in `x-amzn-ErrorType` and a JSON body with `message` plus any extra members.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const invalidRequest = (message: string) => new ApiError(400, 'InvalidRequestException', message);
export const notFound = (message: string) => new ApiError(404, 'ResourceNotFoundException', message);
export const limitExceeded = (message: string) => new ApiError(410, 'LimitExceededException', message);
export const taskAlreadyExists = (message: string) => new ApiError(400, 'TaskAlreadyExistsException', message);
export const alreadyExists = (message: string, resourceId: string, resourceArn: string) =>
  new ApiError(409, 'ResourceAlreadyExistsException', message, { resourceId, resourceArn });
export const certificateState = (message: string) => new ApiError(406, 'CertificateStateException', message);
export const notConfigured = (message: string) => new ApiError(404, 'NotConfiguredException', message);
export const internalFailure = (message: string) => new ApiError(500, 'InternalFailureException', message);
