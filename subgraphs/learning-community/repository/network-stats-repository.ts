import type { ItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import type { GroupCounts, MonthCounts, MonthRange } from '../domain/network-stats.ts';
import {
  groupCountsFromItem,
  groupCountsKey,
  monthCountsFromItem,
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
