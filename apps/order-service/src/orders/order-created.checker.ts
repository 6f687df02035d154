import { Inject, Injectable, Logger } from '@nestjs/common';
import type { MessageView } from 'rocketmq-client-nodejs';
import { EventTypes, Topics } from '@app/contracts';
import { CheckAnswer, TransactionCheck } from '@app/messaging';
import { CLOCK, CHECK_DEADLINE_MS } from '../config/order-service.config';
import { OrderLedger } from './order-ledger';

/**
 * Answers the broker's check-back for an unresolved OrderCreated from the orders table alone:
 * order found -> COMMIT; not found but the local transaction may still be running -> UNKNOWN;
 * not found after the deadline -> fence the order id and ROLLBACK. Errors propagate and become UNKNOWN.
 */
@Injectable()
export class OrderCreatedChecker implements TransactionCheck {
  readonly topic = Topics.orderEvents;
  readonly tags = [EventTypes.orderCreated];
  private readonly logger = new Logger(OrderCreatedChecker.name);

  constructor(
    private readonly ledger: OrderLedger,
    @Inject(CHECK_DEADLINE_MS) private readonly deadlineMs: number,
    @Inject(CLOCK) private readonly now: () => number,
  ) {}

  async check(message: MessageView): Promise<CheckAnswer> {
    const { orderId, eventId } = JSON.parse(message.body.toString()) as { orderId: string; eventId: string };
    if (await this.ledger.exists(orderId)) return 'COMMIT';
    const ageMs = this.now() - (message.bornTimestamp?.getTime() ?? this.now());
    if (ageMs < this.deadlineMs) return 'UNKNOWN';
    const fenced = await this.ledger.fence(orderId, eventId);
    this.logger.warn({ orderId, eventId, ageMs, fenced }, fenced ? 'order abandoned: fenced' : 'order committed late');
    return fenced ? 'ROLLBACK' : 'COMMIT';
  }
}
