import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

/** The optional Idempotency-Key header: 1-128 visible ASCII characters, else 400. */
export const IdempotencyKeyHeader = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
    throw new BadRequestException({
      code: 'VALIDATION_FAILED',
      message: ['Idempotency-Key must be 1 to 128 visible ASCII characters'],
      fields: ['Idempotency-Key'],
    });
  }
  return value;
});
