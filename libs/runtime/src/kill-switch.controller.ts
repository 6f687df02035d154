import { Controller, Get, HttpCode, NotFoundException, Post } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { ServiceEnv } from './service-env';

/** How long the 202 has to reach the caller before the process dies. */
const KILL_DELAY_MS = 100;

/**
 * `kill -9` over HTTP, for the live console: only with FAULT_INJECTION=true (a 404 otherwise, like any unknown
 * path); GET /faults says which, so a console polling it leaves no 404 in the log. SIGKILL runs no shutdown hook;
 * the supervisor, compose `restart` or Kubernetes starts the service again.
 */
@ApiExcludeController()
@Controller('faults')
export class KillSwitchController {
  private readonly enabled: boolean;

  constructor(config: ConfigService<ServiceEnv, true>) {
    this.enabled = config.get('FAULT_INJECTION', { infer: true });
  }

  /** Lets a console find out whether faults may be injected here. */
  @Get()
  status(): { faultInjection: boolean; pid?: number } {
    return this.enabled ? { faultInjection: true, pid: process.pid } : { faultInjection: false };
  }

  @Post('kill')
  @HttpCode(202)
  kill(): { killing: number } {
    this.requireEnabled();
    setTimeout(() => process.kill(process.pid, 'SIGKILL'), KILL_DELAY_MS);
    return { killing: process.pid };
  }

  private requireEnabled(): void {
    if (!this.enabled) throw new NotFoundException();
  }
}
