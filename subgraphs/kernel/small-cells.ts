/**
 * How the programme office's figures protect small cells, one rule for every subgraph so that
 * no combination of the answers the programme office can ask for pins a count of 1 to
 * {@link SMALL_CELL_MAX}: periods a month apart, the same population counted by two subgraphs,
 * a municipality against the programme total, a total against its parts.
 *
 * Suppressing each answer's small cells alone (the rule before) failed: two periods a month
 * apart, each safe, differ by a count of 2. Enumerating such attacks cannot end, so the method
 * is deterministic rounding to base {@link ROUNDING_BASE}, made additive by construction
 * (controlled rounding in the sense of the tabular disclosure control literature; Statistics
 * Denmark rounds to base 5 or suppresses counts under 3 to 5 in the tables it publishes):
 *
 * - Base values. Only these are rounded, each to the nearest multiple of 5
 *   ({@link roundToBase}: 0–2 → 0, 3–7 → 5, 8–12 → 10, …): for each municipality and count,
 *   the count now (a stock: young people by status, placements by status) or, for a flow, the
 *   cumulative count from the programme's first month through a month. Periods are whole
 *   months (`figures-period.ts`), so a period's flow is published as the rounded cumulative
 *   count through its last month minus the rounded cumulative count before its first
 *   ({@link Cumulative}). Every published count is therefore a multiple of 5, and every
 *   period's, municipality's and total's count is a sum or difference of base values.
 * - Totals of parts (a status total, ended = completed + interrupted, …) are published as the
 *   sum of their parts as published ({@link PublishRules.derived}), and the programme total as
 *   the sum of the municipalities as published, so those relations hold among the published
 *   figures themselves and tell nothing about the counts.
 * - Shares are computed from the published counts ({@link shareOf}); a median or an average
 *   is shown only when its population as published is at least {@link MIN_POPULATION_FOR_MEDIAN}
 *   (the callers' job: {@link showsAverage}), and an average in whole units, so that the exact
 *   quotient does not give its exact denominator away.
 *
 * The guarantee. The programme office learns at most each base value, which places the count
 * it rounds within a window of five consecutive values (0–2 for a 0). Any sum or difference of
 * published figures is a multiple of 5, so it is never a count of 1 to 4; a flow of any period
 * lies in a window of nine values (published − 4 to published + 4, and at least 0), whatever
 * other periods are asked, because the cumulative counts only grow. The same counts always
 * publish the same figures (nothing random), so repeating or aliasing a query gains nothing.
 * What remains: relations between base values that are not published as sums (the ended
 * placements by outcome against completed + interrupted; `youthStats.inPlacement` against
 * `placementStats.active`, counted by two subgraphs) can pin a count only when at least five
 * base values of one relation all sit at the edge of their windows at once (widths 2 per value
 * must add up to a multiple of 5); a relation of two or three values, as the two subgraphs'
 * counts of one population are, never can.
 *
 * Staff of a municipality see their own figures exactly ({@link unsuppressed}); the callers decide
 * who gets {@link publishFigures} or {@link publishProgramme} and who gets the counts as they
 * are.
 */

/** The largest count that must never be pinned for the programme office. */
export const SMALL_CELL_MAX = 4;

/** Every count the programme office sees is a multiple of this. */
export const ROUNDING_BASE = 5;

/** A median or an average is shown only over at least this many people, as published. */
export const MIN_POPULATION_FOR_MEDIAN = 10;

/** Named counts of one figures object. */
export type Cells<K extends string> = Readonly<Record<K, number>>;

/** Named counts as shown: null where hidden. */
export type ShownCells<K extends string> = Record<K, number | null>;

/** Cells that add up: `total` is the sum of `parts`. */
export interface Additive<K extends string> {
  total: K;
  parts: readonly K[];
}

/** A figures object as shown, with whether its counts are protected (rounded) or exact. */
export interface Suppressed<K extends string> {
  cells: ShownCells<K>;
  /** True when the counts are published protected (rounded), not as counted. */
  suppressed: boolean;
}

/**
 * The counts of one municipality for one period, before anything is published: counted from
 * the programme's first month through the period's last (`through`) and through the month
 * before the period's first (`before`). Stocks (counts now) are the same in both.
 */
export interface Cumulative<K extends string> {
  through: Cells<K>;
  before: Cells<K>;
}

/** How a subgraph's figures are published. */
export interface PublishRules<K extends string> {
  /** Counts now: published as their own rounded value, not as a difference. */
  stocks: readonly K[];
  /**
   * Totals published as the sum of their parts as published, in this order (a part may be an
   * earlier total). A total must not be a part of a later relation's total that is derived
   * first.
   */
  derived: readonly Additive<K>[];
}

/** Whether a count is a small cell (1 to {@link SMALL_CELL_MAX}). */
export function isSmallCell(count: number): boolean {
  return count > 0 && count <= SMALL_CELL_MAX;
}

/**
 * A base value as published: the nearest multiple of {@link ROUNDING_BASE} (the base is odd, so
 * no count lies halfway). Monotone: a larger count never publishes smaller.
 *
 * @param count - a count, at least 0
 */
export function roundToBase(count: number): number {
  return ROUNDING_BASE * Math.round(count / ROUNDING_BASE);
}

function keysOf<K extends string>(cells: Cells<K>): K[] {
  return Object.keys(cells) as K[];
}

/**
 * One municipality's figures of one period as the programme office sees them: every base value
 * rounded, flows as the difference of two rounded cumulative counts, totals as the sum of their
 * published parts.
 *
 * @param counts - the cumulative counts through the period and before it
 * @param rules - which counts are stocks, which totals are derived
 */
export function publishFigures<K extends string>(
  counts: Cumulative<K>,
  rules: PublishRules<K>,
): Suppressed<K> {
  return { cells: published(counts, rules), suppressed: true };
}

function published<K extends string>(
  counts: Cumulative<K>,
  rules: PublishRules<K>,
): Record<K, number> {
  const stocks = new Set<K>(rules.stocks);
  const cells = {} as Record<K, number>;
  for (const name of keysOf(counts.through)) {
    const through = roundToBase(counts.through[name]);
    cells[name] = stocks.has(name) ? through : through - roundToBase(counts.before[name]);
  }
  for (const { total, parts } of rules.derived) {
    cells[total] = parts.reduce<number>((sum, part) => sum + cells[part], 0);
  }
  return cells;
}

/**
 * The figures of every municipality and of the programme total for one period as the programme
 * office sees them: {@link publishFigures} for each municipality, and the total as the sum of
 * the municipalities as published (so it tells nothing the municipalities do not).
 *
 * @param byMunicipality - each municipality's counts (every municipality, not only those asked)
 * @param rules - which counts are stocks, which totals are derived
 * @returns each municipality's figures as published, and the total's
 */
export function publishProgramme<K extends string>(
  byMunicipality: ReadonlyMap<string, Cumulative<K>>,
  rules: PublishRules<K>,
): { municipalities: Map<string, Suppressed<K>>; total: Suppressed<K> } {
  const municipalities = new Map<string, Suppressed<K>>();
  const total = {} as Record<K, number>;
  for (const [code, counts] of byMunicipality) {
    const cells = published(counts, rules);
    municipalities.set(code, { cells, suppressed: true });
    for (const name of keysOf(cells)) total[name] = (total[name] ?? 0) + cells[name];
  }
  return { municipalities, total: { cells: total, suppressed: true } };
}

/** Figures shown as they are (the municipality's own team): nothing rounded or hidden. */
export function unsuppressed<K extends string>(cells: Cells<K>): Suppressed<K> {
  return { cells: { ...cells }, suppressed: false };
}

/**
 * Whether a median or an average over a population may be shown: always when the counts are
 * exact (the team), and to the programme office only over at least
 * {@link MIN_POPULATION_FOR_MEDIAN} people as published.
 *
 * @param population - the population's count as shown, null when hidden
 * @param figures - the figures it belongs to
 */
export function showsAverage(population: number | null, figures: { suppressed: boolean }): boolean {
  if (population === null || population === 0) return false;
  return !figures.suppressed || population >= MIN_POPULATION_FOR_MEDIAN;
}

/**
 * A share as shown: null when either count is hidden or nothing is counted.
 *
 * @param part - the count of the share, null when hidden
 * @param whole - the count it is a share of, null when hidden
 */
export function shareOf(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return part / whole;
}
