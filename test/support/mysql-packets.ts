/** One MySQL protocol packet: 3-byte little-endian payload length, 1-byte sequence id, payload. */
export interface MysqlPacket {
  sequenceId: number;
  payload: Buffer;
  /** Part of a payload split over several packets (a 0xffffff-long packet or the ones after it). */
  fragment: boolean;
}

const MAX_PAYLOAD = 0xffffff;
const COM_QUERY = 0x03;
const COM_STMT_PREPARE = 0x16;

/** Cuts a TCP byte stream into MySQL packets, whatever way the bytes were split or coalesced into chunks. */
export class MysqlPacketReader {
  private buffered: Buffer = Buffer.alloc(0);
  private continuing = false;

  /** Takes the next chunk of the stream and returns the packets it completes, in order. */
  push(chunk: Buffer): MysqlPacket[] {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const packets: MysqlPacket[] = [];
    while (this.buffered.length >= 4) {
      const length = this.buffered.readUIntLE(0, 3);
      if (this.buffered.length < 4 + length) break;
      const payload = this.buffered.subarray(4, 4 + length);
      packets.push({ sequenceId: this.buffered[3], payload, fragment: this.continuing || length === MAX_PAYLOAD });
      this.continuing = length === MAX_PAYLOAD;
      this.buffered = this.buffered.subarray(4 + length);
    }
    return packets;
  }
}

/** A client command carrying SQL text: a plain query or a statement being prepared. */
export interface SqlCommand {
  kind: 'query' | 'prepare';
  sql: string;
}

/**
 * The SQL of a client packet that starts a COM_QUERY or COM_STMT_PREPARE command, else undefined.
 * Only sequence id 0 starts a command, which also skips the handshake response (sequence id 1).
 */
export function sqlCommand(packet: MysqlPacket): SqlCommand | undefined {
  if (packet.sequenceId !== 0 || packet.fragment || packet.payload.length === 0) return undefined;
  const command = packet.payload[0];
  if (command !== COM_QUERY && command !== COM_STMT_PREPARE) return undefined;
  return { kind: command === COM_QUERY ? 'query' : 'prepare', sql: packet.payload.toString('utf8', 1) };
}

/** How a statement moves a connection's transaction boundary, as far as the proxy's filters care. */
export type TransactionRole = 'start' | 'commit' | 'rollback' | 'statement';

/** Classifies a query's SQL: COMMIT and ROLLBACK end a transaction; START TRANSACTION, BEGIN, SET TRANSACTION start one. */
export function transactionRole(sql: string): TransactionRole {
  const text = sql.trim();
  if (/^commit$/i.test(text)) return 'commit';
  if (/^rollback$/i.test(text)) return 'rollback';
  if (/^(start\s+transaction|begin|set\s+transaction)\b/i.test(text)) return 'start';
  return 'statement';
}
