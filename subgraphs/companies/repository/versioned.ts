import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Item, TransactAction } from '#kernel/table/table';

/** Anything stored with a version for optimistic locking. */
export interface Versioned {
  version: number;
}

/** The thing with its version increased by one: what a change of it is stored as. */
export function nextVersion<T extends Versioned>(before: T, after: T): T {
  return { ...after, version: before.version + 1 };
}

/**
 * The action that replaces an item only if it is still at the version that was read, so that
 * of two concurrent changes exactly one is written and the other fails with `CONFLICT`.
 *
 * @param item - the item as it is to be stored
 * @param readVersion - the version the change was made on
 */
export function putIfVersion(item: Item, readVersion: number): TransactAction {
  return { put: item, condition: versionIs(readVersion) };
}

/** The action that creates an item that must not exist yet. */
export function putNew(item: Item): TransactAction {
  return { put: item, condition: itemMustNotExist };
}
