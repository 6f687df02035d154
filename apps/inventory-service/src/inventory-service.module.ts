import { Module } from '@nestjs/common';
import { ServiceBaseModule } from '@app/runtime';
import { migrations } from './database/migrations';
import { TimelineModule } from './timeline/timeline.module';
import { Product } from './products/product.entity';
import { ProductsModule } from './products/products.module';
import { ReservationsConsumerModule } from './reservations/reservations.module';
import { StockReservation } from './reservations/stock-reservation.entity';

@Module({
  imports: [
    ServiceBaseModule.forService({
      serviceName: 'inventory-service',
      entities: [Product, StockReservation],
      migrations,
    }),
    ProductsModule,
    ReservationsConsumerModule,
    TimelineModule,
  ],
})
export class InventoryServiceModule {}
