import { Logger } from '@nestjs/common';
import type { ILogger } from 'rocketmq-client-nodejs/dist/client/Logger';

const ignore = () => undefined;

/**
 * Routes the RocketMQ client's logs into the service's logger; its chatty "info" becomes debug, its "debug"
 * verbose. Below LOG_LEVEL they are dropped before their text is built (the client logs on every RPC).
 */
export function rocketMqClientLogger(context: string, level = process.env.LOG_LEVEL ?? 'info'): ILogger {
  const logger = new Logger(context);
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  const shown = (wanted: string[]) => wanted.includes(level);
  return {
    info: shown(['debug', 'trace']) ? (...args: unknown[]) => logger.debug(text(args)) : ignore,
    debug: shown(['trace']) ? (...args: unknown[]) => logger.verbose(text(args)) : ignore,
    warn: (...args: unknown[]) => logger.warn(text(args)),
    error: (...args: unknown[]) => logger.error(text(args)),
  };
}
