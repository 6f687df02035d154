import type { Connection } from 'mysql2/promise';
import { connectToDatabase, rows } from '../../../test/support/database';
import { eventually } from '../../../test/support/eventually';
import { ServiceProcess } from '../../../test/support/service-process';
import { anOrderRequest, jsonPost } from './order-builders';

describe('order-service under SIGTERM and concurrent retries', () => {
  let service: ServiceProcess;
  let db: Connection;

  beforeAll(async () => {
    db = await connectToDatabase('order_service');
    service = await ServiceProcess.start('order-service');
  });

  afterAll(async () => {
    await service?.stop();
    await db?.end();
  });

  it('creates one order when the same Idempotency-Key arrives twice at once', async () => {
    const request = anOrderRequest();
    const headers = { 'idempotency-key': `race-${request.customerId}` };
    const answers = await Promise.all([1, 2, 3].map(() => service.fetch('/orders', jsonPost(request, headers))));
    expect(answers.map((res) => res.status)).toEqual([201, 201, 201]);
    const ids = await Promise.all(answers.map(async (res) => ((await res.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(1);
    expect(await rows(db, 'SELECT id FROM orders WHERE customer_id = ?', [request.customerId])).toHaveLength(1);
  });

  it('finishes the requests in flight on SIGTERM, then exits; nothing half-done is left', async () => {
    const requests = Array.from({ length: 40 }, () => anOrderRequest());
    const customers = requests.map((r) => r.customerId);
    const storedOrders = () =>
      rows(db, `SELECT id FROM orders WHERE customer_id IN (${customers.map(() => '?').join(',')})`, customers);
    const inFlight = requests.map((request) => service.fetch('/orders', jsonPost(request)));
    await eventually(async () => expect((await storedOrders()).length).toBeGreaterThan(0), 10000, 5);
    const stopStarted = Date.now();
    const stopping = service.stop();

    const answers = await Promise.allSettled(inFlight);
    await stopping;
    // Well inside Kubernetes' 30 s grace period (idle keep-alive connections must not hold the shutdown).
    expect(Date.now() - stopStarted).toBeLessThan(10000);
    expect(await service.exited()).toBe(0);
    const created = answers.filter((a) => a.status === 'fulfilled' && a.value.status === 201).length;
    const refused = answers.filter((a) => a.status === 'rejected' || a.value.status === 503).length;
    expect(created + refused).toBe(requests.length);
    // Every 201 has its row; every refused request left none.
    expect(await storedOrders()).toHaveLength(created);
    console.info(`SIGTERM during 40 requests: ${created} completed, ${refused} refused`);
  });
});
