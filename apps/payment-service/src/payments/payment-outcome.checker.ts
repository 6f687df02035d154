import { Injectable } from '@nestjs/common';
import { EventTypes, Topics } from '@app/contracts';
import { RecordedEventCheck } from '@app/messaging';

/** PaymentSucceeded/PaymentFailed commits if the payment that it announces exists. */
@Injectable()
export class PaymentOutcomeChecker extends RecordedEventCheck {
  readonly topic = Topics.paymentEvents;
  readonly tags = [EventTypes.paymentSucceeded, EventTypes.paymentFailed];
  protected readonly recordQuery = 'SELECT order_id FROM payments WHERE outcome_event_id = ?';
}
