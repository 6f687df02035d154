import { Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import { CancelReason, CancelReasons, EventTypes, OrderLine } from '@app/contracts';
import { bigintAsNumber } from '@app/runtime';
import { OrderItem } from './order-item.entity';

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED';

export type { OrderLine };

/** What inventory and payment answered; an order is confirmed once both said yes. */
export type OrderOutcome =
  | { type: typeof EventTypes.stockReserved }
  | { type: typeof EventTypes.stockRejected; reason: CancelReason }
  | { type: typeof EventTypes.paymentSucceeded }
  | { type: typeof EventTypes.paymentFailed; reason: CancelReason };

@Entity('orders')
export class Order {
  @PrimaryColumn({ type: 'char', length: 36 }) id!: string;
  @Column({ name: 'customer_id', type: 'varchar', length: 64 }) customerId!: string;
  @Column({ type: 'varchar', length: 16 }) status!: OrderStatus;
  @Column({ name: 'cancel_reason', type: 'varchar', length: 32, nullable: true }) cancelReason!: string | null;
  @Column({ name: 'stock_status', type: 'varchar', length: 16, nullable: true }) stockStatus!:
    'RESERVED' | 'REJECTED' | null;
  @Column({ name: 'payment_status', type: 'varchar', length: 16, nullable: true }) paymentStatus!:
    'SUCCEEDED' | 'FAILED' | null;
  @Column({ name: 'total_cents', type: 'bigint', transformer: bigintAsNumber }) totalCents!: number;
  @Column({ name: 'idempotency_key', type: 'varchar', length: 128, nullable: true }) idempotencyKey!: string | null;
  @Column({ name: 'request_fingerprint', type: 'char', length: 64, nullable: true }) requestFingerprint!: string | null;
  @OneToMany(() => OrderItem, (item) => item.order) items!: OrderItem[];
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
  // Updated by the database (ON UPDATE CURRENT_TIMESTAMP(3)): TypeORM's UpdateDateColumn writes whole seconds.
  @Column({ name: 'updated_at', type: 'datetime', precision: 3, update: false })
  updatedAt!: Date;
  /** When it became CONFIRMED or CANCELLED. */
  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true }) finishedAt!: Date | null;

  /** A new order is PENDING until inventory and payment have answered; its total is computed, never sent. */
  static place(fields: {
    id: string;
    customerId: string;
    lines: OrderLine[];
    idempotencyKey?: string;
    fingerprint: string;
  }) {
    const order = new Order();
    const now = new Date();
    Object.assign(order, {
      id: fields.id,
      customerId: fields.customerId,
      status: 'PENDING',
      cancelReason: null,
      stockStatus: null,
      paymentStatus: null,
      totalCents: fields.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0),
      idempotencyKey: fields.idempotencyKey ?? null,
      requestFingerprint: fields.fingerprint,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    });
    order.items = fields.lines.map((line, index) => OrderItem.of(order.id, index + 1, line));
    return order;
  }

  /**
   * Records an outcome and returns the transition it causes: CONFIRMED once stock and payment both succeeded,
   * CANCELLED at the first failure, null otherwise. Only a PENDING order moves, so late and repeated outcomes
   * are recorded and change nothing else.
   */
  recordOutcome(outcome: OrderOutcome): 'CONFIRMED' | 'CANCELLED' | null {
    if (outcome.type === EventTypes.stockReserved) this.stockStatus = 'RESERVED';
    if (outcome.type === EventTypes.stockRejected) this.stockStatus = 'REJECTED';
    if (outcome.type === EventTypes.paymentSucceeded) this.paymentStatus = 'SUCCEEDED';
    if (outcome.type === EventTypes.paymentFailed) this.paymentStatus = 'FAILED';
    if (this.status !== 'PENDING') return null;
    if ('reason' in outcome) return this.cancel(outcome.reason);
    if (this.stockStatus === 'RESERVED' && this.paymentStatus === 'SUCCEEDED') return this.confirm();
    return null;
  }

  /** No outcome came in time: a PENDING order is cancelled with TIMEOUT (and compensated); others stay. */
  expire(): 'CANCELLED' | null {
    return this.status === 'PENDING' ? this.cancel(CancelReasons.timeout) : null;
  }

  private confirm(): 'CONFIRMED' {
    if (this.status !== 'PENDING') throw new Error(`order ${this.id} is ${this.status}; only PENDING can be confirmed`);
    this.status = 'CONFIRMED';
    this.finishedAt = new Date();
    return 'CONFIRMED';
  }

  private cancel(reason: CancelReason): 'CANCELLED' {
    if (this.status !== 'PENDING') throw new Error(`order ${this.id} is ${this.status}; only PENDING can be cancelled`);
    this.status = 'CANCELLED';
    this.cancelReason = reason;
    this.finishedAt = new Date();
    return 'CANCELLED';
  }
}
