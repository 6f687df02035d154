import { randomUUID } from 'node:crypto';

export const aCustomerId = () => `customer-${randomUUID().slice(0, 8)}`;

/** A JSON request; a string body is sent as it is (to test malformed JSON). */
export const jsonRequest = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
