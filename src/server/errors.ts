/**
 * The handful of typed errors services throw. One handler (http/app.ts) maps each to
 * `{ error: { code, message, details } }` and its status; the CLI maps them to exit codes.
 */
export type ErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'validation_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'range_not_satisfiable'
  | 'rate_limited'
  | 'internal';

export interface FieldIssue {
  path: string;
  message: string;
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 416 | 422 | 429 | 500,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, details?: unknown) {
    super('bad_request', 400, message, details);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Authentication required: send Authorization: Bearer <token>.') {
    super('unauthenticated', 401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do this.') {
    super('forbidden', 403, message);
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string) {
    super('not_found', 404, `${entity} ${id} was not found.`, { entity, id });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super('conflict', 409, message, details);
  }
}

export class ValidationError extends AppError {
  constructor(issues: FieldIssue[], message?: string) {
    super(
      'validation_failed',
      422,
      message ?? issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '),
      issues,
    );
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string, details?: unknown) {
    super('payload_too_large', 413, message, details);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string, details?: unknown) {
    super('unsupported_media_type', 415, message, details);
  }
}

export class RangeNotSatisfiableError extends AppError {
  constructor(message: string, details?: unknown) {
    super('range_not_satisfiable', 416, message, details);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', 429, message, { retry_after_seconds: retryAfterSeconds });
  }
}

/** Maps driver errors that bad input can cause (unique or foreign-key violations) to AppErrors. */
export function fromDatabaseError(err: unknown): AppError | null {
  if (typeof err !== 'object' || err === null || !('code' in err)) return null;
  const e = err as { code?: unknown; detail?: unknown; constraint?: unknown; message?: unknown };
  const detail = typeof e.detail === 'string' ? e.detail : undefined;
  const constraint = typeof e.constraint === 'string' ? e.constraint : undefined;
  switch (e.code) {
    case '23505':
      return new ConflictError(
        `A record with the same unique value already exists${detail ? `: ${detail}` : '.'}`,
        {
          constraint,
        },
      );
    case '23503':
      return new ValidationError([
        {
          path: constraint ?? '',
          message: detail ?? 'refers to a record that does not exist or is still referenced',
        },
      ]);
    case '23514':
      return new ValidationError([
        { path: constraint ?? '', message: `violates the rule ${constraint ?? ''}` },
      ]);
    case '22P02':
    case '22007':
    case '22008':
      return new ValidationError([
        { path: '', message: typeof e.message === 'string' ? e.message : 'invalid value' },
      ]);
    default:
      return null;
  }
}
