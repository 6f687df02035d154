import type { Connection } from 'mysql2/promise';
import { EventTypes, Topics } from '@app/contracts';
import { connectToDatabase, rows } from '../../../test/support/database';
import { eventually, holdsFor } from '../../../test/support/eventually';
import { MessageCollector } from '../../../test/support/rocketmq';
import { ServiceProcess } from '../../../test/support/service-process';
import { aCustomer, anOrderRequest, forCustomer, jsonPost } from './order-builders';

// A window longer than a check-back cycle (first check after ~3 s, then every 2 s).
const NOTHING_SENT_WINDOW_MS = 8000;

describe('order-service: POST /orders and GET /orders/:id', () => {
  let service: ServiceProcess;
  let collector: MessageCollector;
  let db: Connection;
  const countOrders = async () => (await rows<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM orders'))[0].n;

  beforeAll(async () => {
    db = await connectToDatabase('order_service');
    collector = await MessageCollector.start(Topics.orderEvents, EventTypes.orderCreated);
    service = await ServiceProcess.start('order-service');
  });

  afterAll(async () => {
    await service?.stop();
    await collector?.stop();
    await db?.end();
  });

  it('places a valid order: 201, the row, and exactly one matching OrderCreated', async () => {
    const request = anOrderRequest();
    const res = await service.fetch('/orders', jsonPost(request));
    expect(res.status).toBe(201);
    const order = (await res.json()) as {
      id: string;
      status: string;
      totalCents: number;
      items: unknown[];
      createdAt: string;
    };
    expect(order).toMatchObject({ status: 'PENDING', totalCents: 2 * 1250 + 499, items: request.items });

    const [row] = await rows<{ status: string; total_cents: string }>(db, 'SELECT * FROM orders WHERE id = ?', [
      order.id,
    ]);
    expect(row.status).toBe('PENDING');
    expect(Number(row.total_cents)).toBe(2 * 1250 + 499);
    expect(await rows(db, 'SELECT * FROM order_items WHERE order_id = ?', [order.id])).toHaveLength(2);

    await eventually(() => expect(forCustomer(collector.messages, request.customerId)).toHaveLength(1));
    const [event] = forCustomer(collector.messages, request.customerId);
    expect(event).toMatchObject({
      type: 'OrderCreated',
      version: 1,
      orderId: order.id,
      occurredAt: order.createdAt,
      payload: { customerId: request.customerId, totalCents: 2 * 1250 + 499, items: request.items },
    });
    expect(collector.messages.find((m) => m.keys.includes(event.eventId))).toBeDefined();
    await holdsFor(() => expect(forCustomer(collector.messages, request.customerId)).toHaveLength(1), 3000);

    const read = await service.fetch(`/orders/${order.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(order);
  });

  describe('bad input: a 4xx naming the problem, and nothing written or sent', () => {
    const customerId = aCustomer();
    const valid = anOrderRequest({ customerId });
    const item = valid.items[0];
    const cases: Array<[string, RequestInit, number, string]> = [
      ['missing customerId', jsonPost({ items: valid.items }), 400, 'customerId'],
      ['extra field', jsonPost({ ...valid, discount: 5 }), 400, 'discount'],
      ['customerId of the wrong type', jsonPost({ ...valid, customerId: 7 }), 400, 'customerId'],
      ['zero quantity', jsonPost({ ...valid, items: [{ ...item, quantity: 0 }] }), 400, 'items[0].quantity'],
      ['negative quantity', jsonPost({ ...valid, items: [{ ...item, quantity: -3 }] }), 400, 'items[0].quantity'],
      [
        'fractional price',
        jsonPost({ ...valid, items: [{ ...item, unitPriceCents: 9.99 }] }),
        400,
        'items[0].unitPriceCents',
      ],
      [
        'negative price',
        jsonPost({ ...valid, items: [{ ...item, unitPriceCents: -1 }] }),
        400,
        'items[0].unitPriceCents',
      ],
      [
        'too many items',
        jsonPost({ ...valid, items: Array.from({ length: 101 }, (_, i) => ({ ...item, sku: `S-${i}` })) }),
        400,
        'items',
      ],
      ['malformed JSON', jsonPost('{"customerId": "x", '), 400, ''],
      ['wrong content type', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' }, 415, ''],
      ['oversized body', jsonPost({ ...valid, padding: 'x'.repeat(70 * 1024) }), 413, ''],
      ['bad Idempotency-Key', jsonPost(valid, { 'idempotency-key': 'x'.repeat(129) }), 400, 'Idempotency-Key'],
      ['unknown fault', jsonPost(valid, { 'x-fault-inject': 'explode' }), 400, 'X-Fault-Inject'],
    ];

    it.each(cases)('%s', async (_name, init, status, field) => {
      const before = await countOrders();
      const res = await service.fetch('/orders', init);
      expect(res.status).toBe(status);
      const body = (await res.json()) as { fields?: string[]; message: unknown };
      if (field) expect(body.fields).toContain(field);
      expect(await countOrders()).toBe(before);
    });

    it('sent no OrderCreated for any of them', async () => {
      await holdsFor(() => expect(forCustomer(collector.messages, customerId)).toHaveLength(0), NOTHING_SENT_WINDOW_MS);
    });

    it('answers 404 for an unknown order id', async () => {
      const res = await service.fetch('/orders/00000000-0000-4000-8000-000000000000');
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'ORDER_NOT_FOUND' });
    });
  });

  it('replays the same order for the same Idempotency-Key and body, and refuses another body with 422', async () => {
    const request = anOrderRequest();
    const key = `key-${request.customerId}`;
    const first = await service.fetch('/orders', jsonPost(request, { 'idempotency-key': key }));
    const again = await service.fetch('/orders', jsonPost(request, { 'idempotency-key': key }));
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const order = (await first.json()) as { id: string };
    expect(await again.json()).toEqual(order);

    const other = await service.fetch(
      '/orders',
      jsonPost({ ...request, items: [{ sku: 'SKU-Z', quantity: 9, unitPriceCents: 1 }] }, { 'idempotency-key': key }),
    );
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });

    expect(await rows(db, 'SELECT id FROM orders WHERE customer_id = ?', [request.customerId])).toHaveLength(1);
    await eventually(() => expect(forCustomer(collector.messages, request.customerId)).toHaveLength(1));
    await holdsFor(() => expect(forCustomer(collector.messages, request.customerId)).toHaveLength(1), 3000);
  });

  it('fail-local-transaction: an error, no order, and no message ever delivered', async () => {
    const request = anOrderRequest();
    const res = await service.fetch('/orders', jsonPost(request, { 'x-fault-inject': 'fail-local-transaction' }));
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ code: 'INJECTED_FAULT' });
    expect(await rows(db, 'SELECT id FROM orders WHERE customer_id = ?', [request.customerId])).toHaveLength(0);
    await holdsFor(
      () => expect(forCustomer(collector.messages, request.customerId)).toHaveLength(0),
      NOTHING_SENT_WINDOW_MS,
    );
  });

  it('serves its OpenAPI document and Prometheus metrics', async () => {
    const docs = await service.fetch('/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(((await docs.json()) as { paths: object }).paths)).toEqual(
      expect.arrayContaining(['/orders', '/orders/{id}']),
    );
    const metrics = await (await service.fetch('/metrics')).text();
    expect(metrics).toMatch(/orders_created_total \d+/);
    expect(metrics).toMatch(
      /rocketmq_transactions_total\{topic="order-events",tag="OrderCreated",outcome="committed"\} \d+/,
    );
    expect(metrics).toMatch(
      /rocketmq_transactions_total\{topic="order-events",tag="OrderCreated",outcome="rolled_back"\} \d+/,
    );
    expect(metrics).toContain('http_request_duration_seconds_bucket');
  });
});
