import { StockReservation, totalsBySku } from './stock-reservation.entity';

const stock = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('StockReservation', () => {
  it('reserves when every SKU has enough stock', () => {
    const reservation = StockReservation.decide(
      'o1',
      [
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 1 },
      ],
      stock({ A: 2, B: 5 }),
      'e1',
    );
    expect(reservation.status).toBe('RESERVED');
  });

  it('rejects the whole order when one SKU is short, reserving nothing', () => {
    const reservation = StockReservation.decide(
      'o1',
      [
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 6 },
      ],
      stock({ A: 9, B: 5 }),
      'e1',
    );
    expect(reservation.status).toBe('REJECTED');
    expect(reservation.release()).toEqual([]);
  });

  it('treats an unknown SKU as out of stock', () => {
    expect(StockReservation.decide('o1', [{ sku: 'X', quantity: 1 }], stock({}), 'e1').status).toBe('REJECTED');
  });

  it('adds up lines of the same SKU before comparing', () => {
    const lines = [
      { sku: 'A', quantity: 2 },
      { sku: 'A', quantity: 2 },
    ];
    expect(StockReservation.decide('o1', lines, stock({ A: 3 }), 'e1').status).toBe('REJECTED');
  });

  it('sells a reservation once', () => {
    const reservation = StockReservation.decide('o1', [{ sku: 'A', quantity: 2 }], stock({ A: 2 }), 'e1');
    expect(reservation.sell()).toEqual([{ sku: 'A', quantity: 2 }]);
    expect(reservation.sell()).toEqual([]);
    expect(reservation.release()).toEqual([]);
  });

  it('releases a reservation once, and a released one cannot be sold', () => {
    const reservation = StockReservation.decide('o1', [{ sku: 'A', quantity: 2 }], stock({ A: 2 }), 'e1');
    expect(reservation.release()).toHaveLength(1);
    expect(reservation.release()).toEqual([]);
    expect(reservation.sell()).toEqual([]);
  });

  it('a barrier (cancelled before reserve) gives nothing back', () => {
    const barrier = StockReservation.cancelledBeforeReserve('o1');
    expect(barrier.status).toBe('CANCELLED_BEFORE_RESERVE');
    expect(barrier.release()).toEqual([]);
  });
});

describe('totalsBySku', () => {
  it('adds up lines per SKU in SKU order, whatever the order of the lines (stock rows are locked in it)', () => {
    const lines = [
      { sku: 'SKU-C', quantity: 1 },
      { sku: 'SKU-A', quantity: 2 },
      { sku: 'SKU-C', quantity: 3 },
      { sku: 'SKU-B', quantity: 1 },
    ];
    expect([...totalsBySku(lines)]).toEqual([
      ['SKU-A', 2],
      ['SKU-B', 1],
      ['SKU-C', 4],
    ]);
  });

  it('knows whether the units were reserved, after they were sold or released too', () => {
    const reservation = StockReservation.decide('o1', [{ sku: 'A', quantity: 1 }], new Map([['A', 5]]), 'e1');
    expect(reservation.wasReserved()).toBe(true);
    reservation.sell();
    expect(reservation.wasReserved()).toBe(true);
    const rejected = StockReservation.decide('o2', [{ sku: 'A', quantity: 9 }], new Map([['A', 5]]), 'e2');
    expect(rejected.wasReserved()).toBe(false);
  });
});
