import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { connectToDatabase, rows } from '../support/database';
import { eventually } from '../support/eventually';
import { ServiceProcess } from '../support/service-process';
import { aCustomerId, aSku, Shop } from '../support/shop';
import { testEnv } from '../support/test-env';

const screenshots = join(testEnv.runDir, 'console');

describe('the live console, driven in a real browser', () => {
  let shop: Shop;
  let consoleApp: ServiceProcess;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let ordersDb: Connection;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    [shop, ordersDb, browser] = await Promise.all([Shop.start(), connectToDatabase('order_service'), launchChromium()]);
    consoleApp = new ServiceProcess('console');
    await consoleApp.start();
    page = await browser.context.newPage();
    await page.goto(consoleApp.url);
  });

  afterAll(async () => {
    await browser?.close();
    await consoleApp?.stop();
    await shop?.stop();
    await ordersDb?.end();
  });

  /** Fills the order form the way a person would. */
  async function fillOrder(customerId: string, sku: string, quantity: number, unitPriceCents: number) {
    await page.fill('input[name=customerId]', customerId);
    await page.fill('input[name=sku]', sku);
    await page.fill('input[name=quantity]', String(quantity));
    await page.fill('input[name=unitPriceCents]', String(unitPriceCents));
  }

  /** The row of the customer's order once it shows `status`; its order id. */
  async function orderRow(customerId: string, status: string, timeoutMs = 30000): Promise<string> {
    const row = page.locator(`tr[data-status="${status}"]`, { hasText: customerId });
    await row.waitFor({ timeout: timeoutMs });
    return (await row.getAttribute('data-order-id')) as string;
  }

  /** What the page's timeline of `orderId` shows, as "KIND" or "KIND:ANSWER" per entry. */
  const timelineKinds = (orderId: string) =>
    page
      .locator(`[data-timeline-order="${orderId}"] ol.entries li`)
      .evaluateAll((items: Array<{ getAttribute(name: string): string | null }>) =>
        items.map((item) =>
          [item.getAttribute('data-kind'), item.getAttribute('data-answer')].filter(Boolean).join(':'),
        ),
      );

  it('places an order from the page and follows it to CONFIRMED, in the list and in its timeline', async () => {
    const [sku, customer] = [aSku(), aCustomerId()];
    await shop.stock(sku, 5);
    await shop.fund(customer, 10000);

    await fillOrder(customer, sku, 2, 1500);
    await page.click('button[name=place]');
    const orderId = await orderRow(customer, 'CONFIRMED');

    await page.locator(`tr[data-order-id="${orderId}"]`).click();
    await eventually(async () => {
      const kinds = await timelineKinds(orderId);
      for (const kind of ['PLACED', 'PUBLISHED', 'RECEIVED', 'RESERVED', 'CHARGED', 'STATUS', 'SOLD']) {
        expect(kinds).toContain(kind);
      }
      expect(kinds[0]).toBe('PLACED');
    }, 30000);
    await page.screenshot({ path: join(screenshots, 'confirmed.png'), fullPage: true });

    expect(await shop.product(sku)).toMatchObject({ available: 3, reserved: 0, sold: 2 });
    expect(await shop.balance(customer)).toBe(7000);
    const history = await rows<{ status: string }>(
      ordersDb,
      'SELECT status FROM order_status_history WHERE order_id = ?',
      [orderId],
    );
    expect(history.map((change) => change.status).sort()).toEqual(['CONFIRMED', 'PENDING']);
  });

  it('shows an out-of-stock order cancelled, with the compensation in its timeline', async () => {
    const [sku, customer] = [aSku(), aCustomerId()];
    await shop.stock(sku, 1);
    await shop.fund(customer, 10000);

    await fillOrder(customer, sku, 2, 1000);
    await page.click('button[name=place]');
    const orderId = await orderRow(customer, 'CANCELLED');
    await page.locator(`tr[data-order-id="${orderId}"]`).click();

    // Payment either charged and refunded, or saw OrderCancelled first and left a barrier: both give the money back.
    await eventually(async () => {
      const kinds = await timelineKinds(orderId);
      expect(kinds).toEqual(expect.arrayContaining(['PLACED', 'REJECTED', 'STATUS']));
      expect(kinds.includes('REFUNDED') || kinds.includes('BARRIER')).toBe(true);
    }, 30000);
    await page.screenshot({ path: join(screenshots, 'out-of-stock.png'), fullPage: true });

    expect((await shop.order(orderId)).cancelReason).toBe('OUT_OF_STOCK');
    expect(await shop.product(sku)).toMatchObject({ available: 1, reserved: 0, sold: 0 });
    await eventually(async () => expect(await shop.balance(customer)).toBe(10000));
  });

  it('"crash after local commit": order-service dies, restarts, and the check-back COMMIT shows in the timeline', async () => {
    const [sku, customer] = [aSku(), aCustomerId()];
    await shop.stock(sku, 5);
    await shop.fund(customer, 10000);
    await page.locator('button[data-fault="crash-after-local-commit"]').waitFor({ timeout: 10000 });

    await fillOrder(customer, sku, 1, 2000);
    await page.click('button[data-fault="crash-after-local-commit"]');
    expect(await shop.orders.exited()).toBe('SIGKILL');
    await page.locator('[data-service="order-service"].down').waitFor({ timeout: 10000 });
    await shop.orders.start(); // the supervisor's job in the stack; here the test restarts it

    // The console retried with the same Idempotency-Key and got the order committed before the crash.
    const row = page.locator('tr', { hasText: customer }).filter({ hasText: 'crash-after-local-commit' });
    await row.waitFor({ timeout: 30000 });
    const orderId = (await row.getAttribute('data-order-id')) as string;
    await row.click();
    await eventually(async () => expect(await timelineKinds(orderId)).toContain('CHECK_BACK:COMMIT'), 60000, 500);
    await orderRow(customer, 'CONFIRMED');
    await page.screenshot({ path: join(screenshots, 'check-back-commit.png'), fullPage: true });

    const orders = await rows<{ id: string }>(ordersDb, 'SELECT id FROM orders WHERE customer_id = ?', [customer]);
    expect(orders.map((order) => order.id)).toEqual([orderId]);
    await eventually(async () => expect(await shop.product(sku)).toMatchObject({ available: 4, reserved: 0, sold: 1 }));
    expect(await shop.balance(customer)).toBe(8000);
  });
});
