import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@app/runtime';

/** A customer's balance in integer cents. */
@Entity('accounts')
export class Account {
  @PrimaryColumn({ name: 'customer_id', type: 'varchar', length: 64 }) customerId!: string;
  @Column({ name: 'balance_cents', type: 'bigint', transformer: bigintAsNumber }) balanceCents!: number;
  // Updated by the database (ON UPDATE CURRENT_TIMESTAMP(3)): TypeORM's UpdateDateColumn writes whole seconds.
  @Column({ name: 'updated_at', type: 'datetime', precision: 3, update: false })
  updatedAt!: Date;
}
