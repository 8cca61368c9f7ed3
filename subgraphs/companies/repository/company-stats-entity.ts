import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { monthCounterAttributes, monthFiguresOf } from '#kernel/month-counters';
import type { Item } from '#kernel/table/table';
import type { UnitOfWork } from '#kernel/unit-of-work';
import { MunicipalityCodeSchema } from '#kernel/validation';
import {
  COMPANY_MONTH_COUNTERS,
  type CompanyFigures,
  type CompanyMonthChange,
} from '../domain/company-figures.ts';
import type { CompanyStatsChange } from '../domain/company-stats.ts';

/**
 * A municipality's company figures: one counter item (`pk MUNI#<code>`, `sk STATS#COMPANY`) with
 * a number attribute per status (the counts now) and one per month and counter
 * (`2026-11#joined`, see `#kernel/month-counters`). Every join, pause, resume and leave adds to
 * it with `ADD` in its own transaction, so the figures never need a count of the companies, and
 * any period of a municipality's figures is this one item.
 */
export function companyStatsKey(municipalityCode: string): ItemKey {
  return {
    pk: key(PREFIX.municipality, municipalityCode),
    sk: key(PREFIX.stats, PREFIX.company),
  };
}

/**
 * The counter item as stored: the counts by status (zero when never added to) and, beside them,
 * the month counters, kept as the flat number attributes they are stored as.
 */
const CompanyFiguresItemSchema = z.looseObject({
  municipalityCode: MunicipalityCodeSchema,
  active: z.number().default(0),
  paused: z.number().default(0),
  left: z.number().default(0),
});

/** A municipality's counter item of company figures. */
export type CompanyFiguresItem = z.infer<typeof CompanyFiguresItemSchema>;

/** A municipality's counter item of company figures. */
export const CompanyFiguresEntity = defineEntity<CompanyFiguresItem>({
  name: 'CompanyStats',
  schema: CompanyFiguresItemSchema,
  key: (figures) => companyStatsKey(figures.municipalityCode),
  // The schema keeps unknown attributes (the month counters), so the key is left out here.
  decode: ({ pk: _pk, sk: _sk, entity: _entity, ...attributes }) => attributes,
});

/**
 * The counts and every month's figures of a counter item; nothing counted for a municipality
 * without one.
 *
 * @param figures - the counter item, undefined when none exists
 */
export function companyFiguresOf(figures: CompanyFiguresItem | undefined): CompanyFigures {
  return {
    counts: {
      active: figures?.active ?? 0,
      paused: figures?.paused ?? 0,
      left: figures?.left ?? 0,
    },
    months: monthFiguresOf(figures && CompanyFiguresEntity.toItem(figures), COMPANY_MONTH_COUNTERS),
  };
}

/**
 * The stored counter item of a municipality with given figures (seeding, the recount's `fix`).
 *
 * @param municipalityCode - the municipality
 * @param figures - its counts and months' figures
 */
export function companyFiguresItem(municipalityCode: string, figures: CompanyFigures): Item {
  return CompanyFiguresEntity.toItem({
    municipalityCode,
    ...figures.counts,
    ...monthCounterAttributes(
      [...figures.months].map(([month, monthFigures]) => ({ month, add: { ...monthFigures } })),
    ),
  });
}

/**
 * Stages additions to a municipality's counter item: counts and months' counters, merged by the
 * unit with any other addition to the same item into one `ADD`.
 *
 * @param work - the unit of work
 * @param municipalityCode - the municipality
 * @param counts - how much to add to each count (negative to subtract)
 * @param months - what to add to months' counters
 */
export function countCompanyFigures(
  work: UnitOfWork,
  municipalityCode: string,
  counts: CompanyStatsChange,
  months: readonly CompanyMonthChange[],
): void {
  work.count(
    companyStatsKey(municipalityCode),
    { entity: CompanyFiguresEntity.name, municipalityCode },
    // Partial only in type: a change names just the counts it moves.
    counts as Record<string, number>,
    months.map(({ month, add }) => ({ month, add: add as Record<string, number> })),
  );
}
