import type { ItemLoader } from '#kernel/entity-loader';
import type { Item, Table } from '#kernel/table/table';

/** What the repository writes through: the table, and the request's loader to keep in step. */
export interface CompaniesStore {
  table: Table;
  loader: ItemLoader;
}

/**
 * Puts written items into the request's loader, so that the rest of the request (the
 * mutation's payload) sees what was just written rather than an eventually consistent read.
 *
 * @param store - the table and the request's loader
 * @param items - the items as written
 */
export function remember(store: CompaniesStore, items: readonly Item[]): void {
  for (const item of items) {
    const itemKey = { pk: item.pk, sk: item.sk };
    store.loader.clear(itemKey).prime(itemKey, item);
  }
}

/**
 * Forgets a deleted item in the request's loader.
 *
 * @param store - the table and the request's loader
 * @param itemKey - the deleted item's key
 */
export function forget(store: CompaniesStore, itemKey: { pk: string; sk: string }): void {
  store.loader.clear(itemKey).prime(itemKey, undefined);
}
