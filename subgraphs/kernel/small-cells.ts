/**
 * Small-cell suppression of the figures shown to the programme office, one rule for every
 * subgraph so a figure is hidden the same way wherever it comes from.
 *
 * - Primary: a count of 1 to {@link SMALL_CELL_MAX} people is hidden (null). Zero is shown:
 *   "nobody" singles nobody out. The limit is 5, stricter than the floor of 3 that Statistics
 *   Denmark sets for researchers.
 * - Secondary, within one figures object: where cells add up (a total and its parts), a relation
 *   with exactly one hidden cell would give it away (total minus the others), so the smallest
 *   shown non-zero other part is hidden too (or the total, if no such part remains).
 * - Secondary, across municipalities: the programme total of a cell is the sum of the
 *   municipalities' cells, so when exactly one municipality's cell is hidden the same cell of
 *   the municipality with the smallest shown non-zero count is hidden too (or the total's).
 * - Both rules run until nothing more is hidden (a cell hidden for one may open another).
 * - A share or rate computed from a hidden count is hidden with it (the callers' job:
 *   {@link shareOf}).
 *
 * Staff of a municipality see their own figures unsuppressed; the callers decide who gets
 * {@link suppressFigures} or {@link suppressProgramme} and who gets the counts as they are.
 */

/** The largest count that is hidden from the programme office. */
export const SMALL_CELL_MAX = 4;

/** Named counts of one figures object. */
export type Cells<K extends string> = Readonly<Record<K, number>>;

/** Named counts as shown: null where hidden. */
export type ShownCells<K extends string> = Record<K, number | null>;

/** Cells that add up: `total` is the sum of `parts`. */
export interface Additive<K extends string> {
  total: K;
  parts: readonly K[];
}

/** A figures object as shown, with whether anything in it was hidden. */
export interface Suppressed<K extends string> {
  cells: ShownCells<K>;
  /** True when at least one cell is hidden. */
  suppressed: boolean;
}

/** Whether a count is a small cell (1 to {@link SMALL_CELL_MAX}). */
export function isSmallCell(count: number): boolean {
  return count > 0 && count <= SMALL_CELL_MAX;
}

function keysOf<K extends string>(cells: Cells<K>): K[] {
  return Object.keys(cells) as K[];
}

/**
 * Hides one more cell of a relation that has exactly one hidden: the smallest shown non-zero
 * candidate, else the fallback. Returns whether anything was hidden.
 */
function protectRelation<K>(
  members: readonly K[],
  candidates: readonly K[],
  fallback: K,
  count: (member: K) => number,
  hidden: Set<K>,
): boolean {
  const hiddenMembers = members.filter((member) => hidden.has(member));
  if (hiddenMembers.length !== 1) return false;
  const [next] = candidates
    .filter((member) => !hidden.has(member) && count(member) > 0)
    .sort((a, b) => count(a) - count(b));
  if (next !== undefined) {
    hidden.add(next);
    return true;
  }
  if (!hidden.has(fallback) && members.includes(fallback) && count(fallback) > 0) {
    hidden.add(fallback);
    return true;
  }
  return false;
}

/** Adds the secondary suppressions within one figures object; true when any was added. */
function protectWithin<K extends string>(
  cells: Cells<K>,
  relations: readonly Additive<K>[],
  hidden: Set<K>,
): boolean {
  let changed = false;
  for (const { total, parts } of relations) {
    const members = [total, ...parts];
    changed = protectRelation(members, parts, total, (k) => cells[k], hidden) || changed;
  }
  return changed;
}

function shown<K extends string>(cells: Cells<K>, hidden: ReadonlySet<K>): Suppressed<K> {
  const out = {} as ShownCells<K>;
  for (const k of keysOf(cells)) out[k] = hidden.has(k) ? null : cells[k];
  return { cells: out, suppressed: hidden.size > 0 };
}

/**
 * One figures object as the programme office sees it: small cells hidden, and secondary
 * suppression within its additive relations.
 *
 * @param cells - the counts
 * @param relations - the cells that add up
 */
export function suppressFigures<K extends string>(
  cells: Cells<K>,
  relations: readonly Additive<K>[] = [],
): Suppressed<K> {
  const hidden = new Set(keysOf(cells).filter((k) => isSmallCell(cells[k])));
  while (protectWithin(cells, relations, hidden)) {
    // Repeat until a pass hides nothing more.
  }
  return shown(cells, hidden);
}

/**
 * The figures of every municipality and of the programme total as the programme office sees
 * them: {@link suppressFigures} on each, and the secondary suppression across municipalities,
 * repeated until stable. The same counts always give the same pattern, whichever of the
 * figures a request asks for.
 *
 * @param byMunicipality - each municipality's counts (every municipality, not only those asked)
 * @param relations - the cells that add up within one figures object
 * @returns each municipality's figures as shown, and the total's
 */
export function suppressProgramme<K extends string>(
  byMunicipality: ReadonlyMap<string, Cells<K>>,
  relations: readonly Additive<K>[] = [],
): { municipalities: Map<string, Suppressed<K>>; total: Suppressed<K> } {
  const codes = [...byMunicipality.keys()].sort();
  const first = byMunicipality.get(codes[0] ?? '');
  const names = first ? keysOf(first) : [];
  const total = {} as Record<K, number>;
  for (const name of names) {
    let sum = 0;
    for (const code of codes) sum += (byMunicipality.get(code) as Cells<K>)[name];
    total[name] = sum;
  }
  const hiddenOf = new Map<string, Set<K>>();
  for (const code of codes) {
    const cells = byMunicipality.get(code) as Cells<K>;
    hiddenOf.set(code, new Set(names.filter((k) => isSmallCell(cells[k]))));
  }
  const TOTAL = '\u0000total';
  hiddenOf.set(TOTAL, new Set(names.filter((k) => isSmallCell(total[k]))));
  const cellsOf = (code: string): Cells<K> =>
    code === TOTAL ? total : (byMunicipality.get(code) as Cells<K>);

  let changed = true;
  while (changed) {
    changed = false;
    for (const [code, hidden] of hiddenOf) {
      changed = protectWithin(cellsOf(code), relations, hidden) || changed;
    }
    for (const name of names) {
      // The relation "total = sum of the municipalities" for one cell, as a set of hidden flags.
      const column = new Set<string>(
        [...hiddenOf].filter(([, hidden]) => hidden.has(name)).map(([code]) => code),
      );
      const added = protectRelation(
        [TOTAL, ...codes],
        codes,
        TOTAL,
        (code) => cellsOf(code)[name],
        column,
      );
      if (added) {
        for (const code of column) hiddenOf.get(code)?.add(name);
        changed = true;
      }
    }
  }
  const municipalities = new Map<string, Suppressed<K>>();
  for (const code of codes) {
    municipalities.set(code, shown(cellsOf(code), hiddenOf.get(code) as Set<K>));
  }
  return { municipalities, total: shown(total, hiddenOf.get(TOTAL) as Set<K>) };
}

/** Figures shown as they are (the municipality's own team): nothing hidden. */
export function unsuppressed<K extends string>(cells: Cells<K>): Suppressed<K> {
  return shown(cells, new Set());
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
