import { jsonRequest } from '../support/http';
import { aSku, Shop } from '../support/shop';

/** SKUs, customer ids and Idempotency-Keys compare byte for byte in every service's database. */
describe('identifiers that differ only in case', () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await Shop.start();
  });

  afterAll(() => shop?.stop());

  it('SKU-x and sku-x are two products', async () => {
    const upper = aSku();
    const lower = upper.toLowerCase();
    await shop.stock(upper, 5);
    expect((await shop.inventory.fetch(`/products/${lower}`)).status).toBe(404);
    await shop.fund('case-buyer', 100000);

    const placed = await shop.placeOrder('case-buyer', [{ sku: lower, quantity: 1, unitPriceCents: 100 }]);
    expect(await shop.finalOrder(placed.id)).toMatchObject({ status: 'CANCELLED', cancelReason: 'OUT_OF_STOCK' });
    expect(await shop.product(upper)).toMatchObject({ available: 5, reserved: 0, sold: 0 });
  });

  it('Alice and alice are two customers with two accounts', async () => {
    const suffix = aSku().slice(4);
    const [upper, lower] = [`Alice-${suffix}`, `alice-${suffix}`];
    const sku = aSku();
    await shop.stock(sku, 10);
    await shop.fund(upper, 1000);
    await shop.fund(lower, 0);
    expect(await shop.balance(upper)).toBe(1000);

    const poor = await shop.placeOrder(lower, [{ sku, quantity: 1, unitPriceCents: 500 }]);
    expect(await shop.finalOrder(poor.id)).toMatchObject({ status: 'CANCELLED', cancelReason: 'INSUFFICIENT_FUNDS' });
    const rich = await shop.placeOrder(upper, [{ sku, quantity: 1, unitPriceCents: 500 }]);
    expect(await shop.finalOrder(rich.id)).toMatchObject({ status: 'CONFIRMED', customerId: upper });
    expect(await shop.balance(upper)).toBe(500);
    expect(await shop.balance(lower)).toBe(0);
  });

  it('Idempotency-Keys AbC and abc are two orders', async () => {
    const key = `Key-${aSku()}`;
    const body = { customerId: 'case-buyer', items: [{ sku: aSku(), quantity: 1, unitPriceCents: 100 }] };
    const first = await shop.orders.fetch('/orders', jsonRequest('POST', body, { 'Idempotency-Key': key }));
    const second = await shop.orders.fetch(
      '/orders',
      jsonRequest('POST', body, { 'Idempotency-Key': key.toLowerCase() }),
    );
    const replay = await shop.orders.fetch('/orders', jsonRequest('POST', body, { 'Idempotency-Key': key }));
    expect([first.status, second.status, replay.status]).toEqual([201, 201, 201]);
    const [a, b, c] = (await Promise.all([first.json(), second.json(), replay.json()])) as Array<{ id: string }>;
    expect(b.id).not.toBe(a.id);
    expect(c.id).toBe(a.id);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });
});
