import { EventTypes } from '@app/contracts';
import { Order } from './order.entity';

const aPendingOrder = () =>
  Order.place({
    id: 'o1',
    customerId: 'c1',
    lines: [{ sku: 'A', quantity: 1, unitPriceCents: 100 }],
    fingerprint: 'f',
  });
const stockReserved = { type: EventTypes.stockReserved } as const;
const paymentSucceeded = { type: EventTypes.paymentSucceeded } as const;
const stockRejected = { type: EventTypes.stockRejected, reason: 'OUT_OF_STOCK' } as const;
const paymentFailed = { type: EventTypes.paymentFailed, reason: 'INSUFFICIENT_FUNDS' } as const;

describe('Order.recordOutcome', () => {
  it('stays PENDING with only one of the two successes', () => {
    const order = aPendingOrder();
    expect(order.recordOutcome(stockReserved)).toBeNull();
    expect(order.status).toBe('PENDING');
  });

  it('is CONFIRMED once stock and payment both succeeded, in either order', () => {
    const first = aPendingOrder();
    first.recordOutcome(paymentSucceeded);
    expect(first.recordOutcome(stockReserved)).toBe('CONFIRMED');
    const second = aPendingOrder();
    second.recordOutcome(stockReserved);
    expect(second.recordOutcome(paymentSucceeded)).toBe('CONFIRMED');
    expect(second.status).toBe('CONFIRMED');
  });

  it('is CANCELLED at the first failure, with its reason', () => {
    const order = aPendingOrder();
    order.recordOutcome(stockReserved);
    expect(order.recordOutcome(paymentFailed)).toBe('CANCELLED');
    expect([order.status, order.cancelReason]).toEqual(['CANCELLED', 'INSUFFICIENT_FUNDS']);
  });

  it('ignores a late success after a cancellation, keeping the first reason', () => {
    const order = aPendingOrder();
    order.recordOutcome(stockRejected);
    expect(order.recordOutcome(paymentSucceeded)).toBeNull();
    expect(order.recordOutcome(paymentFailed)).toBeNull();
    expect([order.status, order.cancelReason]).toEqual(['CANCELLED', 'OUT_OF_STOCK']);
    expect(order.paymentStatus).toBe('FAILED');
  });

  it('ignores a redelivered success after confirmation', () => {
    const order = aPendingOrder();
    order.recordOutcome(stockReserved);
    order.recordOutcome(paymentSucceeded);
    expect(order.recordOutcome(paymentSucceeded)).toBeNull();
    expect(order.status).toBe('CONFIRMED');
  });

  it('knows when it finished: not while PENDING, then at its transition', () => {
    const order = aPendingOrder();
    order.recordOutcome(stockReserved);
    expect(order.finishedAt).toBeNull();
    const before = Date.now();
    order.recordOutcome(paymentSucceeded);
    expect(order.finishedAt?.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('expires only while PENDING: cancelled with TIMEOUT', () => {
    const pending = aPendingOrder();
    expect(pending.expire()).toBe('CANCELLED');
    expect(pending).toMatchObject({ status: 'CANCELLED', cancelReason: 'TIMEOUT' });
    expect(pending.expire()).toBeNull();
  });
});
