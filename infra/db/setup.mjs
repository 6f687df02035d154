// Creates one database and one least-privilege user per service, idempotently (MariaDB and MySQL 8).
// Usage: node infra/db/setup.mjs [--reset]   (--reset drops and recreates, only for databases named *test*)
import { readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';

const services = JSON.parse(readFileSync(new URL('./services.json', import.meta.url), 'utf8'));
const env = process.env;
const suffix = env.DB_NAME_SUFFIX ?? '';
const reset = process.argv.includes('--reset');
const userHost = env.DB_USER_HOST ?? '%';

export function serviceDatabase(service) {
  const { database, user } = services[service];
  const password = env[`${user.toUpperCase()}_DB_PASSWORD`] ?? `${user}-local-password`;
  return { database: `${database}${suffix}`, user: `${user}${suffix}`, password };
}

async function main() {
  if (reset && !suffix.includes('test')) {
    throw new Error(`refusing --reset: DB_NAME_SUFFIX "${suffix}" does not contain "test"`);
  }
  const admin = await mysql
    .createConnection({
      host: env.DB_HOST ?? '127.0.0.1',
      port: Number(env.DB_PORT ?? 3306),
      user: env.DB_ADMIN_USER ?? 'root',
      password: env.DB_ADMIN_PASSWORD ?? '',
      connectTimeout: 5000,
    })
    .catch((error) => {
      throw new Error(
        `cannot reach MySQL/MariaDB at ${env.DB_HOST ?? '127.0.0.1'}:${env.DB_PORT ?? 3306} as ` +
          `${env.DB_ADMIN_USER ?? 'root'}: ${error.message}`,
      );
    });
  try {
    for (const service of Object.keys(services)) {
      const { database, user, password } = serviceDatabase(service);
      if (reset) await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await admin.query(
        `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
      await admin.query('CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?', [user, userHost, password]);
      await admin.query('ALTER USER ?@? IDENTIFIED BY ?', [user, userHost, password]);
      // Its own schema only: enough to run its migrations, nothing on any other database.
      await admin.query(`GRANT ALL PRIVILEGES ON \`${database}\`.* TO ?@?`, [user, userHost]);
      console.error(`database ${database} ready, user ${user}@${userHost}${reset ? ' (reset)' : ''}`);
    }
  } finally {
    await admin.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(`ERROR: ${error.message}`);
    process.exit(1);
  });
}
