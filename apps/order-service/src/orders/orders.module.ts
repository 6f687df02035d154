import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Topics } from '@app/contracts';
import { MessagingModule } from '@app/messaging';
import { ConfigService } from '@nestjs/config';
import { CHECK_DEADLINE_MS, CLOCK } from '../config/order-service.config';
import { FaultInjection } from '../faults/fault-injection';
import { OrderStatusChecker } from '../outcomes/order-status.checker';
import { OrderCreatedChecker } from './order-created.checker';
import { OrderFence } from './order-fence.entity';
import { OrderItem } from './order-item.entity';
import { OrderLedger } from './order-ledger';
import { Order } from './order.entity';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

/** What the checker needs, in the module that registers it with the producer. */
@Module({
  imports: [TypeOrmModule.forFeature([Order, OrderItem, OrderFence])],
  providers: [
    OrderLedger,
    { provide: CLOCK, useValue: Date.now },
    {
      provide: CHECK_DEADLINE_MS,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => config.getOrThrow<number>('CHECK_DEADLINE_MS'),
    },
  ],
  exports: [OrderLedger, CLOCK, CHECK_DEADLINE_MS],
})
export class OrderLedgerModule {}

/** The service's one transactional producer: OrderCreated from here, OrderConfirmed/OrderCancelled from outcomes. */
const publishing = MessagingModule.forProducer({
  topics: [Topics.orderEvents],
  checks: [OrderCreatedChecker, OrderStatusChecker],
  imports: [OrderLedgerModule],
});

@Module({
  imports: [TypeOrmModule.forFeature([Order]), OrderLedgerModule, publishing],
  controllers: [OrdersController],
  providers: [OrdersService, FaultInjection],
  exports: [publishing],
})
export class OrdersModule {}
