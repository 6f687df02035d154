import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { repoRoot } from '../support/run-script';
import { serviceEnv, ServiceName, ServiceProcess } from '../support/service-process';
import { TcpProxy } from '../support/tcp-proxy';
import { StackProfile } from './stack-profile';

const run = promisify(execFile);
export const SERVICE_NAMES: ServiceName[] = ['order-service', 'inventory-service', 'payment-service'];
const RESTART_DELAY_MS = 1000; // like infra/stack/supervise.sh

/** A replica and the proxies its service reaches the database and the broker through. */
export interface Replica {
  service: ServiceName;
  index: number;
  process: ServiceProcess;
  restarts: number;
}

/**
 * The campaign's services: `replicas` processes of each, restarted whenever one dies (as a supervisor would), each
 * service behind its own TCP proxies to the database and to the broker, so either can be cut for it alone.
 */
export class ChaosStack {
  private stopping = false;
  private readonly watchers: Array<Promise<void>> = [];

  private constructor(
    readonly profile: StackProfile,
    readonly replicas: Replica[],
    readonly databaseProxies: Map<ServiceName, TcpProxy>,
    readonly brokerProxies: Map<ServiceName, TcpProxy>,
  ) {}

  static async start(profile: StackProfile, replicasPerService: number): Promise<ChaosStack> {
    const databaseProxies = new Map<ServiceName, TcpProxy>();
    const brokerProxies = new Map<ServiceName, TcpProxy>();
    const replicas: Replica[] = [];
    for (const service of SERVICE_NAMES) {
      const database = await new TcpProxy(profile.dbHost, profile.dbPort).open();
      const broker = await new TcpProxy('127.0.0.1', profile.proxyGrpcPort, 'opaque').open();
      databaseProxies.set(service, database);
      brokerProxies.set(service, broker);
      for (let index = 1; index <= replicasPerService; index++) {
        const env = serviceEnv(service, {
          ...profile.serviceOverrides,
          PORT: String(profile.servicePorts[service] + 100 * (index - 1)),
          DB_HOST: '127.0.0.1',
          DB_PORT: String(database.port),
          ROCKETMQ_ENDPOINTS: `127.0.0.1:${broker.port}`,
        });
        replicas.push({ service, index, process: new ServiceProcess(service, env), restarts: 0 });
      }
    }
    const stack = new ChaosStack(profile, replicas, databaseProxies, brokerProxies);
    // Whatever ends the campaign's process, its replicas must not outlive it (they would hold the stack's ports).
    process.once('exit', () => replicas.forEach((replica) => replica.process.kill('SIGKILL')));
    await Promise.all(replicas.map((replica) => replica.process.start()));
    for (const replica of replicas) stack.watchers.push(stack.keepAlive(replica));
    return stack;
  }

  urlsOf(service: ServiceName): string[] {
    return this.replicas.filter((replica) => replica.service === service).map((replica) => replica.process.url);
  }

  replicasOf(service: ServiceName): Replica[] {
    return this.replicas.filter((replica) => replica.service === service);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.replicas.map((replica) => replica.process.stop()));
    await Promise.all(this.watchers);
    for (const proxy of [...this.databaseProxies.values(), ...this.brokerProxies.values()]) await proxy.cut();
  }

  /** Closes a proxy (resetting its connections) and opens it again after `ms`. */
  async cutFor(proxy: TcpProxy, ms: number): Promise<void> {
    await proxy.cut();
    await sleep(ms);
    await proxy.open();
  }

  /** SIGKILL of the broker JVM (with its proxy), then the stack's own start script after `downMs`. */
  async killBroker(downMs: number): Promise<void> {
    const pid = Number(readFileSync(join(this.profile.pidDir, 'broker.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    // start.sh takes a broker whose PID still lives for a running one: wait until the old JVM has gone.
    const deadline = Date.now() + 30000;
    while (isRunning(pid)) {
      if (Date.now() > deadline) throw new Error(`the killed broker JVM (pid ${pid}) did not exit within 30 s`);
      await sleep(100);
    }
    await sleep(downMs);
    await run('bash', [`${repoRoot}/infra/rocketmq/start.sh`], { env: process.env, timeout: 240000 });
  }

  /** Whether the stack starts the database server itself (a local MariaDB: infra/db/ensure-server.sh). */
  get managesDatabase(): boolean {
    return this.profile.adminConnection.host === '127.0.0.1' && existsSync('/usr/sbin/mariadbd');
  }

  /** A real restart of the database server: SHUTDOWN, then started again by infra/db/ensure-server.sh. */
  async restartDatabase(): Promise<void> {
    const admin = await mysql.createConnection(this.profile.adminConnection);
    const [[{ pidFile }]] = (await admin.query('SELECT @@pid_file AS pidFile')) as unknown as [[{ pidFile: string }]];
    await admin.query('SHUTDOWN').catch(() => undefined); // the server may close the socket before it answers
    await admin.end().catch(() => undefined);
    // The old server leaves (and removes its PID file) only once InnoDB is flushed; start the new one after that.
    const deadline = Date.now() + 90000;
    while (existsSync(pidFile) && Date.now() < deadline) await sleep(200);
    while (!(await this.databaseAnswers())) {
      if (Date.now() > deadline) throw new Error('the database server did not come back within 90 s');
      // ensure-server.sh itself polls the port for 30 s; when it gives up, poll again at once until the deadline.
      await run('bash', [`${repoRoot}/infra/db/ensure-server.sh`], { env: process.env, timeout: 60000 }).catch(
        () => undefined,
      );
    }
  }

  private async databaseAnswers(): Promise<boolean> {
    const probe = await mysql.createConnection(this.profile.adminConnection).catch(() => undefined);
    await probe?.end().catch(() => undefined);
    return probe !== undefined;
  }

  /** Restarts a replica after it dies, for as long as the campaign runs; a failed start is tried again. */
  private async keepAlive(replica: Replica): Promise<void> {
    while (!this.stopping) {
      await replica.process.exited();
      if (this.stopping) return;
      await sleep(RESTART_DELAY_MS);
      while (!this.stopping && !replica.process.running) {
        await replica.process.start().catch(() => sleep(RESTART_DELAY_MS));
      }
      if (replica.process.running) replica.restarts++;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Alive and not a zombie (a killed process its parent has not reaped yet holds no port and does no work). */
function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}
