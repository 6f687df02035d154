import { BadRequestException, Body, Controller, HttpCode, Param, Post, ValidationPipe } from '@nestjs/common';
import { KILLS, ServiceName } from '../console-api';
import { LiveState } from '../live/live-state.service';
import { ShopClient } from '../shop.client';
import { BurstDto, PlaceOrderDto } from './place-order.dto';
import { Placements } from './placements.service';

const valid = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

/** Demo data the seed button writes: enough of SKU-1 and SKU-2, little of SKU-3; a rich and a poor customer. */
const SEED = {
  products: { 'SKU-1': 100, 'SKU-2': 100, 'SKU-3': 3 },
  accounts: { alice: 1_000_000, bob: 2_000 },
};

/** What the page asks for; every answer comes back through the stream, so these answer briefly. */
@Controller('api')
export class ConsoleOrdersController {
  constructor(
    private readonly placements: Placements,
    private readonly shop: ShopClient,
    private readonly live: LiveState,
  ) {}

  @Post('orders')
  @HttpCode(200)
  async placeOrder(@Body(valid) dto: PlaceOrderDto) {
    const answer = await this.placements.place(dto);
    this.live.refreshSoon();
    return answer;
  }

  @Post('orders/burst')
  @HttpCode(200)
  async burst(@Body(valid) dto: BurstDto) {
    const { count, ...line } = dto;
    const answers = await Promise.all(
      Array.from({ length: count }, () => this.placements.place({ ...line, quantity: 1 })),
    );
    const placed = answers.filter((answer) => answer.status === 201).length;
    this.placements.notify('info', `burst: ${placed} of ${count} orders accepted`);
    this.live.refreshSoon();
    return { placed, count };
  }

  @Post('seed')
  @HttpCode(200)
  async seed() {
    const writes = [
      ...Object.entries(SEED.products).map(([sku, stock]) =>
        this.shop.write('inventory-service', 'PUT', `/products/${sku}`, { stock }),
      ),
      ...Object.entries(SEED.accounts).map(([customer, balanceCents]) =>
        this.shop.write('payment-service', 'PUT', `/accounts/${customer}`, { balanceCents }),
      ),
    ];
    const answers = await Promise.allSettled(writes);
    const ok = answers.filter((answer) => answer.status === 'fulfilled' && answer.value.status === 200).length;
    this.placements.notify(ok === writes.length ? 'info' : 'error', `seeded ${ok} of ${writes.length} rows`);
    this.live.refreshSoon();
    return { ok, of: writes.length };
  }

  /** SIGKILL through the service's own /faults/kill (only there with FAULT_INJECTION=true). */
  @Post('services/:name/kill')
  @HttpCode(200)
  async kill(@Param('name') name: string) {
    if (!KILLS.some((kill) => kill.service === name)) throw new BadRequestException(`no service ${name}`);
    const answer = await this.shop.write(name as ServiceName, 'POST', '/faults/kill').catch((error: Error) => ({
      status: 503,
      body: error.message,
    }));
    this.placements.notify(answer.status === 202 ? 'info' : 'error', `kill ${name}: HTTP ${answer.status}`);
    this.live.refreshSoon();
    return answer;
  }
}
