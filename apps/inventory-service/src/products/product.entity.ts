import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Stock of one SKU; `available + reserved + sold` only changes when stock is set by hand. */
@Entity('products')
export class Product {
  @PrimaryColumn({ type: 'varchar', length: 64 }) sku!: string;
  @Column({ type: 'int' }) available!: number;
  @Column({ type: 'int' }) reserved!: number;
  @Column({ type: 'int' }) sold!: number;
  // Updated by the database (ON UPDATE CURRENT_TIMESTAMP(3)): TypeORM's UpdateDateColumn writes whole seconds.
  @Column({ name: 'updated_at', type: 'datetime', precision: 3, update: false })
  updatedAt!: Date;
}
