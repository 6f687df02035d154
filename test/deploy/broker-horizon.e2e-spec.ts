import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateServiceEnv } from '@app/runtime';

const root = join(__dirname, '../..');
const defaults = validateServiceEnv({ PORT: '1', DB_NAME: 'x', DB_USER: 'x' });

/** The services validate CHECK_DEADLINE_MS against the broker's horizon they are told; every broker must match. */
describe.each([
  ['the local stack', 'infra/rocketmq/start.sh'],
  ['docker compose', 'infra/docker/rocketmq/broker.conf'],
  ['Kubernetes', 'k8s/base/rocketmq-broker.yaml'],
])("the broker's transaction check settings in %s", (_, file) => {
  const text = readFileSync(join(root, file), 'utf8');
  const setting = (key: string) => Number(new RegExp(`${key}=(?:\\$\\{[A-Z_]+:-)?(\\d+)`).exec(text)?.[1]);

  it('match what the services assume by default', () => {
    expect(setting('transactionCheckInterval')).toBe(defaults.ROCKETMQ_TRANSACTION_CHECK_INTERVAL_MS);
    expect(setting('transactionCheckMax')).toBe(defaults.ROCKETMQ_TRANSACTION_CHECK_MAX);
  });
});
