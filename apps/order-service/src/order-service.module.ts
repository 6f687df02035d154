import { Module } from '@nestjs/common';
import { ServiceBaseModule } from '@app/runtime';
import { Order } from './orders/order.entity';
import { OrderItem } from './orders/order-item.entity';
import { OrdersModule } from './orders/orders.module';
import { OrderStatusChange } from './orders/order-status-change.entity';
import { OutcomesConsumerModule } from './outcomes/outcomes.module';
import { migrations } from './database/migrations';
import { TimelineModule } from './timeline/timeline.module';

@Module({
  imports: [
    ServiceBaseModule.forService({
      serviceName: 'order-service',
      entities: [Order, OrderItem, OrderStatusChange],
      migrations,
    }),
    OrdersModule,
    OutcomesConsumerModule,
    TimelineModule,
  ],
})
export class OrderServiceModule {}
