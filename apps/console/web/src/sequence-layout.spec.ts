import type { TimelineEntry } from '@app/contracts';
import { laneX, layoutSequence, toneOf } from './sequence-layout';

const anEntry = (fields: Partial<TimelineEntry>): TimelineEntry => ({
  at: '2026-01-01T00:00:00.000Z',
  service: 'order-service',
  lane: 'order',
  kind: 'PLACED',
  title: 'order placed',
  ...fields,
});

describe('layoutSequence', () => {
  it('draws a hop as an arrow between lanes and anything else as a dot on its lane, one row each', () => {
    const { rows } = layoutSequence([
      anEntry({}),
      anEntry({ at: '2026-01-01T00:00:01.250Z', kind: 'RECEIVED', lane: 'broker', to: 'inventory' }),
    ]);
    expect(rows.map(({ x1, x2 }) => [x1, x2])).toEqual([
      [laneX('order'), laneX('order')],
      [laneX('broker'), laneX('inventory')],
    ]);
    expect(rows[1].y).toBeGreaterThan(rows[0].y);
    expect(rows.map((row) => row.offset)).toEqual(['+0.000 s', '+1.250 s']);
  });

  it('colours answers by what they decided and compensations apart from failures', () => {
    expect(toneOf(anEntry({ kind: 'CHECK_BACK', answer: 'COMMIT' }))).toBe('ok');
    expect(toneOf(anEntry({ kind: 'CHECK_BACK', answer: 'UNKNOWN' }))).toBe('warn');
    expect(toneOf(anEntry({ kind: 'CHECK_BACK', answer: 'ROLLBACK' }))).toBe('bad');
    expect(toneOf(anEntry({ kind: 'REFUNDED' }))).toBe('undo');
    expect(toneOf(anEntry({ kind: 'REJECTED' }))).toBe('bad');
  });
});
