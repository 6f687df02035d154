import { useState } from 'preact/hooks';
import { FAULTS, FaultId, KILLS } from '../../src/console-api';
import * as api from './api';

interface Props {
  faultInjection: boolean;
  onPlaced: (orderId: string) => void;
}

/** Place one order (optionally with a fault), a burst of them, seed demo data, or kill a service. */
export function OrderForm({ faultInjection, onPlaced }: Props) {
  const [line, setLine] = useState({ customerId: 'alice', sku: 'SKU-1', quantity: 1, unitPriceCents: 1250 });
  const [count, setCount] = useState(20);
  const field = (name: keyof typeof line, numeric = false) => ({
    name,
    value: line[name],
    onInput: (event: Event) => {
      const value = (event.target as HTMLInputElement).value;
      setLine({ ...line, [name]: numeric ? Number(value) : value });
    },
  });
  const place = async (fault?: FaultId) => {
    const answer = await api.placeOrder({ ...line, ...(fault ? { fault } : {}) });
    if (answer.status === 201 && answer.body.id) onPlaced(answer.body.id);
  };
  return (
    <div class="panel">
      <h2>Place an order</h2>
      <form
        class="order-form"
        onSubmit={(event) => {
          event.preventDefault();
          void place();
        }}
      >
        <label>
          customer <input {...field('customerId')} />
        </label>
        <label>
          SKU <input {...field('sku')} />
        </label>
        <label>
          quantity <input type="number" min={1} {...field('quantity', true)} />
        </label>
        <label>
          unit price (cents) <input type="number" min={0} {...field('unitPriceCents', true)} />
        </label>
        <div class="buttons">
          <button type="submit" name="place">
            Place order
          </button>
          <button type="button" name="seed" onClick={() => void api.seed()}>
            Seed demo data
          </button>
        </div>
        <div class="buttons">
          <input
            class="count"
            type="number"
            min={1}
            max={200}
            value={count}
            onInput={(e) => setCount(Number((e.target as HTMLInputElement).value))}
          />
          <button type="button" name="burst" onClick={() => void api.burst({ ...line, count })}>
            Burst (quantity 1 each)
          </button>
        </div>
      </form>
      {faultInjection ? (
        <Faults onPlace={(fault) => void place(fault)} />
      ) : (
        <p class="hint">Start the stack with FAULT_INJECTION=true for fault buttons.</p>
      )}
    </div>
  );
}

function Faults({ onPlace }: { onPlace: (fault: FaultId) => void }) {
  return (
    <div class="faults">
      <h2>Break it (FAULT_INJECTION=true)</h2>
      {FAULTS.map((fault) => (
        <div class="fault" key={fault.id}>
          <button type="button" data-fault={fault.id} onClick={() => onPlace(fault.id)}>
            {fault.label}
          </button>
          <span>{fault.expect}</span>
        </div>
      ))}
      {KILLS.map((kill) => (
        <div class="fault" key={kill.service}>
          <button type="button" class="danger" data-kill={kill.service} onClick={() => void api.kill(kill.service)}>
            kill -9 {kill.service}
          </button>
          <span>{kill.expect}</span>
        </div>
      ))}
    </div>
  );
}
