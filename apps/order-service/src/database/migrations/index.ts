import { AddTimelineRecords, CreateDeadLetters, CreateMessagingTables } from '@app/messaging';
import { CreateOrders1763769600000 } from './1763769600000-create-orders';
import { AddIdempotencyAndFences1763769700000 } from './1763769700000-add-idempotency-and-fences';
import { AddOrderOutcomes1763856100000 } from './1763856100000-add-order-outcomes';
import { ExactIdentifiers1764000000000 } from './1764000000000-exact-identifiers';
import { OneFenceTable1764000100000 } from './1764000100000-one-fence-table';
import { IndexPendingOrders1764000200000 } from './1764000200000-index-pending-orders';
import { AddFinishedAt1764000300000 } from './1764000300000-add-finished-at';
import { IndexOrdersByCreation1764200100000 } from './1764200100000-index-orders-by-creation';

/** Applied in order at startup; never edit one that has shipped, add a new one. */
export const migrations = [
  CreateOrders1763769600000,
  AddIdempotencyAndFences1763769700000,
  CreateMessagingTables,
  AddOrderOutcomes1763856100000,
  ExactIdentifiers1764000000000,
  OneFenceTable1764000100000,
  IndexPendingOrders1764000200000,
  AddFinishedAt1764000300000,
  CreateDeadLetters,
  AddTimelineRecords,
  IndexOrdersByCreation1764200100000,
];
