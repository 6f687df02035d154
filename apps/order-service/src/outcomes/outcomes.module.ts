import { Module } from '@nestjs/common';
import { ConsumerGroups } from '@app/contracts';
import { MessagingModule } from '@app/messaging';
import { OrdersModule } from '../orders/orders.module';
import { OrderOutcomesService } from './order-outcomes.service';
import { PaymentEventsConsumer, StockEventsConsumer } from './outcome-events.consumers';

@Module({
  imports: [OrdersModule],
  providers: [OrderOutcomesService],
  exports: [OrderOutcomesService],
})
export class OutcomesModule {}

@Module({
  imports: [
    OutcomesModule,
    MessagingModule.forConsumer({
      group: ConsumerGroups.orderService,
      subscriptions: [StockEventsConsumer, PaymentEventsConsumer],
      imports: [OutcomesModule],
    }),
  ],
})
export class OutcomesConsumerModule {}
