import { createServer, Server, Socket, connect } from 'node:net';
import { MysqlPacket, MysqlPacketReader, sqlCommand, transactionRole } from './mysql-packets';

/** One client connection, its upstream (absent while accepted on hold) and the bytes held back for each side. */
class Link {
  upstream?: Socket;
  readonly toServer: Buffer[] = [];
  readonly toClient: Buffer[] = [];
  readonly clientPackets = new MysqlPacketReader();
  /** SQL sent since the last transaction boundary, handed to the commit-drop filter. */
  transaction: string[] = [];
  /** Set once a COMMIT whose reply must be dropped was forwarded: reads the server's reply. */
  doomedReply?: MysqlPacketReader;

  constructor(readonly client: Socket) {}
}

/**
 * A loopback TCP forwarder placed between a service and the broker or database, so a test can cut the
 * connection (an outage as the service sees it) without stopping the shared test broker. Between a service
 * and MySQL/MariaDB it can also lose COMMIT replies and make the database stop answering.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private readonly links = new Set<Link>();
  private server?: Server;
  private held = false;
  private commitDrops: { remaining: number; filter?: (sql: string) => boolean; afterDrop?: () => void } = {
    remaining: 0,
  };
  private dropped = 0;
  port = 0;

  /** @param protocol - 'mysql' reads the packets (for the COMMIT faults); 'opaque' only forwards (a broker's gRPC). */
  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
    private readonly protocol: 'mysql' | 'opaque' = 'mysql',
  ) {}

  /** How many COMMIT replies {@link dropCommitReplies} has dropped so far. */
  get droppedCommitReplies(): number {
    return this.dropped;
  }

  /** Starts listening on 127.0.0.1 (`port` 0 picks a free one, then readable as `this.port`). */
  async open(port = this.port): Promise<this> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** Refuses new connections and resets the open ones. */
  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /**
   * Loses the server's reply to the next `count` COMMITs (MySQL protocol): each COMMIT is forwarded, and once
   * its reply has reached the proxy (so the commit applied) the reply is dropped and both sockets destroyed.
   * @param filter - given the SQL sent on that connection since its last transaction boundary (joined by ";\n");
   *   only transactions it accepts count. Replaces any earlier plan.
   * @param afterDrop - called right after a reply is dropped (e.g. `() => proxy.hold()`: the database then also
   *   stops answering, so the service cannot learn at once whether its COMMIT applied).
   */
  dropCommitReplies(count: number, filter?: (sql: string) => boolean, afterDrop?: () => void): this {
    this.commitDrops = { remaining: count, filter, afterDrop };
    return this;
  }

  /** The database stops answering: bytes both ways are buffered, and new connections are not connected upstream. */
  hold(): void {
    this.held = true;
  }

  /** Forwards everything held (and connects held connections upstream), then resumes forwarding. */
  release(): void {
    this.held = false;
    for (const link of this.links) {
      if (!link.upstream) this.connectUpstream(link);
      for (const chunk of link.toClient.splice(0)) link.client.write(chunk);
      for (const chunk of link.toServer.splice(0)) this.forwardToServer(link, chunk);
    }
  }

  private accept(client: Socket): void {
    const link = new Link(client);
    this.links.add(link);
    this.track(client);
    client.on('data', (chunk: Buffer) => (this.held ? link.toServer.push(chunk) : this.forwardToServer(link, chunk)));
    // Held bytes die with the link: the server must never see a COMMIT the client gave up on.
    client.on('close', () => (this.links.delete(link), link.upstream?.destroy()));
    if (!this.held) this.connectUpstream(link);
  }

  private connectUpstream(link: Link): void {
    const upstream = (link.upstream = connect(this.targetPort, this.targetHost));
    this.track(upstream);
    upstream.on('data', (chunk: Buffer) => this.fromServer(link, chunk));
    upstream.on('close', () => link.client.destroy());
  }

  private track(socket: Socket): void {
    socket.setNoDelay(true); // small request/reply protocols: Nagle + delayed ACKs would stall each round trip
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  private forwardToServer(link: Link, chunk: Buffer): void {
    if (this.protocol === 'mysql') for (const packet of link.clientPackets.push(chunk)) this.inspect(link, packet);
    link.upstream!.write(chunk);
  }

  private fromServer(link: Link, chunk: Buffer): void {
    if (link.doomedReply) {
      // Wait for the whole OK/ERR packet: only then has the server surely finished the COMMIT.
      if (link.doomedReply.push(chunk).length === 0) return;
      this.dropped++;
      this.commitDrops.afterDrop?.();
      link.client.destroy();
      link.upstream?.destroy();
    } else if (this.held) {
      link.toClient.push(chunk);
    } else {
      link.client.write(chunk);
    }
  }

  private inspect(link: Link, packet: MysqlPacket): void {
    const command = sqlCommand(packet);
    if (!command) return;
    const role = command.kind === 'query' ? transactionRole(command.sql) : 'statement';
    if (role === 'statement') {
      link.transaction.push(command.sql);
    } else if (role === 'start') {
      // SET TRANSACTION ... then START TRANSACTION is one start, so keep consecutive start statements together.
      if (!link.transaction.every((sql) => transactionRole(sql) === 'start')) link.transaction = [];
      link.transaction.push(command.sql);
    } else {
      const statements = link.transaction.join(';\n');
      link.transaction = [];
      const plan = this.commitDrops;
      if (role === 'commit' && plan.remaining > 0 && (plan.filter?.(statements) ?? true)) {
        plan.remaining--;
        link.doomedReply = new MysqlPacketReader();
      }
    }
  }
}
