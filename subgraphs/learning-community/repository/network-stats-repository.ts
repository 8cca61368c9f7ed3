import type { ItemLoader } from '#kernel/entity-loader';
import type { Item, Table } from '#kernel/table/table';
import type { GroupCounts, MonthCounts, MonthRange } from '../domain/network-stats.ts';
import {
  groupCountsFromItem,
  groupCountsKey,
  monthCountsFromItem,
  monthCountsKey,
  monthsQuery,
} from './network-stats-entity.ts';

/** How many groups of each kind a municipality has (one item, through the loader). */
export async function readGroupCounts(
  loader: ItemLoader,
  municipalityCode: string,
): Promise<GroupCounts> {
  return groupCountsFromItem(await loader.load(groupCountsKey(municipalityCode)));
}

/** The month counters of a period, one item per month (twelve a year). */
export async function readMonthCounts(
  table: Table,
  municipalityCode: string,
  range: MonthRange,
): Promise<MonthCounts[]> {
  const items = await table.queryAll(monthsQuery(municipalityCode, range));
  return items.map(monthCountsFromItem);
}

/** A municipality's group counters and its month counters of a period. */
export interface NetworkFiguresOfPeriod {
  groups: GroupCounts;
  months: MonthCounts[];
}

/**
 * The group counter item and the month items of several municipalities over a period, through
 * the request's loader: every key in one batched read (100 keys a call), so the cost grows with
 * municipalities times months, never with sessions or people.
 *
 * @param loader - the request's loader
 * @param municipalityCodes - the municipalities
 * @param months - the months of the period, `YYYY-MM`
 */
export async function loadNetworkFigures(
  loader: ItemLoader,
  municipalityCodes: readonly string[],
  months: readonly string[],
): Promise<Map<string, NetworkFiguresOfPeriod>> {
  const keys = municipalityCodes.flatMap((code) => [
    groupCountsKey(code),
    ...months.map((month) => monthCountsKey(code, month)),
  ]);
  const items = await loader.loadMany(keys);
  const figures = new Map<string, NetworkFiguresOfPeriod>();
  municipalityCodes.forEach((code, index) => {
    const own = items.slice(index * (months.length + 1), (index + 1) * (months.length + 1));
    for (const item of own) if (item instanceof Error) throw item;
    const [groups, ...monthItems] = own as Array<Item | undefined>;
    figures.set(code, {
      groups: groupCountsFromItem(groups),
      months: monthItems.map((item) => (item ? monthCountsFromItem(item) : EMPTY_MONTH)),
    });
  });
  return figures;
}

const EMPTY_MONTH: MonthCounts = { sessionsHeld: 0, present: 0, absent: 0, excused: 0 };

/**
 * The codes of every municipality running NEXTWORK (the people subgraph's listing of
 * municipalities, gsi1 `MUNICIPALITIES`): one query, for the programme's figures.
 */
export async function listMunicipalityCodes(table: Table): Promise<string[]> {
  const items = await table.queryAll({ index: 'gsi1', partition: 'MUNICIPALITIES' });
  return items.map((item) => String(item.code));
}
