import { connect } from 'node:net';
import { testEnv } from './test-env';

/** Jest global setup: e2e tests need the test broker and database that `npm test` starts. */
export default async function requireTestStack(): Promise<void> {
  if (!testEnv.dbNameSuffix.includes('test')) {
    throw new Error(`refusing to run e2e tests against databases suffixed "${testEnv.dbNameSuffix}" (no "test")`);
  }
  const [host, port] = testEnv.rocketMqEndpoints.split(':');
  const targets: Array<[string, string, number]> = [
    ['RocketMQ proxy', host, Number(port)],
    ['database', testEnv.dbHost, testEnv.dbPort],
  ];
  for (const [what, h, p] of targets) {
    if (!(await reachable(h, p))) {
      throw new Error(`${what} not reachable at ${h}:${p}. Run the e2e tests through "npm test", which starts it.`);
    }
  }
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}
