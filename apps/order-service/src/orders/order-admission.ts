import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { counter, ServiceError, type ServiceEnv } from '@app/runtime';
import { Order } from './order.entity';

const REFRESH_MS = 200;
const ordersRefused = counter({
  name: 'orders_refused_total',
  help: 'POST /orders refused with 503 OVERLOADED (nothing created), by what was full',
  labelNames: ['reason'],
});

/** Beyond capacity: nothing was created; the client retries later instead of queueing without bound. */
export class OverloadedError extends ServiceError {
  readonly code = 'OVERLOADED';
  readonly httpStatus = 503;
  readonly retryAfterSeconds = 1;
  constructor(what: string) {
    super(`too many orders in progress (${what}); try again shortly`);
  }
}

/**
 * Admission control for new orders: at most MAX_ORDERS_IN_FLIGHT placements at once in this process, and no new
 * order while MAX_PENDING_ORDERS orders (all replicas) wait for their outcomes. Past either, 503 OVERLOADED, so
 * latency stays bounded under overload and the backlog drains at capacity once the load stops.
 */
@Injectable()
export class OrderAdmission implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OrderAdmission.name);
  private readonly maxInFlight: number;
  private readonly maxPending: number;
  private inFlight = 0;
  private pending = 0;
  private counting = false;
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    config: ConfigService<ServiceEnv, true>,
  ) {
    this.maxInFlight = config.get('MAX_ORDERS_IN_FLIGHT', { infer: true });
    this.maxPending = config.get('MAX_PENDING_ORDERS', { infer: true });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.countPending(), REFRESH_MS);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Runs `place` if there is room, else throws OverloadedError. */
  async admit<T>(place: () => Promise<T>): Promise<T> {
    const full = this.inFlight >= this.maxInFlight ? 'in flight' : this.pending >= this.maxPending ? 'pending' : null;
    if (full) {
      ordersRefused.inc({ reason: full });
      throw new OverloadedError(full === 'in flight' ? `${this.inFlight} being placed` : `${this.pending} pending`);
    }
    this.inFlight++;
    this.pending++; // counted until the next refresh, so a burst cannot overshoot between two counts
    try {
      return await place();
    } finally {
      this.inFlight--;
    }
  }

  private async countPending(): Promise<void> {
    if (this.counting) return; // a slow database: one count at a time
    this.counting = true;
    try {
      this.pending = await this.orders.countBy({ status: 'PENDING' });
    } catch (error) {
      this.logger.warn({ err: error }, 'cannot count pending orders; keeping the last count');
    } finally {
      this.counting = false;
    }
  }
}
