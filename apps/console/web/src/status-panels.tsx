import type { Counters as CounterValues, Notice, ServiceState, Snapshot } from '../../src/console-api';

export function ServiceBadges({ services, connected }: { services: ServiceState[]; connected: boolean }) {
  return (
    <div class="badges">
      <span class={`badge ${connected ? 'up' : 'down'}`}>console {connected ? 'live' : 'reconnecting'}</span>
      {services.map((service) => (
        <span
          key={service.name}
          class={`badge ${service.ready ? 'up' : 'down'}`}
          data-service={service.name}
          title={service.url}
        >
          {service.name}: {service.detail}
        </span>
      ))}
    </div>
  );
}

const COUNTERS: Array<[keyof CounterValues, string]> = [
  ['ordersPerSecond', 'orders/s'],
  ['ordersCreated', 'orders placed'],
  ['confirmed', 'confirmed'],
  ['cancelled', 'cancelled'],
  ['checkBacks', 'check-backs'],
  ['fences', 'fences'],
  ['retries', 'delivery retries'],
  ['deadLetters', 'dead-letters'],
];

/** From the services' /metrics, since each started. */
export function Counters({ counters, retrying }: { counters?: CounterValues; retrying: number }) {
  return (
    <div class="counters">
      {COUNTERS.map(([key, label]) => (
        <div class="counter" key={key} data-counter={key}>
          <b>{counters ? counters[key] : '-'}</b>
          <span>{label}</span>
        </div>
      ))}
      {retrying > 0 ? (
        <div class="counter warn">
          <b>{retrying}</b>
          <span>placements retried</span>
        </div>
      ) : null}
    </div>
  );
}

export function StockAndBalances({ products, accounts }: Pick<Snapshot, 'products' | 'accounts'>) {
  return (
    <div class="panel two">
      <div>
        <h2>Stock</h2>
        <table>
          <thead>
            <tr>
              <th>SKU</th>
              <th>available</th>
              <th>reserved</th>
              <th>sold</th>
            </tr>
          </thead>
          <tbody>
            {products.map((p) => (
              <tr key={p.sku} data-sku={p.sku}>
                <td>{p.sku}</td>
                <td class="num">{p.available}</td>
                <td class="num">{p.reserved}</td>
                <td class="num">{p.sold}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <h2>Balances</h2>
        <table>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.customerId} data-customer={a.customerId}>
                <td>{a.customerId}</td>
                <td class="num">{(a.balanceCents / 100).toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function Notices({ notices }: { notices: Notice[] }) {
  return (
    <div class="panel">
      <h2>What the console did</h2>
      <ul class="notices">
        {notices.map((notice) => (
          <li key={notice.at + notice.text} class={notice.level}>
            <span class="mono">{notice.at.slice(11, 19)}</span> {notice.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
