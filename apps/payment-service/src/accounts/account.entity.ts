import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from '@app/runtime';

/** A customer's balance in integer cents. */
@Entity('accounts')
export class Account {
  @PrimaryColumn({ name: 'customer_id', type: 'varchar', length: 64 }) customerId!: string;
  @Column({ name: 'balance_cents', type: 'bigint', transformer: bigintAsNumber }) balanceCents!: number;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3, onUpdate: 'CURRENT_TIMESTAMP(3)' })
  updatedAt!: Date;
}
