import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { DatabaseModule, DatabaseOptions } from './database.module';
import { HealthModule } from './health.module';
import { KillSwitchController } from './kill-switch.controller';
import { MetricsController } from './metrics.controller';
import { validateServiceEnv } from './service-env';

export interface ServiceBaseOptions extends DatabaseOptions {
  /** Appears as "service" in every log line. */
  serviceName: string;
}

/** What every service has: validated config, JSON logs, its database with migrations, and /health. */
@Module({})
export class ServiceBaseModule {
  static forService(options: ServiceBaseOptions): DynamicModule {
    return {
      module: ServiceBaseModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateServiceEnv }),
        LoggerModule.forRoot({
          // Probes and scrapes every few seconds would drown the log.
          exclude: [
            { method: RequestMethod.GET, path: 'health' },
            { method: RequestMethod.GET, path: 'health/live' },
            { method: RequestMethod.GET, path: 'metrics' },
          ],
          pinoHttp: {
            level: process.env.LOG_LEVEL ?? 'info',
            base: { service: options.serviceName },
            // Hot path: a line per request only at debug, unless it failed (LOG_LEVEL=debug shows them all). The
            // error filter already logs 5xx (a 503 with its cause, a 500 with its stack).
            customLogLevel: (_req: unknown, res: { statusCode: number }) =>
              res.statusCode >= 400 && res.statusCode < 500 ? 'warn' : 'debug',
            // One short line per request: no headers (they may carry credentials), less work per request.
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
        DatabaseModule.forService(options),
        HealthModule,
      ],
      controllers: [MetricsController, KillSwitchController],
    };
  }
}
