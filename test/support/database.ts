import mysql, { Connection, RowDataPacket } from 'mysql2/promise';
import { DataSource, DataSourceOptions } from 'typeorm';
import { LocalTransactions } from '@app/messaging';
import { serviceEnv, ServiceName } from './service-process';
import { testEnv } from './test-env';

/** A direct connection to one service's test database, to assert its end state. */
export async function connectToDatabase(service: 'order_service' | 'inventory_service' | 'payment_service') {
  const database = `${service}${testEnv.dbNameSuffix}`;
  if (!database.includes('test')) throw new Error(`refusing to touch ${database}`);
  return mysql.createConnection({
    host: testEnv.dbHost,
    port: testEnv.dbPort,
    user: process.env.DB_ADMIN_USER ?? 'root',
    password: process.env.DB_ADMIN_PASSWORD ?? '',
    database,
  });
}

export async function rows<T>(db: Connection, sql: string, params: unknown[] = []): Promise<T[]> {
  const [result] = await db.query<RowDataPacket[]>(sql, params);
  return result as T[];
}

/**
 * The service's own LocalTransactions, run in the test process as the service's database user (to drive its real
 * local transaction into a chosen interleaving). Call `close` when done.
 */
export async function serviceTransactions(name: ServiceName, entities: DataSourceOptions['entities'] = []) {
  const env = serviceEnv(name);
  const dataSource = await new DataSource({
    type: 'mysql',
    host: env.DB_HOST,
    port: Number(env.DB_PORT),
    username: env.DB_USER,
    password: env.DB_PASSWORD,
    database: env.DB_NAME,
    entities,
  }).initialize();
  const transactions = new LocalTransactions(dataSource);
  await transactions.onModuleInit();
  return { transactions, close: () => dataSource.destroy() };
}
