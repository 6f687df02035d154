import { randomUUID } from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import { ConsumerGroups, EventTypes, Topics } from '@app/contracts';
import { connectToDatabase, rows } from '../support/database';
import { eventually } from '../support/eventually';
import { MessageCollector } from '../support/rocketmq';
import { aCustomerId, aSku, Shop } from '../support/shop';

/**
 * An outcome whose announcement was lost (its half message discarded, say) is repaired by the broker's
 * redelivery: the duplicate finds the recorded outcome and announces it again, with its recorded event id.
 */
describe('a recorded outcome whose announcement was lost', () => {
  let shop: Shop;
  let ordersDb: Connection;
  let inventoryDb: Connection;
  let collector: MessageCollector;

  beforeAll(async () => {
    [shop, ordersDb, inventoryDb] = await Promise.all([
      Shop.start(),
      connectToDatabase('order_service'),
      connectToDatabase('inventory_service'),
    ]);
    collector = await MessageCollector.start(Topics.stockEvents, EventTypes.stockReserved);
  });

  afterAll(async () => {
    await shop?.stop();
    await collector?.stop();
    await ordersDb?.end();
    await inventoryDb?.end();
  });

  it('is announced again when its OrderCreated comes again, and the order is confirmed', async () => {
    const [sku, customerId] = [aSku(), aCustomerId()];
    await shop.stock(sku, 5);
    await shop.fund(customerId, 10000);
    await shop.inventory.stop();
    const placed = await shop.placeOrder(customerId, [{ sku, quantity: 2, unitPriceCents: 1000 }]);
    const [created] = await rows<{ event_id: string }>(
      ordersDb,
      "SELECT event_id FROM order_status_history WHERE order_id = ? AND status = 'PENDING'",
      [placed.id],
    );

    // What inventory would hold had it reserved the stock and then lost its StockReserved: recorded, unannounced.
    const lostEventId = randomUUID();
    await inventoryDb.query('START TRANSACTION');
    await inventoryDb.query('INSERT INTO consumed_events (consumer, event_id) VALUES (?, ?)', [
      ConsumerGroups.inventoryService,
      created.event_id,
    ]);
    await inventoryDb.query(
      "INSERT INTO stock_reservations (order_id, status, items, outcome_event_id) VALUES (?, 'RESERVED', ?, ?)",
      [placed.id, JSON.stringify([{ sku, quantity: 2 }]), lostEventId],
    );
    await inventoryDb.query('UPDATE products SET available = available - 2, reserved = reserved + 2 WHERE sku = ?', [
      sku,
    ]);
    await inventoryDb.query('COMMIT');
    expect((await shop.order(placed.id)).status).toBe('PENDING');

    await shop.inventory.start(); // its OrderCreated is delivered (again, as far as its records go)
    expect(await shop.finalOrder(placed.id, 60000)).toMatchObject({ status: 'CONFIRMED' });
    expect(collector.withKey(lostEventId).length).toBeGreaterThanOrEqual(1);
    await eventually(async () => expect(await shop.product(sku)).toMatchObject({ available: 3, reserved: 0, sold: 2 }));
    expect(await shop.balance(customerId)).toBe(8000);
  });
});
