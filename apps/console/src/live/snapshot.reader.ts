import { Injectable } from '@nestjs/common';
import type { Counters, OrderRow, ServiceName, ServiceState, Snapshot } from '../console-api';
import { Placements } from '../orders/placements.service';
import { ShopClient } from '../shop.client';
import { sumMetric } from './metrics-text';

const SERVICES: ServiceName[] = ['order-service', 'inventory-service', 'payment-service'];
const LIST = 'limit=12';

/** A failed read shows as missing data (and its service as down), never as an error of the whole snapshot. */
const settle = <T>(read: Promise<T>): Promise<T | undefined> => read.catch(() => undefined);

/** Reads the services once: health, newest orders, stock, balances and the counters of their /metrics. */
@Injectable()
export class SnapshotReader {
  private lastCreated?: { count: number; at: number };
  private faultsEnabled = false;

  constructor(
    private readonly shop: ShopClient,
    private readonly placements: Placements,
  ) {}

  async read(): Promise<Snapshot> {
    const [services, orders, products, accounts, metrics, faults] = await Promise.all([
      Promise.all(SERVICES.map((name) => this.health(name))),
      settle(this.shop.read<OrderRow[]>('order-service', `/orders?${LIST}`)),
      settle(this.shop.read<Snapshot['products']>('inventory-service', `/products?${LIST}`)),
      settle(this.shop.read<Snapshot['accounts']>('payment-service', `/accounts?${LIST}`)),
      Promise.all(SERVICES.map((name) => settle(this.shop.text(name, '/metrics')))),
      this.faultInjection(),
    ]);
    return {
      at: new Date().toISOString(),
      services,
      faultInjection: faults,
      orders: (orders ?? []).map((order) => ({ ...pick(order), fault: this.placements.faultOf(order.id) })),
      products: (products ?? []).map(({ sku, available, reserved, sold }) => ({ sku, available, reserved, sold })),
      accounts: (accounts ?? []).map(({ customerId, balanceCents }) => ({ customerId, balanceCents })),
      counters: this.counters(metrics),
      retrying: this.placements.retrying,
      notices: [...this.placements.notices],
    };
  }

  /** order-service's GET /faults (`faultInjection` true with FAULT_INJECTION=true); while it is down, as last seen. */
  private async faultInjection(): Promise<boolean> {
    try {
      this.faultsEnabled =
        (await this.shop.read<{ faultInjection?: boolean }>('order-service', '/faults')).faultInjection === true;
    } catch (error) {
      if ((error as Error).message.endsWith('HTTP 404')) this.faultsEnabled = false;
    }
    return this.faultsEnabled;
  }

  private async health(name: ServiceName): Promise<ServiceState> {
    const url = this.shop.urls[name];
    try {
      await this.shop.read(name, '/health');
      return { name, url, ready: true, detail: 'ready' };
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      const detail = code === 'ECONNREFUSED' ? 'down' : (error as Error).message.replace(`${name} /health: `, '');
      return { name, url, ready: false, detail };
    }
  }

  /** Counters since each service started (a restarted one starts again from 0). */
  private counters(texts: Array<string | undefined>): Counters {
    const [orders = ''] = texts;
    const all = (name: string, labels?: Record<string, string>) =>
      texts.reduce((sum, text) => sum + (text ? sumMetric(text, name, labels) : 0), 0);
    const created = sumMetric(orders, 'orders_created_total');
    const now = Date.now();
    const last = this.lastCreated;
    const perSecond = last && created >= last.count ? ((created - last.count) * 1000) / (now - last.at) : 0;
    this.lastCreated = { count: created, at: now };
    return {
      ordersPerSecond: Math.round(perSecond * 10) / 10,
      ordersCreated: created,
      confirmed: sumMetric(orders, 'orders_finished_total', { status: 'CONFIRMED' }),
      cancelled: sumMetric(orders, 'orders_finished_total', { status: 'CANCELLED' }),
      checkBacks: all('rocketmq_transaction_checks_total'),
      fences: all('rocketmq_fences_total'),
      retries: all('rocketmq_consumed_total', { outcome: 'failed' }),
      deadLetters: all('rocketmq_consumed_total', { outcome: 'dead_lettered' }),
    };
  }
}

function pick(order: OrderRow): OrderRow {
  const { id, customerId, status, cancelReason, totalCents, createdAt, finishedAt } = order;
  const items = order.items.map(({ sku, quantity }) => ({ sku, quantity }));
  return { id, customerId, status, cancelReason, totalCents, items, createdAt, finishedAt };
}
