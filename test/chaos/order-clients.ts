import { randomUUID } from 'node:crypto';
import { Catalog, OrderLine } from './catalog';

/** One order a client tried to place: every answer it got, until a final one (or it gave up). */
export interface Placement {
  key: string;
  customerId: string;
  items: OrderLine[];
  startedAt: number;
  answeredAt?: number;
  /** The final HTTP status (201 placed, 4xx refused); undefined when the client gave up. */
  status?: number;
  orderIds: Set<string>;
  attempts: number;
  /** Retries caused by a 503, a 5xx or a lost connection. */
  retries: { unavailable: number; serverError: number; connection: number };
  fault?: string;
}

export interface ClientOptions {
  ratePerSecond: number;
  concurrency: number;
  /** A client stops retrying one order after this long (the verdict reports it). */
  giveUpAfterMs: number;
}

const REQUEST_TIMEOUT_MS = 20000;

/**
 * Places orders at a steady rate, each with its own Idempotency-Key, and retries like a careful client: on 503
 * (after Retry-After), on any other 5xx, and on a lost connection, against the next replica, with the same key.
 */
export class OrderClients {
  readonly placements: Placement[] = [];
  /** How often each 503 code was answered (OVERLOADED, BROKER_UNAVAILABLE, ...). */
  readonly unavailableCodes = new Map<string, number>();
  skipped = 0;
  private inFlight = new Set<Promise<void>>();
  private nextFault?: string;

  constructor(
    private readonly orderUrls: string[],
    private readonly catalog: Catalog,
    private readonly options: ClientOptions,
  ) {}

  /** The next order carries `X-Fault-Inject: fault` on its first attempt (a crash point of order-service). */
  injectIntoNextOrder(fault: string): void {
    this.nextFault = fault;
  }

  /** Offers orders for `durationMs`, then waits for every order in flight to be answered or given up. */
  async run(durationMs: number): Promise<void> {
    const start = Date.now();
    const interval = 1000 / this.options.ratePerSecond;
    for (let tick = 0; Date.now() - start < durationMs; tick++) {
      if (this.inFlight.size >= this.options.concurrency) this.skipped++;
      else this.track(this.place());
      await sleep(Math.max(0, start + (tick + 1) * interval - Date.now()));
    }
    await Promise.all(this.inFlight);
  }

  private track(placing: Promise<void>): void {
    this.inFlight.add(placing);
    void placing.finally(() => this.inFlight.delete(placing));
  }

  private async place(): Promise<void> {
    const { customerId, items } = this.catalog.anOrder();
    const placement: Placement = {
      key: randomUUID(),
      customerId,
      items,
      startedAt: Date.now(),
      orderIds: new Set(),
      attempts: 0,
      retries: { unavailable: 0, serverError: 0, connection: 0 },
      fault: this.nextFault,
    };
    this.nextFault = undefined;
    this.placements.push(placement);
    while (Date.now() - placement.startedAt < this.options.giveUpAfterMs) {
      const url = this.orderUrls[placement.attempts % this.orderUrls.length];
      const waitMs = await this.attempt(url, placement);
      if (waitMs === undefined) return;
      await sleep(waitMs);
    }
  }

  /** One POST; returns how long to wait before the next attempt, or undefined when the answer is final. */
  private async attempt(url: string, placement: Placement): Promise<number | undefined> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': placement.key,
    };
    if (placement.fault && placement.attempts === 0) headers['x-fault-inject'] = placement.fault;
    placement.attempts++;
    let res: Response;
    try {
      res = await fetch(`${url}/orders`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ customerId: placement.customerId, items: placement.items }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch {
      placement.retries.connection++;
      return 200;
    }
    const body = (await res.json().catch(() => ({}))) as { id?: string; code?: string };
    if (res.status === 503) {
      placement.retries.unavailable++;
      const code = body.code ?? 'none';
      this.unavailableCodes.set(code, (this.unavailableCodes.get(code) ?? 0) + 1);
      return Math.min(Number(res.headers.get('retry-after') ?? 1), 2) * 1000;
    }
    if (res.status >= 500) {
      placement.retries.serverError++;
      return 300;
    }
    placement.status = res.status;
    placement.answeredAt = Date.now();
    if (res.status < 300 && body.id) placement.orderIds.add(body.id);
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
