import { type Connection, toConnection } from './connection.ts';
import type { CursorCodec } from './cursor.ts';
import { type ItemLoader, primeLoader } from './entity-loader.ts';
import type { IndexName } from './table/definition.ts';
import type { Item, QuerySpec, Table } from './table/table.ts';

/** A listing: which partition (of the table or an index) it reads, and its cursors' scope. */
export interface Listing {
  query: Omit<QuerySpec, 'limit' | 'startKey'>;
  /** The listing's identity, e.g. `MUNI#265#YOUTH#ENROLLED`; a cursor works in its own only. */
  scope: string;
}

/** What reads a listing: the request's table and cursor codec, and its loader when it has one. */
export interface ListingReader {
  table: Table;
  cursors: CursorCodec;
  /** Receives the items read, so that the nodes' own lookups do not read them again. */
  loader?: ItemLoader;
}

/** What a page of a listing asks for: `first` (already validated) and the `after` cursor. */
export interface PageRequest {
  first: number;
  after?: string | null | undefined;
}

/** The key attributes DynamoDB resumes a query of the table, or of an index, from. */
export function positionOf(item: Item, index?: IndexName): Record<string, string> {
  const position: Record<string, string> = { pk: item.pk, sk: item.sk };
  if (index) {
    position[`${index}pk`] = String(item[`${index}pk`]);
    position[`${index}sk`] = String(item[`${index}sk`]);
  }
  return position;
}

/**
 * Reads one page of a listing as a connection. One item more than asked for is read, so
 * `hasNextPage` is exact (no empty last page); the cursor of `after` must have been issued for
 * the same listing, or the read is refused with `BAD_USER_INPUT`.
 *
 * @param reader - the table, the cursor codec and, if any, the request's loader
 * @param listing - the partition and scope
 * @param page - page size and cursor
 * @param fromItem - maps an item to the node
 * @param position - the key attributes DynamoDB resumes from
 * @default position - the table's and the listing's index keys
 */
export async function readPage<T>(
  reader: ListingReader,
  listing: Listing,
  page: PageRequest,
  fromItem: (item: Item) => T,
  position: (item: Item) => Record<string, string> = (item) =>
    positionOf(item, listing.query.index),
): Promise<Connection<T>> {
  const { table, cursors, loader } = reader;
  const startKey = page.after ? cursors.decode(page.after, listing.scope) : undefined;
  const result = await table.query({
    ...listing.query,
    limit: page.first + 1,
    ...(startKey ? { startKey } : {}),
  });
  const items = result.items.slice(0, page.first);
  const more = result.items.length > page.first;
  if (loader) primeLoader(loader, items);
  const last = items.at(-1);
  return toConnection(
    more && last ? { items, lastKey: position(last) } : { items },
    fromItem,
    position,
    cursors,
    listing.scope,
  );
}
