/**
 * A failure the API reports on purpose: a stable `code` for clients and the HTTP status it maps to.
 * The one place that turns these into responses is ServiceErrorFilter.
 */
export abstract class ServiceError extends Error {
  abstract readonly code: string;
  abstract readonly httpStatus: number;
}

/** Any error with a string `code` and a numeric `httpStatus` is reported as such (libs cannot extend ServiceError). */
export function isServiceError(error: unknown): error is { code: string; httpStatus: number; message: string } {
  const candidate = error as { code?: unknown; httpStatus?: unknown } | null;
  return typeof candidate?.code === 'string' && typeof candidate.httpStatus === 'number';
}
