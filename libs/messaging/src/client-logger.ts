import { Logger } from '@nestjs/common';
import type { ILogger } from 'rocketmq-client-nodejs/dist/client/Logger';

/** Routes the RocketMQ client's logs into the service's logger; its chatty "info" becomes debug. */
export function rocketMqClientLogger(context: string): ILogger {
  const logger = new Logger(context);
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  return {
    info: (...args: unknown[]) => logger.debug(text(args)),
    debug: (...args: unknown[]) => logger.verbose(text(args)),
    warn: (...args: unknown[]) => logger.warn(text(args)),
    error: (...args: unknown[]) => logger.error(text(args)),
  };
}
