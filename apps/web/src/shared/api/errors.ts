/** What the API answers on a failure (`{ error: { code, message, details } }`), as a thrown error. */
export interface FieldProblem {
  location: string;
  field: string;
  /** The server's words (English). */
  problem: string;
  /** What kind of problem, for saying it in the user's language (see problems.messages.ts). */
  rule?: string;
  limit?: number;
  allowed?: string[];
  format?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /**
   * Validation problems of the body, by field name (`request.validation_failed`): in the words
   * `say` finds for them (the user's language), else the server's.
   */
  fieldProblems(say?: (problem: FieldProblem) => string | undefined): Record<string, string> {
    if (!Array.isArray(this.details)) return {};
    const byField: Record<string, string> = {};
    for (const item of this.details as Partial<FieldProblem>[]) {
      if (item && typeof item.field === 'string' && typeof item.problem === 'string' && !(item.field in byField)) {
        byField[item.field] = say?.(item as FieldProblem) ?? item.problem;
      }
    }
    return byField;
  }
}

/** The server could not be reached at all (offline, server down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network', { cause });
    this.name = 'NetworkError';
  }
}

/** The ApiError of a failed response whose body was already read (openapi-fetch hands it over parsed). */
export function apiErrorFrom(response: Response, body: unknown): ApiError {
  return apiErrorOfBody(response.status, response.statusText, body);
}

/** The ApiError of a failed answer's status and parsed body (also for XMLHttpRequest uploads). */
export function apiErrorOfBody(status: number, statusText: string, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  return new ApiError(
    status,
    typeof error?.code === 'string' ? error.code : `http.${status}`,
    typeof error?.message === 'string' ? error.message : statusText,
    error?.details,
  );
}
