/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-explicit-any --
   rendered manifests are untyped JSON; the first test validates them against the Kubernetes API schema */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../support/run-script';

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

// `kubectl kustomize` is kustomize itself (v5), built into kubectl.
const rendered = execFileSync('kubectl', ['kustomize', join(repoRoot, 'k8s/overlays/local')], { encoding: 'utf8' });
const objects = parseAllDocuments(rendered).map((doc) => doc.toJSON() as K8sObject);
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
const named = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const workloads = [...ofKind('Deployment'), ...ofKind('StatefulSet'), ...ofKind('Job')];
const podSpecs = workloads.map((w) => ({
  owner: w.metadata.name,
  spec: w.spec.template.spec,
  labels: w.spec.template.metadata?.labels ?? {},
}));
const apps = ['order-service', 'inventory-service', 'payment-service'];

const modelPaths: Record<string, string> = {
  'v1/Namespace': 'v1/Namespace',
  'v1/Secret': 'v1/Secret',
  'v1/ConfigMap': 'v1/ConfigMap',
  'v1/Service': 'v1/Service',
  'apps/v1/Deployment': 'apps/v1/Deployment',
  'apps/v1/StatefulSet': 'apps/v1/StatefulSet',
  'batch/v1/Job': 'batch/v1/Job',
  'policy/v1/PodDisruptionBudget': 'policy/v1/PodDisruptionBudget',
};

describe('k8s/ (kustomize, overlay "local")', () => {
  it('builds, and every object validates against the Kubernetes API schema', () => {
    expect(objects.length).toBeGreaterThan(15);
    for (const object of objects) {
      const path = modelPaths[`${object.apiVersion}/${object.kind}`];
      expect([object.kind, path]).not.toEqual([object.kind, undefined]);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const Model = (require(`kubernetes-models/${path}`) as Record<string, new (o: unknown) => { validate(): void }>)[
        object.kind
      ];
      expect(() => new Model(object).validate()).not.toThrow();
    }
  });

  it('matches every selector to the labels of the pods it must find', () => {
    for (const workload of [...ofKind('Deployment'), ...ofKind('StatefulSet')]) {
      expect(workload.spec.template.metadata.labels).toMatchObject(workload.spec.selector.matchLabels);
    }
    for (const selecting of [...ofKind('Service'), ...ofKind('PodDisruptionBudget')]) {
      const selector = selecting.spec.selector.matchLabels ?? selecting.spec.selector;
      const matches = podSpecs.filter((pod) => Object.entries(selector).every(([k, v]) => pod.labels[k] === v));
      expect([selecting.kind, selecting.metadata.name, matches.length > 0]).toEqual([
        selecting.kind,
        selecting.metadata.name,
        true,
      ]);
    }
  });

  it('runs the services with 2+ replicas, probes on /health, resources, non-root, and a PDB', () => {
    for (const name of apps) {
      const deployment = named('Deployment', name)!;
      expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
      const pod = deployment.spec.template.spec;
      const container = pod.containers[0];
      const port = Number(container.env.find((e: { name: string }) => e.name === 'PORT').value);
      expect(container.ports).toContainEqual({ name: 'http', containerPort: port });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.resources.requests).toBeDefined();
      expect(container.resources.limits.memory).toBeDefined();
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      // args, not command: the image's ENTRYPOINT (tini) stays PID 1, so crash faults end the container.
      expect(container.args).toEqual(['node', `dist/apps/${name}/src/main.js`]);
      expect(container.command).toBeUndefined();
      expect(named('PodDisruptionBudget', name)).toBeDefined();
      const service = named('Service', name)!;
      expect(service.spec.ports[0]).toMatchObject({ port, targetPort: 'http' });
    }
  });

  it('runs the console, pointed at the services, never pulling the local image', () => {
    const deployment = named('Deployment', 'console')!;
    const container = deployment.spec.template.spec.containers[0];
    expect(container.args).toEqual(['node', 'dist/apps/console/src/main.js']);
    expect(container.imagePullPolicy).toBe('Never');
    const env = Object.fromEntries(container.env.map((e: { name: string; value: string }) => [e.name, e.value]));
    for (const name of apps) {
      const port = named('Service', name)!.spec.ports[0].port;
      expect(env[`${name.replace('-service', '').toUpperCase()}_SERVICE_URL`]).toBe(`http://${name}:${port}`);
    }
    expect(named('Service', 'console')!.spec.ports[0]).toMatchObject({ port: Number(env.PORT), targetPort: 'http' });
    const order = named('Deployment', 'order-service')!.spec.template.spec.containers[0];
    const orderEnv = Object.fromEntries(order.env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect([orderEnv.INVENTORY_SERVICE_URL, orderEnv.PAYMENT_SERVICE_URL]).toEqual([
      env.INVENTORY_SERVICE_URL,
      env.PAYMENT_SERVICE_URL,
    ]);
  });

  it('refers only to ConfigMap and Secret keys that exist', () => {
    const keysOf = (kind: string, name: string) => {
      const object = named(kind, name);
      return object ? Object.keys({ ...object.data, ...object.stringData }) : undefined;
    };
    for (const { owner, spec } of podSpecs) {
      for (const container of spec.containers) {
        for (const env of container.env ?? []) {
          const ref = env.valueFrom?.secretKeyRef ?? env.valueFrom?.configMapKeyRef;
          const kind = env.valueFrom?.secretKeyRef ? 'Secret' : 'ConfigMap';
          if (ref)
            expect([owner, env.name, keysOf(kind, ref.name)]).toEqual([
              owner,
              env.name,
              expect.arrayContaining([ref.key]),
            ]);
        }
        for (const from of container.envFrom ?? []) expect(keysOf('ConfigMap', from.configMapRef.name)).toBeDefined();
      }
      for (const volume of spec.volumes ?? []) {
        if (volume.configMap)
          expect([owner, keysOf('ConfigMap', volume.configMap.name)]).not.toEqual([owner, undefined]);
      }
    }
  });

  it('keeps tini as PID 1 in every pod of the services image (args, never command)', () => {
    for (const { owner, spec } of podSpecs) {
      for (const container of spec.containers.filter((c: { image: string }) => c.image.startsWith('rocketmq-orders')))
        expect([owner, container.command]).toEqual([owner, undefined]);
    }
  });

  it('runs MariaDB 10.11, the server the tests run on', () => {
    const container = named('StatefulSet', 'mariadb')!.spec.template.spec.containers[0];
    expect(container.image).toBe('mariadb:10.11');
    expect(container.env.map((e: { name: string }) => e.name)).toEqual(['MARIADB_ROOT_PASSWORD']);
    expect(named('ConfigMap', 'service-config')!.data!.DB_HOST).toBe('mariadb');
  });

  it('stops the JVMs on SIGTERM (forward-sigterm.sh) and gives the broker time and a store it can write', () => {
    for (const [kind, name] of [
      ['Deployment', 'rocketmq-namesrv'],
      ['StatefulSet', 'rocketmq-broker'],
    ]) {
      const pod = named(kind, name)!.spec.template.spec;
      expect(pod.containers[0].command.slice(0, 3)).toEqual(['sh', '/scripts/forward-sigterm.sh', 'sh']);
      expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'scripts', mountPath: '/scripts', readOnly: true });
    }
    const broker = named('StatefulSet', 'rocketmq-broker')!.spec.template.spec;
    expect(broker.securityContext.fsGroup).toBe(3000);
    expect(broker.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(60);
  });

  it('keeps the discard horizon of half messages at ten minutes or more', () => {
    const conf = named('ConfigMap', 'rocketmq-broker-config')!.data!['broker.conf'];
    const setting = (key: string) => Number(new RegExp(`^${key}=(\\d+)`, 'm').exec(conf)?.[1]);
    expect(setting('transactionCheckInterval') * setting('transactionCheckMax')).toBeGreaterThanOrEqual(600000);
  });

  it('ships the same topic list, init script and SIGTERM wrapper as the local stack and compose', () => {
    for (const [copy, source] of [
      ['k8s/base/rocketmq-init/resources.txt', 'infra/rocketmq/resources.txt'],
      ['k8s/base/rocketmq-init/init-topics.sh', 'infra/docker/rocketmq/init-topics.sh'],
      ['k8s/base/rocketmq/forward-sigterm.sh', 'infra/docker/rocketmq/forward-sigterm.sh'],
    ]) {
      expect(readFileSync(join(repoRoot, copy), 'utf8')).toBe(readFileSync(join(repoRoot, source), 'utf8'));
    }
  });
});
