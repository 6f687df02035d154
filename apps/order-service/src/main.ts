import 'reflect-metadata';
import { bootstrapService } from '@app/runtime';
import { OrderServiceModule } from './order-service.module';

void bootstrapService(OrderServiceModule, 'order-service');
