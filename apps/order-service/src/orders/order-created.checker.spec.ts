import type { MessageView } from 'rocketmq-client-nodejs';
import { OrderCreatedChecker } from './order-created.checker';
import type { OrderLedger } from './order-ledger';

const DEADLINE_MS = 30000;
const BORN_AT = 1_700_000_000_000;

function aHalfMessage(): MessageView {
  const body = Buffer.from(JSON.stringify({ eventId: 'event-1', orderId: 'order-1' }));
  return { body, keys: ['event-1'], bornTimestamp: new Date(BORN_AT) } as unknown as MessageView;
}

function aLedger(overrides: Partial<Record<'exists' | 'fence', jest.Mock>> = {}) {
  return { exists: jest.fn().mockResolvedValue(false), fence: jest.fn().mockResolvedValue(true), ...overrides };
}

function checkerAt(ageMs: number, ledger: ReturnType<typeof aLedger>) {
  return new OrderCreatedChecker(ledger as unknown as OrderLedger, DEADLINE_MS, () => BORN_AT + ageMs);
}

describe('OrderCreatedChecker', () => {
  it('commits when the order exists', async () => {
    const ledger = aLedger({ exists: jest.fn().mockResolvedValue(true) });
    await expect(checkerAt(60000, ledger).check(aHalfMessage())).resolves.toBe('COMMIT');
    expect(ledger.fence).not.toHaveBeenCalled();
  });

  it('answers UNKNOWN for a missing order whose local transaction may still be running', async () => {
    const ledger = aLedger();
    await expect(checkerAt(DEADLINE_MS - 1, ledger).check(aHalfMessage())).resolves.toBe('UNKNOWN');
    expect(ledger.fence).not.toHaveBeenCalled();
  });

  it('fences and rolls back a missing order older than the deadline', async () => {
    const ledger = aLedger();
    await expect(checkerAt(DEADLINE_MS, ledger).check(aHalfMessage())).resolves.toBe('ROLLBACK');
    expect(ledger.fence).toHaveBeenCalledWith('order-1', 'event-1');
  });

  it('commits when the order committed while the fence was being written', async () => {
    const ledger = aLedger({ fence: jest.fn().mockResolvedValue(false) });
    await expect(checkerAt(DEADLINE_MS + 1, ledger).check(aHalfMessage())).resolves.toBe('COMMIT');
  });

  it('lets a database error through (the publisher answers UNKNOWN), never ROLLBACK', async () => {
    const ledger = aLedger({ exists: jest.fn().mockRejectedValue(new Error('ECONNREFUSED')) });
    await expect(checkerAt(DEADLINE_MS * 10, ledger).check(aHalfMessage())).rejects.toThrow('ECONNREFUSED');
    expect(ledger.fence).not.toHaveBeenCalled();
  });
});
