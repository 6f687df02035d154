import { Counter, CounterConfiguration, Histogram, HistogramConfiguration, register } from 'prom-client';

/** Returns the process-wide counter of that name, creating it once (tests boot several apps per process). */
export function counter<T extends string>(config: CounterConfiguration<T>): Counter<T> {
  return (register.getSingleMetric(config.name) as Counter<T> | undefined) ?? new Counter(config);
}

export function histogram<T extends string>(config: HistogramConfiguration<T>): Histogram<T> {
  return (register.getSingleMetric(config.name) as Histogram<T> | undefined) ?? new Histogram(config);
}
