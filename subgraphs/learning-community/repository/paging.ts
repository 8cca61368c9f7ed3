import type { Connection } from '#kernel/connection';
import type { CursorCodec } from '#kernel/cursor';
import { type PageRequest, readPage } from '#kernel/listing';
import type { Item, QuerySpec, Table } from '#kernel/table/table';

export type { PageRequest } from '#kernel/listing';
export { positionOf } from '#kernel/listing';

/** The scope a listing's cursors are signed for: its index, partition and prefix. */
export function scopeOf(spec: Omit<QuerySpec, 'limit' | 'startKey'>): string {
  return [spec.index ?? 'table', spec.partition, spec.beginsWith ?? ''].join('|');
}

/**
 * One page of a partition as a connection, its cursors signed for this partition (so another
 * listing's cursor is refused).
 *
 * @param table - the table
 * @param cursors - the cursor codec
 * @param spec - the partition (and index, prefix and direction) to read
 * @param page - page size and the cursor to resume after
 * @param toNode - maps a stored item to the node
 */
export function queryConnection<T>(
  table: Table,
  cursors: CursorCodec,
  spec: Omit<QuerySpec, 'limit' | 'startKey'>,
  page: PageRequest,
  toNode: (item: Item) => T,
): Promise<Connection<T>> {
  return readPage({ table, cursors }, { query: spec, scope: scopeOf(spec) }, page, toNode);
}
