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

/** Counts from 1 to this are hidden from the programme office, so nobody can be singled out. */
export const SMALL_CELL_LIMIT = 4;

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

/**
 * The figures as shown to a caller. For the programme office (`suppressSmallCells`), counts of 1
 * to {@link SMALL_CELL_LIMIT} are hidden; where that hides exactly one status, the smallest other
 * non-zero status is hidden as well, so the hidden one cannot be worked out from the total.
 *
 * @param counts - the counter item's counts
 * @param suppressSmallCells - whether small cells are hidden (programme office)
 */
export function youthStatsView(counts: YouthCounts, suppressSmallCells: boolean): YouthStatsView {
  const total = YOUTH_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  const isSmall = (n: number) => n > 0 && n <= SMALL_CELL_LIMIT;
  const hidden = new Set<YouthStatus>(
    suppressSmallCells ? YOUTH_STATUSES.filter((status) => isSmall(counts[status])) : [],
  );
  if (hidden.size === 1) {
    const [nextSmallest] = YOUTH_STATUSES.filter((s) => !hidden.has(s) && counts[s] > 0).sort(
      (a, b) => counts[a] - counts[b],
    );
    if (nextSmallest) hidden.add(nextSmallest);
  }
  const view: YouthStatsView = {
    total: suppressSmallCells && isSmall(total) ? null : total,
    enrolled: null,
    inPlacement: null,
    inEducation: null,
    inJob: null,
    paused: null,
    exited: null,
  };
  for (const status of YOUTH_STATUSES) {
    view[FIELD_OF[status]] = hidden.has(status) ? null : counts[status];
  }
  return view;
}
