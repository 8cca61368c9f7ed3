import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { PREFIX } from '#kernel/keys';
import type { Item, Table } from '#kernel/table/table';
import { itemText } from '../privacy-scan.ts';

/** The whole table at one moment: every item by its key, as text to compare. */
export interface TableSnapshot {
  items: ReadonlyMap<string, { item: Item; text: string }>;
}

/** An item that differs between two snapshots: added (no before), removed (no after) or changed. */
export interface TableChange {
  key: string;
  before?: Item;
  after?: Item;
}

/** Segments of the parallel scan: measured fastest on two cores with the demo world. */
const SEGMENTS = 4;

/** One segment of a parallel scan, every page. */
async function scanSegment(table: Table, segment: number): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({
        TableName: table.name,
        Segment: segment,
        TotalSegments: SEGMENTS,
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey as never } : {}),
      }),
    );
    for (const raw of page.Items ?? []) items.push(unmarshall(raw) as Item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * Reads every item of the table (a parallel scan, strongly consistent: tests only).
 *
 * @param table - the local stack's table
 */
export async function snapshotTable(table: Table): Promise<TableSnapshot> {
  const segments = await Promise.all(
    Array.from({ length: SEGMENTS }, (_, segment) => scanSegment(table, segment)),
  );
  const items = new Map<string, { item: Item; text: string }>();
  for (const item of segments.flat()) {
    items.set(`${item.pk} ${item.sk}`, { item, text: itemText(item) });
  }
  return { items };
}

/** Every item added, removed or changed between two snapshots. */
export function changesBetween(before: TableSnapshot, after: TableSnapshot): TableChange[] {
  const changes: TableChange[] = [];
  for (const [key, now] of after.items) {
    const then = before.items.get(key);
    if (!then) changes.push({ key, after: now.item });
    else if (then.text !== now.text) changes.push({ key, before: then.item, after: now.item });
  }
  for (const [key, then] of before.items) {
    if (!after.items.has(key)) changes.push({ key, before: then.item });
  }
  return changes;
}

/** Audit actions written on the request path by a call that changed nothing. */
const REQUEST_PATH_AUDIT = new Set(['READ', 'REFUSED']);

/**
 * Whether a change is bookkeeping that a call which changed nothing still leaves, and so not a
 * write of its input:
 * - a new audit item of action `READ` or `REFUSED` (`AUDIT#…`): the trail of reads and refusals
 *   is appended on every request, refused ones most of all — the REFUSED ones are what the
 *   audit assertion looks for. A `CHANGE`, `EXPORT` or `ERASURE` record is not ignored: it is
 *   written only in the transaction of a change;
 * - the gateway's rate-limit counter of the caller (`RATE#…`), counted on every request.
 * Nothing else is ignored: idempotency records (`IDEMPOTENCY#…`) are written only with a change.
 */
export function isBookkeeping(change: TableChange): boolean {
  const item = change.after ?? change.before;
  const pk = String(item?.pk ?? '');
  if (pk.startsWith(`${PREFIX.rateLimit}#`)) return true;
  return (
    pk.startsWith(`${PREFIX.audit}#`) &&
    change.before === undefined &&
    REQUEST_PATH_AUDIT.has(String(change.after?.action))
  );
}

/** The audit items among the changes that record a refusal, by the request they belong to. */
export function refusalsByCorrelation(changes: readonly TableChange[]): Map<string, Item[]> {
  const found = new Map<string, Item[]>();
  for (const { before, after } of changes) {
    if (before || !after || after.action !== 'REFUSED') continue;
    if (!String(after.pk).startsWith(`${PREFIX.audit}#`)) continue;
    const id = String(after.correlationId);
    found.set(id, [...(found.get(id) ?? []), after]);
  }
  return found;
}
