import { Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { OrderItem } from './order-item.entity';
import { bigintAsNumber } from '@app/runtime';

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED';

@Entity('orders')
export class Order {
  @PrimaryColumn({ type: 'char', length: 36 }) id!: string;
  @Column({ name: 'customer_id', type: 'varchar', length: 64 }) customerId!: string;
  @Column({ type: 'varchar', length: 16 }) status!: OrderStatus;
  @Column({ name: 'cancel_reason', type: 'varchar', length: 32, nullable: true }) cancelReason!: string | null;
  @Column({ name: 'total_cents', type: 'bigint', transformer: bigintAsNumber }) totalCents!: number;
  @OneToMany(() => OrderItem, (item) => item.order, { cascade: ['insert'] }) items!: OrderItem[];
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt!: Date;
}
