import type { Connection } from 'mysql2/promise';
import { connectToDatabase, rows } from '../support/database';
import { eventually } from '../support/eventually';
import { jsonRequest } from '../support/http';
import { aCustomerId, aSku, Shop } from '../support/shop';

const MAX_PENDING_ORDERS = 5;

/** Beyond capacity POST /orders answers 503 OVERLOADED and creates nothing; the backlog drains, then it accepts. */
describe('more orders than the flow can take', () => {
  let shop: Shop;
  let db: Connection;

  beforeAll(async () => {
    db = await connectToDatabase('order_service');
    shop = await Shop.start({}, { 'order-service': { MAX_PENDING_ORDERS: String(MAX_PENDING_ORDERS) } });
  });

  afterAll(async () => {
    await shop?.stop();
    await db?.end();
  });

  it('refuses with 503 OVERLOADED while too many orders await their outcomes, and accepts once they drain', async () => {
    const [sku, customerId] = [aSku(), aCustomerId()];
    await shop.stock(sku, 100);
    await shop.fund(customerId, 100000);
    await Promise.all([shop.inventory.stop(), shop.payment.stop()]);
    // Orders of earlier suites may still be pending: count what is there, fill up to the bound.
    const [{ pending }] = await rows<{ pending: number }>(
      db,
      "SELECT COUNT(*) AS pending FROM orders WHERE status = 'PENDING'",
    );
    const body = { customerId, items: [{ sku, quantity: 1, unitPriceCents: 100 }] };
    const placed: string[] = [];
    for (let i = Number(pending); i < MAX_PENDING_ORDERS; i++)
      placed.push((await shop.placeOrder(customerId, body.items)).id);

    // The pending count is refreshed every 200 ms, so an order or two more may get in first: they count as placed.
    const refused = await eventually(async () => {
      const res = await shop.orders.fetch('/orders', jsonRequest('POST', body));
      if (res.status === 201) placed.push(((await res.json()) as { id: string }).id);
      expect(res.status).toBe(503);
      return res;
    }, 5000);
    expect(placed.length).toBeLessThanOrEqual(MAX_PENDING_ORDERS + 2);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ code: 'OVERLOADED' });
    const created = await rows(db, 'SELECT id FROM orders WHERE customer_id = ?', [customerId]);
    expect(created).toHaveLength(placed.length);

    await Promise.all([shop.inventory.start(), shop.payment.start()]);
    for (const id of placed) expect((await shop.finalOrder(id, 60000)).status).toBe('CONFIRMED');
    await eventually(async () => {
      const res = await shop.orders.fetch('/orders', jsonRequest('POST', body));
      expect(res.status).toBe(201);
    }, 10000);
  });
});
