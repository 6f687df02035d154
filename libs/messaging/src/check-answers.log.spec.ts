import { orderIdOf } from './check-answers.log';

describe('orderIdOf', () => {
  it("reads the order from a half message's bytes, as the broker hands them to a check-back", () => {
    expect(orderIdOf(Buffer.from(JSON.stringify({ eventId: 'e1', orderId: 'o-1' })))).toBe('o-1');
  });

  it('reads it from the event being published, when a failed local transaction is settled', () => {
    expect(orderIdOf({ eventId: 'e1', orderId: 'o-2' })).toBe('o-2');
  });

  it('answers null for a body that is not an event, so recording an answer never throws', () => {
    expect(orderIdOf(Buffer.from('not json'))).toBeNull();
    expect(orderIdOf({ orderId: 42 })).toBeNull();
    expect(orderIdOf(null)).toBeNull();
  });
});
