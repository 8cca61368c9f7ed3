import type { CursorCodec } from './cursor.ts';
import type { QueryPage } from './table/table.ts';

/** A page of a list in the Relay connection shape that every list of the contract uses. */
export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Shapes a query page into a connection. Every edge's cursor is the position after it, so a
 * client can resume from any edge; the position is signed for this listing's scope.
 *
 * @param page - the query page, fetched with `limit` = page size
 * @param toNode - maps a stored item to the node type
 * @param positionOf - the index key attributes of an item (what DynamoDB resumes from)
 * @param codec - the cursor codec
 * @param scope - the listing's identity, e.g. `MUNI#265#YOUTH`
 */
export function toConnection<T>(
  page: QueryPage,
  toNode: (item: QueryPage['items'][number]) => T,
  positionOf: (item: QueryPage['items'][number]) => Record<string, string>,
  codec: CursorCodec,
  scope: string,
): Connection<T> {
  const edges = page.items.map((item) => ({
    cursor: codec.encode(positionOf(item), scope),
    node: toNode(item),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.lastKey !== undefined,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
