import DataLoader from 'dataloader';
import type { ItemKey } from './keys.ts';
import type { Item, Table } from './table/table.ts';

/**
 * A per-request loader of items by key: every key asked for in one tick of the event loop
 * is read in one `BatchGetItem` (100 keys a call), so resolving a list of references costs the
 * same number of round trips whether the list holds 10 or 100 entries.
 *
 * It is the request's one read of each item, strongly consistent: a mutation's rule and its
 * command read the record once between them, and the command decides on what the rule saw. The
 * write path forgets what a command wrote (and everything, before a command runs again after a
 * lost race), so nothing later in the request reads an item as it was before the change.
 *
 * @param table - the table to read from
 */
export function createItemLoader(table: Table): DataLoader<ItemKey, Item | undefined, string> {
  return new DataLoader((keys) => table.batchGet(keys), {
    cacheKeyFn: (k) => `${k.pk}\u0000${k.sk}`,
    maxBatchSize: 100,
  });
}

/** The loader's type, for contexts. */
export type ItemLoader = ReturnType<typeof createItemLoader>;

/**
 * Hands items a query read to the request's loader, so that lookups of the same keys later in
 * the request read nothing; a key the loader holds already keeps its value.
 *
 * @param loader - the request's loader
 * @param items - items as read
 */
export function primeLoader(loader: ItemLoader, items: readonly Item[]): void {
  for (const item of items) loader.prime({ pk: item.pk, sk: item.sk }, item);
}
