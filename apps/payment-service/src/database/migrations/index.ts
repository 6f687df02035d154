import { CreateAccounts1763769600000 } from './1763769600000-create-accounts';

/** Applied in order at startup; never edit one that has shipped, add a new one. */
export const migrations = [CreateAccounts1763769600000];
