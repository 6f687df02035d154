import { Module } from '@nestjs/common';
import { OrderHistoryTimeline } from './order-history.timeline';
import { OrderTimelineController } from './order-timeline.controller';
import { TimelinePartsClient } from './timeline-parts.client';

/** GET /orders/:id/timeline: this service's history merged with inventory's and payment's parts. */
@Module({
  controllers: [OrderTimelineController],
  providers: [OrderHistoryTimeline, TimelinePartsClient],
})
export class TimelineModule {}
