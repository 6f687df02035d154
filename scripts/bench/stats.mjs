// Percentiles and the table a benchmark prints.
export function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
  return { p50: at(50), p90: at(90), p99: at(99), max: sorted.at(-1) ?? NaN, count: sorted.length };
}

const fmt = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

export function printTable(title, rows) {
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n${title}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}

export function latencyRow(stats) {
  return `p50 ${fmt(stats.p50)}  p90 ${fmt(stats.p90)}  p99 ${fmt(stats.p99)}  max ${fmt(stats.max)} ms`;
}

export function cpuRows(cpu, per, unit) {
  const total = Object.entries(cpu)
    .filter(([role]) => role !== 'benchmark')
    .reduce((sum, [, ms]) => sum + (Number.isFinite(ms) ? ms : 0), 0);
  return [
    ...Object.entries(cpu).map(([role, ms]) => [`CPU ${role}`, `${fmt(ms / per, 2)} ms/${unit}  (${fmt(ms, 0)} ms)`]),
    [`CPU all but the benchmark`, `${fmt(total / per, 2)} ms/${unit}`],
  ];
}

export { fmt };
