import type { ItemKey } from '#kernel/keys';
import { monthCounterAttribute, monthFiguresOf } from '#kernel/month-counters';
import {
  differingCounters,
  type FigureDifference,
  type MunicipalityRecount,
  type RecountReport,
  recountMunicipalities,
} from '#kernel/recount-report';
import type { Table } from '#kernel/table/table';
import { type NetworkGroup, NetworkGroupKindSchema } from '../domain/network-group.ts';
import { monthDelta } from '../domain/network-session.ts';
import {
  type GroupCounts,
  MONTH_COUNTERS,
  type MonthCounts,
  monthOf,
} from '../domain/network-stats.ts';
import {
  NO_SUGGESTIONS,
  SUGGESTION_COUNTERS,
  type SuggestionMonthCounts,
  suggestionContribution,
} from '../domain/suggestion-figures.ts';
import { readAllGroupsOfMunicipality } from '../repository/network-group-repository.ts';
import { readAllSessionsOfGroup } from '../repository/network-session-repository.ts';
import {
  groupCountsKey,
  groupCountsOf,
  monthCountsOf,
  networkCounterNames,
  networkCountsToItem,
  suggestionMonthsOf,
} from '../repository/network-stats-entity.ts';
import {
  listMunicipalityCodes,
  readNetworkCounters,
} from '../repository/network-stats-repository.ts';
import { readSuggestionFiguresOfMunicipality } from '../repository/suggestion-repository.ts';

const GROUP_COUNTERS: readonly (keyof GroupCounts)[] = ['youthGroups', 'companyGroups'];
const EMPTY: MonthCounts = { sessionsHeld: 0, present: 0, absent: 0, excused: 0 };

/**
 * The learning community's recount: every municipality's group counts and month counters
 * computed again from its groups (gsi listing) and their sessions (each session's attendance,
 * the authority) by the same domain function the writes use (`monthDelta`), and its suggestion
 * counters from its suggestions and erased young people's stubs (`suggestionContribution`),
 * and compared with what its counter item keeps. Maintenance only: it reads whole partitions.
 *
 * @param table - the table
 * @param options - `fix`: add to the kept figures what they lack (`addCorrection`); a month
 *   nothing counts any more is left at zero
 */
export async function recountNetworkFigures(
  table: Table,
  options: { fix?: boolean } = {},
): Promise<RecountReport> {
  const codes = await listMunicipalityCodes(table);
  return recountMunicipalities(table, codes, (code) => recountMunicipality(table, code), options);
}

/** One municipality's group counts and month counters compared with its counter item. */
async function recountMunicipality(table: Table, code: string): Promise<MunicipalityRecount> {
  const itemKey = groupCountsKey(code);
  // The kept figures first: see `MunicipalityRecount`.
  const kept = await readNetworkCounters(table, code);
  const groupsByKind = await Promise.all(
    NetworkGroupKindSchema.options.map((kind) => readAllGroupsOfMunicipality(table, code, kind)),
  );
  const groups = groupsByKind.flat();
  const recountedGroups = {
    youthGroups: groups.filter((group) => group.kind === 'YOUTH').length,
    companyGroups: groups.filter((group) => group.kind === 'COMPANY').length,
  };
  const recountedMonths = await recountMonths(table, groups);
  const differences = [
    ...differingCounters(itemKey, groupCountsOf(kept), recountedGroups, GROUP_COUNTERS),
    ...compareMonths(itemKey, monthCountsOf(kept), recountedMonths, MONTH_COUNTERS, EMPTY),
    ...compareMonths(
      itemKey,
      suggestionMonthsOf(kept),
      await recountSuggestionMonths(table, code),
      SUGGESTION_COUNTERS,
      NO_SUGGESTIONS,
    ),
  ];
  if (differences.length === 0) return { differences, itemsCompared: 1 };
  const names = networkCounterNames(code);
  return { differences, itemsCompared: 1, correction: { key: itemKey, names, differences } };
}

/** The month counters of the groups' sessions with recorded attendance, by `YYYY-MM`. */
async function recountMonths(
  table: Table,
  groups: readonly NetworkGroup[],
): Promise<Map<string, MonthCounts>> {
  const months = new Map<string, MonthCounts>();
  for (const group of groups) {
    for (const session of await readAllSessionsOfGroup(table, group.id)) {
      if (!session.attendanceRecordedAt) continue;
      const blank = { ...session, attendance: [], attendanceRecordedAt: undefined };
      const delta = monthDelta(blank, session);
      const sum = months.get(monthOf(session.date)) ?? { ...EMPTY };
      for (const counter of MONTH_COUNTERS) sum[counter] += delta[counter];
      months.set(monthOf(session.date), sum);
    }
  }
  return months;
}

/**
 * The suggestion counters of a municipality's suggestions and erased stubs, by `YYYY-MM`.
 *
 * @param table - the table
 * @param code - the municipality
 */
export async function recountSuggestionMonths(
  table: Table,
  code: string,
): Promise<Map<string, SuggestionMonthCounts>> {
  const facts = await readSuggestionFiguresOfMunicipality(table, code);
  const item = networkCountsToItem(
    code,
    { youthGroups: 0, companyGroups: 0 },
    facts.flatMap(suggestionContribution),
  );
  return monthFiguresOf(item, SUGGESTION_COUNTERS);
}

/** Every month's counters that differ, named by their attribute on the counter item. */
function compareMonths<Counter extends string>(
  itemKey: ItemKey,
  kept: ReadonlyMap<string, Record<Counter, number>>,
  recounted: ReadonlyMap<string, Record<Counter, number>>,
  counters: readonly Counter[],
  empty: Record<Counter, number>,
): FigureDifference[] {
  const months = [...new Set([...kept.keys(), ...recounted.keys()])].sort();
  return months.flatMap((month) => {
    const keptMonth = kept.get(month) ?? empty;
    const differing = differingCounters(
      itemKey,
      keptMonth,
      recounted.get(month) ?? empty,
      counters,
    );
    return differing.map((difference) => ({
      ...difference,
      counter: monthCounterAttribute(month, difference.counter),
    }));
  });
}
