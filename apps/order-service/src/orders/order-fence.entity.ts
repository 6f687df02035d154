import { CreateDateColumn, Entity, PrimaryColumn, Column } from 'typeorm';

/** Written by the OrderCreated check when it rolls the message back; see the migration for why. */
@Entity('order_fences')
export class OrderFence {
  @PrimaryColumn({ name: 'order_id', type: 'char', length: 36 }) orderId!: string;
  @Column({ name: 'event_id', type: 'char', length: 36 }) eventId!: string;
  @CreateDateColumn({ name: 'fenced_at', type: 'datetime', precision: 3 }) fencedAt!: Date;
}
