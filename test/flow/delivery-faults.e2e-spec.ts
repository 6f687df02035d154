import { randomUUID } from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import {
  ConsumerGroup,
  ConsumerGroups,
  EventEnvelope,
  EventTypes,
  newEvent,
  OrderCancelled,
  OrderCreated,
  Topics,
} from '@app/contracts';
import { connectToDatabase, rows } from '../support/database';
import { eventually, holdsFor } from '../support/eventually';
import { MessageCollector } from '../support/rocketmq';
import { aCustomerId, aSku, EventInjector, Shop } from '../support/shop';

type Event = EventEnvelope;

describe('deliveries that go wrong: duplicates, crashes before the ack, reordering, poison', () => {
  let shop: Shop;
  let injector: EventInjector;
  let collectors: MessageCollector[];
  let ordersDb: Connection;
  let inventoryDb: Connection;
  let paymentDb: Connection;
  let databases: Record<ConsumerGroup, Connection>;
  const eventsOf = (orderId: string): Event[] =>
    collectors
      .flatMap((collector) => collector.messages)
      .flatMap((message) => parsed(message.body.toString()))
      .filter((event) => event.orderId === orderId);
  const consumed = (db: Connection, eventId: string) =>
    rows(db, 'SELECT event_id FROM consumed_events WHERE event_id = ?', [eventId]);

  beforeAll(async () => {
    [shop, ordersDb, inventoryDb, paymentDb] = await Promise.all([
      Shop.start(),
      connectToDatabase('order_service'),
      connectToDatabase('inventory_service'),
      connectToDatabase('payment_service'),
    ]);
    databases = { 'order-service': ordersDb, 'inventory-service': inventoryDb, 'payment-service': paymentDb };
    injector = await EventInjector.start();
    collectors = await Promise.all(Object.values(Topics).map((topic) => MessageCollector.start(topic, '*')));
  });

  afterAll(async () => {
    await shop?.stop();
    await injector?.stop();
    await Promise.all((collectors ?? []).map((collector) => collector.stop()));
    await ordersDb?.end();
    await inventoryDb?.end();
    await paymentDb?.end();
  });

  it('every event type delivered a second time with the same key has one effect', async () => {
    const [sku, rich, poor, scarce] = [aSku(), aCustomerId(), aCustomerId(), aSku()];
    await Promise.all([shop.stock(sku, 10), shop.stock(scarce, 0), shop.fund(rich, 100000), shop.fund(poor, 0)]);
    const orders = await Promise.all([
      shop.placeOrder(rich, [{ sku, quantity: 1, unitPriceCents: 700 }]), // confirmed
      shop.placeOrder(poor, [{ sku, quantity: 1, unitPriceCents: 700 }]), // insufficient funds
      shop.placeOrder(rich, [{ sku: scarce, quantity: 1, unitPriceCents: 700 }]), // out of stock
    ]);
    await Promise.all(orders.map((order) => shop.finalOrder(order.id)));
    // Every event of the three orders, once the compensations are through. A compensation that came first left
    // a barrier instead, and then the late action published nothing: count from the end states.
    const [, short, outOfStock] = orders;
    const events = await eventually(async () => {
      const [reservation] = await rows<{ status: string }>(
        inventoryDb,
        'SELECT status FROM stock_reservations WHERE order_id = ?',
        [short.id],
      );
      const [payment] = await shop.payments(outOfStock.id);
      const expectedCount =
        4 + 3 + Number(reservation?.status === 'RELEASED') + 3 + Number(payment?.status === 'REFUNDED');
      const all = orders.flatMap((order) => eventsOf(order.id));
      expect(all).toHaveLength(expectedCount);
      return all;
    });
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(Object.values(EventTypes)));
    // The last consumers may still be at work (or retrying a failed delivery): snapshot only the settled state.
    const before = await eventually(async () => {
      const state = await snapshot();
      expect(state.orders.map((order) => order.status)).toEqual(['CONFIRMED', 'CANCELLED', 'CANCELLED']);
      expect(state.products).toMatchObject([
        { available: 9, reserved: 0, sold: 1 },
        { available: 0, reserved: 0, sold: 0 },
      ]);
      expect(state.balances).toEqual([100000 - 700, 0]);
      expect(state.reservations[0]).toBe('SOLD');
      expect(state.reservations.slice(1)).not.toContain('RESERVED');
      expect(state.payments[0].map((payment) => payment.status)).toEqual(['CHARGED']);
      expect(state.payments[2].map((payment) => payment.status)).not.toContain('CHARGED');
      return state;
    });

    for (const event of events) {
      await injector.publishEvent(event);
    }

    // Every consumer of each event got it again and only counted the redelivery; nothing else changed. (A
    // redelivered event also re-announces what it caused, with the recorded event id: more redeliveries, no effect.)
    await eventually(async () => {
      for (const event of events) {
        for (const consumer of consumersOf(event.type)) {
          const [record] = await rows<{ redeliveries: number }>(
            databases[consumer],
            'SELECT redeliveries FROM consumed_events WHERE consumer = ? AND event_id = ?',
            [consumer, event.eventId],
          );
          expect({ event: event.type, consumer, redelivered: (record?.redeliveries ?? 0) >= 1 }).toEqual({
            event: event.type,
            consumer,
            redelivered: true,
          });
        }
      }
    }, 30000);
    expect(await snapshot()).toEqual(before);

    async function snapshot() {
      return {
        orders: await Promise.all(orders.map((order) => shop.order(order.id))),
        products: [await shop.product(sku), await shop.product(scarce)],
        balances: [await shop.balance(rich), await shop.balance(poor)],
        payments: await Promise.all(orders.map((order) => shop.payments(order.id))),
        reservations: await Promise.all(
          orders.map((order) => barrierStatus(inventoryDb, 'stock_reservations', order.id)),
        ),
      };
    }
  });

  it('a consumer killed after its local commit and before its ack: the message comes again, one effect', async () => {
    const [sku, customer] = [aSku(), aCustomerId()];
    await Promise.all([shop.stock(sku, 3), shop.fund(customer, 5000)]);
    const placed = await shop.placeOrder(customer, [{ sku, quantity: 1, unitPriceCents: 1000 }], {
      'x-fault-inject': 'consumer-crash-before-ack',
    });

    // Both consumers of OrderCreated commit, then die (SIGKILL) before acknowledging it.
    expect(await shop.inventory.exited()).toBe('SIGKILL');
    expect(await shop.payment.exited()).toBe('SIGKILL');
    const [created] = eventsOf(placed.id);
    await Promise.all([shop.inventory.start(), shop.payment.start()]);

    const order = await shop.finalOrder(placed.id, 60000);
    expect(order.status).toBe('CONFIRMED');
    // The unacked OrderCreated comes again once its invisible time (15 s from the first receive) has passed.
    for (const service of [shop.inventory, shop.payment]) {
      await eventually(async () =>
        expect(
          await shop.metric(service, 'rocketmq_consumed_total', { tag: 'OrderCreated', outcome: 'handled' }),
        ).toBeGreaterThanOrEqual(1),
      );
    }
    // ... and changes nothing: one dedup record, one reservation's worth of stock, one charge.
    expect(await consumed(inventoryDb, created.eventId)).toHaveLength(1);
    expect(await consumed(paymentDb, created.eventId)).toHaveLength(1);
    await eventually(async () => expect(await shop.product(sku)).toMatchObject({ available: 2, reserved: 0, sold: 1 }));
    expect(await shop.balance(customer)).toBe(4000);
    expect(await shop.payments(placed.id)).toHaveLength(1);
  });

  it('OrderCancelled delivered before OrderCreated: the barrier holds, the late OrderCreated does nothing', async () => {
    const [sku, customer, orderId] = [aSku(), aCustomerId(), randomUUID()];
    await Promise.all([shop.stock(sku, 5), shop.fund(customer, 5000)]);
    const cancelled = newEvent<OrderCancelled>(randomUUID(), EventTypes.orderCancelled, orderId, {
      customerId: customer,
      reason: 'OUT_OF_STOCK',
    });
    const created = newEvent<OrderCreated>(randomUUID(), EventTypes.orderCreated, orderId, {
      customerId: customer,
      totalCents: 2000,
      items: [{ sku, quantity: 2, unitPriceCents: 1000 }],
    });

    await injector.publishEvent(cancelled);
    await eventually(async () => {
      expect(await barrierStatus(inventoryDb, 'stock_reservations', orderId)).toBe('CANCELLED_BEFORE_RESERVE');
      expect(await barrierStatus(paymentDb, 'payments', orderId)).toBe('CANCELLED_BEFORE_CHARGE');
    });
    await injector.publishEvent(created);
    await eventually(async () => {
      expect(await consumed(inventoryDb, created.eventId)).toHaveLength(1);
      expect(await consumed(paymentDb, created.eventId)).toHaveLength(1);
    });

    await holdsFor(async () => {
      expect(await shop.product(sku)).toMatchObject({ available: 5, reserved: 0, sold: 0 });
      expect(await shop.balance(customer)).toBe(5000);
      expect(eventsOf(orderId).map((event) => event.type)).toEqual([
        EventTypes.orderCancelled,
        EventTypes.orderCreated,
      ]);
    }, 3000);
    expect(await barrierStatus(inventoryDb, 'stock_reservations', orderId)).toBe('CANCELLED_BEFORE_RESERVE');
    expect(await barrierStatus(paymentDb, 'payments', orderId)).toBe('CANCELLED_BEFORE_CHARGE');
  });

  it('a poison message ends in the DLQ after the retry limit, counted, without blocking other orders', async () => {
    const key = randomUUID();
    const deadBefore = await shop.metric(shop.inventory, 'rocketmq_consumed_total', { outcome: 'dead_lettered' });
    await injector.publish(Topics.orderEvents, EventTypes.orderCreated, key, '{not json');

    // Meanwhile an ordinary order goes through.
    const [sku, customer] = [aSku(), aCustomerId()];
    await Promise.all([shop.stock(sku, 1), shop.fund(customer, 100)]);
    const placed = await shop.placeOrder(customer, [{ sku, quantity: 1, unitPriceCents: 100 }]);
    expect((await shop.finalOrder(placed.id)).status).toBe('CONFIRMED');

    let deadLetters: MessageCollector | undefined;
    try {
      await eventually(async () => {
        deadLetters ??= await MessageCollector.start(`%DLQ%${ConsumerGroups.inventoryService}`, '*');
        expect(deadLetters.withKey(key)).toHaveLength(1);
      }, 90000);
    } finally {
      await deadLetters?.stop();
    }
    const deadNow = await shop.metric(shop.inventory, 'rocketmq_consumed_total', { outcome: 'dead_lettered' });
    expect(deadNow - deadBefore).toBe(1);
    const health = (await (await shop.inventory.fetch('/health')).json()) as {
      details: { broker: { deadLettered: number } };
    };
    expect(health.details.broker.deadLettered).toBeGreaterThanOrEqual(1);
  });
});

/** Who consumes what: order-service the outcomes, inventory every order event, payment all but OrderConfirmed. */
function consumersOf(type: string): ConsumerGroup[] {
  if (!type.startsWith('Order')) return [ConsumerGroups.orderService];
  if (type === EventTypes.orderConfirmed) return [ConsumerGroups.inventoryService];
  return [ConsumerGroups.inventoryService, ConsumerGroups.paymentService];
}

async function barrierStatus(db: Connection, table: string, orderId: string) {
  const [row] = await rows<{ status: string }>(db, `SELECT status FROM ${table} WHERE order_id = ?`, [orderId]);
  return row?.status;
}

/** The collectors also see earlier runs' poison messages (a new group starts at the topic's first message). */
function parsed(body: string): Event[] {
  try {
    return [JSON.parse(body) as Event];
  } catch {
    return [];
  }
}
