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

/** Another request with this key holds it and has not committed yet (or rolled back just now): ask again. */
export class IdempotencyKeyBusyError extends ServiceError {
  readonly code = 'IDEMPOTENCY_KEY_BUSY';
  readonly httpStatus = 503;
  constructor() {
    super('another request with this Idempotency-Key is in progress; retry shortly');
  }
}

export class InjectedFaultError extends ServiceError {
  readonly code = 'INJECTED_FAULT';
  readonly httpStatus = 500;
  constructor(fault: string) {
    super(`fault injected: ${fault}`);
  }
}
