import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ConsoleEnv } from './console-env';
import type { ServiceName } from './console-api';

/** Reads are cut off well inside one refresh; a POST may take longer (an order under load). */
const READ_TIMEOUT_MS = 800;
const WRITE_TIMEOUT_MS = 10000;

export interface Answer<T = unknown> {
  status: number;
  body: T;
  /** order-service answered an Idempotency-Key replay (the order existed already). */
  replayed: boolean;
}

/** The three services' HTTP APIs, as the console uses them. Every call ends within a timeout. */
@Injectable()
export class ShopClient {
  readonly urls: Record<ServiceName, string>;

  constructor(config: ConfigService<ConsoleEnv, true>) {
    const url = (key: keyof ConsoleEnv) => String(config.get(key, { infer: true })).replace(/\/$/, '');
    this.urls = {
      'order-service': url('ORDER_SERVICE_URL'),
      'inventory-service': url('INVENTORY_SERVICE_URL'),
      'payment-service': url('PAYMENT_SERVICE_URL'),
    };
  }

  /** JSON of a GET; throws on a network error, a timeout or a non-2xx answer. */
  async read<T>(service: ServiceName, path: string): Promise<T> {
    const res = await fetch(`${this.urls[service]}${path}`, { signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`${service} ${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  }

  async text(service: ServiceName, path: string): Promise<string> {
    const res = await fetch(`${this.urls[service]}${path}`, { signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`${service} ${path}: HTTP ${res.status}`);
    return res.text();
  }

  /** Any answer is returned with its status; only a network error or a timeout throws. */
  async write<T>(
    service: ServiceName,
    method: 'POST' | 'PUT',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const res = await fetch(`${this.urls[service]}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(WRITE_TIMEOUT_MS),
    });
    const text = await res.text();
    const replayed = res.headers.get('idempotent-replayed') === 'true';
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, replayed };
  }
}
