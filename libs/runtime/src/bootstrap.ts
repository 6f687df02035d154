import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigService } from '@nestjs/config';
import { Logger } from 'nestjs-pino';
import { ServiceEnv } from './service-env';

/** Bounded request bodies: an order of 100 items is far below this. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** Boots a service on Fastify with JSON logs and graceful shutdown on SIGTERM/SIGINT. */
export async function bootstrapService(rootModule: Type<unknown>): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule,
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const config = app.get<ConfigService<ServiceEnv, true>>(ConfigService);
  await app.listen(config.get('PORT', { infer: true }), config.get('HOST', { infer: true }));
  return app;
}
