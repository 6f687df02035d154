// Shared by the compose checks: the copy under test (argument 1), its URLs, bounded shell and docker calls, polls.
import { execFileSync, spawnSync } from 'node:child_process';
import { basename } from 'node:path';

export const dir = process.argv[2];
export const project = basename(dir);
const port = Number(process.env.ORDER_SERVICE_PORT ?? 3001);
export const [orders, inventory, payment] = [0, 1, 2].map((i) => `http://127.0.0.1:${port + i}`);
export const consoleUrl = `http://127.0.0.1:${process.env.CONSOLE_PORT ?? 3000}`;
const started = Date.now();
export const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
export const log = (message) => console.log(`[compose-test ${seconds(started).padStart(8)}] ${message}`);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const fail = (message) => {
  throw new Error(message);
};

/** Runs a shell command in the copy, bounded in time; its output goes to ours (or is returned when quiet). */
export function sh(command, { timeoutMs = 180_000, quiet = false, env = {} } = {}) {
  const result = spawnSync('bash', ['-c', command], {
    cwd: dir,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: quiet ? 'pipe' : ['ignore', 'pipe', 'inherit'],
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  if (!quiet) process.stdout.write(result.stdout ?? '');
  if (result.status !== 0) fail(`\`${command}\` failed (${result.error?.message ?? `exit ${result.status}`})`);
  return result.stdout;
}
// DOCKER_BIN: the client that matches the private engine (engine.sh); DOCKER_HOST points at that engine.
export const dockerBin = process.env.DOCKER_BIN ?? 'docker';
export const docker = (...args) => execFileSync(dockerBin, args, { encoding: 'utf8', timeout: 60_000 }).trim();
export const containers = () =>
  docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`).split('\n').filter(Boolean);
export const inspect = (id) => JSON.parse(docker('inspect', id))[0];
export const serviceOf = (c) => c.Config.Labels['com.docker.compose.service'];

/** Polls `check` until it returns a truthy value; fails with `what` after the deadline. */
export async function until(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) fail(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}

export async function call(method, url, body, headers = {}) {
  const res = await fetch(url, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body && JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) fail(`${method} ${url} -> ${res.status} ${await res.text()}`);
  return res.json();
}
