import { Module } from '@nestjs/common';
import { PaymentTimeline } from './payment.timeline';
import { TimelineController } from './timeline.controller';

/** GET /timeline/orders/:id: what payment did for an order, for order-service's merged timeline. */
@Module({ controllers: [TimelineController], providers: [PaymentTimeline] })
export class TimelineModule {}
