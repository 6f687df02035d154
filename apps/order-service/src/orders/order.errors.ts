import { ServiceError } from '@app/runtime';

export class OrderNotFoundError extends ServiceError {
  readonly code = 'ORDER_NOT_FOUND';
  readonly httpStatus = 404;
  constructor(id: string) {
    super(`order ${id} not found`);
  }
}

export class IdempotencyKeyReusedError extends ServiceError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  readonly httpStatus = 422;
  constructor() {
    super('Idempotency-Key was already used with a different request body');
  }
}

/** A check-back already rolled this order's event back; the order must not be created. */
export class OrderFencedError extends ServiceError {
  readonly code = 'ORDER_ABANDONED';
  readonly httpStatus = 503;
  constructor(id: string) {
    super(`order ${id} took too long and was abandoned; try again`);
  }
}

export class InjectedFaultError extends ServiceError {
  readonly code = 'INJECTED_FAULT';
  readonly httpStatus = 500;
  constructor(fault: string) {
    super(`fault injected: ${fault}`);
  }
}
