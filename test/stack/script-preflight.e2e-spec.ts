import { mkdtempSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from '../support/run-script';

// Each case fails in the preflight, before any JVM starts; a scratch run directory keeps it off the test stack.
describe('stack scripts refuse to start with a clear message', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'preflight-'));
  let squatter: Server;
  let takenPort: number;

  beforeAll(async () => {
    squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    takenPort = (squatter.address() as { port: number }).port;
  });

  afterAll(() => new Promise<void>((resolve) => squatter.close(() => resolve())));

  it('names a port that another process holds', async () => {
    const result = await runScript(['infra/rocketmq/start.sh'], {
      STACK_PROFILE: 'stack-test',
      RUN_DIR: runDir,
      NAMESRV_PORT: String(takenPort),
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(`port ${takenPort} (RocketMQ name server) is already taken`);
  });

  it('says where Java is missing', async () => {
    const result = await runScript(['infra/rocketmq/start.sh'], {
      STACK_PROFILE: 'stack-test',
      RUN_DIR: runDir,
      JAVA_HOME: '/nonexistent/jdk',
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('no Java at JAVA_HOME=/nonexistent/jdk');
  });

  it('says which database server it cannot reach', async () => {
    const result = await runScript(['-c', 'node infra/db/setup.mjs'], {
      DB_PORT: String(takenPort),
      DB_NAME_SUFFIX: '_preflight_test',
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(`cannot reach MySQL/MariaDB at 127.0.0.1:${takenPort}`);
  });

  it('refuses to reset databases whose name does not say "test"', async () => {
    const result = await runScript(['-c', 'node infra/db/setup.mjs --reset'], { DB_NAME_SUFFIX: '' });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('refusing --reset');
  });
});
