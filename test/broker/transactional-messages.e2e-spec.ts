import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Producer } from 'rocketmq-client-nodejs';
import { eventually, holdsFor } from '../support/eventually';
import { MessageCollector, startProducer, uniqueName } from '../support/rocketmq';
import { ScriptedChecker } from '../support/scripted-checker';
import { testEnv } from '../support/test-env';

// Broker settings (infra/rocketmq/start.sh): first check ~3 s after the half message, then every 2 s.
const FIRST_CHECK_BOUND_MS = 8000;
// Longer than a whole check cycle, so a message that was going to show up would have.
const NEVER_WINDOW_MS = 10000;
const TOPIC = 'smoke-tx';

describe('RocketMQ transactional messages through the real proxy', () => {
  let collector: MessageCollector;
  let producer: Producer | undefined;
  let checker: ScriptedChecker;
  let tag: string;
  let key: string;

  beforeEach(async () => {
    tag = uniqueName('tag');
    key = uniqueName('key');
    checker = new ScriptedChecker();
    collector = await MessageCollector.start(TOPIC, tag);
  });

  afterEach(async () => {
    await producer?.shutdown();
    producer = undefined;
    await collector.stop();
  });

  async function sendHalfMessage() {
    producer = await startProducer([TOPIC], checker);
    const transaction = producer.beginTransaction();
    await producer.send({ topic: TOPIC, tag, keys: [key], body: Buffer.from(key) }, transaction);
    return { transaction, sentAt: Date.now() };
  }

  it('delivers a committed message exactly once', async () => {
    const { transaction } = await sendHalfMessage();
    await transaction.commit();

    await eventually(() => expect(collector.withKey(key)).toHaveLength(1));
    await holdsFor(() => expect(collector.withKey(key)).toHaveLength(1), 3000);
    expect(collector.withKey(key)[0].body.toString()).toBe(key);
    expect(checker.checksFor(key)).toHaveLength(0);
  });

  it('never delivers a rolled-back message', async () => {
    const { transaction } = await sendHalfMessage();
    await transaction.rollback();

    await holdsFor(() => expect(collector.withKey(key)).toHaveLength(0), NEVER_WINDOW_MS);
    expect(checker.checksFor(key)).toHaveLength(0);
  });

  it('delivers an unresolved message once the check-back answers COMMIT', async () => {
    checker.script(key, 'COMMIT');
    const { sentAt } = await sendHalfMessage();

    await eventually(() => expect(collector.withKey(key)).toHaveLength(1), 30000);
    const [firstCheck] = checker.checksFor(key);
    expect(firstCheck - sentAt).toBeLessThan(FIRST_CHECK_BOUND_MS);
    console.info(`first check-back ${firstCheck - sentAt} ms after the half message`);
  });

  it('never delivers an unresolved message whose check-back answers ROLLBACK', async () => {
    checker.script(key, 'ROLLBACK');
    await sendHalfMessage();

    await eventually(() => expect(checker.checksFor(key).length).toBeGreaterThanOrEqual(1), 30000);
    await holdsFor(() => expect(collector.withKey(key)).toHaveLength(0), NEVER_WINDOW_MS);
    expect(checker.checksFor(key)).toHaveLength(1);
  });

  it('asks again after UNKNOWN answers, and delivers once the answer is COMMIT', async () => {
    checker.script(key, 'UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'COMMIT');
    await sendHalfMessage();

    await eventually(() => expect(collector.withKey(key)).toHaveLength(1), 60000);
    expect(checker.checksFor(key)).toHaveLength(4);
    await holdsFor(() => expect(collector.withKey(key)).toHaveLength(1), 3000);
  });

  it('asks a producer started after the sending process died (the crash case)', async () => {
    const child = spawn(
      process.execPath,
      [`${__dirname}/../support/send-half-message-and-hang.cjs`, testEnv.rocketMqEndpoints, TOPIC, tag, key],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const { sentAt } = JSON.parse(line.toString()) as { sentAt: number };
    child.kill('SIGKILL');
    await once(child, 'exit');

    checker.script(key, 'COMMIT');
    producer = await startProducer([TOPIC], checker);

    await eventually(() => expect(collector.withKey(key)).toHaveLength(1), 30000);
    expect(checker.checksFor(key).length).toBeGreaterThanOrEqual(1);
    console.info(`crash to delivery: ${Date.now() - sentAt} ms`);
  });
});
