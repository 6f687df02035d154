import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { isServiceError } from './service-error';

/** Maps every error to one JSON shape: { statusCode, code, message }. Unknown errors become a logged 500. */
@Catch()
export class ServiceErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(ServiceErrorFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { statusCode, body } = this.describe(error);
    void reply.status(statusCode).send({ statusCode, ...body });
  }

  private describe(error: unknown): { statusCode: number; body: Record<string, unknown> } {
    if (isServiceError(error)) {
      return { statusCode: error.httpStatus, body: { code: error.code, message: error.message } };
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
    if (isDatabaseUnavailable(error)) {
      return { statusCode: 503, body: { code: 'DATABASE_UNAVAILABLE', message: 'the database is unavailable' } };
    }
    this.logger.error({ err: error }, 'unhandled error');
    return { statusCode: 500, body: { code: 'INTERNAL', message: 'internal error' } };
  }
}

function isFastifyClientError(error: unknown): error is { statusCode: number; code: string; message: string } {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'PROTOCOL_CONNECTION_LOST', 'EPIPE']);

/** Connection-level failures of mysql2 (also when wrapped by TypeORM). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: string; driverError?: { code?: string } })?.code;
  const driverCode = (error as { driverError?: { code?: string } })?.driverError?.code;
  return UNAVAILABLE_CODES.has(code ?? '') || UNAVAILABLE_CODES.has(driverCode ?? '');
}
