// Runs the README's "Run with docker compose" commands, as written, in a copy of the repository (argument 1), and
// checks what each should do: every service healthy, the demo's three orders end right with stock and money
// conserved, a crash-after-local-commit kills the order service and the order still ends CONFIRMED, `stop` leaves
// no abort file in the broker's store, `down -v` leaves nothing behind. Prints each step's time.
// Only `docker compose` becomes `docker-compose` (v1, the one Debian ships). Run by infra/compose-test/run.sh.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allHealthy,
  checkBuild,
  checkDemo,
  cleanStop,
  consoleServes,
  crashAfterLocalCommit,
  nothingLeft,
} from './checks.mjs';
import { dir, fail, log, seconds, sh } from './support.mjs';

const started = Date.now();
const readme = readFileSync(join(dir, 'README.md'), 'utf8');
const section = readme.split(/^## /m).find((s) => s.startsWith('Run with docker compose')) ?? '';
const commands = (/```bash\n([\s\S]*?)```/.exec(section)?.[1] ?? '')
  .split('\n')
  .map((line) => line.replace(/\s+#.*$/, '').trim())
  .filter(Boolean);
// What happens after a README command, when it has a result to check.
const after = [
  [/^docker compose ps$/, async () => (await allHealthy(), await consoleServes())],
  [/^npm run demo -- --no-start$/, crashAfterLocalCommit],
  [/^docker compose stop$/, cleanStop],
  [/^docker compose down -v$/, nothingLeft],
];
const skipped = [
  [/ logs -f /, 'follows the log until interrupted'],
  [/--profile dashboard/, 'the dashboard image has no local stand-in'],
];
for (const [pattern] of after) {
  if (!commands.some((c) => pattern.test(c))) fail(`the README's compose section has no ${pattern} command`);
}
for (const command of commands) {
  const skip = skipped.find(([pattern]) => pattern.test(command));
  if (skip) {
    log(`skipped \`${command}\`: ${skip[1]}`);
    continue;
  }
  const since = Date.now();
  log(`$ ${command}`);
  const output = sh(command.replace(/^docker compose /, 'docker-compose '), { timeoutMs: 900_000 });
  log(`\`${command}\` took ${seconds(since)}`);
  if (command.startsWith('npm run demo')) checkDemo(output);
  if (command.includes('--build')) checkBuild(output);
  await after.find(([pattern]) => pattern.test(command))?.[1]();
}
log(`all compose steps passed in ${seconds(started)}`);
