import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validateServiceEnv } from '@app/runtime';
import { validateConsoleEnv } from '../../apps/console/src/console-env';
import { repoRoot } from '../support/run-script';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  entrypoint?: string[];
  user?: string;
  ports?: string[];
  profiles?: string[];
  restart?: string;
  stop_grace_period?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const composeText = readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const dotEnv = Object.fromEntries(
  readFileSync(join(repoRoot, '.env.example'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => line.split('=', 2) as [string, string]),
);
/** What `docker compose` would substitute, with the values of .env.example. */
const substitute = (value: string) =>
  value.replace(/\$\{(\w+)(?::?[-?][^}]*)?\}/g, (_, name: string) => {
    const fallback = /:-([^}]*)\}/.exec(value)?.[1];
    return dotEnv[name] ?? fallback ?? '';
  });
const apps = ['order-service', 'inventory-service', 'payment-service'];

describe('docker-compose.yml', () => {
  it('parses and resolves with docker-compose (Debian package; no engine needed for `config`)', () => {
    const resolved = execFileSync(
      'docker-compose',
      ['--env-file', '.env.example', '-f', 'docker-compose.yml', 'config'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    );
    expect(Object.keys((parse(resolved) as { services: object }).services).sort()).toEqual(
      Object.keys(services).sort(),
    );
  });

  it('sets every variable a service reads, and each service validates its environment', () => {
    for (const name of apps) {
      const env = Object.fromEntries(
        Object.entries(services[name].environment ?? {}).map(([k, v]) => [k, substitute(String(v))]),
      );
      const parsed = validateServiceEnv(env);
      expect(parsed.HOST).toBe('0.0.0.0');
      expect(Object.keys(services)).toContain(parsed.DB_HOST);
      expect(Object.keys(services)).toContain(parsed.ROCKETMQ_ENDPOINTS.split(':')[0]);
      expect(parsed.DB_NAME).toBe(name.replace('-service', '_service'));
      expect(env.DB_PASSWORD).toBe(dotEnv[`${name.replace('-', '_').toUpperCase()}_DB_PASSWORD`]);
      expect(services[name].ports).toEqual([
        `\${BIND_ADDRESS:-127.0.0.1}:\${${name.replace('-', '_').toUpperCase()}_PORT:-${parsed.PORT}}:${parsed.PORT}`,
      ]);
    }
  });

  it('defines every ${VARIABLE} it uses in .env.example', () => {
    const used = [...composeText.matchAll(/\$\{(\w+)/g)].map((m) => m[1]);
    for (const name of used) expect(Object.keys(dotEnv)).toContain(name);
  });

  it('waits only on services that exist and can report the awaited condition', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [target, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(services[target]).toBeDefined();
        if (condition === 'service_healthy') expect(services[target].healthcheck).toBeDefined();
        if (condition === 'service_completed_successfully') expect(services[target].restart).toBe('no');
        expect([name, condition]).not.toEqual([name, 'service_started']);
      }
    }
  });

  it('gives every long-running service a healthcheck (the image has one for the apps) and a restart policy', () => {
    const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
    for (const [name, service] of Object.entries(services)) {
      if (service.restart === 'no' || service.profiles) continue;
      expect([name, service.restart]).toEqual([name, 'unless-stopped']);
      if (!apps.includes(name)) expect([name, service.healthcheck]).not.toEqual([name, undefined]);
    }
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n\s+CMD .*\/health/m);
  });

  it('publishes only the HTTP ports of the services by default', () => {
    const published = Object.entries(services)
      .filter(([, s]) => s.ports && !s.profiles)
      .map(([name]) => name);
    expect(published.sort()).toEqual([...apps, 'console'].sort());
  });

  it('publishes every port on 127.0.0.1 unless BIND_ADDRESS says otherwise', () => {
    for (const service of Object.values(services)) {
      for (const port of service.ports ?? []) expect(port).toMatch(/^\$\{BIND_ADDRESS:-127\.0\.0\.1\}:/);
    }
  });

  it('runs on the database the tests run on: MariaDB 10.11, checked by its own healthcheck.sh', () => {
    expect(services.mariadb.image).toBe('mariadb:10.11');
    expect(Object.keys(services.mariadb.environment ?? {})).toEqual(['MARIADB_ROOT_PASSWORD']);
    expect(services.mariadb.healthcheck?.test).toEqual(['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized']);
  });

  it('starts no JVM in a healthcheck (they only open ports)', () => {
    for (const service of Object.values(services)) {
      expect(JSON.stringify(service.healthcheck?.test ?? [])).not.toMatch(/mqadmin|java/);
    }
  });

  it('stops the JVMs on SIGTERM, within a grace period longer than the broker shutdown', () => {
    for (const name of ['rocketmq-namesrv', 'rocketmq-broker']) {
      const service = services[name];
      expect(service.command?.slice(0, 3)).toEqual(['sh', '/home/rocketmq/forward-sigterm.sh', 'sh']);
      expect(service.volumes).toContain(
        './infra/docker/rocketmq/forward-sigterm.sh:/home/rocketmq/forward-sigterm.sh:ro',
      );
      expect(parseInt(service.stop_grace_period ?? '10s', 10)).toBeGreaterThanOrEqual(30);
    }
    // Measured: the broker's own shutdown takes 15-30 s on 2 cores.
    expect(parseInt(services['rocketmq-broker'].stop_grace_period ?? '10s', 10)).toBeGreaterThanOrEqual(60);
  });

  it('hands the new broker store volume to the image user (uid 3000) before the broker starts', () => {
    const owner = services['rocketmq-store-owner'];
    expect(owner).toMatchObject({ image: services['rocketmq-broker'].image, user: 'root', restart: 'no' });
    expect(owner.entrypoint).toEqual(['chown', '3000:3000', '/home/rocketmq/store']);
    expect(owner.volumes).toEqual(['rocketmq-store:/home/rocketmq/store']);
    expect(services['rocketmq-broker'].volumes).toContain('rocketmq-store:/home/rocketmq/store');
    expect(services['rocketmq-broker'].depends_on?.['rocketmq-store-owner']).toEqual({
      condition: 'service_completed_successfully',
    });
  });

  it('lists in the README every image it pulls, with the tag it uses', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.split(/^## /m).find((part) => part.startsWith('Run with docker compose')) ?? '';
    const nodeImage = /^ARG NODE_IMAGE=(.+)$/m.exec(readFileSync(join(repoRoot, 'Dockerfile'), 'utf8'))?.[1];
    const pulled = Object.values(services)
      .filter((service) => !service.build)
      .map((service) => service.image);
    for (const image of [...new Set([...pulled, nodeImage])]) expect(section).toContain(`\`${image}\``);
  });

  it('runs the console against the services by their compose names, and order-service knows the others', () => {
    const env = services.console.environment ?? {};
    const parsed = validateConsoleEnv(env);
    expect(parsed.HOST).toBe('0.0.0.0');
    for (const [key, name] of [
      ['ORDER_SERVICE_URL', 'order-service'],
      ['INVENTORY_SERVICE_URL', 'inventory-service'],
      ['PAYMENT_SERVICE_URL', 'payment-service'],
    ]) {
      expect(env[key]).toBe(`http://${name}:${services[name].environment?.PORT}`);
    }
    expect(services.console.ports).toEqual([`\${BIND_ADDRESS:-127.0.0.1}:\${CONSOLE_PORT:-3000}:${parsed.PORT}`]);
    const orderEnv = services['order-service'].environment ?? {};
    expect([orderEnv.INVENTORY_SERVICE_URL, orderEnv.PAYMENT_SERVICE_URL]).toEqual([
      env.INVENTORY_SERVICE_URL,
      env.PAYMENT_SERVICE_URL,
    ]);
  });

  it('runs entrypoints that the build produces', () => {
    for (const name of apps) {
      const [node, entry] = services[name].command ?? [];
      expect(node).toBe('node');
      expect(existsSync(join(repoRoot, entry))).toBe(true);
    }
    expect(services['db-setup'].command).toEqual(['node', 'infra/db/setup.mjs']);
    const [, consoleEntry] = services.console.command ?? [];
    expect(existsSync(join(repoRoot, consoleEntry))).toBe(true);
    expect(existsSync(join(repoRoot, 'dist/console-web/index.html'))).toBe(true);
  });

  it('runs the broker with the gRPC proxy and the transaction check settings', () => {
    expect(services['rocketmq-broker'].command?.slice(3, 6)).toEqual(['mqproxy', '-pm', 'local']);
    const brokerConf = readFileSync(join(repoRoot, 'infra/docker/rocketmq/broker.conf'), 'utf8');
    const setting = (key: string) => Number(new RegExp(`^${key}=(\\d+)`, 'm').exec(brokerConf)?.[1]);
    expect(setting('transactionCheckInterval') * setting('transactionCheckMax')).toBeGreaterThanOrEqual(600000);
    expect(brokerConf).toMatch(/^autoCreateTopicEnable=false/m);
  });
});
