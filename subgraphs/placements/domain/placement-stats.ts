import type { Additive, PublishRules, Suppressed } from '#kernel/small-cells';
import { shareOf, showsAverage } from '#kernel/small-cells';
import {
  FEEDBACK_SUMS,
  type FeedbackCell,
  type FeedbackFigures,
  feedbackCells,
  feedbackFigures,
} from './feedback-figures.ts';
import {
  OUTCOME_KINDS,
  type OutcomeKind,
  PLACEMENT_STATUSES,
  type PlacementStatus,
} from './placement.ts';
import {
  FIRST_PLACEMENT_WEEK_CAP,
  type PlacementMonthCounter,
  RETENTION_FOLLOW_UPS,
  type RetentionMonths,
} from './placement-figures.ts';

/**
 * A municipality's (or the programme's) placement figures for a period, from the kept counters:
 * the counts by status now and the sum of the period's months. Every count is a count of young
 * people's placements, so for the programme office each is a cell that small-cell suppression
 * may hide (`#kernel/small-cells`); the relations below say which cells add up.
 */

/** A month's counters as read (missing counters are zero). */
export type PlacementMonthFigures = Record<string, number>;

/** Counts of placements by status now. */
export type PlacementStatusCounts = Record<PlacementStatus, number>;

/** Every count `placementStats` shows: the cells that may be hidden. */
export type PlacementCell =
  | 'planned'
  | 'active'
  | 'extended'
  | 'completed'
  | 'interrupted'
  | 'startedInPeriod'
  | 'startedChosenByYouth'
  | 'extendedInPeriod'
  | 'completedInPeriod'
  | 'interruptedInPeriod'
  | 'endedInPeriod'
  | `outcome${OutcomeKind}`
  | 'leftForEducationOrJob'
  | `followedUp${RetentionMonths}`
  | `kept${RetentionMonths}`
  | `lost${RetentionMonths}`
  | 'firstPlacements'
  | 'wishesMade'
  | 'wishesAnswered'
  | 'wishesInvited'
  | 'wishesDeclined'
  | FeedbackCell;

const FINAL_OUTCOMES = OUTCOME_KINDS.filter((kind) => kind !== 'EXTENDED');

/**
 * The totals made of one partition, published as the sum of their parts as published: the ended
 * placements are the completed and the interrupted; education and job make up those who left
 * for education or a job; a follow-up is kept or lost.
 */
const PUBLISHED_AS_SUMS: readonly Additive<PlacementCell>[] = [
  { total: 'endedInPeriod', parts: ['completedInPeriod', 'interruptedInPeriod'] },
  { total: 'leftForEducationOrJob', parts: ['outcomeEDUCATION', 'outcomeJOB'] },
  ...RETENTION_FOLLOW_UPS.map((months) => ({
    total: `followedUp${months}` as const,
    parts: [`kept${months}` as const, `lost${months}` as const],
  })),
  { total: 'wishesAnswered', parts: ['wishesInvited', 'wishesDeclined'] },
  ...FEEDBACK_SUMS,
];

/**
 * The cells that add up: those of {@link PUBLISHED_AS_SUMS}, and the ended placements are also
 * the final outcomes by kind (a second partition, which no sum of published parts can follow).
 */
export const PLACEMENT_RELATIONS: readonly Additive<PlacementCell>[] = [
  ...PUBLISHED_AS_SUMS,
  { total: 'endedInPeriod', parts: FINAL_OUTCOMES.map((kind) => `outcome${kind}` as const) },
];

/** The placement counts now (stocks); every other cell is a flow of a period. */
export const PLACEMENT_STOCKS: readonly PlacementCell[] = [
  'planned',
  'active',
  'extended',
  'completed',
  'interrupted',
];

/**
 * How the programme office's placement figures are published (`#kernel/small-cells`): the
 * counts by status are counts now; the totals that are a sum of one partition (ended = completed
 * + interrupted, education or job, a follow-up kept or lost) are the sums of their parts as
 * published. The outcomes by kind are a second partition of the ended placements: each is
 * published as a base value of its own.
 */
export const PLACEMENT_PUBLISH_RULES: PublishRules<PlacementCell> = {
  stocks: PLACEMENT_STOCKS,
  derived: PUBLISHED_AS_SUMS,
};

/** The cells of a period, and the histogram the median is read from. */
export interface PlacementPeriodCells {
  cells: Record<PlacementCell, number>;
  /** First placements started in the period by week from enrolment (index = week, 0 to 52). */
  firstPlacementWeeks: number[];
}

/**
 * The cells of a period from the status counts now and the month counters of the period.
 *
 * @param counts - the counts by status now
 * @param months - the figures of each month of the period
 */
export function placementPeriodCells(
  counts: PlacementStatusCounts,
  months: readonly PlacementMonthFigures[],
): PlacementPeriodCells {
  // One pass over the months (a month holds only the counters it counted), then lookups: the
  // programme sums some 75 counters over every month of 98 municipalities.
  const totals: Record<string, number> = {};
  for (const month of months) {
    for (const [counter, n] of Object.entries(month)) totals[counter] = (totals[counter] ?? 0) + n;
  }
  const sum = (counter: PlacementMonthCounter) => totals[counter] ?? 0;
  const outcomes = Object.fromEntries(
    OUTCOME_KINDS.map((kind) => [`outcome${kind}`, sum(`OUTCOME_${kind}`)]),
  ) as Record<`outcome${OutcomeKind}`, number>;
  const retention = Object.fromEntries(
    RETENTION_FOLLOW_UPS.flatMap((months) => {
      const kept = sum(`FOLLOW_UP_${months}_KEPT`);
      const lost = sum(`FOLLOW_UP_${months}_LOST`);
      return [
        [`followedUp${months}`, kept + lost],
        [`kept${months}`, kept],
        [`lost${months}`, lost],
      ];
    }),
  ) as Record<`${'followedUp' | 'kept' | 'lost'}${RetentionMonths}`, number>;
  const completedInPeriod = sum('COMPLETED');
  const interruptedInPeriod = sum('INTERRUPTED');
  return {
    cells: {
      planned: counts.PLANNED,
      active: counts.ACTIVE,
      extended: counts.EXTENDED,
      completed: counts.COMPLETED,
      interrupted: counts.INTERRUPTED,
      startedInPeriod: sum('STARTED'),
      startedChosenByYouth: sum('STARTED_CHOSEN'),
      extendedInPeriod: sum('EXTENDED'),
      completedInPeriod,
      interruptedInPeriod,
      endedInPeriod: completedInPeriod + interruptedInPeriod,
      ...outcomes,
      leftForEducationOrJob: outcomes.outcomeEDUCATION + outcomes.outcomeJOB,
      ...retention,
      firstPlacements: sum('FIRST_PLACEMENTS'),
      wishesMade: sum('WISHES'),
      wishesAnswered: sum('WISHES_INVITED') + sum('WISHES_DECLINED'),
      wishesInvited: sum('WISHES_INVITED'),
      wishesDeclined: sum('WISHES_DECLINED'),
      ...feedbackCells(sum),
    },
    firstPlacementWeeks: Array.from({ length: FIRST_PLACEMENT_WEEK_CAP + 1 }, (_, week) =>
      sum(`FIRST_WEEK_${week}`),
    ),
  };
}

/** The sum of several municipalities' cells (the programme total). */
export function addPlacementCells(all: readonly PlacementPeriodCells[]): PlacementPeriodCells {
  const [first, ...rest] = all;
  if (!first) return placementPeriodCells(emptyStatusCounts(), []);
  const cells = { ...first.cells };
  const weeks = [...first.firstPlacementWeeks];
  for (const other of rest) {
    for (const name of Object.keys(cells) as PlacementCell[]) cells[name] += other.cells[name];
    other.firstPlacementWeeks.forEach((n, week) => {
      weeks[week] = (weeks[week] ?? 0) + n;
    });
  }
  return { cells, firstPlacementWeeks: weeks };
}

/** Counts by status with nothing counted. */
export function emptyStatusCounts(): PlacementStatusCounts {
  return Object.fromEntries(PLACEMENT_STATUSES.map((s) => [s, 0])) as PlacementStatusCounts;
}

/**
 * The median of days from enrolment to the first placement, read off the summed histogram of
 * weeks: the middle day (7w + 3) of the week holding the median, so it is exact to within
 * 3 days; 364 when the median falls in the last bucket (a year or more). Null when nothing is
 * counted.
 *
 * @param weeks - first placements by week from enrolment
 */
export function medianDaysFromHistogram(weeks: readonly number[]): number | null {
  const total = weeks.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [week, n] of weeks.entries()) {
    seen += n;
    if (seen * 2 >= total) return week >= FIRST_PLACEMENT_WEEK_CAP ? 364 : week * 7 + 3;
  }
  return null;
}

/** A retention follow-up of education or job outcomes, as shown. */
export interface RetentionView {
  monthsAfterOutcome: number;
  followedUp: number | null;
  kept: number | null;
  lost: number | null;
  keptShare: number | null;
  fellBackShare: number | null;
}

/** What `placementStats` returns (the GraphQL type `PlacementStats`). */
export interface PlacementFigures {
  planned: number | null;
  active: number | null;
  extended: number | null;
  completed: number | null;
  interrupted: number | null;
  suppressed: boolean;
  period: { from: string; to: string };
  startedInPeriod: number | null;
  /** Of those, placements the young person chose: a wish or an answered invitation (#21). */
  startedChosenByYouth: number | null;
  extendedInPeriod: number | null;
  completedInPeriod: number | null;
  interruptedInPeriod: number | null;
  endedInPeriod: number | null;
  outcomesInPeriod: Array<{ kind: OutcomeKind; count: number | null }>;
  leftForEducationOrJob: number | null;
  leftForEducationOrJobShare: number | null;
  retention: RetentionView[];
  firstPlacements: number | null;
  medianDaysFromEnrolmentToFirstPlacement: number | null;
  wishAnswers: WishAnswerFigures;
  feedback: FeedbackFigures[];
}

/** Wishes made and companies' answers to them in a period, as shown (`WishAnswerStats`). */
export interface WishAnswerFigures {
  made: number | null;
  answered: number | null;
  invited: number | null;
  declined: number | null;
  answeredShare: number | null;
  invitedShare: number | null;
}

/**
 * The figures as shown, from cells as shown (shares from the counts as shown; the median only
 * over a population large enough, `showsAverage`).
 *
 * @param period - the period
 * @param shown - the cells, suppressed or not
 * @param firstPlacementWeeks - the histogram of the period
 */
export function placementFigures(
  period: { from: string; to: string },
  shown: Suppressed<PlacementCell>,
  firstPlacementWeeks: readonly number[],
): PlacementFigures {
  const c = shown.cells;
  return {
    planned: c.planned,
    active: c.active,
    extended: c.extended,
    completed: c.completed,
    interrupted: c.interrupted,
    suppressed: shown.suppressed,
    period: { from: period.from, to: period.to },
    startedInPeriod: c.startedInPeriod,
    startedChosenByYouth: c.startedChosenByYouth,
    extendedInPeriod: c.extendedInPeriod,
    completedInPeriod: c.completedInPeriod,
    interruptedInPeriod: c.interruptedInPeriod,
    endedInPeriod: c.endedInPeriod,
    outcomesInPeriod: OUTCOME_KINDS.map((kind) => ({ kind, count: c[`outcome${kind}`] })),
    leftForEducationOrJob: c.leftForEducationOrJob,
    leftForEducationOrJobShare: shareOf(c.leftForEducationOrJob, c.endedInPeriod),
    retention: RETENTION_FOLLOW_UPS.map((months) => ({
      monthsAfterOutcome: months,
      followedUp: c[`followedUp${months}`],
      kept: c[`kept${months}`],
      lost: c[`lost${months}`],
      keptShare: shareOf(c[`kept${months}`], c[`followedUp${months}`]),
      fellBackShare: shareOf(c[`lost${months}`], c[`followedUp${months}`]),
    })),
    firstPlacements: c.firstPlacements,
    medianDaysFromEnrolmentToFirstPlacement: showsAverage(c.firstPlacements, shown)
      ? medianDaysFromHistogram(firstPlacementWeeks)
      : null,
    wishAnswers: {
      made: c.wishesMade,
      answered: c.wishesAnswered,
      invited: c.wishesInvited,
      declined: c.wishesDeclined,
      answeredShare: shareOf(c.wishesAnswered, c.wishesMade),
      invitedShare: shareOf(c.wishesInvited, c.wishesAnswered),
    },
    feedback: feedbackFigures(shown),
  };
}
