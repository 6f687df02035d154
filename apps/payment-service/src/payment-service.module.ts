import { Module } from '@nestjs/common';
import { ServiceBaseModule } from '@app/runtime';
import { Account } from './accounts/account.entity';
import { migrations } from './database/migrations';

@Module({
  imports: [ServiceBaseModule.forService({ serviceName: 'payment-service', entities: [Account], migrations })],
})
export class PaymentServiceModule {}
