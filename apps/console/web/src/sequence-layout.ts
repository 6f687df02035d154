import type { TimelineEntry, TimelineLane } from '@app/contracts';

export const LANES: TimelineLane[] = ['order', 'broker', 'inventory', 'payment'];
export const LANE_TITLES: Record<TimelineLane, string> = {
  order: 'order-service',
  broker: 'RocketMQ broker',
  inventory: 'inventory-service',
  payment: 'payment-service',
};

const GUTTER = 70;
const LANE_GAP = 190;
const TOP = 44;
const ROW = 36;

export type Tone = 'ok' | 'bad' | 'warn' | 'fence' | 'undo' | 'info' | 'dim';

export interface SequenceRow {
  entry: TimelineEntry;
  y: number;
  /** A dot on one lane (x1 === x2) or an arrow from x1 to x2. */
  x1: number;
  x2: number;
  tone: Tone;
  /** Seconds since the first entry, e.g. "+1.204 s". */
  offset: string;
}

export const laneX = (lane: TimelineLane) => GUTTER + 60 + LANES.indexOf(lane) * LANE_GAP;
export const sequenceWidth = laneX('payment') + 170;

/** Entries (already in time order) as rows of a sequence diagram: one row each, arrows for message hops. */
export function layoutSequence(entries: TimelineEntry[]): { rows: SequenceRow[]; height: number } {
  const start = entries.length > 0 ? Date.parse(entries[0].at) : 0;
  const rows = entries.map((entry, i) => ({
    entry,
    y: TOP + 22 + i * ROW,
    x1: laneX(entry.lane),
    x2: laneX(entry.to ?? entry.lane),
    tone: toneOf(entry),
    offset: `+${((Date.parse(entry.at) - start) / 1000).toFixed(3)} s`,
  }));
  return { rows, height: TOP + 22 + entries.length * ROW + 10 };
}

export function toneOf(entry: TimelineEntry): Tone {
  if (entry.answer) return entry.answer === 'COMMIT' ? 'ok' : entry.answer === 'ROLLBACK' ? 'bad' : 'warn';
  switch (entry.kind) {
    case 'PUBLISHED':
    case 'RESERVED':
    case 'CHARGED':
    case 'SOLD':
      return 'ok';
    case 'REJECTED':
    case 'PAYMENT_FAILED':
    case 'DEAD_LETTERED':
      return 'bad';
    case 'RELEASED':
    case 'REFUNDED':
      return 'undo';
    case 'FENCED':
    case 'BARRIER':
    case 'BARRIER_HIT':
      return 'fence';
    case 'REDELIVERED':
      return 'dim';
    case 'STATUS':
      return entry.title.includes('CONFIRMED') ? 'ok' : 'bad';
    default:
      return 'info';
  }
}
