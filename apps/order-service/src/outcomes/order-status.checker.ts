import { Injectable } from '@nestjs/common';
import { EventTypes, Topics } from '@app/contracts';
import { RecordedEventCheck } from '@app/messaging';

/** OrderConfirmed/OrderCancelled commits if the status change that it announces is in the order's history. */
@Injectable()
export class OrderStatusChecker extends RecordedEventCheck {
  readonly topic = Topics.orderEvents;
  readonly tags = [EventTypes.orderConfirmed, EventTypes.orderCancelled];
  protected readonly recordQuery = 'SELECT order_id FROM order_status_history WHERE event_id = ?';
}
