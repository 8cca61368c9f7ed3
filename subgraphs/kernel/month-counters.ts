import type { ItemKey } from './keys.ts';
import type { Item, TransactAction } from './table/table.ts';

/**
 * Monthly figures kept on a municipality's counter item, one number attribute per month and
 * counter (`2026-11#started`), rather than one item a month. A municipality's figures of any
 * period are then one item, and every municipality's one batched read (Denmark's 98
 * municipalities fit in one `BatchGetItem` of 100 keys), however long the period: the programme
 * view's round trips no longer grow with municipalities times months.
 *
 * The counter item already takes an `ADD` in the same transaction as every write that changes a
 * figure, so folding the months into it adds no new point of contention. An item holds at most
 * a few hundred bytes a month, far below DynamoDB's 400 KB for the programme's lifetime.
 */

/** What one write adds to one month's counters. */
export interface MonthCounterChange {
  /** `YYYY-MM` */
  month: string;
  add: Readonly<Record<string, number>>;
}

const HASH = 35;
const DASH = 45;

/**
 * The month of a month counter's attribute (`2026-11` of `2026-11#enrolled`), or undefined for
 * any other attribute. Read by position rather than by regular expression: the programme reads
 * every attribute of 98 municipalities' items per subgraph and request.
 */
function monthOfAttribute(attribute: string): string | undefined {
  if (attribute.length < 9 || attribute.charCodeAt(7) !== HASH) return undefined;
  if (attribute.charCodeAt(4) !== DASH) return undefined;
  const month = attribute.slice(0, 7);
  return Number.isInteger(Number(month.slice(0, 4))) && Number.isInteger(Number(month.slice(5)))
    ? month
    : undefined;
}

/** The attribute of a month's counter on a counter item. */
export function monthCounterAttribute(month: string, counter: string): string {
  return `${month}#${counter}`;
}

function withoutZeros(values: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter(([, n]) => n !== 0));
}

/**
 * The attributes of month counters, changes to the same counter summed and zeros dropped: what
 * an `ADD` adds, or what a seeded or recounted item holds.
 */
export function monthCounterAttributes(
  changes: readonly MonthCounterChange[],
): Record<string, number> {
  const attributes: Record<string, number> = {};
  for (const { month, add } of changes) {
    for (const [counter, by] of Object.entries(add)) {
      const attribute = monthCounterAttribute(month, counter);
      attributes[attribute] = (attributes[attribute] ?? 0) + by;
    }
  }
  return withoutZeros(attributes);
}

/**
 * The one update of a counter item that a write makes (a transaction may touch an item only
 * once): counts now and month counters added together. Null when nothing changes.
 *
 * @param itemKey - the counter item
 * @param set - attributes that name the item (`entity`, `municipalityCode`)
 * @param counts - what to add to the counts of the item itself
 * @param months - what to add to month counters
 */
export function counterItemAction(
  itemKey: ItemKey,
  set: Readonly<Record<string, string>>,
  counts: Readonly<Record<string, number>>,
  months: readonly MonthCounterChange[] = [],
): TransactAction | null {
  const add = { ...withoutZeros(counts), ...monthCounterAttributes(months) };
  if (Object.keys(add).length === 0) return null;
  return { update: itemKey, spec: { set: { ...set }, add } };
}

/**
 * Every month's figures on a counter item, each named counter present (zero when never added
 * to): the typed view a subgraph's figures read.
 *
 * @param item - the counter item (undefined for a municipality never counted)
 * @param counters - the counters a month holds
 */
export function monthFiguresOf<Counter extends string>(
  item: Item | undefined,
  counters: readonly Counter[],
): Map<string, Record<Counter, number>> {
  const months = new Map<string, Record<Counter, number>>();
  for (const [month, kept] of monthCountersOf(item)) {
    const figures = {} as Record<Counter, number>;
    for (const counter of counters) figures[counter] = kept[counter] ?? 0;
    months.set(month, figures);
  }
  return months;
}

/**
 * Every month's counters on a counter item, read in one pass over its attributes: a month
 * without any counter is absent (read it as zeros).
 */
export function monthCountersOf(item: Item | undefined): Map<string, Record<string, number>> {
  const months = new Map<string, Record<string, number>>();
  for (const [attribute, value] of Object.entries(item ?? {})) {
    if (typeof value !== 'number') continue;
    const month = monthOfAttribute(attribute);
    if (month === undefined) continue;
    let counters = months.get(month);
    if (!counters) {
      counters = {};
      months.set(month, counters);
    }
    counters[attribute.slice(8)] = value;
  }
  return months;
}
