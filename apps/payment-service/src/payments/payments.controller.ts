import { Controller, Get, Query } from '@nestjs/common';
import { ApiProperty, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { PaymentsService } from './payments.service';
import type { Payment } from './payment.entity';

export class FindPaymentsQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orderId!: string;
}

export class PaymentResponse {
  @ApiProperty() orderId!: string;
  @ApiProperty() customerId!: string;
  @ApiProperty() amountCents!: number;
  @ApiProperty({ enum: ['CHARGED', 'FAILED', 'REFUNDED', 'CANCELLED_BEFORE_CHARGE'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

@ApiTags('payments')
@Controller('payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Get()
  @ApiQuery({ name: 'orderId', required: true })
  @ApiResponse({ status: 200, type: [PaymentResponse] })
  async findPayments(@Query() query: FindPaymentsQuery): Promise<PaymentResponse[]> {
    return (await this.payments.findPayments(query.orderId)).map(view);
  }
}

const view = ({
  orderId,
  customerId,
  amountCents,
  status,
  reason,
  createdAt,
  updatedAt,
}: Payment): PaymentResponse => ({
  orderId,
  customerId,
  amountCents,
  status,
  reason,
  createdAt,
  updatedAt,
});
