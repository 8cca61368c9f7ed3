import type { Item, Table } from '#kernel/table/table';
import type { FigureDifference, RecountReport } from '#people/maintenance/recount';
import { NetworkGroupKindSchema } from '../domain/network-group.ts';
import { monthDelta } from '../domain/network-session.ts';
import { type MonthCounts, monthOf, monthRange } from '../domain/network-stats.ts';
import { listAllGroupsOfMunicipality } from '../repository/network-group-repository.ts';
import { sessionFromItem, sessionsOfGroupQuery } from '../repository/network-session-entity.ts';
import {
  groupCountsFromItem,
  groupCountsKey,
  groupCountsToItem,
  monthCountsFromItem,
  monthCountsKey,
  monthCountsToItem,
  monthsQuery,
} from '../repository/network-stats-entity.ts';
import { listMunicipalityCodes } from '../repository/network-stats-repository.ts';

const MONTH_COUNTERS: readonly (keyof MonthCounts)[] = [
  'sessionsHeld',
  'present',
  'absent',
  'excused',
];
const EMPTY: MonthCounts = { sessionsHeld: 0, present: 0, absent: 0, excused: 0 };

/**
 * The learning community's recount: every municipality's group counts and month counters
 * computed again from its groups (gsi listing) and their sessions (each session's attendance,
 * the authority) by the same domain function the writes use (`monthDelta`), and compared with
 * what is kept. Maintenance only: it reads whole partitions.
 *
 * @param table - the table
 * @param options - `fix`: write the recounted figures over the kept ones where they differ
 */
export async function recountNetworkFigures(
  table: Table,
  options: { fix?: boolean } = {},
): Promise<RecountReport> {
  const differences: FigureDifference[] = [];
  const corrections: Item[] = [];
  let itemsCompared = 0;
  for (const code of await listMunicipalityCodes(table)) {
    const groupsByKind = await Promise.all(
      NetworkGroupKindSchema.options.map((kind) => listAllGroupsOfMunicipality(table, code, kind)),
    );
    const groups = groupsByKind.flat();
    const recountedGroups = {
      youthGroups: groups.filter((group) => group.kind === 'YOUTH').length,
      companyGroups: groups.filter((group) => group.kind === 'COMPANY').length,
    };
    const keptGroups = groupCountsFromItem(await table.get(groupCountsKey(code)));
    itemsCompared += 1;
    for (const counter of ['youthGroups', 'companyGroups'] as const) {
      if (keptGroups[counter] !== recountedGroups[counter]) {
        differences.push({
          key: groupCountsKey(code),
          counter,
          kept: keptGroups[counter],
          recounted: recountedGroups[counter],
        });
      }
    }
    if (
      keptGroups.youthGroups !== recountedGroups.youthGroups ||
      keptGroups.companyGroups !== recountedGroups.companyGroups
    ) {
      corrections.push(groupCountsToItem(code, recountedGroups));
    }

    const months = new Map<string, MonthCounts>();
    for (const group of groups) {
      for (const item of await table.queryAll(sessionsOfGroupQuery(group.id))) {
        const session = sessionFromItem(item);
        if (!session.attendanceRecordedAt) continue;
        const blank = { ...session, attendance: [], attendanceRecordedAt: undefined };
        const delta = monthDelta(blank, session);
        const sum = months.get(monthOf(session.date)) ?? { ...EMPTY };
        for (const counter of MONTH_COUNTERS) sum[counter] += delta[counter];
        months.set(monthOf(session.date), sum);
      }
    }
    const keptMonths = new Map(
      (await table.queryAll(monthsQuery(code, monthRange()))).map((item) => [
        String(item.month),
        monthCountsFromItem(item),
      ]),
    );
    for (const month of new Set([...months.keys(), ...keptMonths.keys()])) {
      const recounted = months.get(month) ?? EMPTY;
      const kept = keptMonths.get(month) ?? EMPTY;
      itemsCompared += 1;
      const monthDifferences = MONTH_COUNTERS.filter((c) => kept[c] !== recounted[c]).map(
        (counter) => ({
          key: monthCountsKey(code, month),
          counter,
          kept: kept[counter],
          recounted: recounted[counter],
        }),
      );
      if (monthDifferences.length > 0) corrections.push(monthCountsToItem(code, month, recounted));
      differences.push(...monthDifferences);
    }
  }
  if (options.fix && corrections.length > 0) await table.putMany(corrections);
  return { itemsCompared, differences, fixed: Boolean(options.fix) && corrections.length > 0 };
}
