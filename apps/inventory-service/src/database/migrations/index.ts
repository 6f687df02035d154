import { AddTimelineRecords, CreateDeadLetters, CreateMessagingTables } from '@app/messaging';
import { CreateProducts1763769600000 } from './1763769600000-create-products';
import { CreateStockReservations1763856100000 } from './1763856100000-create-stock-reservations';
import { ExactIdentifiers1764000000000 } from './1764000000000-exact-identifiers';

/** Applied in order at startup; never edit one that has shipped, add a new one. */
export const migrations = [
  CreateProducts1763769600000,
  CreateMessagingTables,
  CreateStockReservations1763856100000,
  ExactIdentifiers1764000000000,
  CreateDeadLetters,
  AddTimelineRecords,
];
