import { Injectable } from '@nestjs/common';
import { assertNotFenced, insertRows, LocalTransactions, TransactionLimits } from '@app/messaging';
import { Order } from './order.entity';
import { OrderItem } from './order-item.entity';
import { OrderStatusChange } from './order-status-change.entity';

/** The orders table: the database side of the OrderCreated transaction. */
@Injectable()
export class OrderLedger {
  constructor(private readonly transactions: LocalTransactions) {}

  /**
   * Inserts the order, its items and its PENDING history row (which carries the OrderCreated event id, what the
   * check-back looks for), unless a check-back has already fenced that event.
   */
  async insertUnlessFenced(order: Order, eventId: string, limits: TransactionLimits, beforeFenceCheck?: () => void) {
    await this.transactions.run(async (manager) => {
      const { items, ...row } = order;
      await insertRows(manager, Order, row);
      await insertRows(
        manager,
        OrderItem,
        items.map(({ order: _unused, ...item }) => item),
      );
      await insertRows(
        manager,
        OrderStatusChange,
        OrderStatusChange.of({ orderId: order.id, status: order.status, reason: null, eventId, causedBy: null }),
      );
      beforeFenceCheck?.();
      await assertNotFenced(manager, eventId);
    }, limits);
  }
}
