import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@app/runtime';
import type { Order, OrderLine } from './order.entity';

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

  static of(orderId: string, lineNo: number, line: OrderLine): OrderItem {
    return Object.assign(new OrderItem(), { orderId, lineNo, ...line });
  }
}
