import { randomUUID } from 'node:crypto';
import { Producer } from 'rocketmq-client-nodejs';
import { EventEnvelope, Topics, toMessage } from '@app/contracts';
import { eventually } from './eventually';
import { aCustomerId, jsonRequest as json } from './http';
import type { ILogger } from 'rocketmq-client-nodejs/dist/client/Logger';
import { neverDecides, quietLogger, startProducer } from './rocketmq';
import { ServiceName, ServiceProcess } from './service-process';

export interface OrderView {
  id: string;
  customerId: string;
  status: 'PENDING' | 'CONFIRMED' | 'CANCELLED';
  cancelReason?: string;
  totalCents: number;
}
export interface ProductView {
  sku: string;
  available: number;
  reserved: number;
  sold: number;
}
export interface PaymentView {
  orderId: string;
  amountCents: number;
  status: string;
}

export const aSku = () => `SKU-${randomUUID().slice(0, 8)}`;
export { aCustomerId };

/** The three services as separate processes, driven through their HTTP APIs. */
export class Shop {
  private constructor(
    readonly orders: ServiceProcess,
    readonly inventory: ServiceProcess,
    readonly payment: ServiceProcess,
  ) {}

  /** `overrides` go to every service, `perService` to one (e.g. its DB_PORT behind a proxy). */
  static async start(
    overrides: Record<string, string> = {},
    perService: Partial<Record<ServiceName, Record<string, string>>> = {},
  ): Promise<Shop> {
    const names = ['order-service', 'inventory-service', 'payment-service'] as const;
    const started = await Promise.allSettled(
      names.map((name) => ServiceProcess.start(name, { ...overrides, ...perService[name] })),
    );
    const failed = started.find((result) => result.status === 'rejected');
    const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    if (failed) {
      await Promise.all(running.map((service) => service.stop()));
      throw failed.reason;
    }
    const [orders, inventory, payment] = running;
    return new Shop(orders, inventory, payment);
  }

  async stop(): Promise<void> {
    await Promise.all([this.orders.stop(), this.inventory.stop(), this.payment.stop()]);
  }

  async stock(sku: string, stock: number): Promise<void> {
    expect((await this.inventory.fetch(`/products/${sku}`, json('PUT', { stock }))).status).toBe(200);
  }

  async fund(customerId: string, balanceCents: number): Promise<void> {
    expect((await this.payment.fetch(`/accounts/${customerId}`, json('PUT', { balanceCents }))).status).toBe(200);
  }

  async placeOrder(
    customerId: string,
    items: Array<{ sku: string; quantity: number; unitPriceCents: number }>,
    headers = {},
  ) {
    const res = await this.orders.fetch('/orders', json('POST', { customerId, items }, headers));
    expect(res.status).toBe(201);
    return (await res.json()) as OrderView;
  }

  async order(id: string): Promise<OrderView> {
    return (await (await this.orders.fetch(`/orders/${id}`)).json()) as OrderView;
  }

  /** Polls until the order is CONFIRMED or CANCELLED. */
  finalOrder(id: string, timeoutMs = 30000): Promise<OrderView> {
    return eventually(async () => {
      const order = await this.order(id);
      expect(order.status).not.toBe('PENDING');
      return order;
    }, timeoutMs);
  }

  async product(sku: string): Promise<ProductView> {
    return (await (await this.inventory.fetch(`/products/${sku}`)).json()) as ProductView;
  }

  async balance(customerId: string): Promise<number> {
    return ((await (await this.payment.fetch(`/accounts/${customerId}`)).json()) as { balanceCents: number })
      .balanceCents;
  }

  async payments(orderId: string): Promise<PaymentView[]> {
    return (await (await this.payment.fetch(`/payments?orderId=${orderId}`)).json()) as PaymentView[];
  }

  /** Sums a counter of a service's /metrics over the series whose labels include all of `labels`. */
  metric(service: ServiceProcess, name: string, labels: Record<string, string>): Promise<number> {
    return Shop.metricOf(service, name, labels);
  }

  /** The same, for any service process (one that is not part of a Shop). */
  static async metricOf(service: ServiceProcess, name: string, labels: Record<string, string>): Promise<number> {
    const text = await (await service.fetch('/metrics')).text();
    const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
    return text
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`) && wanted.every((label) => line.includes(label)))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  }
}

/** A test's own transactional producers, to deliver events as if a service had published them. */
export class EventInjector {
  private constructor(private readonly producers: Map<string, Producer>) {}

  // One producer per topic: under Jest, a producer listing several topics never finished startup (plain Node: fine).
  static async start(logger: ILogger = quietLogger): Promise<EventInjector> {
    const producers = new Map<string, Producer>();
    for (const topic of Object.values(Topics)) producers.set(topic, await startProducer([topic], neverDecides, logger));
    return new EventInjector(producers);
  }

  async publish(topic: string, tag: string, key: string, body: string | object): Promise<void> {
    const producer = this.producers.get(topic);
    if (!producer) throw new Error(`no producer for ${topic}`);
    const transaction = producer.beginTransaction();
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    await producer.send({ topic, tag, keys: [key], body: Buffer.from(raw) }, transaction);
    await transaction.commit();
  }

  /** An event on its topic with its type as tag and its id as key, as the services publish it. */
  async publishEvent(event: EventEnvelope): Promise<void> {
    const { topic, tag, key, body } = toMessage(event);
    await this.publish(topic, tag, key, body);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.producers.values()].map((producer) => producer.shutdown()));
  }
}
