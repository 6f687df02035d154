import mysql, { Connection, RowDataPacket } from 'mysql2/promise';
import { Catalog } from './catalog';
import { Placement } from './order-clients';
import { StackProfile } from './stack-profile';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

interface OrderRow {
  id: string;
  customer_id: string;
  status: string;
  cancel_reason: string | null;
  total_cents: number;
  idempotency_key: string | null;
}

/** The end state of the three databases for the campaign's customers and SKUs. */
export interface EndState {
  orders: OrderRow[];
  items: Array<{ order_id: string; sku: string; quantity: number }>;
  products: Array<{ sku: string; available: number; reserved: number; sold: number }>;
  accounts: Array<{ customer_id: string; balance_cents: number }>;
  payments: Array<{ order_id: string; status: string }>;
  reservations: Array<{ order_id: string; status: string }>;
}

export async function readEndState(profile: StackProfile, catalog: Catalog): Promise<EndState> {
  const connect = (base: string) =>
    mysql.createConnection({ ...profile.adminConnection, database: `${base}${profile.dbNameSuffix}` });
  const [orders, inventory, payment] = await Promise.all([
    connect('order_service'),
    connect('inventory_service'),
    connect('payment_service'),
  ]);
  try {
    const customers = [...catalog.balances.keys()];
    const skus = [...catalog.stock.keys()];
    const orderRows = await rows<OrderRow>(
      orders,
      'SELECT id, customer_id, status, cancel_reason, total_cents, idempotency_key FROM orders WHERE customer_id IN (?)',
      [customers],
    );
    const ids = orderRows.length > 0 ? orderRows.map((order) => order.id) : [''];
    return {
      orders: orderRows,
      items: await rows(orders, 'SELECT order_id, sku, quantity FROM order_items WHERE order_id IN (?)', [ids]),
      products: await rows(inventory, 'SELECT sku, available, reserved, sold FROM products WHERE sku IN (?)', [skus]),
      accounts: await rows(payment, 'SELECT customer_id, balance_cents FROM accounts WHERE customer_id IN (?)', [
        customers,
      ]),
      payments: await rows(payment, 'SELECT order_id, status FROM payments WHERE order_id IN (?)', [ids]),
      reservations: await rows(inventory, 'SELECT order_id, status FROM stock_reservations WHERE order_id IN (?)', [
        ids,
      ]),
    };
  } finally {
    await Promise.all([orders.end(), inventory.end(), payment.end()]);
  }
}

async function rows<T>(db: Connection, sql: string, params: unknown[]): Promise<T[]> {
  const [result] = await db.query<RowDataPacket[]>(sql, params);
  return result as T[];
}

/** Every invariant the campaign promises, checked against what the clients were told and the databases hold. */
export function judge(placements: Placement[], catalog: Catalog, state: EndState): Check[] {
  const byId = new Map(state.orders.map((order) => [order.id, order]));
  const accepted = placements.filter((placement) => placement.status === 201 || placement.status === 200);
  const unbacked = accepted.filter((placement) => [...placement.orderIds].some((id) => !byId.has(id)));
  const twoIds = placements.filter((placement) => placement.orderIds.size > 1);
  const perKey = countBy(state.orders.map((order) => order.idempotency_key ?? `(none) ${order.id}`));
  const doubled = [...perKey].filter(([, count]) => count > 1);
  const pending = state.orders.filter((order) => order.status === 'PENDING');
  const confirmed = state.orders.filter((order) => order.status === 'CONFIRMED');
  const confirmedIds = new Set(confirmed.map((order) => order.id));
  const gaveUp = placements.filter((placement) => placement.status === undefined);
  return [
    check(
      'every 201 is backed by an order',
      unbacked.length === 0,
      `${accepted.length} accepted, ${unbacked.length} without an order`,
    ),
    check(
      'one order per Idempotency-Key',
      doubled.length === 0 && twoIds.length === 0,
      `${state.orders.length} orders, ${doubled.length} keys with two orders, ${twoIds.length} keys answered with two ids`,
    ),
    check(
      'every order final',
      pending.length === 0,
      `${pending.length} still PENDING${list(pending.map((o) => o.id))}`,
    ),
    check('every client got an answer', gaveUp.length === 0, `${gaveUp.length} gave up`),
    ...stockChecks(catalog, state, confirmedIds),
    moneyCheck(catalog, state, confirmed),
    chargeCheck(state, confirmedIds),
  ];
}

function stockChecks(catalog: Catalog, state: EndState, confirmedIds: Set<string>): Check[] {
  const soldBySku = new Map<string, number>();
  for (const item of state.items) {
    if (confirmedIds.has(item.order_id)) soldBySku.set(item.sku, (soldBySku.get(item.sku) ?? 0) + item.quantity);
  }
  const products = new Map(state.products.map((product) => [product.sku, product]));
  const broken = [...catalog.stock].filter(([sku, initial]) => {
    const p = products.get(sku);
    return (
      !p || p.available + p.reserved + p.sold !== initial || p.reserved !== 0 || p.sold !== (soldBySku.get(sku) ?? 0)
    );
  });
  const sold = [...soldBySku.values()].reduce((sum, quantity) => sum + quantity, 0);
  return [
    check(
      'stock conserved: available + reserved + sold = initial, nothing reserved, sold = confirmed',
      broken.length === 0,
      `${catalog.stock.size} SKUs, ${sold} units sold${list(broken.map(([sku]) => sku))}`,
    ),
  ];
}

function moneyCheck(catalog: Catalog, state: EndState, confirmed: OrderRow[]): Check {
  const spent = new Map<string, number>();
  for (const order of confirmed)
    spent.set(order.customer_id, (spent.get(order.customer_id) ?? 0) + Number(order.total_cents));
  const accounts = new Map(state.accounts.map((account) => [account.customer_id, Number(account.balance_cents)]));
  const broken = [...catalog.balances].filter(([id, initial]) => accounts.get(id) !== initial - (spent.get(id) ?? 0));
  const total = [...spent.values()].reduce((sum, cents) => sum + cents, 0);
  return check(
    'money conserved: balance = initial - confirmed totals',
    broken.length === 0,
    `${catalog.balances.size} customers, ${total} cents charged${list(broken.map(([id]) => id))}`,
  );
}

function chargeCheck(state: EndState, confirmedIds: Set<string>): Check {
  const charged = new Set(state.payments.filter((p) => p.status === 'CHARGED').map((p) => p.order_id));
  const sold = new Set(state.reservations.filter((r) => r.status === 'SOLD').map((r) => r.order_id));
  const wrong = state.orders.filter((order) => {
    const isConfirmed = confirmedIds.has(order.id);
    return isConfirmed !== charged.has(order.id) || isConfirmed !== sold.has(order.id);
  });
  return check(
    'one standing charge and sold stock exactly for CONFIRMED orders',
    wrong.length === 0,
    `${charged.size} standing charges, ${confirmedIds.size} confirmed${list(wrong.map((o) => `${o.id} ${o.status}`))}`,
  );
}

const check = (name: string, ok: boolean, detail: string): Check => ({ name, ok, detail });
const list = (items: string[]) =>
  items.length > 0 ? `: ${items.slice(0, 5).join(', ')}${items.length > 5 ? ', ...' : ''}` : '';

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
