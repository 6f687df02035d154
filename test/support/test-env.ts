/** Where the test stack listens; scripts/test.sh exports these from infra/profiles/test.env. */
export const testEnv = {
  rocketMqEndpoints: process.env.ROCKETMQ_ENDPOINTS ?? '127.0.0.1:18081',
  dbHost: process.env.DB_HOST ?? '127.0.0.1',
  dbPort: Number(process.env.DB_PORT ?? 3306),
  dbNameSuffix: process.env.DB_NAME_SUFFIX ?? '_test',
  runDir: process.env.RUN_DIR ?? `${__dirname}/../../.run/test`,
};
