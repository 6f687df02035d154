import { Injectable } from '@nestjs/common';
import { EventTypes, OrderCancelled, OrderCreated, Topics } from '@app/contracts';
import { EventSubscription } from '@app/messaging';
import { PaymentsService } from './payments.service';

/** Translates each order event into one use case; nothing else. OrderConfirmed needs nothing from payment. */
@Injectable()
export class OrderEventsConsumer implements EventSubscription {
  readonly topic = Topics.orderEvents;
  readonly handlers = {
    [EventTypes.orderCreated]: (event: OrderCreated) => this.payments.chargeOrder(event),
    [EventTypes.orderCancelled]: (event: OrderCancelled) => this.payments.refundOrder(event),
  };

  constructor(private readonly payments: PaymentsService) {}
}
