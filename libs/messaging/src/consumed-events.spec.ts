import type { EntityManager } from 'typeorm';
import { recordConsumption } from './consumed-events';
import { withDelivery } from './delivery-context';

/** A manager whose one INSERT reports `affectedRows` as MariaDB does for INSERT ... ON DUPLICATE KEY UPDATE. */
function aManager(affectedRows: number) {
  const sent: Array<{ sql: string; parameters: unknown[] }> = [];
  const manager = {
    query: (sql: string, parameters: unknown[]) => {
      sent.push({ sql, parameters });
      return Promise.resolve({ affectedRows });
    },
  } as unknown as EntityManager;
  return { manager, sent };
}

describe('recordConsumption', () => {
  it('records a first delivery (one row inserted) with what the timeline shows', async () => {
    const { manager, sent } = aManager(1);
    const first = await withDelivery({ orderId: 'o-1', eventType: 'OrderConfirmed', attempt: 2 }, () =>
      recordConsumption(manager, 'inventory-service', 'e-1'),
    );
    expect(first).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0].parameters).toEqual(['inventory-service', 'e-1', 'o-1', 'OrderConfirmed', 2]);
  });

  it('counts a redelivery in the same statement, which locks the row exclusively at once (no S-to-X upgrade)', async () => {
    const { manager, sent } = aManager(2);
    expect(await recordConsumption(manager, 'inventory-service', 'e-1')).toBe(false);
    expect(sent).toHaveLength(1);
    expect(sent[0].sql).toMatch(
      /^INSERT INTO consumed_events .* ON DUPLICATE KEY UPDATE redeliveries = redeliveries \+ 1/s,
    );
    expect(sent[0].parameters).toEqual(['inventory-service', 'e-1', null, null, null]);
  });
});
