import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '../..');

// The test run exports its own profile's settings; a script under test must derive its own from STACK_PROFILE.
const profileKeys = [...readFileSync(join(repoRoot, 'infra/profiles/test.env'), 'utf8').matchAll(/\$\{(\w+):=/g)].map(
  (match) => match[1],
);
const inheritedEnv = () => {
  const env = { ...process.env };
  for (const key of [...profileKeys, 'STACK_PROFILE', 'RUN_DIR', 'LOG_DIR', 'PID_DIR']) delete env[key];
  return env;
};

export interface ScriptResult {
  code: number | null;
  output: string;
}

/** Runs a repo script with extra environment, collecting stdout and stderr; bounded by `timeoutMs`. */
export function runScript(args: string[], env: Record<string, string>, timeoutMs = 300000): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', args, { cwd: repoRoot, env: { ...inheritedEnv(), ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${args.join(' ')} still running after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
