import { randomUUID } from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import { EventTypes, Topics } from '@app/contracts';
import { MessageFencedError } from '@app/messaging';
import { Order } from '../src/orders/order.entity';
import { OrderItem } from '../src/orders/order-item.entity';
import { OrderStatusChange } from '../src/orders/order-status-change.entity';
import { OrderLedger } from '../src/orders/order-ledger';
import { connectToDatabase, rows, serviceTransactions } from '../../../test/support/database';
import { eventually, holdsFor } from '../../../test/support/eventually';
import { MessageCollector } from '../../../test/support/rocketmq';
import { ServiceProcess } from '../../../test/support/service-process';
import { anOrderRequest, forCustomer, jsonPost } from './order-builders';

// Short, so the test sees the check-back give up; the default is 30 s (apps/order-service/src/config).
const CHECK_DEADLINE_MS = 10000;

describe('order-service killed in the middle of placing an order', () => {
  let service: ServiceProcess;
  let collector: MessageCollector;
  let db: Connection;

  beforeAll(async () => {
    db = await connectToDatabase('order_service');
    collector = await MessageCollector.start(Topics.orderEvents, EventTypes.orderCreated);
    service = await ServiceProcess.start('order-service', { CHECK_DEADLINE_MS: String(CHECK_DEADLINE_MS) });
  });

  afterAll(async () => {
    await service?.stop();
    await collector?.stop();
    await db?.end();
  });

  async function postAndCrash(fault: string) {
    const request = anOrderRequest();
    const crashedAt = Date.now();
    await expect(service.fetch('/orders', jsonPost(request, { 'x-fault-inject': fault }))).rejects.toThrow();
    expect(await service.exited()).toBe('SIGKILL');
    await service.start();
    return { request, crashedAt };
  }

  it('crash-after-local-commit: restarted, the check-back commits; the order exists; one OrderCreated', async () => {
    const { request, crashedAt } = await postAndCrash('crash-after-local-commit');

    const [order] = await rows<{ id: string }>(db, 'SELECT id FROM orders WHERE customer_id = ?', [request.customerId]);
    expect(order).toBeDefined();
    await eventually(() => expect(forCustomer(collector.messages, request.customerId)).toHaveLength(1), 60000);
    console.info(`crash after local commit -> OrderCreated delivered: ${Date.now() - crashedAt} ms`);
    expect(forCustomer(collector.messages, request.customerId)[0].orderId).toBe(order.id);
    await holdsFor(() => expect(forCustomer(collector.messages, request.customerId)).toHaveLength(1), 5000);
  });

  it('crash-after-half-message: no order; after the deadline the check-back fences and rolls back', async () => {
    const fencesBefore = await rows<{ event_id: string }>(db, 'SELECT event_id FROM message_fences');
    const { request, crashedAt } = await postAndCrash('crash-after-half-message');

    const newFences = async () =>
      (await rows<{ event_id: string }>(db, 'SELECT event_id FROM message_fences')).filter(
        (fence) => !fencesBefore.some((before) => before.event_id === fence.event_id),
      );
    await eventually(async () => expect(await newFences()).toHaveLength(1), CHECK_DEADLINE_MS + 30000, 500);
    console.info(`crash after half message -> fenced and rolled back: ${Date.now() - crashedAt} ms`);
    expect(await rows(db, 'SELECT id FROM orders WHERE customer_id = ?', [request.customerId])).toHaveLength(0);
    await holdsFor(() => expect(forCustomer(collector.messages, request.customerId)).toHaveLength(0), 8000);

    // A local transaction that commits after that decision must fail, not create an orphan order.
    const [fence] = await newFences();
    const lateOrderId = randomUUID();
    await expect(lateCommit(lateOrderId, fence.event_id)).rejects.toBeInstanceOf(MessageFencedError);
    expect(await rows(db, 'SELECT id FROM orders WHERE id = ?', [lateOrderId])).toHaveLength(0);
  });
});

/** Runs the order's real local transaction, in this process, for an OrderCreated that a check-back has fenced. */
async function lateCommit(orderId: string, eventId: string): Promise<void> {
  const { transactions, close } = await serviceTransactions('order-service', [Order, OrderItem, OrderStatusChange]);
  try {
    const ledger = new OrderLedger(transactions);
    const order = Order.place({
      id: orderId,
      customerId: 'late',
      lines: [{ sku: 'SKU-A', quantity: 1, unitPriceCents: 1 }],
      fingerprint: randomUUID(),
    });
    await ledger.insertUnlessFenced(order, eventId, {});
  } finally {
    await close();
  }
}
