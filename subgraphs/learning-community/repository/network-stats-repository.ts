import type { ItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import type { GroupCounts, MonthCounts, MonthRange } from '../domain/network-stats.ts';
import { NO_SUGGESTIONS, type SuggestionMonthCounts } from '../domain/suggestion-figures.ts';
import {
  groupCountsKey,
  groupCountsOf,
  monthCountsOf,
  type NetworkCounters,
  NetworkCountersEntity,
  suggestionMonthsOf,
} from './network-stats-entity.ts';

/** The counter item of a municipality, read strongly consistent (maintenance and tests). */
export function readNetworkCounters(
  table: Table,
  municipalityCode: string,
): Promise<NetworkCounters | undefined> {
  return NetworkCountersEntity.read(table, groupCountsKey(municipalityCode));
}

/**
 * The counters of the months of a period that have any, in order: one strongly consistent read
 * of the municipality's counter item, however long the period.
 */
export async function readMonthCounts(
  table: Table,
  municipalityCode: string,
  range: MonthRange,
): Promise<MonthCounts[]> {
  const months = monthCountsOf(await readNetworkCounters(table, municipalityCode));
  return [...months]
    .filter(([month]) => isInRange(month, range))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, counts]) => counts);
}

/** Whether a month lies in a range; an open end takes every month on that side. */
function isInRange(month: string, { fromMonth, toMonth }: MonthRange): boolean {
  return (!fromMonth || month >= fromMonth) && (!toMonth || month <= toMonth);
}

/** A municipality's group counters and its month counters of a period, month by month. */
export interface NetworkFiguresOfPeriod {
  groups: GroupCounts;
  months: MonthCounts[];
  /** The suggestion counters of the same months, in the same order. */
  suggestions: SuggestionMonthCounts[];
}

const EMPTY_MONTH: MonthCounts = { sessionsHeld: 0, present: 0, absent: 0, excused: 0 };

/**
 * The counter items of several municipalities, through the request's loader: one key per
 * municipality in one batched read (100 keys a call), so the cost grows with municipalities,
 * never with the months of the period, sessions or people.
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
  const counters = await NetworkCountersEntity.load(loader, municipalityCodes.map(groupCountsKey));
  const figures = new Map<string, NetworkFiguresOfPeriod>();
  municipalityCodes.forEach((code, index) => {
    const kept = monthCountsOf(counters[index]);
    const suggestions = suggestionMonthsOf(counters[index]);
    figures.set(code, {
      groups: groupCountsOf(counters[index]),
      months: months.map((month) => kept.get(month) ?? EMPTY_MONTH),
      suggestions: months.map((month) => suggestions.get(month) ?? NO_SUGGESTIONS),
    });
  });
  return figures;
}

/**
 * The codes of every municipality running NEXTWORK (the people subgraph's listing of
 * municipalities, gsi1 `MUNICIPALITIES`, whose items carry `code`): one query, for the
 * programme's figures.
 */
export async function listMunicipalityCodes(table: Table): Promise<string[]> {
  const items = await table.queryAll({ index: 'gsi1', partition: 'MUNICIPALITIES' });
  return items.map((item) => String(item.code));
}
