import { sumMetric } from './metrics-text';

const scrape = `# HELP rocketmq_consumed_total Deliveries
# TYPE rocketmq_consumed_total counter
rocketmq_consumed_total{group="inventory-service",topic="order-events",tag="OrderCreated",outcome="handled"} 12
rocketmq_consumed_total{group="inventory-service",topic="order-events",tag="OrderCreated",outcome="failed"} 2
rocketmq_consumed_total{group="inventory-service",topic="order-events",tag="OrderCancelled",outcome="failed"} 1
rocketmq_consumed_total_extra{outcome="failed"} 100
rocketmq_fences_total 3
`;

describe('sumMetric', () => {
  it('adds up the series whose labels match, and no series of a longer name', () => {
    expect(sumMetric(scrape, 'rocketmq_consumed_total', { outcome: 'failed' })).toBe(3);
    expect(sumMetric(scrape, 'rocketmq_consumed_total')).toBe(15);
  });

  it('reads an unlabelled counter, and answers 0 for one that is absent', () => {
    expect(sumMetric(scrape, 'rocketmq_fences_total')).toBe(3);
    expect(sumMetric(scrape, 'orders_created_total')).toBe(0);
  });
});
