import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Order } from '../order.entity';
import { OrderItemDto } from './create-order.dto';

export class OrderResponse {
  @ApiProperty() id!: string;
  @ApiProperty() customerId!: string;
  @ApiProperty({ enum: ['PENDING', 'CONFIRMED', 'CANCELLED'] }) status!: string;
  @ApiPropertyOptional({ example: 'OUT_OF_STOCK' }) cancelReason?: string;
  @ApiProperty({ description: 'integer cents' }) totalCents!: number;
  @ApiProperty({ type: [OrderItemDto] }) items!: OrderItemDto[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ description: 'when it became CONFIRMED or CANCELLED' }) finishedAt?: string;

  static of(order: Order): OrderResponse {
    return {
      id: order.id,
      customerId: order.customerId,
      status: order.status,
      ...(order.cancelReason ? { cancelReason: order.cancelReason } : {}),
      totalCents: order.totalCents,
      items: [...order.items]
        .sort((a, b) => a.lineNo - b.lineNo)
        .map(({ sku, quantity, unitPriceCents }) => ({ sku, quantity, unitPriceCents })),
      createdAt: order.createdAt.toISOString(),
      updatedAt: order.updatedAt.toISOString(),
      ...(order.finishedAt ? { finishedAt: order.finishedAt.toISOString() } : {}),
    };
  }
}
