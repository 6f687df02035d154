import type { OrderTimeline } from '@app/contracts';
import { newEvent, OrderCreated } from '@app/contracts';
import { eventually } from '../support/eventually';
import { aCustomerId, aSku, EventInjector, Shop } from '../support/shop';

describe('GET /orders/:id/timeline', () => {
  let shop: Shop;
  let injector: EventInjector;

  beforeAll(async () => {
    [shop, injector] = await Promise.all([Shop.start(), EventInjector.start()]);
  });

  afterAll(async () => {
    await injector?.stop();
    await shop?.stop();
  });

  const timeline = async (orderId: string) => {
    const res = await shop.orders.fetch(`/orders/${orderId}/timeline`);
    expect(res.status).toBe(200);
    return (await res.json()) as OrderTimeline;
  };
  const kinds = (t: OrderTimeline, service?: string) =>
    t.entries.filter((entry) => !service || entry.service === service).map((entry) => entry.kind);

  it('merges every service part in time order; a duplicate OrderCreated shows as a redelivery that changed nothing', async () => {
    const [sku, customer] = [aSku(), aCustomerId()];
    await shop.stock(sku, 3);
    await shop.fund(customer, 5000);
    const items = [{ sku, quantity: 1, unitPriceCents: 1000 }];
    const placed = await shop.placeOrder(customer, items);
    await shop.finalOrder(placed.id);

    const first = await eventually(async () => {
      const t = await timeline(placed.id);
      expect(kinds(t, 'inventory-service')).toEqual(expect.arrayContaining(['RECEIVED', 'RESERVED', 'SOLD']));
      return t;
    });
    expect(first.unavailable).toEqual([]);
    expect(first.status).toBe('CONFIRMED');
    expect(kinds(first, 'order-service')).toEqual(
      expect.arrayContaining(['PLACED', 'PUBLISHED', 'RECEIVED', 'STATUS']),
    );
    expect(kinds(first, 'payment-service')).toEqual(expect.arrayContaining(['RECEIVED', 'CHARGED', 'PUBLISHED']));
    const times = first.entries.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const receipt = first.entries.find((e) => e.kind === 'RECEIVED' && e.service === 'inventory-service');
    expect(receipt).toMatchObject({ attempt: 1, duplicate: false, lane: 'broker', to: 'inventory' });

    // The same OrderCreated (same event id) once more, as a broker redelivery would bring it.
    const eventId = first.entries.find((entry) => entry.kind === 'PLACED')?.eventId as string;
    const payload = { customerId: customer, totalCents: 1000, items };
    await injector.publishEvent(newEvent<OrderCreated>(eventId, 'OrderCreated', placed.id, payload));
    const again = await eventually(async () => {
      const t = await timeline(placed.id);
      expect(kinds(t, 'inventory-service')).toContain('REDELIVERED');
      expect(kinds(t, 'payment-service')).toContain('REDELIVERED');
      return t;
    });
    expect(again.entries.filter((e) => e.kind === 'RESERVED')).toHaveLength(1);
    expect(again.entries.find((e) => e.kind === 'REDELIVERED')).toMatchObject({ duplicate: true, eventId });
    expect(await shop.product(sku)).toMatchObject({ available: 2, reserved: 0, sold: 1 });
    expect(await shop.balance(customer)).toBe(4000);
  });

  it('names a part it cannot fetch instead of failing, and answers 404 for an order nobody knows', async () => {
    const [sku, customer] = [aSku(), aCustomerId()];
    await shop.stock(sku, 1);
    await shop.fund(customer, 5000);
    const placed = await shop.placeOrder(customer, [{ sku, quantity: 1, unitPriceCents: 100 }]);
    await shop.finalOrder(placed.id);

    await shop.payment.stop();
    try {
      const t = await timeline(placed.id);
      expect(t.unavailable.map((part) => part.service)).toEqual(['payment-service']);
      expect(kinds(t, 'order-service')).toContain('PLACED');
      expect(kinds(t, 'inventory-service')).toContain('RESERVED');
    } finally {
      await shop.payment.start();
    }
    expect((await shop.orders.fetch('/orders/00000000-0000-4000-8000-000000000000/timeline')).status).toBe(404);
  });
});
