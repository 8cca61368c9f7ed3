import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item, TransactAction } from '#kernel/table/table';
import {
  emptyMonthFigures,
  YOUTH_MONTH_COUNTERS,
  type YouthMonthChange,
  type YouthMonthFigures,
} from '../domain/youth-figures.ts';

/**
 * A municipality's monthly figures of young people: one item per month,
 * `pk MUNI#<code>` / `sk STATS#YOUTH#MONTH#<YYYY-MM>`, next to the municipality's counter item
 * (`STATS#YOUTH`), added to with `ADD` in the same transaction as every enrolment and status
 * change. A period reads one item per municipality and month, batched: never the young people.
 */

/** The entity name stored on a month item. */
export const YOUTH_MONTH_ENTITY = 'YouthMonthFigures';

const MONTH = 'MONTH';

/** Primary key of a municipality's figures of one month (`YYYY-MM`). */
export function youthMonthKey(municipalityCode: string, month: string): ItemKey {
  return {
    pk: key(PREFIX.municipality, municipalityCode),
    sk: key(PREFIX.stats, PREFIX.youth, MONTH, month),
  };
}

/** The sort key prefix of a municipality's month items (the recount lists them). */
export const YOUTH_MONTH_PREFIX = `${key(PREFIX.stats, PREFIX.youth, MONTH)}#`;

/**
 * The transaction actions that add changes to months' counters (none for no change).
 *
 * @param municipalityCode - the municipality
 * @param changes - what to add, one entry per month (see `mergeMonthChanges`)
 */
export function youthMonthActions(
  municipalityCode: string,
  changes: readonly YouthMonthChange[],
): TransactAction[] {
  return changes.map(({ month, add }) => ({
    update: youthMonthKey(municipalityCode, month),
    spec: {
      set: { entity: YOUTH_MONTH_ENTITY, municipalityCode, month },
      add: add as Record<string, number>,
    },
  }));
}

/** A stored month item with given figures (seeding, recount with `--fix`). */
export function youthMonthToItem(
  municipalityCode: string,
  month: string,
  figures: YouthMonthFigures,
): Item {
  return {
    ...youthMonthKey(municipalityCode, month),
    entity: YOUTH_MONTH_ENTITY,
    municipalityCode,
    month,
    ...figures,
  };
}

/** The figures of a month item; zero for a month without one. */
export function youthMonthFromItem(item: Item | undefined): YouthMonthFigures {
  const figures = emptyMonthFigures();
  for (const counter of YOUTH_MONTH_COUNTERS) figures[counter] = Number(item?.[counter] ?? 0);
  return figures;
}
