import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { MixedList } from 'typeorm';
import { ServiceEnv } from './service-env';
import { LocalTransactions } from '@app/messaging';

const QUERY_TIMEOUT_MS = 15000;

export interface DatabaseOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
}

/** The service's own MySQL database: schema only through migrations, run at startup; never synchronize. */
@Module({})
export class DatabaseModule {
  static forService(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<ServiceEnv, true>) => ({
            type: 'mysql',
            host: config.get('DB_HOST', { infer: true }),
            port: config.get('DB_PORT', { infer: true }),
            database: config.get('DB_NAME', { infer: true }),
            username: config.get('DB_USER', { infer: true }),
            password: config.get('DB_PASSWORD', { infer: true }),
            entities: options.entities,
            migrations: options.migrations,
            migrationsRun: true,
            migrationsTransactionMode: 'each',
            synchronize: false,
            timezone: 'Z',
            connectTimeout: 5000,
            // Every statement answers within this or fails (503), so no request waits for ever on a hung database;
            // local transactions end sooner still (LocalTransactions).
            enableQueryTimeout: true,
            maxQueryExecutionTime: QUERY_TIMEOUT_MS,
            poolSize: config.get('DB_POOL_SIZE', { infer: true }),
            // Fail fast at boot: the supervisor (or Kubernetes) restarts us until the database is back.
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
      providers: [LocalTransactions],
      exports: [LocalTransactions],
      global: true,
    };
  }
}
