import { useState } from 'preact/hooks';
import { useLive } from './live';
import { OrderForm } from './order-form';
import { OrdersTable } from './orders-table';
import { SequenceView } from './sequence-view';
import { Counters, Notices, ServiceBadges, StockAndBalances } from './status-panels';

export function App() {
  const [selected, setSelected] = useState<string>();
  const { snapshot, timeline, connected } = useLive(selected);
  return (
    <div class="page">
      <header>
        <h1>Orders console</h1>
        <span class="subtitle">RocketMQ 5 transactional messages, live</span>
        <ServiceBadges services={snapshot?.services ?? []} connected={connected} />
      </header>
      <Counters counters={snapshot?.counters} retrying={snapshot?.retrying ?? 0} />
      <main>
        <section class="column">
          <OrderForm faultInjection={snapshot?.faultInjection ?? false} onPlaced={setSelected} />
          <Notices notices={snapshot?.notices ?? []} />
        </section>
        <section class="column">
          <OrdersTable orders={snapshot?.orders ?? []} selected={selected} onSelect={setSelected} />
          <StockAndBalances products={snapshot?.products ?? []} accounts={snapshot?.accounts ?? []} />
        </section>
        <section class="column wide">
          <SequenceView orderId={selected} timeline={timeline} />
        </section>
      </main>
    </div>
  );
}
