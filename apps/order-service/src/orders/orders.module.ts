import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Topics } from '@app/contracts';
import { MessagingModule } from '@app/messaging';
import { ConfigService } from '@nestjs/config';
import { CHECK_DEADLINE_MS, CLOCK } from '../config/order-service.config';
import { FaultInjection } from '../faults/fault-injection';
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

@Module({
  imports: [
    TypeOrmModule.forFeature([Order]),
    OrderLedgerModule,
    MessagingModule.forProducer({
      topics: [Topics.orderEvents],
      checks: [OrderCreatedChecker],
      imports: [OrderLedgerModule],
    }),
  ],
  controllers: [OrdersController],
  providers: [OrdersService, FaultInjection],
})
export class OrdersModule {}
