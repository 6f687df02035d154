import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type ReservationStatus = 'RESERVED' | 'REJECTED' | 'SOLD' | 'RELEASED' | 'CANCELLED_BEFORE_RESERVE';

export interface ReservedLine {
  sku: string;
  quantity: number;
}

/** What one order holds of the stock; at most one per order, so it is also the barrier against late actions. */
@Entity('stock_reservations')
export class StockReservation {
  @PrimaryColumn({ name: 'order_id', type: 'char', length: 36 }) orderId!: string;
  @Column({ type: 'varchar', length: 32 }) status!: ReservationStatus;
  @Column({ type: 'simple-json' }) items!: ReservedLine[];
  /** The StockReserved/StockRejected event published with this row: the check-back looks it up. */
  @Column({ name: 'outcome_event_id', type: 'char', length: 36, nullable: true }) outcomeEventId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
  // Updated by the database (ON UPDATE CURRENT_TIMESTAMP(3)): TypeORM's UpdateDateColumn writes whole seconds.
  @Column({ name: 'updated_at', type: 'datetime', precision: 3, update: false })
  updatedAt!: Date;

  /** All lines or none: reserved if every SKU has enough available stock, else rejected (unknown SKU = none left). */
  static decide(orderId: string, items: ReservedLine[], available: Map<string, number>, outcomeEventId: string) {
    const needed = totalsBySku(items);
    const enough = [...needed].every(([sku, quantity]) => (available.get(sku) ?? 0) >= quantity);
    return StockReservation.of(orderId, enough ? 'RESERVED' : 'REJECTED', items, outcomeEventId);
  }

  /** OrderCancelled came first: remember it, so the late OrderCreated reserves nothing. */
  static cancelledBeforeReserve(orderId: string) {
    return StockReservation.of(orderId, 'CANCELLED_BEFORE_RESERVE', [], null);
  }

  /** Whether the units were reserved when OrderCreated came (they may be sold or released since). */
  wasReserved(): boolean {
    return this.status === 'RESERVED' || this.status === 'SOLD' || this.status === 'RELEASED';
  }

  /** OrderConfirmed: the reserved units are sold. Returns the lines to move, or none if not reserved. */
  sell(): ReservedLine[] {
    if (this.status !== 'RESERVED') return [];
    this.status = 'SOLD';
    return this.items;
  }

  /** OrderCancelled: the reserved units go back on sale. Returns the lines to move, or none if not reserved. */
  release(): ReservedLine[] {
    if (this.status !== 'RESERVED') return [];
    this.status = 'RELEASED';
    return this.items;
  }

  private static of(orderId: string, status: ReservationStatus, items: ReservedLine[], outcomeEventId: string | null) {
    return Object.assign(new StockReservation(), { orderId, status, items, outcomeEventId });
  }
}

/** Units per SKU (lines of one SKU added up), in SKU order: rows are always locked in that one order. */
export function totalsBySku(items: ReservedLine[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { sku, quantity } of [...items].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))) {
    totals.set(sku, (totals.get(sku) ?? 0) + quantity);
  }
  return totals;
}
