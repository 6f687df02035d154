import { Module } from '@nestjs/common';
import { ServiceBaseModule } from '@app/runtime';
import { Account } from './accounts/account.entity';
import { AccountsModule } from './accounts/accounts.module';
import { migrations } from './database/migrations';
import { TimelineModule } from './timeline/timeline.module';
import { Payment } from './payments/payment.entity';
import { PaymentsConsumerModule } from './payments/payments.module';

@Module({
  imports: [
    ServiceBaseModule.forService({ serviceName: 'payment-service', entities: [Account, Payment], migrations }),
    AccountsModule,
    PaymentsConsumerModule,
    TimelineModule,
  ],
})
export class PaymentServiceModule {}
