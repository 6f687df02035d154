import type { Connection } from 'mysql2/promise';
import { EventTypes, Topics } from '@app/contracts';
import { anOrderRequest, forCustomer, jsonPost } from '../../apps/order-service/test/order-builders';
import { connectToDatabase, rows } from '../support/database';
import { eventually, holdsFor } from '../support/eventually';
import { MessageCollector } from '../support/rocketmq';
import { ServiceProcess } from '../support/service-process';
import { TcpProxy } from '../support/tcp-proxy';
import { testEnv } from '../support/test-env';

const CHECK_DEADLINE_MS = 4000;
const IN_FLIGHT = 4;

/**
 * The database stops answering (the proxy holds every byte) for longer than the check deadline while orders are
 * in flight. No order may commit without its OrderCreated, and none may be announced without its row.
 */
describe('a database that hangs longer than the check deadline', () => {
  let db: Connection;
  let collector: MessageCollector;
  let proxy: TcpProxy;
  let service: ServiceProcess;

  beforeAll(async () => {
    db = await connectToDatabase('order_service');
    collector = await MessageCollector.start(Topics.orderEvents, EventTypes.orderCreated);
    proxy = await new TcpProxy(testEnv.dbHost, testEnv.dbPort).open();
    service = await ServiceProcess.start('order-service', {
      PORT: '13031',
      DB_PORT: String(proxy.port),
      CHECK_DEADLINE_MS: String(CHECK_DEADLINE_MS),
    });
  });

  afterAll(async () => {
    proxy?.release();
    await service?.stop();
    await collector?.stop();
    await proxy?.cut();
    await db?.end();
  });

  it('answers 503 in bounded time, commits nothing unannounced, and serves again afterwards', async () => {
    const requests = Array.from({ length: IN_FLIGHT }, () => anOrderRequest());
    proxy.hold();
    const started = Date.now();
    const answers = await Promise.all(
      requests.map(async (request) => {
        const res = await service.fetch('/orders', { ...jsonPost(request), signal: AbortSignal.timeout(30000) });
        return { status: res.status, code: ((await res.json()) as { code?: string }).code, ms: Date.now() - started };
      }),
    );
    const heldMs = Date.now() - started;
    proxy.release();
    console.info(`database held ${heldMs} ms; answers: ${JSON.stringify(answers)}`);
    expect(heldMs).toBeGreaterThan(CHECK_DEADLINE_MS);
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(['OUTCOME_UNKNOWN', 'DATABASE_BUSY', 'DATABASE_UNAVAILABLE']).toContain(answer.code);
    }

    // Whatever committed has its OrderCreated, and every OrderCreated has its order; checked past the deadline.
    const customers = requests.map((request) => request.customerId);
    const ordersOf = async (customerId: string) =>
      rows<{ id: string }>(db, 'SELECT id FROM orders WHERE customer_id = ?', [customerId]);
    await holdsFor(async () => {
      for (const customerId of customers) {
        const orderIds = (await ordersOf(customerId)).map((order) => order.id).sort();
        const announced = forCustomer(collector.messages, customerId).map((event) => event.orderId);
        expect(announced.length).toBeLessThanOrEqual(orderIds.length);
        expect(announced.every((id) => orderIds.includes(id))).toBe(true);
      }
    }, CHECK_DEADLINE_MS + 8000);
    for (const customerId of customers) {
      const orderIds = (await ordersOf(customerId)).map((order) => order.id).sort();
      await eventually(() =>
        expect(
          forCustomer(collector.messages, customerId)
            .map((event) => event.orderId)
            .sort(),
        ).toEqual(orderIds),
      );
    }

    const after = anOrderRequest();
    const res = await eventually(async () => {
      const answer = await service.fetch('/orders', jsonPost(after));
      expect(answer.status).toBe(201);
      return answer;
    }, 20000);
    const { id } = (await res.json()) as { id: string };
    await eventually(() =>
      expect(forCustomer(collector.messages, after.customerId).map((e) => e.orderId)).toEqual([id]),
    );
  });
});
