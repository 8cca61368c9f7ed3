import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import {
  type MonthCounterChange,
  monthCounterAttributes,
  monthFiguresOf,
} from '#kernel/month-counters';
import type { Item } from '#kernel/table/table';
import type { UnitOfWork } from '#kernel/unit-of-work';
import { MunicipalityCodeSchema } from '#kernel/validation';
import type { NetworkGroupKind } from '../domain/network-group.ts';
import { type GroupCounts, MONTH_COUNTERS, type MonthCounts } from '../domain/network-stats.ts';
import { SUGGESTION_COUNTERS, type SuggestionMonthCounts } from '../domain/suggestion-figures.ts';

/**
 * A municipality's network counters: one item with the number of groups of each kind, which
 * also holds each month's sessions held and attendance (`#kernel/month-counters`), so that a
 * period is a sum of months read from one item. Every write that changes a figure adds to its
 * counter in the same unit of work (`work.count`), which merges every delta to the item into
 * one `ADD`.
 */
function statsPartition(municipalityCode: string): string {
  return key(PREFIX.stats, municipalityCode, 'NETWORK');
}

/** Key of the counter item of a municipality: its group counts and its month counters. */
export function groupCountsKey(municipalityCode: string): ItemKey {
  return { pk: statsPartition(municipalityCode), sk: 'GROUPS' };
}

/**
 * The counter item as stored: the municipality, its group counts and one number per month and
 * counter (`2026-11#present`); a counter never added to is absent.
 */
export const NetworkCountersSchema = z
  .object({
    municipalityCode: MunicipalityCodeSchema,
    youthGroups: z.number().int().default(0),
    companyGroups: z.number().int().default(0),
  })
  .catchall(z.number());

/** The counter item of a municipality. */
export type NetworkCounters = z.infer<typeof NetworkCountersSchema>;

/** The counter item: its value is its attributes, so the month counters need no mapping. */
export const NetworkCountersEntity = defineEntity<NetworkCounters>({
  name: 'NetworkGroupCounts',
  schema: NetworkCountersSchema,
  key: (counters) => groupCountsKey(counters.municipalityCode),
  decode: ({ pk: _pk, sk: _sk, entity: _entity, ...attributes }) => attributes,
});

/**
 * The attributes that name the counter item, set by every update of it.
 *
 * @param municipalityCode - the municipality
 */
export function networkCounterNames(municipalityCode: string) {
  return { entity: NetworkCountersEntity.name, municipalityCode };
}

/**
 * Counts a group created (+1) or removed (-1) in its municipality's figures.
 *
 * @param work - the unit of work
 * @param municipalityCode - the group's municipality
 * @param kind - the group's kind
 * @param delta - +1 or -1
 */
export function countGroup(
  work: UnitOfWork,
  municipalityCode: string,
  kind: NetworkGroupKind,
  delta: number,
): void {
  work.count(
    groupCountsKey(municipalityCode),
    networkCounterNames(municipalityCode),
    kind === 'YOUTH' ? { youthGroups: delta } : { companyGroups: delta },
  );
}

/**
 * Adds what a recording moves to a month's counters (nothing, when the same attendance is
 * recorded again).
 *
 * @param work - the unit of work
 * @param municipalityCode - the session's municipality
 * @param month - the session's month, `YYYY-MM`
 * @param delta - what the recording moves
 */
export function countMonth(
  work: UnitOfWork,
  municipalityCode: string,
  month: string,
  delta: MonthCounts,
): void {
  work.count(groupCountsKey(municipalityCode), networkCounterNames(municipalityCode), {}, [
    { month, add: { ...delta } },
  ]);
}

/**
 * Adds what a change of a suggestion moves to its municipality's month counters
 * (`suggestionChange`), in the change's own unit of work.
 *
 * @param work - the unit of work
 * @param municipalityCode - the suggestion's municipality
 * @param changes - what the change moves
 */
export function countSuggestion(
  work: UnitOfWork,
  municipalityCode: string,
  changes: readonly MonthCounterChange[],
): void {
  if (changes.length === 0) return;
  work.count(groupCountsKey(municipalityCode), networkCounterNames(municipalityCode), {}, changes);
}

/**
 * The counter item as the writes leave it (for seeding and the recount's corrections).
 *
 * @param municipalityCode - the municipality
 * @param counts - its group counts
 * @param months - what every recorded session added to its month
 */
export function networkCountsToItem(
  municipalityCode: string,
  counts: GroupCounts,
  months: readonly MonthCounterChange[],
): Item {
  // The month attributes are the schema's catch-all numbers, which TypeScript cannot tell apart
  // from the named string attribute; the schema checks the item when it is read.
  const counters = { municipalityCode, ...counts, ...monthCounterAttributes(months) };
  return NetworkCountersEntity.toItem(counters as NetworkCounters);
}

/** Group counters of a counter item; zero when none exists yet. */
export function groupCountsOf(counters: NetworkCounters | undefined): GroupCounts {
  return {
    youthGroups: counters?.youthGroups ?? 0,
    companyGroups: counters?.companyGroups ?? 0,
  };
}

/**
 * Every month's counters of a counter item, by `YYYY-MM`, in one pass over its attributes; a
 * month nothing was recorded in is absent.
 */
export function monthCountsOf(counters: NetworkCounters | undefined): Map<string, MonthCounts> {
  return monthFiguresOf(counters as Item | undefined, MONTH_COUNTERS);
}

/** Every month's suggestion counters of a counter item, by `YYYY-MM` (see {@link monthCountsOf}). */
export function suggestionMonthsOf(
  counters: NetworkCounters | undefined,
): Map<string, SuggestionMonthCounts> {
  return monthFiguresOf(counters as Item | undefined, SUGGESTION_COUNTERS);
}
