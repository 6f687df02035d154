import { Module } from '@nestjs/common';
import { ConsumerGroups, eventProblems, eventsOn, Topics } from '@app/contracts';
import { MessagingModule } from '@app/messaging';
import { OrderEventsConsumer } from './order-events.consumer';
import { PaymentOutcomeChecker } from './payment-outcome.checker';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';

@Module({
  imports: [
    MessagingModule.forProducer({ publishes: [eventsOn(Topics.paymentEvents)], checks: [PaymentOutcomeChecker] }),
  ],
  controllers: [PaymentsController],
  providers: [PaymentsService],
  exports: [PaymentsService],
})
export class PaymentsModule {}

@Module({
  imports: [
    PaymentsModule,
    MessagingModule.forConsumer({
      group: ConsumerGroups.paymentService,
      subscriptions: [OrderEventsConsumer],
      validate: eventProblems,
      imports: [PaymentsModule],
    }),
  ],
})
export class PaymentsConsumerModule {}
