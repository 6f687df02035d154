import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { ConsumerGroups, EventTypes, newEvent, OrderCancelled, OrderConfirmed, toMessage } from '@app/contracts';
import {
  assertNotFenced,
  DedupCheck,
  insertRows,
  DecisionChangedError,
  forUpdate,
  isDuplicate,
  LocalTransactions,
  publishDecision,
  TransactionalPublisher,
} from '@app/messaging';
import { counter } from '@app/runtime';
import { Order } from '../orders/order.entity';
import { OrderStatusChange } from '../orders/order-status-change.entity';
import { OrderCause, OutcomeEvent, transitionFor } from './order-cause';

const CONSUMER = ConsumerGroups.orderService;

const ordersFinished = counter({
  name: 'orders_finished_total',
  help: 'Orders confirmed or cancelled (reason TIMEOUT: no outcome came in time)',
  labelNames: ['status', 'reason'],
});

/** What one cause does to its order: nothing new (duplicate or no transition yet) or a transition to announce. */
interface OrderDecision {
  kind: 'DUPLICATE' | 'NO_TRANSITION' | 'CONFIRMED' | 'CANCELLED';
  order?: Order;
  /** The OrderConfirmed/OrderCancelled event id: new for a transition, the recorded one for a duplicate. */
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
  recordOutcome(event: OutcomeEvent): Promise<void> {
    return this.decideAndAnnounce({ orderId: event.orderId, outcome: event });
  }

  /** ORDER_TIMEOUT_MS passed without both outcomes: cancel a still PENDING order with TIMEOUT. */
  expireOrder(orderId: string): Promise<void> {
    return this.decideAndAnnounce({ orderId, outcome: null });
  }

  private async decideAndAnnounce(cause: OrderCause): Promise<void> {
    const decision = await publishDecision(this.publisher, {
      predict: (dedup) => this.decide(this.dataSource.manager, cause, randomUUID(), dedup),
      // A duplicate re-announces the order's recorded final event, so a lost announcement is repaired.
      messageFor: ({ kind, order, eventId }) =>
        order && kind !== 'NO_TRANSITION' ? toMessage(announce(order, eventId)) : null,
      apply: (expected, limits) => this.transactions.run((manager) => this.apply(manager, cause, expected), limits),
    });
    if (decision.kind === 'CONFIRMED' || decision.kind === 'CANCELLED') {
      ordersFinished.inc({ status: decision.kind, reason: decision.order?.cancelReason ?? '' });
      const causedBy = cause.outcome?.type ?? 'timeout';
      this.logger.debug({ orderId: cause.orderId, status: decision.kind, causedBy }, 'order finished');
    }
  }

  private async decide(manager: EntityManager, cause: OrderCause, eventId: string, dedup: DedupCheck) {
    const lock = dedup === 'record';
    if (cause.outcome && (await isDuplicate(manager, CONSUMER, cause.outcome.eventId, dedup))) {
      return this.recorded(manager, cause.orderId);
    }
    const order = await manager.findOne(Order, { where: { id: cause.orderId }, ...forUpdate(lock) });
    // Outcomes only follow a committed OrderCreated, so a missing order is an error (retried, then dead-lettered).
    if (!order) throw new Error(`no order ${cause.orderId} for ${cause.outcome?.eventId ?? 'its timeout'}`);
    const transition = transitionFor(order, cause);
    return { kind: transition ?? 'NO_TRANSITION', order, eventId } satisfies OrderDecision;
  }

  /** A duplicate: the order's final status change, if it has one, is announced again with its own event id. */
  private async recorded(manager: EntityManager, orderId: string): Promise<OrderDecision> {
    const final = await manager.findOne(OrderStatusChange, {
      where: { orderId, status: In(['CONFIRMED', 'CANCELLED']) },
    });
    const order = final ? await manager.findOne(Order, { where: { id: orderId } }) : null;
    return { kind: 'DUPLICATE', order: order ?? undefined, eventId: final?.eventId ?? '' };
  }

  private async apply(manager: EntityManager, cause: OrderCause, expected: OrderDecision) {
    const { kind, order } = await this.decide(manager, cause, expected.eventId, 'record');
    if (kind !== expected.kind) throw new DecisionChangedError(expected.kind, kind);
    if (!order || kind === 'DUPLICATE') return;
    const { status, cancelReason, stockStatus, paymentStatus, finishedAt } = order;
    await manager.update(Order, { id: order.id }, { status, cancelReason, stockStatus, paymentStatus, finishedAt });
    if (kind === 'NO_TRANSITION') return;
    const change = {
      orderId: order.id,
      status,
      reason: cancelReason,
      eventId: expected.eventId,
      causedBy: cause.outcome?.eventId ?? null,
    };
    await insertRows(manager, OrderStatusChange, OrderStatusChange.of(change));
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
