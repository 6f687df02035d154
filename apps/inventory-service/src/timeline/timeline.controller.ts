import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TimelinePart } from '@app/contracts';
import { StockTimeline } from './stock.timeline';

@ApiTags('timeline')
@Controller('timeline')
export class TimelineController {
  constructor(private readonly stock: StockTimeline) {}

  @Get('orders/:id')
  @ApiOperation({ summary: "this service's part of an order timeline (order-service merges the parts)" })
  getOrderTimeline(@Param('id') id: string): Promise<TimelinePart> {
    return this.stock.read(id);
  }
}
