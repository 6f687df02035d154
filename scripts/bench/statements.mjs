// Statements and commits the database server ran (SHOW GLOBAL STATUS): round trips per order, whatever the CPU.
// Server-wide: anything else using the same server during a run is counted too.
import { createConnection } from 'mysql2/promise';

const COUNTERS = ['Questions', 'Com_commit', 'Com_rollback'];

async function read(connection) {
  const [rows] = await connection.query(`SHOW GLOBAL STATUS WHERE Variable_name IN (?)`, [COUNTERS]);
  return Object.fromEntries(rows.map((row) => [row.Variable_name, Number(row.Value)]));
}

/** Starts counting; the returned function gives the counts since (or undefined if the server cannot be read). */
export async function statementMeter(env = process.env) {
  const connection = await createConnection({
    host: env.DB_HOST ?? '127.0.0.1',
    port: Number(env.DB_PORT ?? 3306),
    user: env.DB_ADMIN_USER ?? 'root',
    password: env.DB_ADMIN_PASSWORD ?? '',
  }).catch(() => undefined);
  if (!connection) return async () => undefined;
  const start = await read(connection);
  return async () => {
    const end = await read(connection);
    await connection.end();
    // The two SHOW statements are this meter's own.
    return {
      statements: end.Questions - start.Questions - 2,
      commits: end.Com_commit - start.Com_commit,
      rollbacks: end.Com_rollback - start.Com_rollback,
    };
  };
}
