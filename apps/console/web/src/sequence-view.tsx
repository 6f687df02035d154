import type { OrderTimeline } from '@app/contracts';
import { LANE_TITLES, LANES, laneX, layoutSequence, sequenceWidth } from './sequence-layout';

interface Props {
  orderId?: string;
  timeline?: OrderTimeline;
}

/** An order's timeline as a sequence diagram across the services and the broker, then as a list. */
export function SequenceView({ orderId, timeline }: Props) {
  if (!orderId)
    return (
      <div class="panel timeline">
        <h2>Timeline</h2>
        <p class="hint">Place or pick an order to follow it.</p>
      </div>
    );
  const { rows, height } = layoutSequence(timeline?.entries ?? []);
  return (
    <div class="panel timeline" data-timeline-order={orderId}>
      <h2>
        Timeline of <span class="mono">{orderId}</span>{' '}
        {timeline?.status ? <span class={`status ${timeline.status.toLowerCase()}`}>{timeline.status}</span> : null}
      </h2>
      {timeline && timeline.unavailable.length > 0 ? (
        <p class="unavailable">
          Missing parts: {timeline.unavailable.map((part) => `${part.service} (${part.reason})`).join(', ')}
        </p>
      ) : null}
      <svg class="sequence" width={sequenceWidth} height={height} viewBox={`0 0 ${sequenceWidth} ${height}`}>
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill="context-stroke" />
          </marker>
        </defs>
        {LANES.map((lane) => (
          <g key={lane}>
            <text class="lane-title" x={laneX(lane)} y={18} text-anchor="middle">
              {LANE_TITLES[lane]}
            </text>
            <line class="lane" x1={laneX(lane)} y1={28} x2={laneX(lane)} y2={height} />
          </g>
        ))}
        {rows.map(({ entry, y, x1, x2, tone, offset }, i) => {
          const arrow = x1 !== x2;
          const labelX = arrow ? (x1 + x2) / 2 : x1 + 10;
          return (
            <g key={i} class={`row ${tone}`} data-kind={entry.kind} data-answer={entry.answer ?? ''}>
              <title>{`${entry.at} ${entry.service}: ${entry.title}${entry.detail ? ` - ${entry.detail}` : ''}`}</title>
              <text class="offset" x={4} y={y + 4}>
                {offset}
              </text>
              {arrow ? (
                <line
                  class="hop"
                  x1={x1}
                  y1={y}
                  x2={x2}
                  y2={y}
                  marker-end="url(#arrow)"
                  stroke-dasharray={entry.duplicate ? '4 3' : undefined}
                />
              ) : (
                <circle class="dot" cx={x1} cy={y} r={5} />
              )}
              <text class="label" x={labelX} y={y - 6} text-anchor={arrow ? 'middle' : 'start'}>
                {entry.title}
              </text>
            </g>
          );
        })}
      </svg>
      <ol class="entries">
        {(timeline?.entries ?? []).map((entry, i) => (
          <li key={i} data-kind={entry.kind} data-answer={entry.answer ?? ''}>
            <span class="mono">{entry.at.slice(11, 23)}</span> <b>{entry.service}</b> {entry.title}
            {entry.detail ? <span class="detail"> - {entry.detail}</span> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
