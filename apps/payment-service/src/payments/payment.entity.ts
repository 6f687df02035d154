import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@app/runtime';

export type PaymentStatus = 'CHARGED' | 'FAILED' | 'REFUNDED' | 'CANCELLED_BEFORE_CHARGE';

/** The charge for one order; at most one per order, so it is also the barrier against a late charge. */
@Entity('payments')
export class Payment {
  @PrimaryColumn({ name: 'order_id', type: 'char', length: 36 }) orderId!: string;
  @Column({ name: 'customer_id', type: 'varchar', length: 64 }) customerId!: string;
  @Column({ name: 'amount_cents', type: 'bigint', transformer: bigintAsNumber }) amountCents!: number;
  @Column({ type: 'varchar', length: 32 }) status!: PaymentStatus;
  @Column({ type: 'varchar', length: 32, nullable: true }) reason!: string | null;
  /** The PaymentSucceeded/PaymentFailed event published with this row: the check-back looks it up. */
  @Column({ name: 'outcome_event_id', type: 'char', length: 36, nullable: true }) outcomeEventId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
  // Updated by the database (ON UPDATE CURRENT_TIMESTAMP(3)): TypeORM's UpdateDateColumn writes whole seconds.
  @Column({ name: 'updated_at', type: 'datetime', precision: 3, update: false })
  updatedAt!: Date;

  /** Charged if the balance covers the amount; a customer without an account has nothing to pay with. */
  static decide(
    order: { orderId: string; customerId: string; amountCents: number },
    balance: number | undefined,
    outcomeEventId: string,
  ) {
    const covered = balance !== undefined && balance >= order.amountCents;
    return Object.assign(new Payment(), {
      ...order,
      status: covered ? 'CHARGED' : 'FAILED',
      reason: covered ? null : 'INSUFFICIENT_FUNDS',
      outcomeEventId,
    });
  }

  /** OrderCancelled came first: remember it, so the late OrderCreated charges nothing. */
  static cancelledBeforeCharge(orderId: string, customerId: string) {
    return Object.assign(new Payment(), {
      orderId,
      customerId,
      amountCents: 0,
      status: 'CANCELLED_BEFORE_CHARGE',
      reason: null,
      outcomeEventId: null,
    });
  }

  /** Whether the amount was charged when OrderCreated came (it may be refunded since). */
  wasCharged(): boolean {
    return this.status === 'CHARGED' || this.status === 'REFUNDED';
  }

  /** OrderCancelled: a charge is refunded once. Returns the cents to give back (0 if nothing was charged). */
  refund(): number {
    if (this.status !== 'CHARGED') return 0;
    this.status = 'REFUNDED';
    return this.amountCents;
  }
}
