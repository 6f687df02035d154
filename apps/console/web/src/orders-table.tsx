import type { OrderRow } from '../../src/console-api';

interface Props {
  orders: OrderRow[];
  selected?: string;
  onSelect: (orderId: string) => void;
}

/** The newest orders with their live status; a click shows an order's timeline. */
export function OrdersTable({ orders, selected, onSelect }: Props) {
  return (
    <div class="panel">
      <h2>Recent orders</h2>
      <table class="orders">
        <thead>
          <tr>
            <th>order</th>
            <th>customer</th>
            <th>items</th>
            <th>total</th>
            <th>status</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr
              key={order.id}
              data-order-id={order.id}
              data-status={order.status}
              class={order.id === selected ? 'selected' : ''}
              onClick={() => onSelect(order.id)}
            >
              <td class="mono">
                {order.id.slice(0, 8)}
                {order.fault ? <span class="tag">{order.fault}</span> : null}
              </td>
              <td>{order.customerId}</td>
              <td>{order.items.map((item) => `${item.quantity} x ${item.sku}`).join(', ')}</td>
              <td class="num">{(order.totalCents / 100).toFixed(2)}</td>
              <td>
                <span class={`status ${order.status.toLowerCase()}`}>{order.status}</span>
                {order.cancelReason ? <span class="reason">{order.cancelReason}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {orders.length === 0 ? <p class="hint">No orders yet.</p> : null}
    </div>
  );
}
