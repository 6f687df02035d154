import { Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from '@app/runtime';
import { OrderItem } from './order-item.entity';

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED';

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

@Entity('orders')
export class Order {
  @PrimaryColumn({ type: 'char', length: 36 }) id!: string;
  @Column({ name: 'customer_id', type: 'varchar', length: 64 }) customerId!: string;
  @Column({ type: 'varchar', length: 16 }) status!: OrderStatus;
  @Column({ name: 'cancel_reason', type: 'varchar', length: 32, nullable: true }) cancelReason!: string | null;
  @Column({ name: 'total_cents', type: 'bigint', transformer: bigintAsNumber }) totalCents!: number;
  @Column({ name: 'idempotency_key', type: 'varchar', length: 128, nullable: true }) idempotencyKey!: string | null;
  @Column({ name: 'request_fingerprint', type: 'char', length: 64, nullable: true }) requestFingerprint!: string | null;
  @OneToMany(() => OrderItem, (item) => item.order) items!: OrderItem[];
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt!: Date;

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
      totalCents: fields.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0),
      idempotencyKey: fields.idempotencyKey ?? null,
      requestFingerprint: fields.fingerprint,
      createdAt: now,
      updatedAt: now,
    });
    order.items = fields.lines.map((line, index) => OrderItem.of(order.id, index + 1, line));
    return order;
  }
}
