import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { PublishHooks } from '@app/messaging';
import type { ServiceEnv } from '@app/runtime';
import { InjectedFaultError } from '../orders/order.errors';

export const FAULTS = [
  'crash-after-half-message',
  'crash-after-local-commit',
  'fail-local-transaction',
  'consumer-crash-before-ack',
] as const;
export type Fault = (typeof FAULTS)[number];

/** What a fault does to one order placement. */
export interface FaultPlan {
  publishHooks: PublishHooks;
  /** Runs inside the local transaction, after the order rows are written. */
  insideLocalTransaction?: () => void;
  /** Carried by the OrderCreated message: its consumers honour them (see EventConsumer). */
  messageProperties?: Record<string, string>;
}

/**
 * Honours X-Fault-Inject only when FAULT_INJECTION=true, so people can break the service on purpose and watch
 * it recover. A crash is SIGKILL to itself: no shutdown hook runs, exactly like `kill -9`.
 */
@Injectable()
export class FaultInjection {
  private readonly logger = new Logger(FaultInjection.name);
  private readonly enabled: boolean;

  constructor(config: ConfigService<ServiceEnv, true>) {
    this.enabled = config.get('FAULT_INJECTION', { infer: true });
  }

  planFor(header: string | undefined): FaultPlan {
    if (!this.enabled || header === undefined) return { publishHooks: {} };
    if (!(FAULTS as readonly string[]).includes(header)) {
      throw new BadRequestException({
        code: 'UNKNOWN_FAULT',
        message: `X-Fault-Inject must be one of ${FAULTS.join(', ')}`,
        fields: ['X-Fault-Inject'],
      });
    }
    const fault = header as Fault;
    this.logger.warn({ fault }, 'fault injection requested');
    switch (fault) {
      case 'crash-after-half-message':
        return { publishHooks: { afterHalfMessage: () => this.crash(fault) } };
      case 'crash-after-local-commit':
        return { publishHooks: { afterLocalCommit: () => this.crash(fault) } };
      case 'consumer-crash-before-ack':
        // Inventory and payment die after their local commit of this OrderCreated, before the ack (first delivery).
        return { publishHooks: {}, messageProperties: { 'fault-inject': fault } };
      case 'fail-local-transaction':
        return {
          publishHooks: {},
          insideLocalTransaction: () => {
            throw new InjectedFaultError(fault);
          },
        };
    }
  }

  private crash(fault: Fault): never {
    this.logger.warn({ fault }, 'crashing now (SIGKILL)');
    process.kill(process.pid, 'SIGKILL');
    throw new Error('unreachable: SIGKILL was sent');
  }
}
