import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { QueryFailedError, Repository } from 'typeorm';
import { toMessage } from '@app/contracts';
import { TransactionalPublisher } from '@app/messaging';
import { counter } from '@app/runtime';
import type { FaultPlan } from '../faults/fault-injection';
import { CreateOrderDto } from './dto/create-order.dto';
import { orderCreated } from './order-created.event';
import { OrderAdmission } from './order-admission';
import { OrderLedger } from './order-ledger';
import { IdempotencyKeyBusyError, IdempotencyKeyReusedError, OrderNotFoundError } from './order.errors';
import { Order } from './order.entity';
import { requestFingerprint } from './request-fingerprint';

const ordersCreated = counter({ name: 'orders_created_total', help: 'Orders placed (OrderCreated committed locally)' });

export interface PlacedOrder {
  order: Order;
  /** True when an Idempotency-Key replay returned an earlier order. */
  replayed: boolean;
}

@Injectable()
export class OrdersService {
  private readonly logger = new Logger(OrdersService.name);

  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    private readonly ledger: OrderLedger,
    private readonly publisher: TransactionalPublisher,
    private readonly admission: OrderAdmission,
  ) {}

  /** Writes the order and publishes OrderCreated atomically (half message -> local transaction -> commit). */
  async placeOrder(dto: CreateOrderDto, idempotencyKey: string | undefined, faults: FaultPlan): Promise<PlacedOrder> {
    const fingerprint = requestFingerprint(dto);
    const earlier = idempotencyKey ? await this.replay(idempotencyKey, fingerprint) : undefined;
    if (earlier) return earlier;
    return this.admission.admit(() => this.placeNewOrder(dto, idempotencyKey, fingerprint, faults));
  }

  private async placeNewOrder(
    dto: CreateOrderDto,
    idempotencyKey: string | undefined,
    fingerprint: string,
    faults: FaultPlan,
  ): Promise<PlacedOrder> {
    const order = Order.place({
      id: randomUUID(),
      customerId: dto.customerId,
      lines: dto.items,
      idempotencyKey,
      fingerprint,
    });
    const event = orderCreated(order);
    try {
      await this.publisher.publishInTransaction(
        { ...toMessage(event), properties: faults.messageProperties },
        (limits) => this.ledger.insertUnlessFenced(order, event.eventId, limits, faults.insideLocalTransaction),
        faults.publishHooks,
      );
    } catch (error) {
      // Two requests with one key raced: the loser's transaction hit the unique key; answer like a replay.
      if (!idempotencyKey || !isDuplicateKey(error)) throw error;
      const raced = await this.replay(idempotencyKey, fingerprint);
      if (raced) return raced;
      throw new IdempotencyKeyBusyError();
    }
    ordersCreated.inc();
    this.logger.debug({ orderId: order.id, eventId: event.eventId, totalCents: order.totalCents }, 'order placed');
    return { order, replayed: false };
  }

  async getOrder(id: string): Promise<Order> {
    const order = await this.orders.findOne({ where: { id }, relations: { items: true } });
    if (!order) throw new OrderNotFoundError(id);
    return order;
  }

  /** The newest orders, for the live console: an index on created_at keeps this cheap however many exist. */
  recentOrders(limit: number): Promise<Order[]> {
    return this.orders.find({ order: { createdAt: 'DESC' }, take: limit, relations: { items: true } });
  }

  private async replay(idempotencyKey: string, fingerprint: string): Promise<PlacedOrder | undefined> {
    const order = await this.orders.findOne({ where: { idempotencyKey }, relations: { items: true } });
    if (!order) return undefined;
    if (order.requestFingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
    return { order, replayed: true };
  }
}

function isDuplicateKey(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === 'ER_DUP_ENTRY';
}
