import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { FaultInjection } from '../faults/fault-injection';
import { CreateOrderDto } from './dto/create-order.dto';
import { OrderResponse } from './dto/order.response';
import { LimitQuery } from '@app/runtime';
import { OrdersService } from './orders.service';
import { IdempotencyKeyHeader } from './idempotency-key.header';

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly faults: FaultInjection,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'same key + same body = the same order' })
  @ApiResponse({ status: 201, type: OrderResponse })
  @ApiResponse({ status: 400, description: 'invalid body; the message names the field' })
  @ApiResponse({ status: 422, description: 'Idempotency-Key reused with a different body' })
  @ApiResponse({ status: 503, description: 'broker or database unavailable; no order was created' })
  async placeOrder(
    @Body() dto: CreateOrderDto,
    @IdempotencyKeyHeader() idempotencyKey: string | undefined,
    @Headers('x-fault-inject') fault: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderResponse> {
    const { order, replayed } = await this.orders.placeOrder(dto, idempotencyKey, this.faults.planFor(fault));
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return OrderResponse.of(order);
  }

  @Get()
  @ApiResponse({ status: 200, type: [OrderResponse], description: 'the newest orders first (the live console)' })
  async recentOrders(@Query() query: LimitQuery): Promise<OrderResponse[]> {
    return (await this.orders.recentOrders(query.limit)).map((order) => OrderResponse.of(order));
  }

  @Get(':id')
  @ApiResponse({ status: 200, type: OrderResponse })
  @ApiResponse({ status: 404, description: 'unknown order' })
  async getOrder(@Param('id') id: string): Promise<OrderResponse> {
    return OrderResponse.of(await this.orders.getOrder(id));
  }
}
