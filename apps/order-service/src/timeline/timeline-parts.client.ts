import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { TimelinePart, TimelineService } from '@app/contracts';
import type { ServiceEnv } from '@app/runtime';

/** A slow part must not hold the whole timeline: past this it is named as unavailable. */
const PART_TIMEOUT_MS = 2000;

export type FetchedPart =
  { service: TimelineService; part: TimelinePart } | { service: TimelineService; reason: string };

/** Fetches inventory's and payment's parts of an order timeline (GET /timeline/orders/:id on each). */
@Injectable()
export class TimelinePartsClient {
  private readonly urls: Array<[TimelineService, string]>;

  constructor(config: ConfigService<ServiceEnv, true>) {
    this.urls = [
      ['inventory-service', config.get('INVENTORY_SERVICE_URL', { infer: true })],
      ['payment-service', config.get('PAYMENT_SERVICE_URL', { infer: true })],
    ];
  }

  fetchParts(orderId: string): Promise<FetchedPart[]> {
    return Promise.all(this.urls.map(([service, url]) => this.fetchPart(service, url, orderId)));
  }

  private async fetchPart(service: TimelineService, url: string, orderId: string): Promise<FetchedPart> {
    try {
      const res = await fetch(`${url.replace(/\/$/, '')}/timeline/orders/${encodeURIComponent(orderId)}`, {
        signal: AbortSignal.timeout(PART_TIMEOUT_MS),
      });
      if (!res.ok) return { service, reason: `HTTP ${res.status}` };
      return { service, part: (await res.json()) as TimelinePart };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { service, reason: cause ?? (error as Error).name ?? 'unreachable' };
    }
  }
}
