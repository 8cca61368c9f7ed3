import { type Additive, publishFigures } from '#kernel/small-cells';
import { YOUTH_STATUSES, type YouthStatus } from './youth.ts';

/** How many of a municipality's young people are in each status (one counter item). */
export type YouthCounts = Record<YouthStatus, number>;

/** The figures `Municipality.youthStats` returns; null where a small cell is suppressed. */
export interface YouthStatsView {
  total: number | null;
  enrolled: number | null;
  inPlacement: number | null;
  inEducation: number | null;
  inJob: number | null;
  paused: number | null;
  exited: number | null;
}

const FIELD_OF: Readonly<Record<YouthStatus, keyof Omit<YouthStatsView, 'total'>>> = {
  ENROLLED: 'enrolled',
  IN_PLACEMENT: 'inPlacement',
  IN_EDUCATION: 'inEducation',
  IN_JOB: 'inJob',
  PAUSED: 'paused',
  EXITED: 'exited',
};

/** Counts of a municipality with nobody enrolled yet. */
export function emptyCounts(): YouthCounts {
  return Object.fromEntries(YOUTH_STATUSES.map((status) => [status, 0])) as YouthCounts;
}

/**
 * What a move does to the counters: one less in the old status, one more in the new.
 *
 * @param from - the status before, null for an enrolment
 * @param to - the status after
 */
export function countChanges(
  from: YouthStatus | null,
  to: YouthStatus,
): Partial<Record<YouthStatus, number>> {
  if (from === to) return {};
  return from === null ? { [to]: 1 } : { [from]: -1, [to]: 1 };
}

/** The cells of the counts by status, and the one relation among them (total = statuses). */
export type StatusCell = keyof YouthStatsView;

/** The additive relation of the counts by status: the total is the sum of the statuses. */
export const STATUS_RELATION: Additive<StatusCell> = {
  total: 'total',
  parts: YOUTH_STATUSES.map((status) => FIELD_OF[status]),
};

/**
 * The counts by status as cells (total included), for the suppression of small cells.
 *
 * @param counts - the counter item's counts
 */
export function statusCells(counts: YouthCounts): Record<StatusCell, number> {
  const cells = {
    total: YOUTH_STATUSES.reduce((sum, status) => sum + counts[status], 0),
  } as Record<StatusCell, number>;
  for (const status of YOUTH_STATUSES) cells[FIELD_OF[status]] = counts[status];
  return cells;
}

/** The counts by status are stocks (counts now), published as their own rounded values. */
export const STATUS_CELLS: readonly StatusCell[] = [
  STATUS_RELATION.total,
  ...STATUS_RELATION.parts,
];

/**
 * The counts by status as shown to a caller. For the programme office (`suppressSmallCells`)
 * they are published by the kernel's rule (`#kernel/small-cells`): each status rounded to a
 * multiple of 5, the total the sum of the statuses as published.
 *
 * @param counts - the counter item's counts
 * @param suppressSmallCells - whether counts are protected (programme office)
 */
export function youthStatsView(counts: YouthCounts, suppressSmallCells: boolean): YouthStatsView {
  const cells = statusCells(counts);
  if (!suppressSmallCells) return { ...cells };
  return publishFigures(
    { through: cells, before: cells },
    { stocks: STATUS_CELLS, derived: [STATUS_RELATION] },
  ).cells as YouthStatsView;
}
