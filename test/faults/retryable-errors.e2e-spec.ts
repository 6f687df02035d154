import { randomUUID } from 'node:crypto';
import mysql, { Connection } from 'mysql2/promise';
import { assertNotFenced, fenceUnlessRecorded } from '@app/messaging';
import { retryableDatabaseFailure } from '@app/runtime';
import { anOrderRequest, jsonPost } from '../../apps/order-service/test/order-builders';
import { connectToDatabase, rows, serviceTransactions } from '../support/database';
import { eventually } from '../support/eventually';
import { serviceEnv, ServiceProcess } from '../support/service-process';

const env = serviceEnv('order-service');

/** Failures worth retrying are 503 with Retry-After and a code naming the cause; nothing is written. */
describe('retryable database failures, caused for real', () => {
  let service: ServiceProcess;
  let db: Connection;

  beforeAll(async () => {
    db = await connectToDatabase('order_service');
    service = await ServiceProcess.start('order-service', { PORT: '13021' });
  });

  afterAll(async () => {
    await service?.stop();
    await db?.end();
  });

  it('lock wait timeout (another transaction holds the Idempotency-Key): 503 DATABASE_BUSY, no order', async () => {
    const key = `held-${randomUUID()}`;
    const holder = await connectToDatabase('order_service');
    try {
      await holder.query('START TRANSACTION');
      await holder.query(
        "INSERT INTO orders (id, customer_id, status, total_cents, idempotency_key) VALUES (?, 'holder', 'PENDING', 0, ?)",
        [randomUUID(), key],
      );
      const request = anOrderRequest();
      const res = await service.fetch('/orders', jsonPost(request, { 'Idempotency-Key': key }));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await res.json()).toMatchObject({ code: 'DATABASE_BUSY' });
      expect(await rows(db, 'SELECT id FROM orders WHERE customer_id = ?', [request.customerId])).toHaveLength(0);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });

  it('too many connections for the service user: 503 DATABASE_BUSY; served again once lifted', async () => {
    const user = env.DB_USER;
    const hosts = await rows<{ Host: string }>(db, 'SELECT Host FROM mysql.user WHERE User = ?', [user]);
    const limit = (n: number) =>
      Promise.all(hosts.map(({ Host }) => db.query(`ALTER USER ?@? WITH MAX_USER_CONNECTIONS ${n}`, [user, Host])));
    // The server counts an account's connections only while it has a limit: set it, then take the one allowed.
    await limit(1);
    const squatter = await mysql.createConnection({
      host: env.DB_HOST,
      port: Number(env.DB_PORT),
      user,
      password: env.DB_PASSWORD,
      database: env.DB_NAME,
    });
    try {
      // The service's pooled connections go; its next one would exceed the limit the squatter already fills.
      const theirs = await rows<{ ID: number }>(
        db,
        'SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ? AND ID <> ?',
        [user, squatter.threadId],
      );
      for (const { ID } of theirs) await db.query(`KILL ${ID}`);
      const rolledBackBefore = await halfMessagesRolledBack();
      const res = await eventually(async () => {
        const answer = await service.fetch('/orders', jsonPost(anOrderRequest()));
        expect(answer.status).toBe(503);
        return answer;
      }, 15000);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await res.json()).toMatchObject({ code: 'DATABASE_BUSY' });
      // The connection is taken before the half message: none was sent, so none had to be rolled back.
      expect(await halfMessagesRolledBack()).toBe(rolledBackBefore);
    } finally {
      await limit(0);
      await squatter.end();
    }
    await eventually(async () => expect((await service.fetch('/orders', jsonPost(anOrderRequest()))).status).toBe(201));
  });

  async function halfMessagesRolledBack(): Promise<number> {
    const metrics = await (await service.fetch('/metrics')).text();
    const line = /rocketmq_transactions_total\{topic="order-events",tag="OrderCreated",outcome="rolled_back"\} (\d+)/;
    return Number(metrics.match(line)?.[1] ?? 0);
  }

  it('the fence race as a real deadlock: one side fails as DATABASE_BUSY, never both record and fence', async () => {
    const { transactions, close } = await serviceTransactions('order-service');
    try {
      const eventId = randomUUID();
      const recordQuery = 'SELECT order_id FROM order_status_history WHERE event_id = ?';
      let fenceStarted!: (fencing: Promise<boolean>) => void;
      const fencing = new Promise<Promise<boolean>>((resolve) => (fenceStarted = resolve)).then((started) => started);
      // The local transaction writes its record; the fence is written and waits for the record; then the local
      // transaction reads the fence: each waits for the other.
      const local = transactions.run(async (manager) => {
        await manager.query("INSERT INTO order_status_history (order_id, status, event_id) VALUES (?, 'PENDING', ?)", [
          randomUUID(),
          eventId,
        ]);
        fenceStarted(fenceUnlessRecorded(transactions, eventId, recordQuery));
        await eventually(
          async () => {
            const waiting = await rows(db, 'SELECT ID FROM information_schema.PROCESSLIST WHERE INFO = ?', [
              `${recordQuery.replace('?', `'${eventId}'`)} LOCK IN SHARE MODE`,
            ]);
            expect(waiting.length).toBeGreaterThan(0);
          },
          5000,
          50,
        );
        await assertNotFenced(manager, eventId);
      });
      const [localResult, fenceResult] = await Promise.allSettled([local, fencing]);
      const failures = [localResult, fenceResult].filter((result) => result.status === 'rejected');
      expect(failures).toHaveLength(1);
      expect(retryableDatabaseFailure(failures[0].reason)?.code).toBe('DATABASE_BUSY');
      const recorded = await rows(db, recordQuery, [eventId]);
      const fenced = await rows(db, 'SELECT event_id FROM message_fences WHERE event_id = ?', [eventId]);
      expect(recorded.length + fenced.length).toBe(1);
    } finally {
      await close();
    }
  });
});
