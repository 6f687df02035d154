import type { PlaceOrderRequest } from '../../src/console-api';

/** The console server's few commands; what they change comes back through the stream. */
async function post<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
}

export const placeOrder = (request: PlaceOrderRequest) =>
  post<{ status: number; body: { id?: string } }>('/api/orders', request);
export const burst = (request: Omit<PlaceOrderRequest, 'quantity' | 'fault'> & { count: number }) =>
  post('/api/orders/burst', request);
export const seed = () => post('/api/seed');
export const kill = (service: string) => post(`/api/services/${service}/kill`);
