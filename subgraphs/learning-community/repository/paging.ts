import type { Connection } from '#kernel/connection';
import type { CursorCodec, CursorKey } from '#kernel/cursor';
import type { IndexName } from '#kernel/table/definition';
import type { Item, QuerySpec, Table } from '#kernel/table/table';

/** A page request as parsed from `first` and `after`. */
export interface PageRequest {
  first: number;
  after?: string | null;
}

/** The key attributes DynamoDB resumes a query of the table or an index from. */
export function positionOf(item: Item, index?: IndexName): Record<string, string> {
  const position: Record<string, string> = { pk: item.pk, sk: item.sk };
  if (index) {
    position[`${index}pk`] = String(item[`${index}pk`]);
    position[`${index}sk`] = String(item[`${index}sk`]);
  }
  return position;
}

/** The scope a listing's cursors are signed for: its index, partition and prefix. */
export function scopeOf(spec: Omit<QuerySpec, 'limit' | 'startKey'>): string {
  return [spec.index ?? 'table', spec.partition, spec.beginsWith ?? ''].join('|');
}

/**
 * One page of a partition as a connection. Reads one item more than asked, so `hasNextPage`
 * is exact; cursors are signed for this partition, so another listing's cursor is refused.
 *
 * @param table - the table
 * @param cursors - the cursor codec
 * @param spec - the partition (and index, prefix and direction) to read
 * @param page - page size and the cursor to resume after
 * @param toNode - maps a stored item to the node
 */
export async function queryConnection<T>(
  table: Table,
  cursors: CursorCodec,
  spec: Omit<QuerySpec, 'limit' | 'startKey'>,
  page: PageRequest,
  toNode: (item: Item) => T,
): Promise<Connection<T>> {
  const scope = scopeOf(spec);
  const startKey: CursorKey | undefined = page.after
    ? cursors.decode(page.after, scope)
    : undefined;
  const result = await table.query({
    ...spec,
    limit: page.first + 1,
    ...(startKey ? { startKey } : {}),
  });
  const items = result.items.slice(0, page.first);
  const edges = items.map((item) => ({
    cursor: cursors.encode(positionOf(item, spec.index), scope),
    node: toNode(item),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: result.items.length > page.first,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
