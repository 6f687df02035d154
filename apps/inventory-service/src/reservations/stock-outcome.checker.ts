import { Injectable } from '@nestjs/common';
import { EventTypes, Topics } from '@app/contracts';
import { RecordedEventCheck } from '@app/messaging';

/** StockReserved/StockRejected commits if the reservation that it announces exists. */
@Injectable()
export class StockOutcomeChecker extends RecordedEventCheck {
  readonly topic = Topics.stockEvents;
  readonly tags = [EventTypes.stockReserved, EventTypes.stockRejected];
  protected readonly recordQuery = 'SELECT order_id FROM stock_reservations WHERE outcome_event_id = ?';
}
