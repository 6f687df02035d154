import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConsoleLogger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ConsoleEnv } from './console-env';
import { ConsoleModule } from './console.module';

/** The page, built by `npm run build` (vite) next to the compiled server: dist/console-web. */
const PAGE_ROOT = join(__dirname, '../../../console-web');

async function bootstrap(): Promise<void> {
  const logger = new ConsoleLogger({ json: true });
  const app = await NestFactory.create<NestFastifyApplication>(ConsoleModule, new FastifyAdapter(), { logger });
  if (!existsSync(join(PAGE_ROOT, 'index.html'))) throw new Error(`no page at ${PAGE_ROOT}: run npm run build`);
  app.useStaticAssets({ root: PAGE_ROOT, prefix: '/' });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  const config = app.get<ConfigService<ConsoleEnv, true>>(ConfigService);
  const [port, host] = [config.get('PORT', { infer: true }), config.get('HOST', { infer: true })];
  await app.listen(port, host);
  logger.log(`console on http://${host}:${port}`);
}

void bootstrap();
