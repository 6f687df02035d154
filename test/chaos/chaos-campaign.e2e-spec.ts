import { runCampaign } from './campaign';
import { FAULT_KINDS } from './faults';
import { summarize } from './report';
import { stackProfileFromEnv } from './stack-profile';

/**
 * A short seeded campaign on the test stack: two replicas of each service, orders at a steady rate, and every
 * kind of fault at seeded times; then every invariant must hold once the system is quiet.
 */
describe('a seeded chaos campaign', () => {
  it('loses nothing and doubles nothing under every kind of fault', async () => {
    const result = await runCampaign(stackProfileFromEnv(), {
      seed: 20261123,
      durationMs: 60000,
      ratePerSecond: 5,
      concurrency: 24,
      replicas: 2,
      faults: FAULT_KINDS,
      quietDeadlineMs: 120000,
    });
    const report = summarize(result).join('\n');
    // Jest's diff hides the report's lines (equal on both sides): print it whole when a check fails.
    if (result.checks.some((check) => !check.ok)) console.log(report);
    expect({ failed: result.checks.filter((check) => !check.ok), report }).toEqual({ failed: [], report });
    expect(new Set(result.faults.map((fault) => fault.kind))).toEqual(new Set(FAULT_KINDS));
    expect(result.faults.filter((fault) => fault.error)).toEqual([]);
    expect(result.placements.filter((p) => p.status === 201).length).toBeGreaterThan(50);
  }, 420000);
});
