import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CampaignResult } from './campaign';
import { Placement } from './order-clients';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Answered orders started inside or outside any fault's window: their count per second and latency. */
function phase(placements: Placement[], spanMs: number) {
  const latencies = placements.filter((p) => p.answeredAt).map((p) => p.answeredAt! - p.startedAt);
  const accepted = placements.filter((p) => p.status === 201 || p.status === 200).length;
  return `${(accepted / Math.max(spanMs / 1000, 0.001)).toFixed(1)} accepted/s, POST p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms (${placements.length} orders)`;
}

export function summarize(result: CampaignResult): string[] {
  const start = Math.min(...result.placements.map((p) => p.startedAt));
  const windows = result.faults.map((f) => [f.startedAtMs, (f.endedAtMs ?? f.startedAtMs) + 2000] as const);
  const inFault = (p: Placement) =>
    windows.some(([from, to]) => p.startedAt - start >= from && p.startedAt - start <= to);
  const faultMs = windows.reduce((sum, [from, to]) => sum + (to - from), 0);
  const during = result.placements.filter(inFault);
  const calm = result.placements.filter((p) => !inFault(p));
  const retries = result.placements.reduce(
    (sum, p) => ({
      unavailable: sum.unavailable + p.retries.unavailable,
      serverError: sum.serverError + p.retries.serverError,
      connection: sum.connection + p.retries.connection,
    }),
    { unavailable: 0, serverError: 0, connection: 0 },
  );
  const lines = [`chaos run ${result.runId}, seed ${result.options.seed}`, '', 'fault timeline'];
  for (const f of result.faults) {
    const took = f.endedAtMs === undefined ? '' : ` (${seconds(f.endedAtMs - f.startedAtMs)})`;
    lines.push(
      `  +${seconds(f.startedAtMs).padStart(7)}  ${f.kind.padEnd(21)} ${f.target}${took}${f.error ? `  ERROR ${f.error}` : ''}`,
    );
  }
  lines.push(
    '',
    'load',
    `  offered            ${result.placements.length} orders (${result.skipped} ticks skipped at the concurrency limit)`,
    `  during faults      ${phase(during, faultMs)}`,
    `  outside faults     ${phase(calm, Math.max(result.loadEndedAtMs - faultMs, 1))}`,
    `  client retries     ${retries.unavailable} after 503, ${retries.serverError} after another 5xx, ${retries.connection} after a lost connection`,
    `  503 codes          ${
      Object.entries(result.unavailableCodes)
        .map(([code, n]) => `${code} ${n}`)
        .join(', ') || 'none'
    }`,
    `  replica restarts   ${
      Object.entries(result.restarts)
        .filter(([, n]) => n > 0)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ') || 'none'
    }`,
    `  time to quiet      ${result.quietAfterMs === undefined ? 'never (deadline passed)' : seconds(result.quietAfterMs)} after the load and the last fault`,
    '',
    'verdict',
  );
  for (const check of result.checks) lines.push(`  ${check.ok ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
  return lines;
}

/** Writes the whole result as JSON under <run dir>/chaos/ and returns the file's path. */
export function saveResult(runDir: string, result: CampaignResult): string {
  const dir = join(runDir, 'chaos');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${result.runId}.json`);
  const placements = result.placements.map((p) => ({ ...p, orderIds: [...p.orderIds] }));
  writeFileSync(file, JSON.stringify({ ...result, placements }, null, 2));
  return file;
}
