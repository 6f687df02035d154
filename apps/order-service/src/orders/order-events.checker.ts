import { Injectable } from '@nestjs/common';
import { eventsOn, Topics } from '@app/contracts';
import { RecordedEventCheck } from '@app/messaging';

/**
 * OrderCreated, OrderConfirmed and OrderCancelled commit if the status change they announce is in the order's
 * history: PENDING (written with the order), CONFIRMED or CANCELLED, each row carrying its event id.
 */
@Injectable()
export class OrderEventsChecker extends RecordedEventCheck {
  readonly topic = Topics.orderEvents;
  readonly tags = eventsOn(Topics.orderEvents).tags;
  protected readonly recordQuery = 'SELECT order_id FROM order_status_history WHERE event_id = ?';
}
