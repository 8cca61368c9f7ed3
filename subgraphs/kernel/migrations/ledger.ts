import { type ItemKey, key, PREFIX } from '../keys.ts';

/**
 * Where the runner keeps its records, in one partition of the table (`MIGRATION#LEDGER`): one
 * item per applied migration (`APPLIED#<id>`), the checkpoint of the one under way
 * (`CHECKPOINT#<id>`) and the lease that lets one runner at a time apply them (`LEASE`).
 */
export const LEDGER_PARTITION = key(PREFIX.migration, 'LEDGER');

/** The sort key prefix of applied migrations' records. */
export const APPLIED_PREFIX = 'APPLIED#';

/** Key of the record that a migration was applied. */
export function appliedKey(id: string): ItemKey {
  return { pk: LEDGER_PARTITION, sk: `${APPLIED_PREFIX}${id}` };
}

/** Key of a migration's checkpoint. */
export function checkpointKey(id: string): ItemKey {
  return { pk: LEDGER_PARTITION, sk: `CHECKPOINT#${id}` };
}

/** Key of the runners' lease. */
export const LEASE_KEY: ItemKey = { pk: LEDGER_PARTITION, sk: 'LEASE' };

/** An applied migration as recorded. */
export interface AppliedMigration {
  id: string;
  description: string;
  /** ISO time it was recorded. */
  appliedAt: string;
  /** Items the migration changed, over all its runs. */
  itemsTouched: number;
}
