import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { eventually } from './eventually';
import { repoRoot } from './run-script';
import { testEnv } from './test-env';

export type ServiceName = 'order-service' | 'inventory-service' | 'payment-service';
/** The live console (apps/console) runs the same way: its own process from the built output, with a /health. */
export type ProcessName = ServiceName | 'console';

const TEST_PORTS: Record<ProcessName, number> = {
  'order-service': 13001,
  'inventory-service': 13002,
  'payment-service': 13003,
  console: 13000,
};
const testUrl = (name: ProcessName) => `http://127.0.0.1:${TEST_PORTS[name]}`;

/** The environment `npm run stack:up` would give the service, pointed at the test broker and databases. */
export function serviceEnv(name: ServiceName, overrides: Record<string, string> = {}): Record<string, string> {
  const base = name.replace('-service', '_service');
  return {
    PORT: String(TEST_PORTS[name]),
    HOST: '127.0.0.1',
    DB_HOST: testEnv.dbHost,
    DB_PORT: String(testEnv.dbPort),
    DB_NAME: `${base}${testEnv.dbNameSuffix}`,
    DB_USER: `${base}${testEnv.dbNameSuffix}`,
    DB_PASSWORD: `${base}-local-password`,
    ROCKETMQ_ENDPOINTS: testEnv.rocketMqEndpoints,
    LOG_LEVEL: 'info',
    FAULT_INJECTION: 'true',
    // The test broker's consumer groups give up after this many retries (infra/profiles/test.env).
    CONSUMER_MAX_RETRIES: process.env.CONSUMER_MAX_RETRIES ?? '2',
    // order-service merges the others' parts of an order timeline.
    INVENTORY_SERVICE_URL: testUrl('inventory-service'),
    PAYMENT_SERVICE_URL: testUrl('payment-service'),
    ...overrides,
  };
}

/** The console's environment: the test services' addresses, and a fast refresh. */
export function consoleEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: String(TEST_PORTS.console),
    HOST: '127.0.0.1',
    ORDER_SERVICE_URL: testUrl('order-service'),
    INVENTORY_SERVICE_URL: testUrl('inventory-service'),
    PAYMENT_SERVICE_URL: testUrl('payment-service'),
    REFRESH_MS: '500',
    ...overrides,
  };
}

/** A service run from the built output as its own OS process, so a test can crash it (kill -9) and restart it. */
export class ServiceProcess {
  private child?: ChildProcess;
  readonly url: string;

  constructor(
    readonly name: ProcessName,
    private readonly env: Record<string, string> = name === 'console' ? consoleEnv() : serviceEnv(name),
  ) {
    this.url = `http://127.0.0.1:${this.env.PORT}`;
  }

  static async start(name: ServiceName, overrides: Record<string, string> = {}): Promise<ServiceProcess> {
    const service = new ServiceProcess(name, serviceEnv(name, overrides));
    await service.start();
    return service;
  }

  async start(): Promise<void> {
    const logDir = join(testEnv.runDir, 'logs');
    mkdirSync(logDir, { recursive: true });
    const log = createWriteStream(join(logDir, `${this.name}-${this.env.PORT}.e2e.log`), { flags: 'a' });
    const child = spawn(process.execPath, [join(repoRoot, `dist/apps/${this.name}/src/main.js`)], {
      env: { PATH: process.env.PATH ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    await this.waitHealthy(child).catch(async (error: unknown) => {
      await this.stop(); // never leave a half-started process behind (it would hold the port for the next test)
      throw error;
    });
  }

  private async waitHealthy(child: ChildProcess): Promise<void> {
    await eventually(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.name} exited during startup`);
        const res = await fetch(`${this.url}/health`);
        if (res.status !== 200) throw new Error(`${this.name} /health ${res.status}: ${await res.text()}`);
      },
      60000,
      250,
    );
  }

  /** Resolves with the signal or exit code once the process has ended (a crash test waits for SIGKILL). */
  async exited(): Promise<string | number | null> {
    const child = this.child;
    if (!child) return null;
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    return child.signalCode ?? child.exitCode;
  }

  /** True from a successful start until the process ends. */
  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends a signal (a chaos run's `kill -9`); `exited()` tells when it took effect. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.running) this.child!.kill(signal);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await this.exited();
  }

  fetch(path: string, init?: RequestInit): Promise<Response> {
    return fetch(`${this.url}${path}`, { ...init, signal: init?.signal ?? AbortSignal.timeout(15000) });
  }
}
