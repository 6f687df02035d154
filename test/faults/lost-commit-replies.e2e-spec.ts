import { Topics } from '@app/contracts';
import { eventually, holdsFor } from '../support/eventually';
import { MessageCollector } from '../support/rocketmq';
import { ServiceName } from '../support/service-process';
import { jsonRequest } from '../support/http';
import { aCustomerId, aSku, Shop } from '../support/shop';
import { TcpProxy } from '../support/tcp-proxy';
import { testEnv } from '../support/test-env';

/**
 * Each service reaches its database through a proxy that, on demand, lets a COMMIT reach the server and drops
 * the server's reply: the transaction committed, the service sees a lost connection. Whatever the use case,
 * the order must end final with each of its events published once, and stock and money conserved.
 */
describe('a COMMIT that applied but whose reply was lost', () => {
  const proxies = {} as Record<ServiceName, TcpProxy>;
  const collectors: MessageCollector[] = [];
  let shop: Shop;

  beforeAll(async () => {
    for (const name of ['order-service', 'inventory-service', 'payment-service'] as const) {
      proxies[name] = await new TcpProxy(testEnv.dbHost, testEnv.dbPort).open();
    }
    for (const topic of Object.values(Topics)) collectors.push(await MessageCollector.start(topic, '*'));
    shop = await Shop.start(
      {},
      {
        'order-service': { DB_PORT: String(proxies['order-service'].port) },
        'inventory-service': { DB_PORT: String(proxies['inventory-service'].port) },
        'payment-service': { DB_PORT: String(proxies['payment-service'].port) },
      },
    );
  });

  afterAll(async () => {
    await shop?.stop();
    await Promise.all(collectors.map((collector) => collector.stop()));
    await Promise.all(Object.values(proxies).map((proxy) => proxy.cut()));
  });

  /** Every event published about the order, as `Tag` strings (a re-announcement would appear twice). */
  function eventsOf(orderId: string): string[] {
    return collectors
      .flatMap((collector) => collector.messages)
      .filter((message) => orderIdOf(message.body) === orderId)
      .map((message) => message.tag ?? '')
      .sort();
  }

  async function placeWithLostReply(
    service: ServiceName,
    aimedAt: (sql: string) => boolean,
    customer: { balanceCents: number },
    stock: number,
  ) {
    const [sku, customerId] = [aSku(), aCustomerId()];
    await shop.stock(sku, stock);
    await shop.fund(customerId, customer.balanceCents);
    proxies[service].dropCommitReplies(1, aimedAt);
    const dropped = proxies[service].droppedCommitReplies;
    const placed = await shop.placeOrder(customerId, [{ sku, quantity: 2, unitPriceCents: 1000 }]);
    const order = await shop.finalOrder(placed.id, 60000);
    await eventually(() => expect(proxies[service].droppedCommitReplies).toBe(dropped + 1), 30000);
    return { order, sku, customerId };
  }

  async function expectConserved(sku: string, customerId: string, confirmed: boolean) {
    await eventually(async () =>
      expect(await shop.product(sku)).toMatchObject(
        confirmed ? { available: 3, reserved: 0, sold: 2 } : { available: 5, reserved: 0, sold: 0 },
      ),
    );
    await eventually(async () => expect(await shop.balance(customerId)).toBe(confirmed ? 8000 : 10000));
  }

  const confirmedEvents = ['OrderConfirmed', 'OrderCreated', 'PaymentSucceeded', 'StockReserved'];

  it.each([
    ['POST /orders (the order insert)', 'order-service', (sql: string) => sql.includes('INSERT INTO `orders`')],
    ['the stock reservation', 'inventory-service', (sql: string) => sql.includes('INSERT INTO `stock_reservations`')],
    ['the payment charge', 'payment-service', (sql: string) => sql.includes('INSERT INTO `payments`')],
    [
      'the order confirmation',
      'order-service',
      (sql: string) => sql.includes('UPDATE `orders`') && sql.includes("'CONFIRMED'"),
    ],
  ] as const)('%s: confirmed anyway, each event once', async (_, service, aimedAt) => {
    const { order, sku, customerId } = await placeWithLostReply(service, aimedAt, { balanceCents: 10000 }, 5);
    expect(order.status).toBe('CONFIRMED');
    await eventually(() => expect(eventsOf(order.id)).toEqual(confirmedEvents));
    await expectConserved(sku, customerId, true);
    await holdsFor(() => expect(eventsOf(order.id)).toEqual(confirmedEvents), 3000);
  });

  it('the cancellation and the release of reserved stock: cancelled, stock back, no charge', async () => {
    const cancelling = (sql: string) => sql.includes('UPDATE `orders`') && sql.includes("'CANCELLED'");
    const releasing = (sql: string) => /UPDATE products SET reserved = reserved - \d+, available/.test(sql);
    proxies['inventory-service'].dropCommitReplies(1, releasing);
    const released = proxies['inventory-service'].droppedCommitReplies;
    const { order, sku, customerId } = await placeWithLostReply('order-service', cancelling, { balanceCents: 0 }, 5);
    expect(order).toMatchObject({ status: 'CANCELLED', cancelReason: 'INSUFFICIENT_FUNDS' });
    await eventually(() =>
      expect(eventsOf(order.id)).toEqual(['OrderCancelled', 'OrderCreated', 'PaymentFailed', 'StockReserved']),
    );
    await eventually(async () => expect(await shop.product(sku)).toMatchObject({ available: 5, reserved: 0, sold: 0 }));
    expect(proxies['inventory-service'].droppedCommitReplies).toBe(released + 1);
    expect(await shop.balance(customerId)).toBe(0);
  });

  it('POST /orders whose outcome cannot be learnt at once: 503 OUTCOME_UNKNOWN, then the retry answers the order', async () => {
    const proxy = proxies['order-service'];
    const [sku, customerId, key] = [aSku(), aCustomerId(), `unknown-${aSku()}`];
    await shop.stock(sku, 5);
    await shop.fund(customerId, 10000);
    const body = { customerId, items: [{ sku, quantity: 2, unitPriceCents: 1000 }] };
    // The COMMIT applies, its reply is lost, and the database then stops answering: nobody can tell yet.
    proxy.dropCommitReplies(
      1,
      (sql) => sql.includes('INSERT INTO `orders`'),
      () => proxy.hold(),
    );
    const unknown = await shop.orders.fetch('/orders', jsonRequest('POST', body, { 'Idempotency-Key': key }));
    expect(unknown.status).toBe(503);
    expect(unknown.headers.get('retry-after')).toMatch(/^\d+$/);
    const answer = (await unknown.json()) as { code: string; message: string };
    expect(answer.code).toBe('OUTCOME_UNKNOWN');
    expect(answer.message).toMatch(/Idempotency-Key/);
    proxy.release();

    const retried = await shop.orders.fetch('/orders', jsonRequest('POST', body, { 'Idempotency-Key': key }));
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    const order = await shop.finalOrder(((await retried.json()) as { id: string }).id, 60000);
    expect(order.status).toBe('CONFIRMED');
    await eventually(() => expect(eventsOf(order.id)).toEqual(confirmedEvents), 30000);
    await expectConserved(sku, customerId, true);
  });

  it('the refund of a charge: cancelled out of stock, money back once', async () => {
    const refunding = (sql: string) => /balance_cents = balance_cents \+ \d+/.test(sql);
    const { order, sku, customerId } = await placeWithLostReply(
      'payment-service',
      refunding,
      { balanceCents: 10000 },
      1,
    );
    expect(order).toMatchObject({ status: 'CANCELLED', cancelReason: 'OUT_OF_STOCK' });
    await eventually(async () =>
      expect(await shop.payments(order.id)).toEqual([expect.objectContaining({ status: 'REFUNDED' })]),
    );
    expect(await shop.balance(customerId)).toBe(10000);
    await holdsFor(async () => expect(await shop.balance(customerId)).toBe(10000), 3000);
    expect(await shop.product(sku)).toMatchObject({ available: 1, reserved: 0, sold: 0 });
  });
});

/** The topics also carry other suites' messages, some not JSON at all. */
function orderIdOf(body: Buffer): string | undefined {
  try {
    return (JSON.parse(body.toString()) as { orderId?: string }).orderId;
  } catch {
    return undefined;
  }
}
