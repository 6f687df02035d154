import type { Connection } from 'mysql2/promise';
import { ConsumerGroups, EventTypes, Topics } from '@app/contracts';
import { forCustomer } from '../../apps/order-service/test/order-builders';
import { connectToDatabase, rows } from '../support/database';
import { eventually, holdsFor } from '../support/eventually';
import { MessageCollector } from '../support/rocketmq';
import { runScript } from '../support/run-script';
import { aCustomerId, aSku, Shop } from '../support/shop';
import { TcpProxy } from '../support/tcp-proxy';
import { testEnv } from '../support/test-env';

interface DeadLetterView {
  id: number;
  group: string;
  eventId: string;
  type: string;
  attempts: number;
  lastError: string;
  replays: number;
  lastReplayOutcome: string | null;
  body?: string;
}

const MAX_RETRIES = Number(process.env.CONSUMER_MAX_RETRIES ?? 2);
const inventoryLabels = { group: ConsumerGroups.inventoryService, tag: EventTypes.orderCreated };

/**
 * Inventory gives up on an OrderCreated it cannot apply (a trigger refuses to update the product: the database
 * itself says no, as a revoked privilege would), records it, and a replay through the admin endpoint applies it
 * once the cause is gone. A database outage at the final attempt, though, must not dead-letter the message.
 */
describe('dead letters: recorded, listed, replayed once; never for an outage', () => {
  let shop: Shop;
  let proxy: TcpProxy;
  let ordersDb: Connection;
  let inventoryDb: Connection;
  let paymentDb: Connection;
  let orderEvents: MessageCollector;
  let dlq: MessageCollector | undefined;
  const admin = (path: string, method = 'GET') => shop.inventory.fetch(`/admin/dead-letters${path}`, { method });
  const consumed = (outcome: string) =>
    shop.metric(shop.inventory, 'rocketmq_consumed_total', { ...inventoryLabels, outcome });

  beforeAll(async () => {
    proxy = await new TcpProxy(testEnv.dbHost, testEnv.dbPort).open();
    [ordersDb, inventoryDb, paymentDb, orderEvents] = await Promise.all([
      connectToDatabase('order_service'),
      connectToDatabase('inventory_service'),
      connectToDatabase('payment_service'),
      MessageCollector.start(Topics.orderEvents, EventTypes.orderCreated),
    ]);
    shop = await Shop.start({}, { 'inventory-service': { DB_PORT: String(proxy.port) } });
  });

  afterAll(async () => {
    await inventoryDb?.query('DROP TRIGGER IF EXISTS freeze_products');
    await shop?.stop();
    await proxy?.cut();
    await Promise.all([orderEvents?.stop(), dlq?.stop()]);
    await Promise.all([ordersDb?.end(), inventoryDb?.end(), paymentDb?.end()]);
  });

  it('records the OrderCreated inventory cannot apply; a replay after the fix applies it once', async () => {
    const [sku, customer] = [aSku(), aCustomerId()];
    await Promise.all([shop.stock(sku, 5), shop.fund(customer, 10000)]);
    await inventoryDb.query(
      `CREATE TRIGGER freeze_products BEFORE UPDATE ON products FOR EACH ROW
       IF NEW.sku = ? THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'products are frozen for maintenance'; END IF`,
      [sku],
    );
    const deadBefore = await consumed('dead_lettered');
    const placed = await shop.placeOrder(customer, [{ sku, quantity: 1, unitPriceCents: 1500 }]);
    const eventId = await eventually(() => forCustomer(orderEvents.messages, customer)[0].eventId);

    // Dead-lettered after the retry limit: recorded with the error, listed, and taken to the broker's DLQ.
    const listed = await eventually(async () => {
      const letters = (await (await admin('')).json()) as DeadLetterView[];
      const letter = letters.find((candidate) => candidate.eventId === eventId);
      expect(letter).toBeDefined();
      return letter!;
    }, 60000);
    expect(listed).toMatchObject({ group: ConsumerGroups.inventoryService, type: EventTypes.orderCreated });
    expect(listed).toMatchObject({ attempts: MAX_RETRIES + 1, replays: 0, lastReplayOutcome: null });
    expect(listed.lastError).toContain('products are frozen for maintenance');
    const detail = (await (await admin(`/${listed.id}`)).json()) as DeadLetterView;
    expect(JSON.parse(detail.body!)).toMatchObject({ eventId, orderId: placed.id });
    expect((await consumed('dead_lettered')) - deadBefore).toBe(1);
    await eventually(async () => {
      dlq ??= await MessageCollector.start(`%DLQ%${ConsumerGroups.inventoryService}`, '*');
      expect(dlq.withKey(eventId)).toHaveLength(1);
    }, 60000);
    expect(await shop.order(placed.id)).toMatchObject({ status: 'PENDING' });
    expect(await shop.product(sku)).toMatchObject({ available: 5, reserved: 0, sold: 0 });

    // Replayed while the cause is still there: 422, and the new failure is recorded.
    const refused = await admin(`/${listed.id}/replay`, 'POST');
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ code: 'REPLAY_FAILED' });
    expect(await letterRow(eventId)).toMatchObject({ replays: 1, last_replay_outcome: 'failed' });

    await inventoryDb.query('DROP TRIGGER freeze_products');
    const replayed = await admin(`/${listed.id}/replay`, 'POST');
    expect(replayed.status).toBe(200);
    expect(await replayed.json()).toEqual({ outcome: 'handled', alreadyHandled: false });

    expect(await shop.finalOrder(placed.id)).toMatchObject({ status: 'CONFIRMED' });
    const settled = async () => {
      expect(await shop.product(sku)).toMatchObject({ available: 4, reserved: 0, sold: 1 });
      expect(await shop.balance(customer)).toBe(8500);
      expect(await shop.payments(placed.id)).toEqual([expect.objectContaining({ status: 'CHARGED' })]);
      expect(await rows(ordersDb, 'SELECT status FROM orders WHERE id = ?', [placed.id])).toEqual([
        { status: 'CONFIRMED' },
      ]);
      expect(await rows(inventoryDb, 'SELECT status FROM stock_reservations WHERE order_id = ?', [placed.id])).toEqual([
        { status: 'SOLD' },
      ]);
      expect(await rows(paymentDb, 'SELECT status FROM payments WHERE order_id = ?', [placed.id])).toEqual([
        { status: 'CHARGED' },
      ]);
    };
    await eventually(settled);

    // A second replay finds the dedup record: answered as handled, and nothing changes.
    const again = await admin(`/${listed.id}/replay`, 'POST');
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ outcome: 'handled', alreadyHandled: true });
    await holdsFor(settled, 3000);
    expect(await letterRow(eventId)).toMatchObject({ replays: 3, last_replay_outcome: 'already_handled' });
    expect(await rows(inventoryDb, 'SELECT 1 FROM consumed_events WHERE event_id = ?', [eventId])).toHaveLength(1);
    const replays = (outcome: string) =>
      shop.metric(shop.inventory, 'rocketmq_dead_letters_replayed_total', { ...inventoryLabels, outcome });
    expect([await replays('failed'), await replays('handled'), await replays('already_handled')]).toEqual([1, 1, 1]);

    // The operator's script, pointed at this test's inventory-service.
    const dlqScript = (args: string) =>
      runScript(['-c', `node scripts/dlq.mjs ${args} --service inventory-service`], {
        INVENTORY_SERVICE_PORT: '13002',
      });
    const listedByScript = await dlqScript('list');
    expect(listedByScript).toMatchObject({ code: 0 });
    expect(listedByScript.output).toContain(`#${listed.id} `);
    expect(listedByScript.output).toContain(`event ${eventId}`);
    expect(listedByScript.output).toContain('replayed 3x (last: already_handled)');
    expect(await dlqScript(`replay ${listed.id}`)).toEqual({
      code: 0,
      output: `inventory-service #${listed.id}: handled (it had been already; nothing changed)\n`,
    });
    await holdsFor(settled, 1000);

    const unknown = await admin('/999999/replay', 'POST');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      code: 'DEAD_LETTER_NOT_FOUND',
      message: 'dead letter 999999 not found',
    });
  });

  it('keeps an OrderCreated whose final attempt finds the database unreachable, and handles it once back', async () => {
    const [sku, customer] = [aSku(), aCustomerId()];
    await Promise.all([shop.stock(sku, 3), shop.fund(customer, 10000)]);
    const before = {
      held: await consumed('held'),
      dead: await consumed('dead_lettered'),
      ack: await consumed('ack_failed'),
    };
    const handledBefore = await consumed('handled');

    await proxy.cut();
    const placed = await shop.placeOrder(customer, [{ sku, quantity: 2, unitPriceCents: 1000 }]);
    const eventId = await eventually(() => forCustomer(orderEvents.messages, customer)[0].eventId);
    // Every delivery fails; the last one is held in the service instead of going to the DLQ.
    await eventually(async () => expect(await consumed('held')).toBe(before.held + 1), 60000);
    const unavailable = await admin('/1/replay', 'POST');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toMatch(/^\d+$/);
    await holdsFor(async () => {
      expect(await consumed('dead_lettered')).toBe(before.dead);
      expect(await letterRow(eventId)).toBeUndefined();
      expect(dlq?.withKey(eventId) ?? []).toEqual([]);
    }, 5000);
    expect(await shop.order(placed.id)).toMatchObject({ status: 'PENDING' });

    await proxy.open();
    expect(await shop.finalOrder(placed.id, 60000)).toMatchObject({ status: 'CONFIRMED' });
    await eventually(async () => expect(await shop.product(sku)).toMatchObject({ available: 1, reserved: 0, sold: 2 }));
    expect(await shop.balance(customer)).toBe(8000);
    expect(await rows(inventoryDb, 'SELECT 1 FROM consumed_events WHERE event_id = ?', [eventId])).toHaveLength(1);
    expect(await rows(paymentDb, 'SELECT status FROM payments WHERE order_id = ?', [placed.id])).toEqual([
      { status: 'CHARGED' },
    ]);
    // Acked with the receipt handle the last extension returned: no failed ack, no dead letter, none in the DLQ.
    expect(await consumed('handled')).toBeGreaterThan(handledBefore);
    expect(await consumed('ack_failed')).toBe(before.ack);
    expect(await consumed('dead_lettered')).toBe(before.dead);
    expect(await letterRow(eventId)).toBeUndefined();
    expect(dlq?.withKey(eventId) ?? []).toEqual([]);
  });

  async function letterRow(eventId: string) {
    const [row] = await rows<{ replays: number; last_replay_outcome: string | null }>(
      inventoryDb,
      'SELECT replays, last_replay_outcome FROM dead_letters WHERE consumer_group = ? AND event_id = ?',
      [ConsumerGroups.inventoryService, eventId],
    );
    return row;
  }
});
