import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { eventsOn, Topics } from '@app/contracts';
import { MessagingModule } from '@app/messaging';
import { FaultInjection } from '../faults/fault-injection';
import { OrderAdmission } from './order-admission';
import { OrderEventsChecker } from './order-events.checker';
import { OrderLedger } from './order-ledger';
import { Order } from './order.entity';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

/** The service's one transactional producer: OrderCreated from here, OrderConfirmed/OrderCancelled from outcomes. */
const publishing = MessagingModule.forProducer({
  publishes: [eventsOn(Topics.orderEvents)],
  checks: [OrderEventsChecker],
});

@Module({
  imports: [TypeOrmModule.forFeature([Order]), publishing],
  controllers: [OrdersController],
  providers: [OrdersService, OrderLedger, OrderAdmission, FaultInjection],
  exports: [publishing],
})
export class OrdersModule {}
