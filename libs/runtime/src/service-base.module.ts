import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { DatabaseModule, DatabaseOptions } from './database.module';
import { HealthModule } from './health.module';
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
          pinoHttp: {
            level: process.env.LOG_LEVEL ?? 'info',
            base: { service: options.serviceName },
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
          },
        }),
        DatabaseModule.forService(options),
        HealthModule,
      ],
      controllers: [MetricsController],
    };
  }
}
