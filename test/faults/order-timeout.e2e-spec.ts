import { eventually } from '../support/eventually';
import { aCustomerId, aSku, Shop } from '../support/shop';

const ORDER_TIMEOUT_MS = 3000;

/** An order whose outcome never comes (payment-service down) is cancelled with TIMEOUT and compensated. */
describe('an order whose outcomes never come', () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await Shop.start({}, { 'order-service': { ORDER_TIMEOUT_MS: String(ORDER_TIMEOUT_MS) } });
  });

  afterAll(() => shop?.stop());

  it('is cancelled with TIMEOUT; the reservation is released and, once payment is back, nothing stays charged', async () => {
    const [sku, customerId] = [aSku(), aCustomerId()];
    await shop.stock(sku, 5);
    await shop.fund(customerId, 10000);
    await shop.payment.stop();

    const placed = await shop.placeOrder(customerId, [{ sku, quantity: 2, unitPriceCents: 1000 }]);
    const started = Date.now();
    const order = await shop.finalOrder(placed.id, ORDER_TIMEOUT_MS + 20000);
    const tookMs = Date.now() - started;
    expect(order).toMatchObject({ status: 'CANCELLED', cancelReason: 'TIMEOUT' });
    expect(tookMs).toBeGreaterThanOrEqual(ORDER_TIMEOUT_MS - 1000);
    console.info(`PENDING -> CANCELLED/TIMEOUT after ${tookMs} ms (ORDER_TIMEOUT_MS=${ORDER_TIMEOUT_MS})`);
    await eventually(async () => expect(await shop.product(sku)).toMatchObject({ available: 5, reserved: 0, sold: 0 }));
    expect(await shop.metric(shop.orders, 'orders_finished_total', { reason: 'TIMEOUT' })).toBeGreaterThanOrEqual(1);

    await shop.payment.start();
    await eventually(async () => {
      const [payment] = await shop.payments(placed.id);
      expect(['REFUNDED', 'CANCELLED_BEFORE_CHARGE']).toContain(payment?.status);
    }, 60000);
    expect(await shop.balance(customerId)).toBe(10000);
  });
});
