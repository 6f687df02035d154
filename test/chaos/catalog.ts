import { SeededRandom } from './seeded-random';

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

/**
 * The campaign's own SKUs and customers (names unique to the run), with their initial stock and money. A few
 * SKUs are scarce and a few customers poor, so out of stock, short of funds and compensation all happen.
 */
export class Catalog {
  readonly stock = new Map<string, number>();
  readonly balances = new Map<string, number>();

  constructor(
    readonly runId: string,
    private readonly random: SeededRandom,
    skus = 12,
    customers = 16,
  ) {
    for (let i = 0; i < skus; i++)
      this.stock.set(`${runId}-SKU-${i}`, i < 4 ? random.int(3, 12) : random.int(150, 400));
    for (let i = 0; i < customers; i++) {
      this.balances.set(`${runId}-customer-${i}`, i < 4 ? random.int(1500, 6000) : random.int(200000, 600000));
    }
  }

  /** One to three lines over distinct SKUs for a random customer. */
  anOrder(): { customerId: string; items: OrderLine[] } {
    const skus = this.random.sample([...this.stock.keys()], this.random.int(1, 3));
    return {
      customerId: this.random.pick([...this.balances.keys()]),
      items: skus.map((sku) => ({ sku, quantity: this.random.int(1, 3), unitPriceCents: this.random.int(300, 2500) })),
    };
  }
}
