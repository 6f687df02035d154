import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { byTimelineOrder, OrderTimeline, TimelineEntry } from '@app/contracts';
import { OrderNotFoundError } from '../orders/order.errors';
import { OrderHistoryTimeline } from './order-history.timeline';
import { TimelinePartsClient } from './timeline-parts.client';

@ApiTags('orders')
@Controller('orders')
export class OrderTimelineController {
  constructor(
    private readonly history: OrderHistoryTimeline,
    private readonly parts: TimelinePartsClient,
  ) {}

  @Get(':id/timeline')
  @ApiOperation({ summary: 'what happened to the order in every service, in time order' })
  @ApiResponse({ status: 200, description: '`unavailable` names the parts that could not be fetched' })
  @ApiResponse({ status: 404, description: 'no service of this order has a trace of it' })
  async getTimeline(@Param('id') id: string): Promise<OrderTimeline> {
    const [own, fetched] = await Promise.all([this.history.read(id), this.parts.fetchParts(id)]);
    const entries: TimelineEntry[] = [...(own?.entries ?? [])];
    const unavailable: OrderTimeline['unavailable'] = [];
    for (const result of fetched) {
      if ('part' in result) entries.push(...result.part.entries);
      else unavailable.push(result);
    }
    if (!own && entries.length === 0) throw new OrderNotFoundError(id);
    return { orderId: id, status: own?.status ?? null, entries: entries.sort(byTimelineOrder), unavailable };
  }
}
