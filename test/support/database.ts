import mysql, { Connection, RowDataPacket } from 'mysql2/promise';
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
