import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  ConsumerGroups,
  EventTypes,
  newEvent,
  OrderCancelled,
  OrderConfirmed,
  PaymentFailed,
  PaymentSucceeded,
  StockRejected,
  StockReserved,
  toMessage,
} from '@app/contracts';
import {
  assertNotFenced,
  DecisionChangedError,
  isDuplicate,
  publishDecision,
  TransactionalPublisher,
} from '@app/messaging';
import { counter, forUpdate, LocalTransactions } from '@app/runtime';
import { Order } from '../orders/order.entity';
import { OrderStatusChange } from '../orders/order-status-change.entity';

const CONSUMER = ConsumerGroups.orderService;
export type OutcomeEvent = StockReserved | StockRejected | PaymentSucceeded | PaymentFailed;

const ordersFinished = counter({
  name: 'orders_finished_total',
  help: 'Orders confirmed or cancelled',
  labelNames: ['status', 'reason'],
});

/** What one outcome does to its order: nothing new (duplicate or no transition yet) or a transition to announce. */
interface OutcomeDecision {
  kind: 'DUPLICATE' | 'NO_TRANSITION' | 'CONFIRMED' | 'CANCELLED';
  order?: Order;
  /** The OrderConfirmed/OrderCancelled event id, recorded in the status history. */
  eventId: string;
}

@Injectable()
export class OrderOutcomesService {
  private readonly logger = new Logger(OrderOutcomesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: LocalTransactions,
    private readonly publisher: TransactionalPublisher,
  ) {}

  /** StockReserved/StockRejected/PaymentSucceeded/PaymentFailed: record it; confirm or cancel the order if due. */
  async recordOutcome(event: OutcomeEvent): Promise<void> {
    const decision = await publishDecision(this.publisher, {
      predict: () => this.decide(this.dataSource.manager, event, randomUUID(), false),
      messageFor: ({ kind, order, eventId }) =>
        order && kind !== 'NO_TRANSITION' ? toMessage(announce(order, eventId)) : null,
      apply: (expected) => this.transactions.run((manager) => this.apply(manager, event, expected)),
    });
    if (decision.kind === 'CONFIRMED' || decision.kind === 'CANCELLED') {
      ordersFinished.inc({ status: decision.kind, reason: decision.order?.cancelReason ?? '' });
      this.logger.log({ orderId: event.orderId, status: decision.kind, causedBy: event.type }, 'order finished');
    }
  }

  private async decide(manager: EntityManager, event: OutcomeEvent, eventId: string, lock: boolean) {
    if (await isDuplicate(manager, CONSUMER, event.eventId, lock))
      return { kind: 'DUPLICATE', eventId } satisfies OutcomeDecision;
    const order = await manager.findOne(Order, {
      where: { id: event.orderId },
      ...forUpdate(lock),
    });
    // Outcomes only follow a committed OrderCreated, so a missing order is an error (retried, then dead-lettered).
    if (!order) throw new Error(`outcome ${event.eventId} for unknown order ${event.orderId}`);
    const transition = order.recordOutcome(
      event.type === EventTypes.stockRejected || event.type === EventTypes.paymentFailed
        ? { type: event.type, reason: event.payload.reason }
        : { type: event.type },
    );
    return { kind: transition ?? 'NO_TRANSITION', order, eventId } satisfies OutcomeDecision;
  }

  private async apply(manager: EntityManager, event: OutcomeEvent, expected: OutcomeDecision) {
    const { kind, order } = await this.decide(manager, event, expected.eventId, true);
    if (kind !== expected.kind) throw new DecisionChangedError(expected.kind, kind);
    if (!order) return;
    const { status, cancelReason, stockStatus, paymentStatus } = order;
    await manager.update(Order, { id: order.id }, { status, cancelReason, stockStatus, paymentStatus });
    if (kind === 'NO_TRANSITION') return;
    const change = {
      orderId: order.id,
      status,
      reason: cancelReason,
      eventId: expected.eventId,
      causedBy: event.eventId,
    };
    await manager.insert(OrderStatusChange, OrderStatusChange.of(change));
    await assertNotFenced(manager, expected.eventId);
  }
}

function announce(order: Order, eventId: string): OrderConfirmed | OrderCancelled {
  const { customerId } = order;
  return order.status === 'CONFIRMED'
    ? newEvent<OrderConfirmed>(eventId, EventTypes.orderConfirmed, order.id, { customerId })
    : newEvent<OrderCancelled>(eventId, EventTypes.orderCancelled, order.id, {
        customerId,
        reason: order.cancelReason as OrderCancelled['payload']['reason'],
      });
}
