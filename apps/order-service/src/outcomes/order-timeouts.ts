import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import type { ServiceEnv } from '@app/runtime';
import { Order } from '../orders/order.entity';
import { OrderOutcomesService } from './order-outcomes.service';

const BATCH = 100;

/**
 * Cancels orders left PENDING for longer than ORDER_TIMEOUT_MS (an outcome lost, dead-lettered, or a service
 * down for long) through the normal OrderCancelled, so whatever was reserved or charged is given back.
 * Every replica sweeps; the order's row lock lets only one of them cancel it.
 */
@Injectable()
export class OrderTimeouts implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OrderTimeouts.name);
  private readonly timeoutMs: number;
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    private readonly outcomes: OrderOutcomesService,
    config: ConfigService<ServiceEnv, true>,
  ) {
    this.timeoutMs = config.get('ORDER_TIMEOUT_MS', { infer: true });
  }

  onApplicationBootstrap(): void {
    const everyMs = Math.min(Math.max(this.timeoutMs / 4, 1000), 30000);
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined));
    }, everyMs);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** Cancels one batch of expired orders; failures are logged and retried at the next sweep. */
  async sweep(): Promise<void> {
    try {
      const expired = await this.orders.find({
        select: { id: true },
        where: { status: 'PENDING', createdAt: LessThan(new Date(Date.now() - this.timeoutMs)) },
        take: BATCH,
      });
      for (const { id } of expired) {
        await this.outcomes.expireOrder(id).catch((error: unknown) => {
          this.logger.warn({ orderId: id, err: error }, 'could not cancel an expired order; retrying later');
        });
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'order timeout sweep failed; retrying later');
    }
  }
}
