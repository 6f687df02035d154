/**
 * A failure the API reports on purpose: a stable `code` for clients and the HTTP status it maps to.
 * The one place that turns these into responses is ServiceErrorFilter.
 */
export abstract class ServiceError extends Error {
  abstract readonly code: string;
  abstract readonly httpStatus: number;
}
