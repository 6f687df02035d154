import { Module } from '@nestjs/common';
import { StockTimeline } from './stock.timeline';
import { TimelineController } from './timeline.controller';

/** GET /timeline/orders/:id: what inventory did for an order, for order-service's merged timeline. */
@Module({ controllers: [TimelineController], providers: [StockTimeline] })
export class TimelineModule {}
