import type { Server } from 'node:http';
import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigService } from '@nestjs/config';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { histogram } from './metrics';
import { ServiceEnv } from './service-env';
import { ServiceErrorFilter } from './service-error.filter';
import { strictValidationPipe } from './validation.pipe';

/** Bounded request bodies: an order of 100 items is far below this. */
const BODY_LIMIT_BYTES = 64 * 1024;

const requestDuration = histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request latency by route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

/** Creates a service on Fastify: strict validation, one error shape, JSON logs, metrics, OpenAPI at /docs. */
export async function createService(rootModule: Type<unknown>, title: string): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES });
  // The API speaks JSON only: any other body is 415, not a string that fails validation.
  adapter.getInstance().removeContentTypeParser('text/plain');
  adapter.getInstance().addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requestDuration.observe({ method: request.method, route, status: reply.statusCode }, reply.elapsedTime / 1000);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new ServiceErrorFilter());
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle(title).setVersion('1').build());
  SwaggerModule.setup('docs', app, document);
  return app;
}

/** Boots a service and listens on HOST:PORT; SIGTERM or SIGINT shut it down gracefully. */
export async function bootstrapService(rootModule: Type<unknown>, title: string): Promise<NestFastifyApplication> {
  const app = await createService(rootModule, title);
  const config = app.get<ConfigService<ServiceEnv, true>>(ConfigService);
  await app.listen(config.get('PORT', { infer: true }), config.get('HOST', { infer: true }));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutDown(app, signal));
  return app;
}

/**
 * HTTP first (stop accepting, let requests in flight finish), then the module hooks close the RocketMQ clients
 * and the database. Nest's own shutdown hooks would close the clients before the HTTP server.
 */
async function shutDown(app: NestFastifyApplication, signal: string): Promise<void> {
  const logger = app.get(Logger);
  logger.log(`${signal}: closing HTTP, then messaging clients, then the database`);
  try {
    // Node closes only the keep-alive connections idle at close time; reap the others as their responses end.
    const server: Server = app.getHttpServer();
    const reaper = setInterval(() => server.closeIdleConnections(), 100);
    await app.getHttpAdapter().getInstance().close();
    clearInterval(reaper);
    logger.log('HTTP closed; closing messaging clients and the database');
    await app.close();
    logger.log('shutdown complete');
    process.exit(0);
  } catch (error) {
    logger.error(error, 'shutdown failed');
    process.exit(1);
  }
}
