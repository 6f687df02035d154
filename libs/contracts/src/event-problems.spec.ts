import { eventProblems } from './event-problems';

const anOrderCreated = (payload: Record<string, unknown> = {}) => ({
  eventId: 'e1',
  type: 'OrderCreated',
  version: 1,
  orderId: 'o1',
  payload: { customerId: 'c1', totalCents: 500, items: [{ sku: 'A', quantity: 1, unitPriceCents: 500 }], ...payload },
});

describe('eventProblems', () => {
  it('finds nothing wrong with an event that keeps its contract', () => {
    expect(eventProblems(anOrderCreated())).toEqual([]);
    const cancelled = { eventId: 'e2', type: 'OrderCancelled', version: 1, orderId: 'o1' };
    expect(eventProblems({ ...cancelled, payload: { customerId: 'c1', reason: 'TIMEOUT' } })).toEqual([]);
  });

  it('refuses a negative total (it would credit an account), naming the field', () => {
    expect(eventProblems(anOrderCreated({ totalCents: -500 }))).toEqual(['payload.totalCents must be an integer >= 0']);
  });

  it('refuses bad lines, an unknown reason, an unknown type and another version', () => {
    expect(eventProblems(anOrderCreated({ items: [{ sku: '', quantity: 0, unitPriceCents: 1 }] }))).toEqual([
      'payload.items[0].sku must be a non-empty string',
      'payload.items[0].quantity must be an integer >= 1',
    ]);
    const rejected = { eventId: 'e3', type: 'StockRejected', version: 1, orderId: 'o1', payload: { reason: 'NOPE' } };
    expect(eventProblems(rejected)).toEqual(['payload.reason must be one of OUT_OF_STOCK']);
    expect(eventProblems({ ...anOrderCreated(), type: 'OrderShipped' })[0]).toMatch(/^type must be one of/);
    expect(eventProblems({ ...anOrderCreated(), version: 2 })).toEqual(['version must be 1']);
  });
});
