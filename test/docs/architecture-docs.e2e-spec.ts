import { join } from 'node:path';
import { EventType, EventTypes, eventsOn, Topics } from '@app/contracts';
import { checksByEventType } from '@app/messaging/transaction-checks';
import { launchChromium } from '../support/browser';
import {
  anchors,
  documents,
  exists,
  links,
  mermaidBlocks,
  namesInFiles,
  plain,
  readDocument,
  repoPaths,
  tableUnder,
} from './markdown';
import { ConsumerOf, messagingRegistrations, ProducerOf, repoRoot } from './registrations';

const architecture = readDocument('docs/architecture.md');
const eventTypes = Object.values(EventTypes);
const topicOf = (type: EventType) => Object.values(Topics).find((topic) => eventsOn(topic).tags.includes(type));
const publishes = (producer: ProducerOf, topic: string, type: string) =>
  producer.publishes.some((published) => published.topic === topic && published.tags.includes(type));
const consumes = (consumer: ConsumerOf, topic: string, type: string) =>
  consumer.subscriptions.some((subscription) => subscription.topic === topic && subscription.types.includes(type));
const list = (cell: string) =>
  plain(cell)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .sort();

describe('the architecture guide and the recipe agree with the code', () => {
  let producers: ProducerOf[];
  let consumers: ConsumerOf[];

  beforeAll(async () => {
    ({ producers, consumers } = await messagingRegistrations());
  });

  it('finds the registrations of all three services (the reader of the Nest modules works)', () => {
    expect(producers.map((p) => p.service).sort()).toEqual(['inventory-service', 'order-service', 'payment-service']);
    expect(consumers.map((c) => c.service).sort()).toEqual(['inventory-service', 'order-service', 'payment-service']);
  });

  it('has every published event type answered by exactly one registered check (as start-up demands)', () => {
    for (const producer of producers) {
      expect(() =>
        checksByEventType(
          producer.publishes,
          producer.checks.map(({ check }) => check),
        ),
      ).not.toThrow();
    }
    for (const type of eventTypes) {
      const topic = topicOf(type) as string;
      expect({ type, publishers: producers.filter((p) => publishes(p, topic, type)).length }).toEqual({
        type,
        publishers: 1,
      });
    }
  });

  it('lists every event type once in the events table, with its topic, publisher, consumers and check', () => {
    const documented = tableUnder(architecture, 'Topics and events').map((row) => ({
      type: plain(row['event type']),
      topic: plain(row.topic),
      publisher: plain(row['published by']),
      consumers: list(row['consumed by']),
      check: plain(row['check-back answered by']),
      checkReads: /`(\w+)`/.exec(row['the row the check looks for'])?.[1],
    }));
    const inCode = eventTypes.map((type) => {
      const topic = topicOf(type) as string;
      const publisher = producers.find((p) => publishes(p, topic, type));
      const check = publisher?.checks.find((c) => c.check.topic === topic && c.check.tags.includes(type));
      return {
        type,
        topic,
        publisher: publisher?.service,
        consumers: consumers.filter((c) => consumes(c, topic, type)).map((c) => c.service),
        check: check?.name,
        checkReads: /\bFROM\s+(\w+)/i.exec(check?.recordQuery ?? '')?.[1],
      };
    });
    const byType = (a: { type: string }, b: { type: string }) => a.type.localeCompare(b.type);
    expect(documented.sort(byType)).toEqual(inCode.sort(byType));
  });

  it("names each service's consumed and published events in the ownership table", () => {
    const rows = tableUnder(architecture, 'The services and what each owns');
    for (const service of ['order-service', 'inventory-service', 'payment-service']) {
      const row = rows.find((r) => plain(r.service) === service);
      const producer = producers.find((p) => p.service === service);
      const consumer = consumers.find((c) => c.service === service);
      expect({ service, consumes: list(row?.consumes ?? ''), publishes: list(row?.publishes ?? '') }).toEqual({
        service,
        consumes: (consumer?.subscriptions.flatMap((s) => s.types) ?? []).sort(),
        publishes: (producer?.publishes.flatMap((p) => [...p.tags]) ?? []).sort(),
      });
    }
  });

  it('points only at files that exist (paths, links and their anchors, and the names said to be in them)', () => {
    const missing: string[] = [];
    for (const document of documents()) {
      const markdown = readDocument(document);
      for (const path of repoPaths(markdown)) if (!exists(path)) missing.push(`${document}: ${path}`);
      for (const { file, anchor } of links(document, markdown)) {
        if (!exists(file)) missing.push(`${document}: link ${file}`);
        else if (anchor && file.endsWith('.md') && !anchors(readDocument(file)).includes(anchor)) {
          missing.push(`${document}: link ${file}#${anchor}`);
        }
      }
      for (const { name, path } of namesInFiles(markdown)) {
        const last = name.split('.').pop() as string;
        if (!exists(path) || !readDocument(path).includes(last)) missing.push(`${document}: ${name} in ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('answers each newcomer question of the map with files that exist', () => {
    const rows = tableUnder(architecture, 'Where things are');
    expect(rows.length).toBeGreaterThanOrEqual(20);
    for (const row of rows)
      expect({ question: row.question, paths: repoPaths(row['where to look']).length > 0 }).toEqual({
        question: row.question,
        paths: true,
      });
  });

  it('walks through every place a new event touches, in adding-an-event.md', () => {
    const recipe = repoPaths(readDocument('docs/adding-an-event.md'));
    for (const path of [
      'libs/contracts/src/events.ts',
      'libs/contracts/src/topics.ts',
      'libs/contracts/src/payloads.ts',
      'libs/contracts/src/event-problems.ts',
      'libs/messaging/src/transaction-checks.ts',
      'libs/messaging/src/consumed-events.ts',
      'infra/rocketmq/resources.txt',
      'k8s/base/rocketmq-init/resources.txt',
      'docker-compose.yml',
      'docs/architecture.md',
    ]) {
      expect(recipe).toContain(path);
    }
  });
});

describe('every Mermaid diagram of the documents', () => {
  const diagrams = documents().flatMap((document) =>
    mermaidBlocks(readDocument(document)).map((source, index) => ({ name: `${document} #${index + 1}`, source })),
  );

  it('draws the seven stories of the architecture guide', () => {
    expect(mermaidBlocks(architecture).length).toBeGreaterThanOrEqual(7);
  });

  it('renders in a real browser without a syntax error, from node_modules, with no network', async () => {
    const browser = await launchChromium();
    try {
      const requests: string[] = [];
      await browser.context.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      const page = await browser.context.newPage();
      await page.setContent('<!doctype html><html><body></body></html>');
      await page.addScriptTag({ path: join(repoRoot, 'node_modules/mermaid/dist/mermaid.min.js') });
      const failures = await page.evaluate(async (blocks) => {
        type Mermaid = {
          initialize(config: object): void;
          parse(text: string): Promise<unknown>;
          render(id: string, text: string): Promise<{ svg: string }>;
        };
        const mermaid = (globalThis as unknown as { mermaid: Mermaid }).mermaid;
        mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
        const found: string[] = [];
        for (const [index, { name, source }] of blocks.entries()) {
          try {
            await mermaid.parse(source);
            const { svg } = await mermaid.render(`diagram-${index}`, source);
            if (!svg.includes('<svg') || svg.includes('Syntax error')) found.push(`${name}: no diagram drawn`);
          } catch (error) {
            found.push(`${name}: ${(error as Error).message ?? String(error)}`);
          }
        }
        return found;
      }, diagrams);
      expect({ diagrams: diagrams.length, failures, requests }).toEqual({
        diagrams: diagrams.length,
        failures: [],
        requests: [],
      });
    } finally {
      await browser.close();
    }
  });
});
