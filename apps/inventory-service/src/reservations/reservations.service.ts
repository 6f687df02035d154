import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  CancelReasons,
  ConsumerGroups,
  EventTypes,
  newEvent,
  OrderCancelled,
  OrderConfirmed,
  OrderCreated,
  StockRejected,
  StockReserved,
  toMessage,
} from '@app/contracts';
import {
  assertNotFenced,
  DedupCheck,
  insertRows,
  DecisionChangedError,
  isDuplicate,
  forUpdate,
  LocalTransactions,
  publishDecision,
  recordConsumption,
  TransactionalPublisher,
} from '@app/messaging';

import { Product } from '../products/product.entity';
import { ReservedLine, StockReservation, totalsBySku } from './stock-reservation.entity';

const CONSUMER = ConsumerGroups.inventoryService;

/** What handling one OrderCreated decides; a new reservation (reserved or rejected) is announced by an event. */
interface ReservationDecision {
  kind: 'DUPLICATE' | 'ALREADY_CANCELLED' | 'RESERVED' | 'REJECTED';
  reservation?: StockReservation;
  /** The StockReserved/StockRejected event id, recorded on the reservation. */
  eventId: string;
}

/** Units move between these columns of `products`; their sum only changes when stock is set by hand. */
type StockColumn = 'available' | 'reserved' | 'sold';

@Injectable()
export class ReservationsService {
  private readonly logger = new Logger(ReservationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: LocalTransactions,
    private readonly publisher: TransactionalPublisher,
  ) {}

  /** OrderCreated: reserve every line or none, and publish StockReserved or StockRejected with it. */
  async reserveStock(event: OrderCreated): Promise<void> {
    const decision = await publishDecision(this.publisher, {
      predict: (dedup) => this.decideReservation(this.dataSource.manager, event, randomUUID(), dedup),
      // A duplicate re-announces the recorded outcome (same event id), so a lost announcement is repaired.
      messageFor: ({ reservation }) => (reservation?.outcomeEventId ? toMessage(outcomeOf(event, reservation)) : null),
      apply: (expected, limits) =>
        this.transactions.run((manager) => this.applyReservation(manager, event, expected), limits),
    });
    this.logger.debug(
      { orderId: event.orderId, eventId: event.eventId, decision: decision.kind },
      'OrderCreated handled',
    );
  }

  /** OrderConfirmed: the reserved units become sold. */
  async sellReservedStock(event: OrderConfirmed): Promise<void> {
    await this.transactions.run(async (manager) => {
      if (!(await recordConsumption(manager, CONSUMER, event.eventId))) return;
      const reservation = await this.findReservation(manager, event.orderId, true);
      const lines = reservation?.sell() ?? [];
      if (!reservation || lines.length === 0) {
        this.logger.warn(
          { orderId: event.orderId, status: reservation?.status },
          'OrderConfirmed without a reservation',
        );
        return;
      }
      await moveUnits(manager, lines, 'reserved', 'sold');
      await manager.update(StockReservation, { orderId: reservation.orderId }, { status: reservation.status });
    });
  }

  /** OrderCancelled: release a reservation; if none exists yet, leave a barrier so the late OrderCreated does nothing. */
  async releaseStock(event: OrderCancelled): Promise<void> {
    await this.transactions.run(async (manager) => {
      if (!(await recordConsumption(manager, CONSUMER, event.eventId))) return;
      const reservation = await this.findReservation(manager, event.orderId, true);
      if (!reservation) {
        await insertRows(manager, StockReservation, StockReservation.cancelledBeforeReserve(event.orderId));
        this.logger.log({ orderId: event.orderId }, 'OrderCancelled before OrderCreated: barrier recorded');
        return;
      }
      const lines = reservation.release();
      if (lines.length === 0) return;
      await moveUnits(manager, lines, 'reserved', 'available');
      await manager.update(StockReservation, { orderId: reservation.orderId }, { status: reservation.status });
    });
  }

  /** Decides from plain reads (the prediction) or, with `record`, from locked rows inside the transaction. */
  private async decideReservation(
    manager: EntityManager,
    event: OrderCreated,
    eventId: string,
    dedup: DedupCheck,
  ): Promise<ReservationDecision> {
    const lock = dedup === 'record';
    if (await isDuplicate(manager, CONSUMER, event.eventId, dedup)) {
      const recorded = await this.findReservation(manager, event.orderId, false);
      return { kind: 'DUPLICATE', reservation: recorded ?? undefined, eventId: recorded?.outcomeEventId ?? '' };
    }
    // Only a cancel that came first leaves a row to find here; a first prediction assumes none.
    if (dedup !== 'assume-first' && (await this.findReservation(manager, event.orderId, lock))) {
      return { kind: 'ALREADY_CANCELLED', eventId };
    }
    const items = event.payload.items.map(({ sku, quantity }) => ({ sku, quantity }));
    const available = await this.availableStock(manager, items, lock);
    const reservation = StockReservation.decide(event.orderId, items, available, eventId);
    return { kind: reservation.status === 'RESERVED' ? 'RESERVED' : 'REJECTED', reservation, eventId };
  }

  /** The local transaction: decide again under locks; apply only what was predicted (the half message says it). */
  private async applyReservation(manager: EntityManager, event: OrderCreated, expected: ReservationDecision) {
    const { kind, reservation } = await this.decideReservation(manager, event, expected.eventId, 'record');
    if (kind !== expected.kind) throw new DecisionChangedError(expected.kind, kind);
    if (!reservation || kind === 'DUPLICATE') return;
    if (kind === 'RESERVED') await moveUnits(manager, reservation.items, 'available', 'reserved');
    await insertRows(manager, StockReservation, reservation);
    await assertNotFenced(manager, expected.eventId);
  }

  private findReservation(manager: EntityManager, orderId: string, lock: boolean) {
    return manager.findOne(StockReservation, { where: { orderId }, ...forUpdate(lock) });
  }

  /** Locked in SKU order, so two orders for the same SKUs cannot deadlock. */
  private async availableStock(manager: EntityManager, lines: ReservedLine[], lock: boolean) {
    const skus = [...new Set(lines.map((line) => line.sku))].sort();
    const products = await manager.find(Product, {
      where: { sku: In(skus) },
      order: { sku: 'ASC' },
      ...forUpdate(lock),
    });
    return new Map(products.map((product) => [product.sku, product.available]));
  }
}

/** Moves units of each SKU from one column to another, in SKU order like every lock on products (no deadlocks). */
async function moveUnits(manager: EntityManager, lines: ReservedLine[], from: StockColumn, to: StockColumn) {
  for (const [sku, quantity] of totalsBySku(lines)) {
    await manager.query(`UPDATE products SET ${from} = ${from} - ?, ${to} = ${to} + ? WHERE sku = ?`, [
      quantity,
      quantity,
      sku,
    ]);
  }
}

/** The event that announces (or announced) a reservation's outcome, with the event id recorded on it. */
function outcomeOf(event: OrderCreated, reservation: StockReservation): StockReserved | StockRejected {
  const eventId = reservation.outcomeEventId as string;
  return reservation.wasReserved()
    ? newEvent<StockReserved>(eventId, EventTypes.stockReserved, event.orderId, { items: reservation.items })
    : newEvent<StockRejected>(eventId, EventTypes.stockRejected, event.orderId, { reason: CancelReasons.outOfStock });
}
