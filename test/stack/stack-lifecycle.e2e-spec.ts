import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '../support/eventually';
import { repoRoot, runScript } from '../support/run-script';

// The stack commands themselves, on the ports of infra/profiles/stack-test.env (their own broker and databases).
const env = { STACK_PROFILE: 'stack-test' };
const pidDir = join(repoRoot, '.run/stack-test/pids');
const ports = { 'order-service': 23001, 'inventory-service': 23002, 'payment-service': 23003 };
const consolePort = 23000;

const readPid = (name: string) => Number(readFileSync(join(pidDir, `${name}.pid`), 'utf8'));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const health = async (port: number) => {
  const res = await fetch(`http://127.0.0.1:${port}/health`);
  return { status: res.status, body: (await res.json()) as { details: Record<string, { status: string }> } };
};

describe('npm run stack:up / stack:down', () => {
  afterAll(() => runScript(['infra/stack/down.sh'], env));

  it('starts everything healthy, is harmless twice, restarts a crashed service, and stops all it started', async () => {
    const first = await runScript(['infra/stack/up.sh', '--replicas', '2'], env);
    expect(first.output).toContain('Stack "stack-test" is up');
    expect(first.code).toBe(0);
    // Replica 2 of each service listens 100 ports above replica 1.
    for (const port of Object.values(ports).flatMap((port) => [port, port + 100])) {
      const { status, body } = await health(port);
      expect(status).toBe(200);
      expect(body.details.database.status).toBe('up');
      expect(body.details.broker.status).toBe('up');
    }
    expect(first.output).toContain(`console             http://127.0.0.1:${consolePort}`);
    expect((await fetch(`http://127.0.0.1:${consolePort}/health`)).status).toBe(200);

    // npm run bench against this stack (its profile's ports): bounded, checked, CPU read for the stack's processes.
    const bench = await runScript(['scripts/bench.sh', '--duration', '3', '--warmup', '0', '--concurrency', '4'], env);
    expect(bench.output).toContain('every accepted order final; stock taken only by confirmed orders');
    expect(bench.output).toMatch(/CPU broker JVM\s+[\d.]+ ms\/order/);
    expect(bench.output).toMatch(/CPU order-service\s+[\d.]+ ms\/order/);
    expect(bench.code).toBe(0);
    const replicas = Object.keys(ports).flatMap((name) => [name, `${name}-2`]);
    const names = ['namesrv', 'broker', ...replicas, 'console'];
    const pids = Object.fromEntries(names.map((name) => [name, readPid(name)]));

    const second = await runScript(['infra/stack/up.sh'], env);
    expect(second.code).toBe(0);
    expect(second.output).toContain('name server already running');
    expect(second.output).toContain('order-service already running');
    expect(Object.fromEntries(names.map((name) => [name, readPid(name)]))).toEqual(pids);

    const crashed = readPid('order-service.child');
    process.kill(crashed, 'SIGKILL');
    await eventually(
      async () => {
        expect(readPid('order-service.child')).not.toBe(crashed);
        expect((await health(ports['order-service'])).status).toBe(200);
      },
      60000,
      500,
    );
    const children = replicas.map((name) => readPid(`${name}.child`));

    const down = await runScript(['infra/stack/down.sh'], env);
    expect(down.code).toBe(0);
    for (const pid of [...Object.values(pids), ...children]) expect(alive(pid)).toBe(false);
    for (const name of names) expect(existsSync(join(pidDir, `${name}.pid`))).toBe(false);
  }, 300000); // two JVMs, six services and a console from cold, a short benchmark, a restart
});
