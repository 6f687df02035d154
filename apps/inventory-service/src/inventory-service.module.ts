import { Module } from '@nestjs/common';
import { ServiceBaseModule } from '@app/runtime';
import { Product } from './products/product.entity';
import { migrations } from './database/migrations';

@Module({
  imports: [ServiceBaseModule.forService({ serviceName: 'inventory-service', entities: [Product], migrations })],
})
export class InventoryServiceModule {}
