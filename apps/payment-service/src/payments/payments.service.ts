import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  CancelReasons,
  ConsumerGroups,
  EventTypes,
  newEvent,
  OrderCancelled,
  OrderCreated,
  PaymentFailed,
  PaymentSucceeded,
  toMessage,
} from '@app/contracts';
import {
  assertNotFenced,
  DedupCheck,
  insertRows,
  DecisionChangedError,
  isDuplicate,
  forUpdate,
  LocalTransactions,
  publishDecision,
  recordConsumption,
  TransactionalPublisher,
} from '@app/messaging';

import { Account } from '../accounts/account.entity';
import { Payment } from './payment.entity';

const CONSUMER = ConsumerGroups.paymentService;

/** What handling one OrderCreated decides; a new payment (charged or failed) is announced by an event. */
interface ChargeDecision {
  kind: 'DUPLICATE' | 'ALREADY_CANCELLED' | 'CHARGED' | 'FAILED';
  payment?: Payment;
  /** The PaymentSucceeded/PaymentFailed event id, recorded on the payment. */
  eventId: string;
}

@Injectable()
export class PaymentsService {
  private readonly logger = new Logger(PaymentsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: LocalTransactions,
    private readonly publisher: TransactionalPublisher,
  ) {}

  /** OrderCreated: charge the order total, or fail; publish PaymentSucceeded or PaymentFailed with it. */
  async chargeOrder(event: OrderCreated): Promise<void> {
    const decision = await publishDecision(this.publisher, {
      predict: (dedup) => this.decideCharge(this.dataSource.manager, event, randomUUID(), dedup),
      // A duplicate re-announces the recorded outcome (same event id), so a lost announcement is repaired.
      messageFor: ({ payment }) => (payment?.outcomeEventId ? toMessage(outcomeOf(payment)) : null),
      apply: (expected, limits) =>
        this.transactions.run((manager) => this.applyCharge(manager, event, expected), limits),
    });
    this.logger.debug(
      { orderId: event.orderId, eventId: event.eventId, decision: decision.kind },
      'OrderCreated handled',
    );
  }

  /** OrderCancelled: refund a charge once; if none exists yet, leave a barrier so the late OrderCreated charges nothing. */
  async refundOrder(event: OrderCancelled): Promise<void> {
    await this.transactions.run(async (manager) => {
      if (!(await recordConsumption(manager, CONSUMER, event.eventId))) return;
      const payment = await this.findPayment(manager, event.orderId, true);
      if (!payment) {
        await insertRows(manager, Payment, Payment.cancelledBeforeCharge(event.orderId, event.payload.customerId));
        this.logger.log({ orderId: event.orderId }, 'OrderCancelled before OrderCreated: barrier recorded');
        return;
      }
      const refundCents = payment.refund();
      if (refundCents === 0) return;
      await manager.query('UPDATE accounts SET balance_cents = balance_cents + ? WHERE customer_id = ?', [
        refundCents,
        payment.customerId,
      ]);
      await manager.update(Payment, { orderId: payment.orderId }, { status: payment.status });
    });
  }

  findPayments(orderId: string): Promise<Payment[]> {
    return this.dataSource.getRepository(Payment).findBy({ orderId });
  }

  /** Decides from plain reads (the prediction) or, with `record`, from locked rows inside the transaction. */
  private async decideCharge(
    manager: EntityManager,
    event: OrderCreated,
    eventId: string,
    dedup: DedupCheck,
  ): Promise<ChargeDecision> {
    const lock = dedup === 'record';
    if (await isDuplicate(manager, CONSUMER, event.eventId, dedup)) {
      const recorded = await this.findPayment(manager, event.orderId, false);
      return { kind: 'DUPLICATE', payment: recorded ?? undefined, eventId: recorded?.outcomeEventId ?? '' };
    }
    // Only a cancel that came first leaves a row to find here; a first prediction assumes none.
    if (dedup !== 'assume-first' && (await this.findPayment(manager, event.orderId, lock))) {
      return { kind: 'ALREADY_CANCELLED', eventId };
    }
    const { customerId, totalCents } = event.payload;
    const account = await manager.findOne(Account, { where: { customerId }, ...forUpdate(lock) });
    const order = { orderId: event.orderId, customerId, amountCents: totalCents };
    const payment = Payment.decide(order, account?.balanceCents, eventId);
    return { kind: payment.status === 'CHARGED' ? 'CHARGED' : 'FAILED', payment, eventId };
  }

  /** The local transaction: decide again under locks; apply only what was predicted (the half message says it). */
  private async applyCharge(manager: EntityManager, event: OrderCreated, expected: ChargeDecision) {
    const { kind, payment } = await this.decideCharge(manager, event, expected.eventId, 'record');
    if (kind !== expected.kind) throw new DecisionChangedError(expected.kind, kind);
    if (!payment || kind === 'DUPLICATE') return;
    if (kind === 'CHARGED') {
      await manager.query('UPDATE accounts SET balance_cents = balance_cents - ? WHERE customer_id = ?', [
        payment.amountCents,
        payment.customerId,
      ]);
    }
    await insertRows(manager, Payment, payment);
    await assertNotFenced(manager, expected.eventId);
  }

  private findPayment(manager: EntityManager, orderId: string, lock: boolean) {
    return manager.findOne(Payment, { where: { orderId }, ...forUpdate(lock) });
  }
}

/** The event that announces (or announced) a payment's outcome, with the event id recorded on it. */
function outcomeOf(payment: Payment): PaymentSucceeded | PaymentFailed {
  const { orderId, amountCents } = payment;
  const eventId = payment.outcomeEventId as string;
  return payment.wasCharged()
    ? newEvent<PaymentSucceeded>(eventId, EventTypes.paymentSucceeded, orderId, { amountCents })
    : newEvent<PaymentFailed>(eventId, EventTypes.paymentFailed, orderId, {
        reason: CancelReasons.insufficientFunds,
        amountCents,
      });
}
