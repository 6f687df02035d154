import { Module } from '@nestjs/common';
import { ConsumerGroups, eventProblems } from '@app/contracts';
import { MessagingModule } from '@app/messaging';
import { OrdersModule } from '../orders/orders.module';
import { OrderOutcomesService } from './order-outcomes.service';
import { OrderTimeouts } from './order-timeouts';
import { Order } from '../orders/order.entity';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PaymentEventsConsumer, StockEventsConsumer } from './outcome-events.consumers';

@Module({
  imports: [OrdersModule, TypeOrmModule.forFeature([Order])],
  providers: [OrderOutcomesService, OrderTimeouts],
  exports: [OrderOutcomesService],
})
export class OutcomesModule {}

@Module({
  imports: [
    OutcomesModule,
    MessagingModule.forConsumer({
      group: ConsumerGroups.orderService,
      subscriptions: [StockEventsConsumer, PaymentEventsConsumer],
      validate: eventProblems,
      imports: [OutcomesModule],
    }),
  ],
})
export class OutcomesConsumerModule {}
