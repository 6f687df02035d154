import { Inject, Injectable } from '@nestjs/common';
import type { MessageView } from 'rocketmq-client-nodejs';
import { CONSUMER_OPTIONS, ConsumerOptions, EVENT_SUBSCRIPTIONS, EventSubscription } from './consumer.options';
import { withDelivery } from './delivery-context';
import { OneAtATime } from './one-at-a-time';
import { parseReceivedEvent, PoisonMessageError } from './received-event';

/** What a delivery, an in-process retry and a replay of a dead letter all hand to the dispatcher. */
export type DeliveredMessage = Pick<MessageView, 'topic' | 'tag' | 'keys' | 'body' | 'deliveryAttempt'>;

type Handler = (body: never) => Promise<void>;

/**
 * The one path from a message to its handler: parse, find the handler for its topic and tag, check the body
 * against its contract, run the handler. A message that can never pass throws PoisonMessageError.
 * Events of one order run one at a time in this process: two that arrive together (StockReserved and
 * PaymentSucceeded) would otherwise both predict from the order before the other's commit, and one would redo its
 * transaction. Across replicas the locked decision still settles such a race.
 */
@Injectable()
export class EventDispatcher {
  private readonly handlers = new Map<string, Handler>();
  private readonly perOrder = new OneAtATime();

  constructor(
    @Inject(CONSUMER_OPTIONS) private readonly options: Pick<ConsumerOptions, 'validate'>,
    @Inject(EVENT_SUBSCRIPTIONS) subscriptions: EventSubscription[],
  ) {
    for (const { topic, handlers } of subscriptions) {
      for (const [tag, handler] of Object.entries(handlers)) this.handlers.set(`${topic}/${tag}`, handler);
    }
  }

  async dispatch(message: DeliveredMessage): Promise<void> {
    const event = parseReceivedEvent(message);
    const handler = this.handlers.get(`${event.topic}/${event.tag}`);
    if (!handler) throw new PoisonMessageError(`no handler for tag ${event.tag}`);
    const problems = this.options.validate(event.body);
    if (problems.length > 0)
      throw new PoisonMessageError(`event ${event.eventId} breaks its contract: ${problems.join('; ')}`);
    const orderId = typeof event.body.orderId === 'string' ? event.body.orderId : undefined;
    const delivery = { orderId, eventType: event.tag, attempt: event.deliveryAttempt };
    const run = () => withDelivery(delivery, () => handler(event.body as never));
    await (orderId ? this.perOrder.run(orderId, run) : run());
  }
}
