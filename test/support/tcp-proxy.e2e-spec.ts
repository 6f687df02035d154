import { Connection, RowDataPacket, createConnection } from 'mysql2/promise';
import { eventually, holdsFor } from './eventually';
import { TcpProxy } from './tcp-proxy';
import { testEnv } from './test-env';

// Proves the proxy's MySQL faults against the real database; a scratch schema, never a service's.
const DATABASE = 'tcp_proxy_test';
const credentials = { user: process.env.DB_ADMIN_USER ?? 'root', password: process.env.DB_ADMIN_PASSWORD ?? '' };
const CONNECTION_LOST = /^(PROTOCOL_CONNECTION_LOST|ECONNRESET)$/;

describe('TcpProxy MySQL faults', () => {
  let direct: Connection;
  let proxy: TcpProxy;
  const clients: Connection[] = [];

  /** A connection through the proxy; its connection-level errors are the point of these tests, not failures. */
  async function viaProxy(): Promise<Connection> {
    const client = await createConnection({ host: '127.0.0.1', port: proxy.port, database: DATABASE, ...credentials });
    client.on('error', () => undefined);
    clients.push(client);
    return client;
  }

  async function labels(table: string): Promise<string[]> {
    const [rows] = await direct.query<RowDataPacket[]>(`SELECT label FROM ${table} ORDER BY id`);
    return rows.map((row) => row.label as string);
  }

  async function insertAndCommit(client: Connection, table: string, label: string): Promise<void> {
    await client.beginTransaction();
    await client.query(`INSERT INTO ${table} (label) VALUES (?)`, [label]);
    await client.commit();
  }

  /** The server-side session of a client connection (undefined once gone); `info` is the SQL it is running. */
  async function session(client: Connection): Promise<{ info: string | null } | undefined> {
    const sql = 'SELECT INFO AS info FROM information_schema.PROCESSLIST WHERE ID = ?';
    const [rows] = await direct.query<RowDataPacket[]>(sql, [client.threadId]);
    return rows[0] as { info: string | null } | undefined;
  }

  /** mysql2 reports a connection dropped mid-command as PROTOCOL_CONNECTION_LOST (FIN) or ECONNRESET (RST). */
  async function expectConnectionLost(work: Promise<void>): Promise<void> {
    const error = await work.then(
      () => undefined,
      (caught: unknown) => caught as { code?: string },
    );
    expect(error?.code).toMatch(CONNECTION_LOST);
  }

  beforeAll(async () => {
    direct = await createConnection({ host: testEnv.dbHost, port: testEnv.dbPort, ...credentials });
    await direct.query(`CREATE DATABASE IF NOT EXISTS ${DATABASE}`);
    await direct.changeUser({ database: DATABASE });
    for (const table of ['scratch_orders', 'scratch_reservations']) {
      await direct.query(`DROP TABLE IF EXISTS ${table}`);
      await direct.query(`CREATE TABLE ${table} (id INT AUTO_INCREMENT PRIMARY KEY, label VARCHAR(64) NOT NULL)`);
    }
  });

  beforeEach(async () => {
    proxy = await new TcpProxy(testEnv.dbHost, testEnv.dbPort).open();
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await proxy.cut();
    await direct.query('TRUNCATE TABLE scratch_orders');
    await direct.query('TRUNCATE TABLE scratch_reservations');
  });

  afterAll(async () => {
    await direct.query('DROP TABLE IF EXISTS scratch_orders, scratch_reservations');
    await direct.end();
  });

  it('drops a COMMIT reply after the commit applied: the client loses the connection, the row is committed', async () => {
    const client = await viaProxy();
    proxy.dropCommitReplies(1);

    await expectConnectionLost(insertAndCommit(client, 'scratch_orders', 'lost-reply'));
    expect(proxy.droppedCommitReplies).toBe(1);
    expect(await labels('scratch_orders')).toEqual(['lost-reply']);

    // The count is spent: the next COMMIT gets its reply.
    await insertAndCommit(await viaProxy(), 'scratch_orders', 'answered');
    expect(proxy.droppedCommitReplies).toBe(1);
    expect(await labels('scratch_orders')).toEqual(['lost-reply', 'answered']);
  });

  it('the filter aims at the transaction whose statements it accepts', async () => {
    const seen: string[] = [];
    proxy.dropCommitReplies(1, (sql) => (seen.push(sql), sql.includes('scratch_reservations')));
    const client = await viaProxy();

    await insertAndCommit(client, 'scratch_orders', 'order-1');
    await expectConnectionLost(insertAndCommit(client, 'scratch_reservations', 'reservation-1'));
    await insertAndCommit(await viaProxy(), 'scratch_reservations', 'reservation-2');

    expect(proxy.droppedCommitReplies).toBe(1);
    expect(seen).toHaveLength(2); // the third COMMIT came after the count was spent
    expect(seen[0]).toMatch(/^START TRANSACTION;\nINSERT INTO scratch_orders/);
    expect(seen[1]).toMatch(/^START TRANSACTION;\nINSERT INTO scratch_reservations/);
    expect(await labels('scratch_orders')).toEqual(['order-1']);
    expect(await labels('scratch_reservations')).toEqual(['reservation-1', 'reservation-2']);
  });

  it('hold: a COMMIT from a client that then disconnects never reaches the database, even after release', async () => {
    const client = await viaProxy();
    await client.beginTransaction();
    await client.query(`INSERT INTO scratch_orders (label) VALUES ('abandoned')`);

    proxy.hold();
    client.commit().catch(() => undefined); // never answered: the client gives up below
    await holdsFor(async () => expect(await labels('scratch_orders')).toEqual([]), 1000);
    client.destroy();

    // The server drops the session (rolling its transaction back) once the proxy closes the upstream.
    await eventually(async () => expect(await session(client)).toBeUndefined(), 10000);
    proxy.release();
    await holdsFor(async () => expect(await labels('scratch_orders')).toEqual([]), 1000);
  });

  it('hold: open and new connections get no answer until release, then the queued traffic flows', async () => {
    const client = await viaProxy();
    await client.beginTransaction();
    await client.query(`INSERT INTO scratch_orders (label) VALUES ('held')`);
    const settled: string[] = [];
    // A query already at the server when the hold starts: its reply must be held on the way back.
    const busy = await viaProxy();
    const slept = busy.query('SELECT SLEEP(0.5)').then(() => settled.push('slept'));
    await eventually(async () => expect((await session(busy))?.info).toMatch(/SLEEP/), 5000, 20);

    proxy.hold();
    const commit = client.commit().then(() => settled.push('commit'));
    const late = viaProxy().then((connection) => (settled.push('connect'), connection));
    await holdsFor(async () => {
      expect(settled).toEqual([]);
      expect(await labels('scratch_orders')).toEqual([]);
    }, 1000);
    expect((await session(busy))?.info).toBeNull(); // the server did answer the SLEEP

    proxy.release();
    await Promise.all([commit, slept]);
    expect(await labels('scratch_orders')).toEqual(['held']);
    const [rows] = await (await late).query<RowDataPacket[]>('SELECT 1 AS one');
    expect(rows).toEqual([{ one: 1 }]);
  });
});
