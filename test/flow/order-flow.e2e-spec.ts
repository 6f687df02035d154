import type { Connection } from 'mysql2/promise';
import { connectToDatabase, rows } from '../support/database';
import { eventually } from '../support/eventually';
import { jsonRequest } from '../support/http';
import { aCustomerId, aSku, Shop } from '../support/shop';

describe('an order through order, inventory and payment', () => {
  let shop: Shop;
  let ordersDb: Connection;
  let inventoryDb: Connection;

  beforeAll(async () => {
    [shop, ordersDb, inventoryDb] = await Promise.all([
      Shop.start(),
      connectToDatabase('order_service'),
      connectToDatabase('inventory_service'),
    ]);
  });

  afterAll(async () => {
    await shop?.stop();
    await ordersDb?.end();
    await inventoryDb?.end();
  });

  it('happy path: CONFIRMED, stock moved from available to sold, balance charged once', async () => {
    const [sku, customer] = [aSku(), aCustomerId()];
    await shop.stock(sku, 5);
    await shop.fund(customer, 10000);

    const placed = await shop.placeOrder(customer, [{ sku, quantity: 2, unitPriceCents: 1500 }]);
    expect(placed.status).toBe('PENDING');
    const order = await shop.finalOrder(placed.id);

    expect(order.status).toBe('CONFIRMED');
    expect(order.cancelReason).toBeUndefined();
    await eventually(async () => expect(await shop.product(sku)).toMatchObject({ available: 3, reserved: 0, sold: 2 }));
    expect(await shop.balance(customer)).toBe(7000);
    expect(await shop.payments(placed.id)).toEqual([expect.objectContaining({ amountCents: 3000, status: 'CHARGED' })]);
    const history = await rows<{ status: string }>(
      ordersDb,
      'SELECT status FROM order_status_history WHERE order_id = ? ORDER BY id',
      [placed.id],
    );
    expect(history.map((change) => change.status)).toEqual(['PENDING', 'CONFIRMED']);
  });

  it('out of stock: CANCELLED/OUT_OF_STOCK, nothing reserved, any charge refunded', async () => {
    const [sku, customer] = [aSku(), aCustomerId()];
    await shop.stock(sku, 1);
    await shop.fund(customer, 10000);

    const placed = await shop.placeOrder(customer, [{ sku, quantity: 2, unitPriceCents: 1000 }]);
    const order = await shop.finalOrder(placed.id);

    expect(order).toMatchObject({ status: 'CANCELLED', cancelReason: 'OUT_OF_STOCK' });
    // Payment either charged and then refunded, or saw the cancellation first (barrier): the money is back.
    await eventually(async () => {
      const [payment] = await shop.payments(placed.id);
      expect(['REFUNDED', 'CANCELLED_BEFORE_CHARGE']).toContain(payment?.status);
    });
    expect(await shop.balance(customer)).toBe(10000);
    expect(await shop.product(sku)).toMatchObject({ available: 1, reserved: 0, sold: 0 });
  });

  it('insufficient funds: CANCELLED/INSUFFICIENT_FUNDS, the reservation released', async () => {
    const [sku, customer] = [aSku(), aCustomerId()];
    await shop.stock(sku, 4);
    await shop.fund(customer, 999);

    const placed = await shop.placeOrder(customer, [{ sku, quantity: 1, unitPriceCents: 1000 }]);
    const order = await shop.finalOrder(placed.id);

    expect(order).toMatchObject({ status: 'CANCELLED', cancelReason: 'INSUFFICIENT_FUNDS' });
    await eventually(async () => {
      const [reservation] = await rows<{ status: string }>(
        inventoryDb,
        'SELECT status FROM stock_reservations WHERE order_id = ?',
        [placed.id],
      );
      expect(['RELEASED', 'CANCELLED_BEFORE_RESERVE']).toContain(reservation?.status);
    });
    expect(await shop.product(sku)).toMatchObject({ available: 4, reserved: 0, sold: 0 });
    expect(await shop.balance(customer)).toBe(999);
    expect(await shop.payments(placed.id)).toEqual([expect.objectContaining({ status: 'FAILED', amountCents: 1000 })]);
  });

  it('50 concurrent orders for 10 units: exactly 10 confirmed, stock never negative, stock and money conserved', async () => {
    const sku = aSku();
    const customers = Array.from({ length: 5 }, aCustomerId);
    const initialBalance = 1_000_000;
    await shop.stock(sku, 10);
    await Promise.all(customers.map((customer) => shop.fund(customer, initialBalance)));

    // Samples the product all through the race: every sample must be conserved and non-negative.
    const samples: Array<{ available: number; reserved: number; sold: number }> = [];
    let racing = true;
    const sampler = (async () => {
      while (racing) samples.push(await shop.product(sku));
    })();

    const started = Date.now();
    const placed = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        shop.placeOrder(customers[i % 5], [{ sku, quantity: 1, unitPriceCents: 2500 }]),
      ),
    );
    const finals = await Promise.all(placed.map((order) => shop.finalOrder(order.id, 90000)));
    const raceMs = Date.now() - started;
    await eventually(async () => expect(await shop.product(sku)).toEqual({ sku, available: 0, reserved: 0, sold: 10 }));
    racing = false;
    await sampler;
    console.info(`50-order race for 10 units: every order final after ${raceMs} ms (${samples.length} stock samples)`);

    expect(finals.filter((order) => order.status === 'CONFIRMED')).toHaveLength(10);
    expect(finals.filter((order) => order.cancelReason === 'OUT_OF_STOCK')).toHaveLength(40);
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) {
      expect(Math.min(sample.available, sample.reserved, sample.sold)).toBeGreaterThanOrEqual(0);
      expect(sample.available + sample.reserved + sample.sold).toBe(10);
    }
    // Money: every customer's balance + charged - refunded is the initial balance, once compensations are done.
    await eventually(async () => {
      const payments = (await Promise.all(placed.map((order) => shop.payments(order.id)))).flat();
      expect(payments.filter((payment) => payment.status === 'CHARGED')).toHaveLength(10);
      expect(
        payments.every(
          (payment) => payment.status !== 'CHARGED' || finalsById(finals, payment.orderId) === 'CONFIRMED',
        ),
      ).toBe(true);
    }, 30000);
    const balances = await Promise.all(customers.map((customer) => shop.balance(customer)));
    expect(balances.reduce((sum, balance) => sum + balance, 0)).toBe(5 * initialBalance - 10 * 2500);
  });

  it('refuses bad input with 400/404 naming the field, and changes nothing', async () => {
    const [sku, customer] = [aSku(), aCustomerId()];
    await shop.stock(sku, 3);
    await shop.fund(customer, 500);
    const put = (path: string, body: unknown) =>
      (path.startsWith('/products') ? shop.inventory : shop.payment).fetch(path, jsonRequest('PUT', body));
    const cases: Array<[Promise<Response>, number, string]> = [
      [put(`/products/${sku}`, { stock: -1 }), 400, 'stock'],
      [put(`/products/${sku}`, { stock: 1.5 }), 400, 'stock'],
      [put('/products/not%20a%20sku', { stock: 1 }), 400, 'sku'],
      [put(`/accounts/${customer}`, { balanceCents: '12' }), 400, 'balanceCents'],
      [put('/accounts/bad!id', { balanceCents: 1 }), 400, 'customerId'],
      [shop.payment.fetch('/payments?orderId=nope'), 400, 'orderId'],
      [shop.inventory.fetch(`/products/${aSku()}`), 404, ''],
      [shop.payment.fetch(`/accounts/${aCustomerId()}`), 404, ''],
    ];
    for (const [response, status, field] of cases) {
      const res = await response;
      const body = (await res.json()) as { fields?: string[] };
      expect([res.status, field && body.fields?.includes(field)]).toEqual([status, field ? true : '']);
    }
    expect(await shop.product(sku)).toMatchObject({ available: 3, reserved: 0, sold: 0 });
    expect(await shop.balance(customer)).toBe(500);
  });
});

function finalsById(finals: Array<{ id: string; status: string }>, id: string) {
  return finals.find((order) => order.id === id)?.status;
}
