import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { retryableDatabaseFailure } from './retryable-errors';
import { isServiceError } from './service-error';

interface Answer {
  statusCode: number;
  body: Record<string, unknown>;
  retryAfterSeconds?: number;
}

/**
 * Maps every error to one JSON shape: { statusCode, code, message }. Retryable database failures become a 503
 * naming the cause (DATABASE_BUSY, DATABASE_UNAVAILABLE); every 503 carries Retry-After. Unknown errors become a
 * logged 500.
 */
@Catch()
export class ServiceErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(ServiceErrorFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { statusCode, body, retryAfterSeconds } = this.describe(error);
    if (statusCode === 503) {
      void reply.header('Retry-After', String(retryAfterSeconds ?? 1));
      // Refusing work past capacity is routine under overload (counted in /metrics): no line per refusal.
      const level = body.code === 'OVERLOADED' ? 'debug' : 'warn';
      this.logger[level]({ code: body.code, err: error }, 'unavailable for now; asked the client to retry');
    }
    void reply.status(statusCode).send({ statusCode, ...body });
  }

  private describe(error: unknown): Answer {
    if (isServiceError(error)) {
      return {
        statusCode: error.httpStatus,
        body: { code: error.code, message: error.message },
        retryAfterSeconds: retryAfterSecondsOf(error),
      };
    }
    if (error instanceof HttpException) {
      const response = error.getResponse();
      return {
        statusCode: error.getStatus(),
        body: typeof response === 'string' ? { message: response } : (response as Record<string, unknown>),
      };
    }
    if (isFastifyClientError(error)) {
      return { statusCode: error.statusCode, body: { code: error.code, message: error.message } };
    }
    const retryable = retryableDatabaseFailure(error);
    if (retryable) {
      const { code, message, retryAfterSeconds } = retryable;
      return { statusCode: 503, body: { code, message }, retryAfterSeconds };
    }
    this.logger.error({ err: error }, 'unhandled error');
    return { statusCode: 500, body: { code: 'INTERNAL', message: 'internal error' } };
  }
}

function isFastifyClientError(error: unknown): error is { statusCode: number; code: string; message: string } {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** A service error may say how long to wait (`retryAfterSeconds`); Retry-After takes whole seconds. */
function retryAfterSecondsOf(error: object): number | undefined {
  const seconds = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}
