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

/** What an erasure must have removed: free text found anywhere, and ids found as whole tokens. */
export interface Traces {
  /** Names, phone numbers, e-mails, parts of a CPR number: found anywhere in an item's text. */
  texts?: readonly string[];
  /**
   * Ids: found only where no letter or digit adjoins them (`YOUTH#y-7`, `"y-7"`), because a
   * short id also occurs by chance inside random text such as a ciphertext (`…uby-7rg`) or inside
   * a longer id (`y-70`).
   */
  ids?: readonly string[];
}

/**
 * A letter or digit next to a match makes it part of something else (`uby-7rg`, `y-70`); a `#`,
 * `-` or quote does not, so ids built into others (`placement-p-3`, `y-7-note-1`) still count.
 */
const ID_CHARACTER = '[\\p{L}\\p{N}]';

function wholeId(id: string): RegExp {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<!${ID_CHARACTER})${escaped}(?!${ID_CHARACTER})`, 'u');
}

/**
 * The items that hold any of the given traces, leaving out the audit trail when asked (it keeps
 * the old id by design, see `subgraphs/people/domain/erase-youth.ts`).
 *
 * @param items - the table's items
 * @param traces - the texts and ids to look for
 * @param options.exceptAudit - leave out `AUDIT#…` items
 */
export function itemsHolding(
  items: readonly Item[],
  traces: Traces,
  options: { exceptAudit?: boolean } = {},
): Item[] {
  const texts = traces.texts ?? [];
  const ids = (traces.ids ?? []).map(wholeId);
  return items.filter((item) => {
    if (options.exceptAudit && item.pk.startsWith('AUDIT#')) return false;
    const text = itemText(item);
    return texts.some((value) => text.includes(value)) || ids.some((id) => id.test(text));
  });
}
