import { Injectable } from '@nestjs/common';
import { EventTypes, PaymentFailed, PaymentSucceeded, StockRejected, StockReserved, Topics } from '@app/contracts';
import { EventSubscription } from '@app/messaging';
import { OrderOutcomesService } from './order-outcomes.service';

/** Inventory's answers: each is recorded on its order. */
@Injectable()
export class StockEventsConsumer implements EventSubscription {
  readonly topic = Topics.stockEvents;
  readonly handlers = {
    [EventTypes.stockReserved]: (event: StockReserved) => this.outcomes.recordOutcome(event),
    [EventTypes.stockRejected]: (event: StockRejected) => this.outcomes.recordOutcome(event),
  };

  constructor(private readonly outcomes: OrderOutcomesService) {}
}

/** Payment's answers: each is recorded on its order. */
@Injectable()
export class PaymentEventsConsumer implements EventSubscription {
  readonly topic = Topics.paymentEvents;
  readonly handlers = {
    [EventTypes.paymentSucceeded]: (event: PaymentSucceeded) => this.outcomes.recordOutcome(event),
    [EventTypes.paymentFailed]: (event: PaymentFailed) => this.outcomes.recordOutcome(event),
  };

  constructor(private readonly outcomes: OrderOutcomesService) {}
}
