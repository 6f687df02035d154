import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FaultId, Notice, PlaceOrderRequest } from '../console-api';
import { Answer, ShopClient } from '../shop.client';

/** A placement whose answer was lost (order-service died) is retried this long with its Idempotency-Key. */
const RETRY_FOR_MS = 120000;
const KEEP_NOTICES = 8;
const KEEP_LABELS = 500;

interface Pending {
  body: { customerId: string; items: Array<{ sku: string; quantity: number; unitPriceCents: number }> };
  fault?: FaultId;
  since: number;
}

/**
 * Places orders for the page, each with its own Idempotency-Key. When order-service dies under a request (a crash
 * fault, a kill), the console does what a good client does: it retries with the same key until it gets an answer,
 * which is the order committed before the crash if there was one.
 */
@Injectable()
export class Placements {
  private readonly logger = new Logger(Placements.name);
  private readonly pending = new Map<string, Pending>();
  private readonly faults = new Map<string, string>();
  readonly notices: Notice[] = [];

  constructor(private readonly shop: ShopClient) {}

  get retrying(): number {
    return this.pending.size;
  }

  faultOf(orderId: string): string | undefined {
    return this.faults.get(orderId);
  }

  async place(request: PlaceOrderRequest): Promise<Answer> {
    const key = `console-${randomUUID()}`;
    const { customerId, sku, quantity, unitPriceCents, fault } = request;
    const body = { customerId, items: [{ sku, quantity, unitPriceCents }] };
    try {
      const answer = await this.post(key, body, fault);
      this.settled(answer, fault, fault ? `placed with ${fault}` : 'placed');
      return answer;
    } catch (error) {
      this.pending.set(key, { body, fault, since: Date.now() });
      const why = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      this.notify('error', `order-service did not answer (${fault ?? why}); retrying with Idempotency-Key ${key}`);
      return { status: 202, body: { retrying: key }, replayed: false };
    }
  }

  /** Called every refresh: one retry of each lost placement, without its fault (it would crash again). */
  async retryPending(): Promise<void> {
    for (const [key, pending] of this.pending) {
      if (Date.now() - pending.since > RETRY_FOR_MS) {
        this.pending.delete(key);
        this.notify('error', `gave up retrying ${key}`);
        continue;
      }
      const answer = await this.post(key, pending.body).catch(() => undefined);
      if (!answer || answer.status >= 500) continue;
      this.pending.delete(key);
      const how = answer.replayed ? 'the order had committed before the crash' : 'nothing had committed: placed now';
      this.settled(answer, pending.fault, `retried ${key}: ${how}`);
    }
  }

  private post(key: string, body: Pending['body'], fault?: FaultId) {
    const headers: Record<string, string> = { 'Idempotency-Key': key, ...(fault ? { 'X-Fault-Inject': fault } : {}) };
    return this.shop.write<{ id?: string; code?: string; message?: unknown }>(
      'order-service',
      'POST',
      '/orders',
      body,
      headers,
    );
  }

  private settled(
    answer: Answer<{ id?: string; code?: string; message?: unknown }>,
    fault: string | undefined,
    what: string,
  ) {
    const { status, body } = answer;
    if (status === 201 && body.id) {
      if (fault) this.faults.set(body.id, fault);
      if (this.faults.size > KEEP_LABELS) this.faults.delete(this.faults.keys().next().value as string);
      this.notify('info', `${what}: order ${body.id.slice(0, 8)}`);
    } else {
      this.notify('error', `${what}: HTTP ${status} ${body?.code ?? ''} ${JSON.stringify(body?.message ?? '')}`);
    }
  }

  notify(level: Notice['level'], text: string): void {
    this.notices.unshift({ at: new Date().toISOString(), level, text });
    this.notices.splice(KEEP_NOTICES);
    this.logger.log({ level, text }, 'console notice');
  }
}
