import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConsumerGroups, Topics } from './topics';

// The broker's topics and groups are created by infra/rocketmq/init.sh from this file.
const resources = readFileSync(join(__dirname, '../../../infra/rocketmq/resources.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => line.trim().split(/\s+/));

describe('broker resources', () => {
  it('creates every topic of the contracts as a TRANSACTION topic', () => {
    for (const topic of Object.values(Topics)) {
      expect(resources).toContainEqual(['topic', topic, 'TRANSACTION', expect.stringMatching(/^\d+$/)]);
    }
  });

  it('creates every consumer group of the contracts', () => {
    for (const group of Object.values(ConsumerGroups)) {
      expect(resources).toContainEqual(['group', group]);
    }
  });
});
