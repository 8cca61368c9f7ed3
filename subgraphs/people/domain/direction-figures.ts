import type { FiguresPeriod } from '#kernel/figures-period';
import {
  type Cells,
  publishFigures,
  publishProgramme,
  type Suppressed,
  shareOf,
  showsAverage,
  unsuppressed,
} from '#kernel/small-cells';
import { byWhenAnswered, overallScore, type SelfAssessment } from './self-assessment.ts';
import { allSelfAssessmentItemKeys } from './self-assessment-items.ts';

/**
 * The direction figures ("is the programme building direction?", issue #20): of the young
 * people who answered the self-assessment two or more times in a period, how their answers
 * changed from the first to the latest of them — per item and overall (the mean of the items)
 * — as the median change and the share who improved. Computed from the assessments themselves,
 * so there is nothing to recount. For the programme office the counts are published by
 * `#kernel/small-cells` (each a base value rounded to a multiple of 5; the programme total the
 * sum of the municipalities as published), shares are made of the published counts, and a median
 * is shown only over 10 or more young people as published.
 */

/** The overall measure's name among the cells; item keys are upper case, so it never clashes. */
const OVERALL = 'overall';

/** One young person's change from their first to their latest assessment of the period. */
export interface DirectionChange {
  /** Latest minus first, for the overall score and for each item both answered. */
  changes: Record<string, number>;
}

/** The change of one measure (an item, or overall). */
export interface MeasureChange {
  /** Young people with two or more assessments whose first and latest both hold the measure. */
  youthAssessedTwice: number | null;
  /** Of those, the ones whose latest score is higher than their first. */
  improved: number | null;
  /** `improved` as a share of `youthAssessedTwice`, 0 to 1. */
  improvedShare: number | null;
  /** The median change, latest minus first, in points of the 1–5 scale. */
  medianChange: number | null;
}

/** The direction figures of one municipality (or the programme) for a period. */
export interface DirectionStatsFigures {
  period: { from: string; to: string };
  suppressed: boolean;
  overall: MeasureChange;
  items: Array<{ itemKey: string; change: MeasureChange }>;
}

/** The counts and changes of a population, before anything is published. */
export interface DirectionCounts {
  cells: Cells<string>;
  /** Each measure's changes, one per young person. */
  changes: Map<string, number[]>;
}

/**
 * The first day of the period's first month and the last day of its last: the figures count
 * whole months, as every other figure does, so periods a few days apart count alike.
 *
 * @param period - the period as parsed
 */
export function wholeMonths(period: FiguresPeriod): { from: string; to: string } {
  const first = period.months[0] as string;
  const last = period.months[period.months.length - 1] as string;
  const [year, month] = last.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${first}-01`, to: `${last}-${String(lastDay).padStart(2, '0')}` };
}

/**
 * Each young person's change from first to latest among the assessments given (by day answered,
 * then the instant); young people with fewer than two are left out.
 *
 * @param assessments - the assessments of a period, any order
 */
export function changesOf(assessments: readonly SelfAssessment[]): DirectionChange[] {
  const byYouth = new Map<string, SelfAssessment[]>();
  for (const assessment of assessments) {
    const own = byYouth.get(assessment.youthId) ?? [];
    own.push(assessment);
    byYouth.set(assessment.youthId, own);
  }
  const result: DirectionChange[] = [];
  for (const own of byYouth.values()) {
    if (own.length < 2) continue;
    own.sort(byWhenAnswered);
    const first = own[0] as SelfAssessment;
    const latest = own[own.length - 1] as SelfAssessment;
    const changes: Record<string, number> = {
      [OVERALL]: overallScore(latest.scores) - overallScore(first.scores),
    };
    for (const [itemKey, score] of Object.entries(latest.scores)) {
      const before = first.scores[itemKey];
      if (before !== undefined) changes[itemKey] = score - before;
    }
    result.push({ changes });
  }
  return result;
}

function cellNames(measure: string): { twice: string; improved: string } {
  return { twice: `${measure}:twice`, improved: `${measure}:improved` };
}

/** Every measure: overall, then each item any version asked. */
function measures(): string[] {
  return [OVERALL, ...allSelfAssessmentItemKeys()];
}

/**
 * The counts of a population's changes: per measure, how many changed and how many improved.
 *
 * @param changes - one per young person
 */
export function directionCounts(changes: readonly DirectionChange[]): DirectionCounts {
  const cells: Record<string, number> = {};
  const byMeasure = new Map<string, number[]>();
  for (const measure of measures()) {
    const { twice, improved } = cellNames(measure);
    const values = changes
      .map((change) => change.changes[measure])
      .filter((value): value is number => value !== undefined);
    cells[twice] = values.length;
    cells[improved] = values.filter((value) => value > 0).length;
    byMeasure.set(measure, values);
  }
  return { cells, changes: byMeasure };
}

/** Every count is a stock of the period (rounded on its own): there are no derived totals. */
const DIRECTION_PUBLISH_RULES = (cells: Cells<string>) => ({
  stocks: Object.keys(cells),
  derived: [],
});

/**
 * The median of some numbers, to two decimals; null when there are none.
 *
 * @param values - the numbers
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return Math.round(value * 100) / 100;
}

function figuresOf(
  period: { from: string; to: string },
  shown: Suppressed<string>,
  changes: Map<string, number[]>,
): DirectionStatsFigures {
  const measureOf = (measure: string): MeasureChange => {
    const { twice, improved } = cellNames(measure);
    const youthAssessedTwice = shown.cells[twice] ?? null;
    const improvedShown = shown.cells[improved] ?? null;
    return {
      youthAssessedTwice,
      improved: improvedShown,
      improvedShare: shareOf(improvedShown, youthAssessedTwice),
      medianChange: showsAverage(youthAssessedTwice, shown)
        ? median(changes.get(measure) ?? [])
        : null,
    };
  };
  return {
    period,
    suppressed: shown.suppressed,
    overall: measureOf(OVERALL),
    items: allSelfAssessmentItemKeys().map((itemKey) => ({ itemKey, change: measureOf(itemKey) })),
  };
}

/**
 * A municipality's direction figures as its own team sees them: exact.
 *
 * @param period - the whole months counted
 * @param counts - the municipality's counts
 */
export function teamDirectionFigures(
  period: { from: string; to: string },
  counts: DirectionCounts,
): DirectionStatsFigures {
  return figuresOf(period, unsuppressed(counts.cells), counts.changes);
}

/**
 * One municipality's direction figures as the programme office sees them, alone (a code outside
 * the programme's list).
 *
 * @param period - the whole months counted
 * @param counts - the municipality's counts
 */
export function publishedDirectionFigures(
  period: { from: string; to: string },
  counts: DirectionCounts,
): DirectionStatsFigures {
  const shown = publishFigures(
    { through: counts.cells, before: counts.cells },
    DIRECTION_PUBLISH_RULES(counts.cells),
  );
  return figuresOf(period, shown, counts.changes);
}

/**
 * Every municipality's direction figures and the programme total as the programme office sees
 * them: the total's counts are the sum of the municipalities' as published, its medians those
 * of every young person counted.
 *
 * @param period - the whole months counted
 * @param byMunicipality - each municipality's counts
 */
export function programmeDirectionFigures(
  period: { from: string; to: string },
  byMunicipality: ReadonlyMap<string, DirectionCounts>,
): { municipalities: Map<string, DirectionStatsFigures>; total: DirectionStatsFigures } {
  const rules = DIRECTION_PUBLISH_RULES(directionCounts([]).cells);
  const published = publishProgramme(
    new Map(
      [...byMunicipality].map(([code, counts]) => [
        code,
        { through: counts.cells, before: counts.cells },
      ]),
    ),
    rules,
  );
  const pooled = new Map<string, number[]>();
  for (const counts of byMunicipality.values()) {
    for (const [measure, values] of counts.changes) {
      pooled.set(measure, [...(pooled.get(measure) ?? []), ...values]);
    }
  }
  const municipalities = new Map<string, DirectionStatsFigures>();
  for (const [code, counts] of byMunicipality) {
    const shown = published.municipalities.get(code) as Suppressed<string>;
    municipalities.set(code, figuresOf(period, shown, counts.changes));
  }
  return { municipalities, total: figuresOf(period, published.total, pooled) };
}
