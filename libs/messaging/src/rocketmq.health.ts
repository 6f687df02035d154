import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { connect } from 'node:net';
import { brokerClients, consumerStats } from './broker-clients';

/** Reports whether the RocketMQ gRPC proxy accepts connections and every client of this process is connected. */
@Injectable()
export class RocketMqHealthIndicator {
  constructor(private readonly health: HealthIndicatorService) {}

  async isReachable(key: string, endpoints: string, timeoutMs = 1000) {
    const indicator = this.health.check(key);
    const [host, port] = endpoints.split(';')[0].split(':');
    try {
      await probe(host, Number(port ?? 8081), timeoutMs);
      const disconnected = [...brokerClients].filter(([, connected]) => !connected()).map(([name]) => name);
      if (disconnected.length > 0)
        return indicator.down({ endpoints, message: `not connected: ${disconnected.join(', ')}` });
      return indicator.up({
        endpoints,
        deadLettered: consumerStats.deadLettered,
        deadLettersRecorded: consumerStats.deadLettersRecorded,
      });
    } catch (error) {
      return indicator.down({ endpoints, message: (error as Error).message });
    }
  }
}

function probe(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`));
    });
    socket.once('error', (error) => reject(error));
  });
}
