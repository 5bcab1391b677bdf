// One error hierarchy for the whole service. Domain code throws these; only lib/problem.ts turns them into HTTP.

export interface FieldError {
  path: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  abstract readonly title: string;
  /** Extra response headers (Allow, Retry-After, …). */
  headers: Record<string, string> = {};

  constructor(
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly code = "VALIDATION_FAILED";
  readonly title = "Request validation failed";
  constructor(
    readonly errors: FieldError[],
    detail = "One or more fields are invalid.",
  ) {
    super(detail);
  }
}

export class BadRequestError extends AppError {
  readonly status = 400;
  readonly title = "Bad request";
  constructor(
    detail: string,
    readonly code = "BAD_REQUEST",
  ) {
    super(detail);
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = "UNAUTHORIZED";
  readonly title = "Unauthorized";
  constructor(detail = "A valid API key is required: send `Authorization: Bearer <api_key>`.") {
    super(detail);
    this.headers = { "WWW-Authenticate": 'Bearer realm="wearsync"' };
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = "FORBIDDEN";
  readonly title = "Forbidden";
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = "NOT_FOUND";
  readonly title = "Not found";
  constructor(what = "resource") {
    super(`The ${what} does not exist.`);
  }
}

export class MethodNotAllowedError extends AppError {
  readonly status = 405;
  readonly code = "METHOD_NOT_ALLOWED";
  readonly title = "Method not allowed";
  constructor(method: string, allowed: string[]) {
    super(`${method} is not allowed here; use ${allowed.join(", ")}.`);
    this.headers = { Allow: allowed.join(", ") };
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly title = "Conflict";
  constructor(
    detail: string,
    readonly code = "CONFLICT",
  ) {
    super(detail);
  }
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = "PAYLOAD_TOO_LARGE";
  readonly title = "Payload too large";
  constructor(limitBytes: number) {
    super(`The request body exceeds this route's limit of ${limitBytes} bytes.`);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly code = "UNSUPPORTED_MEDIA_TYPE";
  readonly title = "Unsupported media type";
  constructor(accepted: string[]) {
    super(`Send the body as ${accepted.join(" or ")}.`);
  }
}

export class UnprocessableError extends AppError {
  readonly status = 422;
  readonly title = "Unprocessable content";
  constructor(
    detail: string,
    readonly code = "UNPROCESSABLE",
  ) {
    super(detail);
  }
}

export class RateLimitedError extends AppError {
  readonly status = 429;
  readonly code = "RATE_LIMITED";
  readonly title = "Too many requests";
  constructor(retryAfterSec: number) {
    super(`Rate limit exceeded; retry in ${retryAfterSec} s.`);
    this.headers = { "Retry-After": String(retryAfterSec) };
  }
}

/** A per-user storage quota (not a single body's size) would be exceeded. */
export class QuotaExceededError extends AppError {
  readonly status = 413;
  readonly code = "UPLOAD_QUOTA_EXCEEDED";
  readonly title = "Storage quota exceeded";
}

/** Too many of one kind of operation at once for one user (not the per-minute request rate). */
export class TooManyConcurrentError extends AppError {
  readonly status = 429;
  readonly title = "Too many requests";
  constructor(
    detail: string,
    readonly code: string,
    retryAfterSec: number,
  ) {
    super(detail);
    this.headers = { "Retry-After": String(retryAfterSec) };
  }
}

/** Postgres or Redis is unreachable: the request may succeed later, and nothing of it was half-written. */
export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly code = "SERVICE_UNAVAILABLE";
  readonly title = "Service unavailable";
  constructor(dependency: "database" | "queue", retryAfterSec: number) {
    super(`The ${dependency} is unavailable right now; nothing was changed. Retry in ${retryAfterSec} s.`);
    this.headers = { "Retry-After": String(retryAfterSec) };
  }
}
