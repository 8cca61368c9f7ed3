import { AUDIT_KEYS } from '#kernel/audit';
import type { Item, Table } from '#kernel/table/table';

/**
 * Every audit item of one day that concerns no young person: the day's shards and the
 * unsharded partition written before them, in sort-key order.
 *
 * @param table - the table
 * @param day - the day (UTC), `YYYY-MM-DD`
 */
export async function auditItemsOfDay(table: Table, day: string): Promise<Item[]> {
  const partitions = await Promise.all(
    AUDIT_KEYS.dayPartitions(day).map((partition) => table.queryAll({ partition })),
  );
  return partitions.flat().sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
}
