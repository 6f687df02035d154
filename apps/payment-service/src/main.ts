import 'reflect-metadata';
import { bootstrapService } from '@app/runtime';
import { PaymentServiceModule } from './payment-service.module';

void bootstrapService(PaymentServiceModule, 'payment-service');
