import 'reflect-metadata';
import { bootstrapService } from '@app/runtime';
import { InventoryServiceModule } from './inventory-service.module';

void bootstrapService(InventoryServiceModule, 'inventory-service');
