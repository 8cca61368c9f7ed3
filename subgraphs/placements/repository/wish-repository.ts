import { type Connection, toConnection } from '#kernel/connection';
import type { CursorCodec } from '#kernel/cursor';
import type { ItemLoader } from '#kernel/entity-loader';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Item, Table, TransactAction } from '#kernel/table/table';
import type { Wish } from '../domain/wish.ts';
import { pageRequest } from './paging.ts';
import {
  wishesOfCompanyPartition,
  wishesOfYouthPartition,
  wishFromItem,
  wishKey,
  wishToItem,
} from './wish-entity.ts';

/** Wishes by id through the request's batching loader; undefined where none exists. */
export async function loadWishes(
  loader: ItemLoader,
  ids: readonly string[],
): Promise<Array<Wish | undefined>> {
  const items = await loader.loadMany(ids.map(wishKey));
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return item ? wishFromItem(item) : undefined;
  });
}

/** One wish, read strongly consistent (for a write that follows). */
export async function readWish(table: Table, id: string): Promise<Wish | undefined> {
  const item = await table.get(wishKey(id));
  return item ? wishFromItem(item) : undefined;
}

/** Every wish of a young person (a handful by design), strongly consistent, for rule checks. */
export async function readAllWishesOfYouth(table: Table, youthId: string): Promise<Wish[]> {
  const items = await table.queryAll({ index: 'gsi1', partition: wishesOfYouthPartition(youthId) });
  return items.map(wishFromItem);
}

const position =
  (index: 'gsi1' | 'gsi2') =>
  (item: Item): Record<string, string> => ({
    pk: item.pk,
    sk: item.sk,
    [`${index}pk`]: String(item[`${index}pk`]),
    [`${index}sk`]: String(item[`${index}sk`]),
  });

/** A page of a young person's wishes in their order of preference (one query of gsi1). */
export async function listWishesByYouth(
  table: Table,
  cursors: CursorCodec,
  youthId: string,
  first: number,
  after: string | null | undefined,
): Promise<Connection<Wish>> {
  const partition = wishesOfYouthPartition(youthId);
  const page = await table.query({
    index: 'gsi1',
    partition,
    ...pageRequest(cursors, partition, first, after),
  });
  return toConnection(page, wishFromItem, position('gsi1'), cursors, partition);
}

/** A page of the wishes addressed to a company, newest first (one query of gsi2). */
export async function listWishesByCompany(
  table: Table,
  cursors: CursorCodec,
  companyId: string,
  first: number,
  after: string | null | undefined,
): Promise<Connection<Wish>> {
  const partition = wishesOfCompanyPartition(companyId);
  const page = await table.query({
    index: 'gsi2',
    partition,
    forward: false,
    ...pageRequest(cursors, partition, first, after),
  });
  return toConnection(page, wishFromItem, position('gsi2'), cursors, partition);
}

/**
 * The action that writes a wish: a new one on condition it does not exist, a changed one on
 * condition its version is the one read.
 *
 * @param before - the wish as read, or null when it is new
 * @param after - the wish as it becomes
 */
export function wishWriteAction(
  before: Wish | null,
  after: Wish,
): { action: TransactAction; stored: Wish } {
  const stored = { ...after, version: before ? before.version + 1 : 1 };
  return {
    action: {
      put: wishToItem(stored),
      condition: before ? versionIs(before.version) : itemMustNotExist,
    },
    stored,
  };
}
