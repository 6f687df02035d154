import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrderStatus } from './order.entity';

/** One row per status an order entered, with the event that announced it: the check-backs look them up. */
@Entity('order_status_history')
export class OrderStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'order_id', type: 'char', length: 36 }) orderId!: string;
  @Column({ type: 'varchar', length: 16 }) status!: OrderStatus;
  @Column({ type: 'varchar', length: 32, nullable: true }) reason!: string | null;
  /** OrderCreated, OrderConfirmed or OrderCancelled, published in the same local transaction. */
  @Column({ name: 'event_id', type: 'char', length: 36 }) eventId!: string;
  /** The outcome event that caused the change (none for PENDING). */
  @Column({ name: 'caused_by', type: 'varchar', length: 64, nullable: true }) causedBy!: string | null;
  @CreateDateColumn({ name: 'changed_at', type: 'datetime', precision: 3 }) changedAt!: Date;

  static of(fields: Pick<OrderStatusChange, 'orderId' | 'status' | 'reason' | 'eventId' | 'causedBy'>) {
    return Object.assign(new OrderStatusChange(), fields);
  }
}
