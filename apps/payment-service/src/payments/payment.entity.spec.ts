import { Payment } from './payment.entity';

const order = { orderId: 'o1', customerId: 'c1', amountCents: 500 };

describe('Payment', () => {
  it('charges when the balance covers the amount exactly', () => {
    expect(Payment.decide(order, 500, 'e1').status).toBe('CHARGED');
  });

  it('fails with INSUFFICIENT_FUNDS one cent short', () => {
    const payment = Payment.decide(order, 499, 'e1');
    expect([payment.status, payment.reason]).toEqual(['FAILED', 'INSUFFICIENT_FUNDS']);
  });

  it('fails for a customer without an account', () => {
    expect(Payment.decide(order, undefined, 'e1').status).toBe('FAILED');
  });

  it('refunds a charge once', () => {
    const payment = Payment.decide(order, 1000, 'e1');
    expect(payment.refund()).toBe(500);
    expect(payment.refund()).toBe(0);
    expect(payment.status).toBe('REFUNDED');
  });

  it('refunds nothing for a failed payment or a barrier', () => {
    expect(Payment.decide(order, 0, 'e1').refund()).toBe(0);
    expect(Payment.cancelledBeforeCharge('o1', 'c1').refund()).toBe(0);
  });
});
