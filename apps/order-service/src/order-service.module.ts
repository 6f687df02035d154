import { Module } from '@nestjs/common';
import { ServiceBaseModule } from '@app/runtime';
import { Order } from './orders/order.entity';
import { OrderItem } from './orders/order-item.entity';
import { OrderFence } from './orders/order-fence.entity';
import { OrdersModule } from './orders/orders.module';
import { migrations } from './database/migrations';

@Module({
  imports: [
    ServiceBaseModule.forService({
      serviceName: 'order-service',
      entities: [Order, OrderItem, OrderFence],
      migrations,
    }),
    OrdersModule,
  ],
})
export class OrderServiceModule {}
