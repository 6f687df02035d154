import { parseArgs } from 'node:util';
import { runCampaign } from './campaign';
import { FAULT_KINDS, FaultKind } from './faults';
import { saveResult, summarize } from './report';
import { stackProfileFromEnv } from './stack-profile';

// `npm run chaos -- [--minutes N | --seconds N] [--rate R] [--concurrency C] [--faults a,b] [--seed S] [--replicas N]`
const { values } = parseArgs({
  options: {
    minutes: { type: 'string' },
    seconds: { type: 'string' },
    rate: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '32' },
    faults: { type: 'string', default: FAULT_KINDS.join(',') },
    seed: { type: 'string', default: String(Date.now() % 100000) },
    replicas: { type: 'string', default: '2' },
  },
});

const faults = values.faults.split(',').filter(Boolean) as FaultKind[];
const unknown = faults.filter((fault) => !FAULT_KINDS.includes(fault));
if (unknown.length > 0) {
  console.error(`unknown fault ${unknown.join(', ')}; choose from ${FAULT_KINDS.join(', ')}`);
  process.exit(2);
}
const durationMs = values.seconds ? Number(values.seconds) * 1000 : Number(values.minutes ?? 1) * 60000;
const profile = stackProfileFromEnv();
// A client library's stray rejection during an outage is reported, not allowed to end the campaign.
process.on('unhandledRejection', (reason) => console.error('[chaos] unhandled rejection:', reason));
process.once('SIGINT', () => process.exit(130));

runCampaign(profile, {
  seed: Number(values.seed),
  durationMs,
  ratePerSecond: Number(values.rate),
  concurrency: Number(values.concurrency),
  replicas: Number(values.replicas),
  faults,
  quietDeadlineMs: 180000,
  log: (line) => console.log(`[chaos] ${line}`),
})
  .then((result) => {
    console.log(summarize(result).join('\n'));
    console.log(`\nfull result: ${saveResult(profile.runDir, result)}`);
    const failed = result.checks.filter((check) => !check.ok).length;
    console.log(failed === 0 ? '\nALL CHECKS PASSED' : `\n${failed} CHECK(S) FAILED`);
    process.exit(failed === 0 ? 0 : 1);
  })
  .catch((error: unknown) => {
    console.error('the campaign could not run:', error);
    process.exit(2);
  });
