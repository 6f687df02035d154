import { Module } from '@nestjs/common';
import { ConsumerGroups, eventProblems, eventsOn, Topics } from '@app/contracts';
import { MessagingModule } from '@app/messaging';
import { OrderEventsConsumer } from './order-events.consumer';
import { ReservationsService } from './reservations.service';
import { StockOutcomeChecker } from './stock-outcome.checker';

const publishing = MessagingModule.forProducer({
  publishes: [eventsOn(Topics.stockEvents)],
  checks: [StockOutcomeChecker],
});

@Module({
  imports: [publishing],
  providers: [ReservationsService],
  exports: [ReservationsService],
})
export class ReservationsModule {}

@Module({
  imports: [
    ReservationsModule,
    MessagingModule.forConsumer({
      group: ConsumerGroups.inventoryService,
      subscriptions: [OrderEventsConsumer],
      validate: eventProblems,
      imports: [ReservationsModule],
    }),
  ],
})
export class ReservationsConsumerModule {}
