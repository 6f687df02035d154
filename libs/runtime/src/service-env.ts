import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Max, Min, validateSync } from 'class-validator';

/** The environment every service reads; defaults suit the local stack (infra/profiles/dev.env). */
export class ServiceEnv {
  @IsInt() @Min(1) @Max(65535) PORT!: number;
  @IsString() @IsNotEmpty() HOST: string = '127.0.0.1';
  @IsString() @IsNotEmpty() DB_HOST: string = '127.0.0.1';
  @IsInt() @Min(1) @Max(65535) DB_PORT: number = 3306;
  @IsString() @IsNotEmpty() DB_NAME!: string;
  @IsString() @IsNotEmpty() DB_USER!: string;
  @IsString() DB_PASSWORD: string = '';
  @IsInt() @Min(1) @Max(100) DB_POOL_SIZE: number = 10;
  /** The RocketMQ 5 gRPC proxy; an IP, because "localhost" may resolve to ::1. */
  @IsString() @IsNotEmpty() ROCKETMQ_ENDPOINTS: string = '127.0.0.1:8081';
  @IsInt() @Min(1000) ROCKETMQ_STARTUP_TIMEOUT_MS: number = 15000;
  /** The client refuses request timeouts under 1 s. */
  @IsInt() @Min(1000) ROCKETMQ_SEND_TIMEOUT_MS: number = 3000;
  /**
   * How long after its half message a local transaction may still commit. Past it a check-back that finds no
   * row fences the event id and rolls back. Must exceed the longest local transaction (5 s lock and statement
   * caps) plus clock skew between replicas.
   */
  @IsInt() @Min(1000) CHECK_DEADLINE_MS: number = 30000;
  /**
   * The broker's transactionCheckInterval and transactionCheckMax (broker.conf): a half message still unresolved
   * after interval x max is discarded. CHECK_DEADLINE_MS must leave check-backs time to fence before that.
   */
  @IsInt() @Min(100) ROCKETMQ_TRANSACTION_CHECK_INTERVAL_MS: number = 2000;
  @IsInt() @Min(1) ROCKETMQ_TRANSACTION_CHECK_MAX: number = 300;
  /** order-service: a PENDING order older than this is cancelled with reason TIMEOUT (and compensated). */
  @IsInt() @Min(1000) ORDER_TIMEOUT_MS: number = 15 * 60 * 1000;
  /** order-service admission: placements at once in one process, and orders awaiting outcomes (all replicas); past
   * either, POST /orders answers 503 OVERLOADED instead of queueing. */
  @IsInt() @Min(1) MAX_ORDERS_IN_FLIGHT: number = 64;
  @IsInt() @Min(1) MAX_PENDING_ORDERS: number = 100;
  /** The consumer group's retry limit on the broker (infra/rocketmq/init.sh); past it a message goes to the DLQ. */
  @IsInt() @Min(0) @Max(64) CONSUMER_MAX_RETRIES: number = 16;
  /** order-service: where it fetches inventory's and payment's parts of an order timeline (GET /orders/:id/timeline). */
  @IsString() @IsNotEmpty() INVENTORY_SERVICE_URL: string = 'http://127.0.0.1:3002';
  @IsString() @IsNotEmpty() PAYMENT_SERVICE_URL: string = 'http://127.0.0.1:3003';
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL: string = 'info';
  // Reads the raw string: implicit conversion would turn "false" into true.
  @Transform(({ obj }: { obj: Record<string, unknown> }) => ['true', '1', true].includes(obj.FAULT_INJECTION as string))
  @IsBoolean()
  FAULT_INJECTION: boolean = false;
}

/** Validates process.env at startup so a misconfigured service refuses to boot, naming the variable. */
export function validateServiceEnv(raw: Record<string, unknown>): ServiceEnv {
  const env = plainToInstance(ServiceEnv, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const details = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new Error(`Invalid environment: ${details.join('; ')}`);
  }
  const horizonMs = env.ROCKETMQ_TRANSACTION_CHECK_INTERVAL_MS * env.ROCKETMQ_TRANSACTION_CHECK_MAX;
  if (env.CHECK_DEADLINE_MS * 2 > horizonMs) {
    throw new Error(
      `Invalid environment: CHECK_DEADLINE_MS=${env.CHECK_DEADLINE_MS} does not fit inside the broker's discard ` +
        `horizon of ${horizonMs} ms (ROCKETMQ_TRANSACTION_CHECK_INTERVAL_MS=${env.ROCKETMQ_TRANSACTION_CHECK_INTERVAL_MS} ` +
        `x ROCKETMQ_TRANSACTION_CHECK_MAX=${env.ROCKETMQ_TRANSACTION_CHECK_MAX}): keep it at most half of it, so ` +
        'check-backs can still fence an abandoned transaction before the broker drops its half message',
    );
  }
  return env;
}
