import { createHash } from 'node:crypto';
import type { CreateOrderDto } from './dto/create-order.dto';

/** Same customer and the same lines in the same order give the same fingerprint, whatever the JSON layout. */
export function requestFingerprint(dto: CreateOrderDto): string {
  const canonical = JSON.stringify([dto.customerId, dto.items.map((i) => [i.sku, i.quantity, i.unitPriceCents])]);
  return createHash('sha256').update(canonical).digest('hex');
}
