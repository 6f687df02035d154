import { Inject } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MessageView } from 'rocketmq-client-nodejs';
import type { DataSource } from 'typeorm';
import { LocalTransactions } from './local-transactions';
import { fenceUnlessRecorded } from './message-fence';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { CheckAnswer, TransactionCheck } from './transaction-check';

/**
 * A check-back answered from the row the local transaction writes together with the event id:
 * found -> COMMIT; missing while the transaction may still run -> UNKNOWN; missing after the deadline ->
 * fence the event id and ROLLBACK (or COMMIT if the row turned up meanwhile). Errors become UNKNOWN.
 * Subclasses name the topic, the tags and the query that finds the row (`?` is the event id).
 */
export abstract class RecordedEventCheck implements TransactionCheck {
  abstract readonly topic: string;
  abstract readonly tags: readonly string[];
  protected abstract readonly recordQuery: string;

  @InjectDataSource() protected dataSource!: DataSource;
  @Inject(LocalTransactions) protected transactions!: LocalTransactions;
  @Inject(MESSAGING_OPTIONS) protected options!: Pick<MessagingOptions, 'checkDeadlineMs'>;
  protected now: () => number = Date.now;

  async check(message: MessageView): Promise<CheckAnswer> {
    const eventId = message.keys[0];
    const found = await this.dataSource.query<unknown[]>(this.recordQuery, [eventId]);
    if (found.length > 0) return 'COMMIT';
    const ageMs = this.now() - (message.bornTimestamp?.getTime() ?? this.now());
    if (ageMs < this.options.checkDeadlineMs) return 'UNKNOWN';
    return this.settle(eventId);
  }

  async settle(eventId: string): Promise<'COMMIT' | 'ROLLBACK'> {
    const fenced = await fenceUnlessRecorded(this.transactions, eventId, this.recordQuery);
    return fenced ? 'ROLLBACK' : 'COMMIT';
  }
}
