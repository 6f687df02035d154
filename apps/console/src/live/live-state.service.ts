import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { OrderTimeline } from '@app/contracts';
import type { Snapshot } from '../console-api';
import type { ConsoleEnv } from '../console-env';
import { Placements } from '../orders/placements.service';
import { ShopClient } from '../shop.client';
import { SnapshotReader } from './snapshot.reader';

export type Send = (event: 'snapshot' | 'timeline', data: unknown) => void;

interface Client {
  orderId?: string;
  send: Send;
}

/**
 * The console's one reader of the services: every REFRESH_MS it reads them once, whatever the number of pages,
 * and pushes to each page what changed: the snapshot, and the timeline of the order that page watches. With no
 * page open it reads nothing (an idle console costs the services nothing; benchmarks run beside it).
 */
@Injectable()
export class LiveState implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveState.name);
  private readonly clients = new Set<Client>();
  private readonly timelines = new Map<string, string>();
  private snapshot?: Snapshot;
  private snapshotKey?: string;
  private timer?: NodeJS.Timeout;
  private refreshing = false;

  constructor(
    private readonly reader: SnapshotReader,
    private readonly placements: Placements,
    private readonly shop: ShopClient,
    @Inject(ConfigService) private readonly config: ConfigService<ConsoleEnv, true>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.refresh(), this.config.get('REFRESH_MS', { infer: true }));
  }

  /** Ends the streams so the HTTP server can close. */
  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.clients.clear();
  }

  /** A page connected; it gets the last snapshot at once and then every change. Returns its unsubscribe. */
  subscribe(orderId: string | undefined, send: Send): () => void {
    const client = { orderId, send };
    this.clients.add(client);
    if (this.snapshot) send('snapshot', this.snapshot);
    else this.refreshSoon();
    if (orderId) void this.pushTimeline(orderId, [client]);
    return () => this.clients.delete(client);
  }

  /** Reads now instead of at the next tick (after the page placed an order). */
  refreshSoon(): void {
    setTimeout(() => void this.refresh(), 50);
  }

  private async refresh(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      await this.placements.retryPending();
      if (this.clients.size === 0) {
        this.snapshot = this.snapshotKey = undefined;
        this.timelines.clear();
        return;
      }
      const snapshot = await this.reader.read();
      const changed = this.changed(snapshot);
      if (changed) for (const client of this.clients) client.send('snapshot', snapshot);
      const watched = new Set([...this.clients].flatMap((client) => (client.orderId ? [client.orderId] : [])));
      for (const key of this.timelines.keys()) if (!watched.has(key)) this.timelines.delete(key);
      await Promise.all([...watched].map((orderId) => this.pushTimeline(orderId)));
    } catch (error) {
      this.logger.warn({ err: error }, 'refresh failed');
    } finally {
      this.refreshing = false;
    }
  }

  /** Counts as a change anything but the time of the reading. */
  private changed(snapshot: Snapshot): boolean {
    const key = JSON.stringify({ ...snapshot, at: undefined });
    this.snapshot = snapshot;
    if (key === this.snapshotKey) return false;
    this.snapshotKey = key;
    return true;
  }

  private async pushTimeline(orderId: string, only?: Client[]): Promise<void> {
    const path = `/orders/${encodeURIComponent(orderId)}/timeline`;
    const timeline = await this.shop.read<OrderTimeline>('order-service', path).catch((error: Error) => {
      // order-service down: keep showing what was known, and say which part is missing.
      const known = this.timelines.get(orderId);
      const last: OrderTimeline = known
        ? (JSON.parse(known) as OrderTimeline)
        : { orderId, status: null, entries: [], unavailable: [] };
      return { ...last, unavailable: [{ service: 'order-service' as const, reason: error.message }] };
    });
    const json = JSON.stringify(timeline);
    if (!only && this.timelines.get(orderId) === json) return;
    this.timelines.set(orderId, json);
    const clients = only ?? [...this.clients].filter((client) => client.orderId === orderId);
    for (const client of clients) client.send('timeline', timeline);
  }
}
