import { errorText, findNul, formatPath, type FieldError } from '@tacit/core';

/** The closed set of error codes of the HTTP API, and the status each maps to. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * The one error type of the HTTP edge (like tRPC's `TRPCError`). The error handler answers
 * `{"error":{"code","message","details"}}` with the code's status.
 */
export class ApiError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = ERROR_STATUS[code];
  }
}

/** A 400 naming every field that failed, with the field errors as its details. */
export function badRequest(errors: FieldError[]): ApiError {
  return new ApiError('bad_request', errorText(errors), errors);
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorBody(err: ApiError): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.details === undefined ? {} : { details: err.details }),
    },
  };
}

/** 400 naming where `value` holds U+0000, which PostgreSQL text cannot store. */
export function assertNoNul(value: unknown, where: string): void {
  const nul = findNul(value);
  if (nul !== undefined) {
    throw new ApiError(
      'bad_request',
      `${formatPath(nul, where)}: contains a NUL character, which text cannot hold`,
    );
  }
}

/** Fastify's own errors (body parsing, limits) in the API's terms. */
export function fromFastifyError(err: { code?: string; statusCode?: number; message: string }): ApiError {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('payload_too_large', `request body too large: ${err.message}`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('unsupported_media_type', 'send JSON with content-type: application/json');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError('bad_request', `the body is not valid JSON: ${err.message}`);
    default:
      break;
  }
  if (err.statusCode === 429) return new ApiError('rate_limited', err.message);
  if (err.statusCode === 413) return new ApiError('payload_too_large', err.message);
  if (err.statusCode === 415) return new ApiError('unsupported_media_type', err.message);
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
    return new ApiError('bad_request', err.message);
  }
  return new ApiError('internal', 'internal error');
}
