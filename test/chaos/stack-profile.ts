import { join } from 'node:path';
import { repoRoot } from '../support/run-script';
import type { ServiceName } from '../support/service-process';

/** Where the stack the campaign runs against listens: the variables infra/lib/common.sh exports for a profile. */
export interface StackProfile {
  name: string;
  dbHost: string;
  dbPort: number;
  dbNameSuffix: string;
  proxyGrpcPort: number;
  servicePorts: Record<ServiceName, number>;
  pidDir: string;
  runDir: string;
  adminConnection: { host: string; port: number; user: string; password: string };
  /** Extra environment for every replica (e.g. the group's retry limit the broker applies). */
  serviceOverrides: Record<string, string>;
}

export function stackProfileFromEnv(env = process.env): StackProfile {
  const name = env.STACK_PROFILE ?? 'test';
  const runDir = env.RUN_DIR ?? join(repoRoot, '.run', name);
  const dbHost = env.DB_HOST ?? '127.0.0.1';
  const dbPort = Number(env.DB_PORT ?? 3306);
  return {
    name,
    dbHost,
    dbPort,
    dbNameSuffix: env.DB_NAME_SUFFIX ?? '_test',
    proxyGrpcPort: Number(env.PROXY_GRPC_PORT ?? 18081),
    servicePorts: {
      'order-service': Number(env.ORDER_SERVICE_PORT ?? 13001),
      'inventory-service': Number(env.INVENTORY_SERVICE_PORT ?? 13002),
      'payment-service': Number(env.PAYMENT_SERVICE_PORT ?? 13003),
    },
    pidDir: env.PID_DIR ?? join(runDir, 'pids'),
    runDir,
    adminConnection: {
      host: dbHost,
      port: dbPort,
      user: env.DB_ADMIN_USER ?? 'root',
      password: env.DB_ADMIN_PASSWORD ?? '',
    },
    serviceOverrides: {
      CONSUMER_MAX_RETRIES: env.CONSUMER_MAX_RETRIES ?? '2',
      LOG_LEVEL: env.LOG_LEVEL ?? 'info',
      FAULT_INJECTION: 'true',
    },
  };
}
