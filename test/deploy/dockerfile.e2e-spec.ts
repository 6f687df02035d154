import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/run-script';

const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('Dockerfile', () => {
  it('builds with the same command the tests build with', () => {
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(readFileSync(join(repoRoot, 'infra/stack/build.sh'), 'utf8')).toContain('npm run --silent build');
    // The services (nest), then the console's page (vite, into dist/console-web).
    expect(packageJson.scripts.build).toBe('nest build && vite build --config apps/console/web/vite.config.mjs');
  });

  it('pins its base image, installs production dependencies only, and runs as a non-root user', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:\d+\.\d+\.\d+-[a-z]+-slim$/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });

  it('runs a supported Node.js LTS (24)', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24\.\d+\.\d+-bookworm-slim$/m);
  });

  it('runs the service under tini, so a crash fault (the process SIGKILLs itself) ends the container', () => {
    const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(finalStage).toMatch(/apt-get install -y --no-install-recommends tini/);
    expect(finalStage).toMatch(/^ENTRYPOINT \["tini", "--"\]$/m);
    expect(finalStage).toMatch(/^CMD \["node", /m);
  });

  it('keeps build output, dependencies and secrets out of the build context', () => {
    const ignored = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.run', '.env', '.git']));
  });
});
