/**
 * Errors with a stable code (`documents.not_found`) and the HTTP status they map to.
 * One handler (app/http-errors.ts) turns them into `{ error: { code, message, details? } }`.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  /** Response headers that belong to the error, e.g. Retry-After on a 429. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(input: { code: string; message: string; status: number; details?: unknown; cause?: unknown; headers?: Record<string, string> }) {
    super(input.message, input.cause === undefined ? undefined : { cause: input.cause });
    this.name = 'AppError';
    this.code = input.code;
    this.status = input.status;
    this.details = input.details;
    this.headers = input.headers ?? {};
  }
}

/** Builds a factory for one error kind, so each module declares its errors in one place. */
export function defineError(definition: { code: string; status: number; message: string }) {
  return (overrides: { message?: string; details?: unknown; cause?: unknown; headers?: Record<string, string> } = {}) =>
    new AppError({
      code: definition.code,
      status: definition.status,
      message: overrides.message ?? definition.message,
      details: overrides.details,
      cause: overrides.cause,
      ...(overrides.headers ? { headers: overrides.headers } : {}),
    });
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
