import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Item, Table } from '#kernel/table/table';

/**
 * Reads the whole table (a scan: tests only, never a request path), to look for what an erasure
 * must have removed.
 *
 * @param table - the test table or the local stack's table
 */
export async function scanWholeTable(table: Table): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({
        TableName: table.name,
        ...(startKey ? { ExclusiveStartKey: startKey as never } : {}),
      }),
    );
    for (const raw of page.Items ?? []) items.push(unmarshall(raw) as Item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** An item as text, sets included, to search for a value anywhere (keys, indexes, attributes). */
export function itemText(item: Item): string {
  return JSON.stringify(item, (_key, value) => (value instanceof Set ? [...value] : value));
}

/**
 * The items that hold any of the given values anywhere, leaving out the audit trail when asked
 * (it keeps the old id by design, see `domain/erasure.ts`).
 *
 * @param items - the table's items
 * @param values - names, contacts, CPR numbers, ids
 * @param options.exceptAudit - leave out `AUDIT#…` items
 */
export function itemsHolding(
  items: readonly Item[],
  values: readonly string[],
  options: { exceptAudit?: boolean } = {},
): Item[] {
  return items.filter((item) => {
    if (options.exceptAudit && item.pk.startsWith('AUDIT#')) return false;
    const text = itemText(item);
    return values.some((value) => text.includes(value));
  });
}
