import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Order } from './order.entity';
import { bigintAsNumber } from '@app/runtime';

@Entity('order_items')
export class OrderItem {
  @PrimaryColumn({ name: 'order_id', type: 'char', length: 36 }) orderId!: string;
  @PrimaryColumn({ name: 'line_no', type: 'smallint' }) lineNo!: number;
  @Column({ type: 'varchar', length: 64 }) sku!: string;
  @Column({ type: 'int' }) quantity!: number;
  @Column({ name: 'unit_price_cents', type: 'bigint', transformer: bigintAsNumber }) unitPriceCents!: number;
  @ManyToOne('Order', 'items', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order!: Order;
}
