import { type Connection, toConnection } from '#kernel/connection';
import type { CursorCodec } from '#kernel/cursor';
import type { ItemLoader } from '#kernel/entity-loader';
import type { IndexName } from '#kernel/table/definition';
import type { Item, QuerySpec, Table } from '#kernel/table/table';

/** A listing: which index partition it reads, and the scope its cursors are bound to. */
export interface Listing {
  query: Omit<QuerySpec, 'limit' | 'startKey'> & { index: IndexName };
  /** The listing's identity, e.g. `MUNI#265#YOUTH#ENROLLED`; a cursor works in its own only. */
  scope: string;
}

/** What reads a listing: the request's table, cursor codec and loader. */
export interface ListingReader {
  table: Table;
  cursors: CursorCodec;
  loader: ItemLoader;
}

/** What a page of a listing asks for. */
export interface PageRequest {
  first: number;
  after?: string | null | undefined;
}

/**
 * Reads one page of a listing on an index as a connection. One item more than asked for is
 * read, so `hasNextPage` is exact; the cursor of `after` must have been issued for the same
 * listing, or the read is refused with `BAD_USER_INPUT`. The items read are primed into the
 * request's loader, so the nodes' own lookups do not read them again.
 *
 * @param reader - the table, the cursor codec and the request's loader
 * @param listing - the partition and scope
 * @param page - page size and cursor
 * @param fromItem - maps an item to the node
 */
export async function readPage<T>(
  reader: ListingReader,
  listing: Listing,
  page: PageRequest,
  fromItem: (item: Item) => T,
): Promise<Connection<T>> {
  const { table, cursors, loader } = reader;
  const index = listing.query.index;
  const positionOf = (item: Item): Record<string, string> => ({
    pk: item.pk,
    sk: item.sk,
    [`${index}pk`]: String(item[`${index}pk`]),
    [`${index}sk`]: String(item[`${index}sk`]),
  });
  const startKey = page.after ? cursors.decode(page.after, listing.scope) : undefined;
  const result = await table.query({
    ...listing.query,
    limit: page.first + 1,
    ...(startKey ? { startKey } : {}),
  });
  const items = result.items.slice(0, page.first);
  const more = result.items.length > page.first;
  for (const item of items) loader.prime({ pk: item.pk, sk: item.sk }, item);
  const last = items.at(-1);
  return toConnection(
    more && last ? { items, lastKey: positionOf(last) } : { items },
    fromItem,
    positionOf,
    cursors,
    listing.scope,
  );
}
