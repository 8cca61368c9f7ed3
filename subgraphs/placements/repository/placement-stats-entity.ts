import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import {
  type MonthCounterChange,
  monthCounterAttribute,
  monthCountersOf,
} from '#kernel/month-counters';
import type { Item } from '#kernel/table/table';
import type { UnitOfWork } from '#kernel/unit-of-work';
import { PLACEMENT_STATUSES, type PlacementStatus } from '../domain/placement.ts';
import type { CounterChange } from '../domain/placement-figures.ts';

/**
 * The counter item of a municipality's placement figures (`STATS#MUNI#<code>` /
 * `PLACEMENTS#STATUS`). It is changed (`ADD`) in the same transaction as the placement write that
 * changes a figure, so the figures are exact and reading them never reads the placements. It
 * holds:
 *
 * - the counts by current status (`ACTIVE`, ...);
 * - every month's counters as `<YYYY-MM>#<counter>` (`#kernel/month-counters`): started,
 *   extended, completed, interrupted, outcomes by kind, retention follow-ups kept and lost, and
 *   the first placements with their histogram of weeks from enrolment (`FIRST_WEEK_<n>`).
 *
 * A period of every municipality is then one batched read of one item per municipality, however
 * many months it spans.
 */

/** Partition of a municipality's statistics (shared with other subgraphs' figures by sort key). */
export function municipalityStatsPartition(municipalityCode: string): string {
  return key(PREFIX.stats, PREFIX.municipality, municipalityCode);
}

const STATUS_ENTITY = 'PlacementStatusCounters';
const SORT_KEY = 'PLACEMENTS#STATUS';

/** Key of the counter item of a municipality's placements: counts by status and month counters. */
export function statusCountersKey(municipalityCode: string): ItemKey {
  return { pk: municipalityStatsPartition(municipalityCode), sk: SORT_KEY };
}

/** Counters by name (records as catch-all objects: see `placement-guard-entity.ts`). */
const counts = z.object({}).catchall(z.number());

/** A municipality's kept placement figures as read: counts by status now and by month. */
export const PlacementCountersSchema = z.object({
  municipalityCode: z.string(),
  /** Placements by status now (0 for a status never counted). */
  counts: z.object(
    Object.fromEntries(PLACEMENT_STATUSES.map((s) => [s, z.number()])) as Record<
      PlacementStatus,
      z.ZodNumber
    >,
  ),
  /** Each month's counters by month (`YYYY-MM`); a month never counted is absent. */
  months: z.object({}).catchall(counts),
});

/** A municipality's kept placement figures. */
export type PlacementCounters = z.infer<typeof PlacementCountersSchema>;

const numberOr0 = (value: unknown) => (typeof value === 'number' ? value : 0);

/**
 * The counter item, read as counts by status and by month. It is only ever read through this
 * entity: writes add to it ({@link stageCounterChanges}), the seeder and the recount write the
 * attributes {@link counterItems} gives.
 */
export const PlacementCountersEntity = defineEntity<PlacementCounters>({
  name: STATUS_ENTITY,
  schema: PlacementCountersSchema,
  key: (counters) => statusCountersKey(counters.municipalityCode),
  decode: (item) => ({
    municipalityCode: item.pk.slice(municipalityStatsPartition('').length),
    counts: Object.fromEntries(PLACEMENT_STATUSES.map((s) => [s, numberOr0(item[s])])),
    months: Object.fromEntries(monthCountersOf(item)),
  }),
});

/** A municipality's figures when nothing was counted yet. */
export function noCounters(municipalityCode: string): PlacementCounters {
  return {
    municipalityCode,
    counts: Object.fromEntries(
      PLACEMENT_STATUSES.map((s) => [s, 0]),
    ) as PlacementCounters['counts'],
    months: {},
  };
}

interface MunicipalityChanges {
  counts: Record<string, number>;
  months: MonthCounterChange[];
}

/** The changes by municipality: every change of a municipality goes to its one item. */
function changesByMunicipality(
  changes: readonly CounterChange[],
): Map<string, MunicipalityChanges> {
  const byMunicipality = new Map<string, MunicipalityChanges>();
  for (const change of changes) {
    const entry = byMunicipality.get(change.municipalityCode) ?? { counts: {}, months: [] };
    if (change.kind === 'status') {
      entry.counts[change.status] = (entry.counts[change.status] ?? 0) + change.by;
    } else {
      entry.months.push({ month: change.month, add: { [change.counter]: change.by } });
    }
    byMunicipality.set(change.municipalityCode, entry);
  }
  return byMunicipality;
}

/**
 * Stages the counter changes of one placement write on its unit of work: one `ADD` per
 * municipality's counter item (the unit sums several deltas to one item and drops zeros).
 *
 * @param work - the unit of work
 * @param changes - the changes of the write
 */
export function stageCounterChanges(work: UnitOfWork, changes: readonly CounterChange[]): void {
  for (const [code, { counts: statusCounts, months }] of changesByMunicipality(changes)) {
    work.count(statusCountersKey(code), { entity: STATUS_ENTITY }, statusCounts, months);
  }
}

/**
 * Counter items with absolute values, for seeding and the recount: the same keys and
 * attributes as the staged `ADD`s produce.
 *
 * @param changes - every change the placements would have made
 */
export function counterItems(changes: readonly CounterChange[]): Item[] {
  return [...changesByMunicipality(changes)]
    .map(([code, { counts: statusCounts, months }]) => {
      const attributes: Record<string, number> = { ...statusCounts };
      for (const { month, add } of months) {
        for (const [counter, by] of Object.entries(add)) {
          const attribute = monthCounterAttribute(month, counter);
          attributes[attribute] = (attributes[attribute] ?? 0) + by;
        }
      }
      const nonZero = Object.fromEntries(Object.entries(attributes).filter(([, n]) => n !== 0));
      return { ...statusCountersKey(code), entity: STATUS_ENTITY, ...nonZero };
    })
    .filter((item) => Object.keys(item).length > 3);
}
