import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DynamicModule, FactoryProvider, Provider, Type } from '@nestjs/common';
import { CONSUMER_OPTIONS, EVENT_SUBSCRIPTIONS, EventSubscription } from '@app/messaging/consumer.options';
import { MessagingModule } from '@app/messaging/messaging.module';
import { MESSAGING_OPTIONS, PublishedEvents, TRANSACTION_CHECKS } from '@app/messaging/messaging.options';
import type { TransactionCheck } from '@app/messaging/transaction-check';

export const repoRoot = join(__dirname, '../..');

/** What one service registers with MessagingModule.forProducer: the event types it publishes and its checks. */
export interface ProducerOf {
  service: string;
  publishes: PublishedEvents[];
  checks: Array<{ name: string; check: TransactionCheck; recordQuery: string }>;
}

/** What one service registers with MessagingModule.forConsumer: its group and the types each subscription takes. */
export interface ConsumerOf {
  service: string;
  group: string;
  subscriptions: Array<{ name: string; topic: string; types: string[] }>;
}

/** Config values are not read: only the registration's own fields matter here. */
const noConfig = { getOrThrow: () => undefined };

/**
 * The services' messaging registrations, read from their Nest modules as Nest would (the module metadata), without
 * starting anything: every `*.module.ts` under apps/<service>/src except the root one (which loads the config).
 */
export async function messagingRegistrations(): Promise<{ producers: ProducerOf[]; consumers: ConsumerOf[] }> {
  const seen = new Set<DynamicModule>();
  const producers: ProducerOf[] = [];
  const consumers: ConsumerOf[] = [];
  for (const file of featureModuleFiles()) {
    const service = relative(join(repoRoot, 'apps'), file).split('/')[0];
    const exported = (await import(file)) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      const imports = (Reflect.getMetadata('imports', value as object) ?? []) as unknown[];
      for (const imported of imports) {
        const dynamic = imported as DynamicModule;
        if (dynamic?.module !== MessagingModule || seen.has(dynamic)) continue;
        seen.add(dynamic);
        const providers = dynamic.providers ?? [];
        if (provider(providers, TRANSACTION_CHECKS)) producers.push(producerOf(service, providers));
        if (provider(providers, EVENT_SUBSCRIPTIONS)) consumers.push(consumerOf(service, providers));
      }
    }
  }
  return { producers, consumers };
}

function featureModuleFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.module.ts') && !entry.name.endsWith('-service.module.ts')) files.push(path);
    }
  };
  for (const app of readdirSync(join(repoRoot, 'apps'))) {
    if (app.endsWith('-service')) walk(join(repoRoot, 'apps', app, 'src'));
  }
  return files;
}

function provider(providers: Provider[], token: symbol): FactoryProvider | undefined {
  return providers.find((p): p is FactoryProvider => typeof p === 'object' && 'provide' in p && p.provide === token);
}

function producerOf(service: string, providers: Provider[]): ProducerOf {
  const options = provider(providers, MESSAGING_OPTIONS)?.useFactory(noConfig) as { publishes: PublishedEvents[] };
  const checkTypes = (provider(providers, TRANSACTION_CHECKS)?.inject ?? []) as Array<Type<TransactionCheck>>;
  const checks = checkTypes.map((type) => {
    // The checks' dependencies are injected as properties, so a bare instance shows its topic, tags and query.
    const check = new type();
    return { name: type.name, check, recordQuery: (check as unknown as { recordQuery: string }).recordQuery };
  });
  return { service, publishes: options.publishes, checks };
}

function consumerOf(service: string, providers: Provider[]): ConsumerOf {
  const { group } = provider(providers, CONSUMER_OPTIONS)?.useFactory(noConfig) as { group: string };
  const types = (provider(providers, EVENT_SUBSCRIPTIONS)?.inject ?? []) as Array<Type<EventSubscription>>;
  const subscriptions = types.map((type) => {
    // Handlers only call the injected use case when a message comes: none comes here.
    const subscription = new type(undefined);
    return { name: type.name, topic: subscription.topic, types: Object.keys(subscription.handlers) };
  });
  return { service, group, subscriptions };
}
