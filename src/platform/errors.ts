// The catalogue of errors: a stable code, its HTTP status, and a message key in the i18n catalogue.
export const errorCatalogue = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  csrf_invalid: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  /** a multipart form with more fields or files than any form has (not a size: the parts may be small) */
  too_many_parts: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  /** work handed to a worker thread ran past its time limit and was stopped */
  work_too_long: 503,
  /** work handed to a worker thread needed more memory than a thread may hold */
  work_too_large: 413,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/** Field path → plain-language message, as shown beside form fields and returned in `details.fields`. */
export type FieldErrors = Record<string, string>;

export type ErrorDetails = { fields?: FieldErrors } & Record<string, unknown>;

/** An expected failure, safe to show: the message is written for the user, never a stack trace. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message ?? code);
    this.status = errorCatalogue[code];
  }
}

export const notFound = (message?: string) => new AppError('not_found', message);
export const forbidden = (message?: string) => new AppError('forbidden', message);

/** A validation failure on named fields; `message` summarises, `fields` says what is wrong where. */
export function invalid(fields: FieldErrors, message?: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('validation_failed', message, { ...extra, fields });
}

/** The PostgreSQL error code (SQLSTATE) behind an error, the same on PGlite and the server; Drizzle wraps it in `cause`. */
export function pgErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const e = current as { code?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    current = e.cause;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => pgErrorCode(error) === '23505';
/** 23503: a row still refers to this one; 23001: the same through ON DELETE RESTRICT, which fails without deferral. */
export const isForeignKeyViolation = (error: unknown) => ['23503', '23001'].includes(pgErrorCode(error) ?? '');
