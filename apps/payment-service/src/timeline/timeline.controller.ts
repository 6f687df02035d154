import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TimelinePart } from '@app/contracts';
import { PaymentTimeline } from './payment.timeline';

@ApiTags('timeline')
@Controller('timeline')
export class TimelineController {
  constructor(private readonly payments: PaymentTimeline) {}

  @Get('orders/:id')
  @ApiOperation({ summary: "this service's part of an order timeline (order-service merges the parts)" })
  getOrderTimeline(@Param('id') id: string): Promise<TimelinePart> {
    return this.payments.read(id);
  }
}
