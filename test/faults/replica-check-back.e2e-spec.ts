import type { Connection } from 'mysql2/promise';
import { EventTypes, Topics } from '@app/contracts';
import { anOrderRequest, forCustomer, jsonPost } from '../../apps/order-service/test/order-builders';
import { connectToDatabase, rows } from '../support/database';
import { eventually, holdsFor } from '../support/eventually';
import { MessageCollector } from '../support/rocketmq';
import { ServiceProcess } from '../support/service-process';
import { Shop } from '../support/shop';

/**
 * Two order-service replicas. The one that sent the half message dies after its local commit and stays dead; the
 * broker asks the other (the producer group of a gRPC client is its topic), which answers from the database.
 */
describe('a check-back answered by another replica', () => {
  let db: Connection;
  let collector: MessageCollector;
  let doomed: ServiceProcess;
  let survivor: ServiceProcess;

  beforeAll(async () => {
    db = await connectToDatabase('order_service');
    collector = await MessageCollector.start(Topics.orderEvents, EventTypes.orderCreated);
    [doomed, survivor] = await Promise.all([
      ServiceProcess.start('order-service', { PORT: '13041' }),
      ServiceProcess.start('order-service', { PORT: '13042' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([doomed?.stop(), survivor?.stop()]);
    await collector?.stop();
    await db?.end();
  });

  it('commits the dead replica OrderCreated once, from the surviving replica', async () => {
    const checksBefore = await Shop.metricOf(survivor, 'rocketmq_transaction_checks_total', { answer: 'COMMIT' });
    const request = anOrderRequest();
    const crash = jsonPost(request, { 'x-fault-inject': 'crash-after-local-commit' });
    await expect(doomed.fetch('/orders', crash)).rejects.toThrow();
    expect(await doomed.exited()).toBe('SIGKILL');

    const [order] = await rows<{ id: string }>(db, 'SELECT id FROM orders WHERE customer_id = ?', [request.customerId]);
    expect(order).toBeDefined();
    await eventually(() => expect(forCustomer(collector.messages, request.customerId)).toHaveLength(1), 60000);
    expect(forCustomer(collector.messages, request.customerId)[0].orderId).toBe(order.id);
    const checksAfter = await Shop.metricOf(survivor, 'rocketmq_transaction_checks_total', { answer: 'COMMIT' });
    expect(checksAfter).toBeGreaterThan(checksBefore);
    await holdsFor(() => expect(forCustomer(collector.messages, request.customerId)).toHaveLength(1), 5000);
  });
});
