import { Module } from '@nestjs/common';
import { ConsumerGroups, Topics } from '@app/contracts';
import { MessagingModule } from '@app/messaging';
import { OrderEventsConsumer } from './order-events.consumer';
import { PaymentOutcomeChecker } from './payment-outcome.checker';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';

@Module({
  imports: [MessagingModule.forProducer({ topics: [Topics.paymentEvents], checks: [PaymentOutcomeChecker] })],
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
      imports: [PaymentsModule],
    }),
  ],
})
export class PaymentsConsumerModule {}
