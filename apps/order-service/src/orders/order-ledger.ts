import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LocalTransactions } from '@app/runtime';
import { Order } from './order.entity';
import { OrderItem } from './order-item.entity';
import { OrderFence } from './order-fence.entity';
import { OrderFencedError } from './order.errors';
import { OrderStatusChange } from './order-status-change.entity';

/**
 * The orders table and its fences: the database side of the OrderCreated transaction.
 * The fence protocol: the order's transaction inserts the order, then reads the fence with a locking read;
 * the checker inserts the fence, then reads the order with a locking read. Whichever commits first wins,
 * the locks make the other see it, so an order and a fence never both commit.
 */
@Injectable()
export class OrderLedger {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: LocalTransactions,
  ) {}

  /** Inserts the order and its items, unless a check-back has already abandoned it. */
  async insertUnlessFenced(order: Order, eventId: string, beforeFenceCheck?: () => void): Promise<void> {
    await this.transactions.run(async (manager) => {
      const { items, ...row } = order;
      await manager.insert(Order, row);
      await manager.insert(
        OrderItem,
        items.map(({ order: _unused, ...item }) => item),
      );
      await manager.insert(
        OrderStatusChange,
        OrderStatusChange.of({ orderId: order.id, status: order.status, reason: null, eventId, causedBy: null }),
      );
      beforeFenceCheck?.();
      const fences = await manager.query<unknown[]>('SELECT order_id FROM order_fences WHERE order_id = ? FOR UPDATE', [
        order.id,
      ]);
      if (fences.length > 0) throw new OrderFencedError(order.id);
    });
  }

  async exists(orderId: string): Promise<boolean> {
    return this.dataSource.getRepository(Order).exists({ where: { id: orderId } });
  }

  /** Returns true if the fence now stands, false if the order turned out to exist (it committed meanwhile). */
  async fence(orderId: string, eventId: string): Promise<boolean> {
    return this.transactions
      .run(async (manager) => {
        await manager.createQueryBuilder().insert().into(OrderFence).values({ orderId, eventId }).orIgnore().execute();
        const found = await manager.query<unknown[]>('SELECT id FROM orders WHERE id = ? LOCK IN SHARE MODE', [
          orderId,
        ]);
        if (found.length > 0) throw new OrderExistsAfterAll();
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof OrderExistsAfterAll) return false;
        throw error;
      });
  }
}

/** Rolls the checker's fence transaction back when the order committed meanwhile. */
class OrderExistsAfterAll extends Error {}
