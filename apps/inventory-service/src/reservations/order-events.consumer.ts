import { Injectable } from '@nestjs/common';
import { EventTypes, OrderCancelled, OrderConfirmed, OrderCreated, Topics } from '@app/contracts';
import { EventSubscription } from '@app/messaging';
import { ReservationsService } from './reservations.service';

/** Translates each order event into one use case; nothing else. */
@Injectable()
export class OrderEventsConsumer implements EventSubscription {
  readonly topic = Topics.orderEvents;
  readonly handlers = {
    [EventTypes.orderCreated]: (event: OrderCreated) => this.reservations.reserveStock(event),
    [EventTypes.orderConfirmed]: (event: OrderConfirmed) => this.reservations.sellReservedStock(event),
    [EventTypes.orderCancelled]: (event: OrderCancelled) => this.reservations.releaseStock(event),
  };

  constructor(private readonly reservations: ReservationsService) {}
}
