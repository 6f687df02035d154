import { Controller, Get } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { RocketMqHealthIndicator } from '@app/messaging';
import { ServiceEnv } from './service-env';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly broker: RocketMqHealthIndicator,
    private readonly config: ConfigService<ServiceEnv, true>,
  ) {}

  /** Readiness: the database and the broker are reachable (503 otherwise). */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1000 }),
      () => this.broker.isReachable('broker', this.config.get('ROCKETMQ_ENDPOINTS', { infer: true })),
    ]);
  }

  /** Liveness: the process answers; no dependency is checked, so an outage does not restart every pod. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}
