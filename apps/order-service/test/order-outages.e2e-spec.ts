import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { EventTypes, Topics } from '@app/contracts';
import { connectToDatabase, rows } from '../../../test/support/database';
import { holdsFor } from '../../../test/support/eventually';
import { MessageCollector } from '../../../test/support/rocketmq';
import { ServiceProcess } from '../../../test/support/service-process';
import { TcpProxy } from '../../../test/support/tcp-proxy';
import { testEnv } from '../../../test/support/test-env';
import { anOrderRequest, forCustomer, jsonPost } from './order-builders';

// "Within a few seconds": the send, commit and rollback are each bounded by ROCKETMQ_SEND_TIMEOUT_MS (3 s).
const ANSWER_BOUND_MS = 5000;

describe('order-service when the broker or the database goes away', () => {
  let db: Connection;
  let collector: MessageCollector;
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    db = await connectToDatabase('order_service');
    collector = await MessageCollector.start(Topics.orderEvents, EventTypes.orderCreated);
  });

  afterEach(() => service?.stop());

  afterAll(async () => {
    await collector?.stop();
    await db?.end();
  });

  async function postTimed(request: object) {
    const started = Date.now();
    const res = await service!.fetch('/orders', jsonPost(request));
    return { res, elapsed: Date.now() - started };
  }

  // The proxy hands clients its own address for sending, so a forwarder cannot cut the broker off: instead the
  // test broker's JVM is frozen (SIGSTOP), as in a network partition or a long GC pause, and thawed after.
  it('broker unreachable: 503 within the bound, and no order row', async () => {
    service = await ServiceProcess.start('order-service', { PORT: '13011' });
    const brokerPid = Number(readFileSync(join(testEnv.runDir, 'pids/broker.pid'), 'utf8'));

    const request = anOrderRequest();
    process.kill(brokerPid, 'SIGSTOP');
    const { res, elapsed } = await postTimed(request).finally(() => process.kill(brokerPid, 'SIGCONT'));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'BROKER_UNAVAILABLE' });
    expect(elapsed).toBeLessThan(ANSWER_BOUND_MS);
    console.info(`broker down: 503 after ${elapsed} ms`);
    expect(await rows(db, 'SELECT id FROM orders WHERE customer_id = ?', [request.customerId])).toHaveLength(0);
  });

  it('database unreachable: 503, no order, and the half message is rolled back (never delivered)', async () => {
    const database = await new TcpProxy(testEnv.dbHost, testEnv.dbPort).open();
    service = await ServiceProcess.start('order-service', { PORT: '13012', DB_PORT: String(database.port) });
    await database.cut();

    const request = anOrderRequest();
    const { res, elapsed } = await postTimed(request);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(elapsed).toBeLessThan(ANSWER_BOUND_MS);
    expect(await rows(db, 'SELECT id FROM orders WHERE customer_id = ?', [request.customerId])).toHaveLength(0);
    await holdsFor(() => expect(forCustomer(collector.messages, request.customerId)).toHaveLength(0), 8000);
  });
});
