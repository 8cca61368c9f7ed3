import { type FiguresPeriod, lastMonthFollowedUp } from '#kernel/figures-period';
import {
  type Additive,
  type PublishRules,
  type Suppressed,
  shareOf,
  showsAverage,
} from '#kernel/small-cells';
import { FOLLOW_UP_MONTHS, type FollowUpMonths } from './weekly-status.ts';
import { FOLLOW_UP_COUNTER, sumMonthFigures, type YouthMonthFigures } from './youth-figures.ts';
import {
  STATUS_CELLS,
  STATUS_RELATION,
  type StatusCell,
  statusCells,
  type YouthCounts,
  type YouthStatsView,
} from './youth-stats.ts';

/**
 * The programme's targets for NEXTWORK: at least 75 % of the young people in education or a job
 * (measured 12 months after enrolment), and falling back at most half as often as usual (about
 * 30 % of those who reach education or a job usually fall back; the target is 15 %).
 */
export const PROGRAMME_TARGETS = {
  intoEducationOrJob: 0.75,
  usualFallingBack: 0.3,
  fallingBack: 0.15,
} as const;

/** Every count of young people `youthStats` shows for a period: the cells that may be hidden. */
export type YouthCell =
  | StatusCell
  | 'enrolledInPeriod'
  | 'changesTotal'
  | 'changesToEnrolled'
  | 'changesToInPlacement'
  | 'changesToInEducation'
  | 'changesToInJob'
  | 'changesToPaused'
  | 'changesToExited'
  | 'leftForEducationOrJob'
  | 'followedUp3'
  | 'inEducationOrJob3'
  | 'followedUp6'
  | 'inEducationOrJob6'
  | 'followedUp12'
  | 'inEducationOrJob12'
  | 'fellBack'
  | 'enrolledWithAgeException';

/** The cells that add up: the total of the statuses, and the total of the status changes. */
export const YOUTH_RELATIONS: readonly Additive<YouthCell>[] = [
  STATUS_RELATION,
  {
    total: 'changesTotal',
    parts: [
      'changesToEnrolled',
      'changesToInPlacement',
      'changesToInEducation',
      'changesToInJob',
      'changesToPaused',
      'changesToExited',
    ],
  },
];

/**
 * How the programme office's figures of young people are published (`#kernel/small-cells`): the
 * counts by status are counts now; both totals are the sums of their parts as published.
 */
export const YOUTH_PUBLISH_RULES: PublishRules<YouthCell> = {
  stocks: STATUS_CELLS,
  derived: YOUTH_RELATIONS,
};

/** A municipality's (or the programme's) figures for a period, before anything is hidden. */
export interface YouthPeriodCells {
  cells: Record<YouthCell, number>;
  /** Weeks in education or a job in the first year, of the young people followed up 12 months. */
  weeksInEducationOrJobFirstYear: number;
  /** Weeks on passive support in the first year, of the young people followed up 12 months. */
  weeksOnPassiveSupportFirstYear: number;
}

/**
 * The cells of a period from the counts by status now and the month figures of the period.
 * Follow-ups count only the enrolment months whose follow-up day has passed for everyone.
 *
 * @param counts - the counts by status now
 * @param months - the period's months, `YYYY-MM`, and their figures, in the same order
 * @param today - today's date, ISO
 */
export function youthPeriodCells(
  counts: YouthCounts,
  months: ReadonlyArray<{ month: string; figures: YouthMonthFigures }>,
  today: string,
): YouthPeriodCells {
  const sum = sumMonthFigures(months.map(({ figures }) => figures));
  const due = (followUp: FollowUpMonths) => {
    const lastDue = lastMonthFollowedUp(followUp, today);
    return months.filter(({ month }) => month <= lastDue);
  };
  const followedUp = (followUp: FollowUpMonths) =>
    due(followUp).reduce((n, { figures }) => n + figures.enrolled, 0);
  const inEducationOrJob = (followUp: FollowUpMonths) =>
    due(followUp).reduce((n, { figures }) => n + figures[FOLLOW_UP_COUNTER[followUp]], 0);
  const changes = [
    sum.changesToEnrolled,
    sum.changesToInPlacement,
    sum.changesToInEducation,
    sum.changesToInJob,
    sum.changesToPaused,
    sum.changesToExited,
  ];
  return {
    cells: {
      ...statusCells(counts),
      enrolledInPeriod: sum.enrolled,
      changesTotal: changes.reduce((a, b) => a + b, 0),
      changesToEnrolled: sum.changesToEnrolled,
      changesToInPlacement: sum.changesToInPlacement,
      changesToInEducation: sum.changesToInEducation,
      changesToInJob: sum.changesToInJob,
      changesToPaused: sum.changesToPaused,
      changesToExited: sum.changesToExited,
      leftForEducationOrJob: sum.leftForEducationOrJob,
      followedUp3: followedUp(3),
      inEducationOrJob3: inEducationOrJob(3),
      followedUp6: followedUp(6),
      inEducationOrJob6: inEducationOrJob(6),
      followedUp12: followedUp(12),
      inEducationOrJob12: inEducationOrJob(12),
      fellBack: sum.fellBack,
      enrolledWithAgeException: sum.enrolledWithAgeException,
    },
    weeksInEducationOrJobFirstYear: due(12).reduce(
      (n, { figures }) => n + figures.weeksInEducationOrJobFirstYear,
      0,
    ),
    weeksOnPassiveSupportFirstYear: due(12).reduce(
      (n, { figures }) => n + figures.weeksOnPassiveSupportFirstYear,
      0,
    ),
  };
}

/** The sum of several municipalities' cells (the programme total). */
export function addPeriodCells(all: readonly YouthPeriodCells[]): YouthPeriodCells {
  const [first, ...rest] = all;
  if (!first) throw new Error('No municipality to add up');
  const cells = { ...first.cells };
  let weeks = first.weeksInEducationOrJobFirstYear;
  let passive = first.weeksOnPassiveSupportFirstYear;
  for (const other of rest) {
    for (const cell of Object.keys(cells) as YouthCell[]) cells[cell] += other.cells[cell];
    weeks += other.weeksInEducationOrJobFirstYear;
    passive += other.weeksOnPassiveSupportFirstYear;
  }
  return { cells, weeksInEducationOrJobFirstYear: weeks, weeksOnPassiveSupportFirstYear: passive };
}

/** How a figure compares with a programme target. */
export interface TargetView {
  target: number;
  actual: number | null;
  met: boolean | null;
}

/** One follow-up some months after enrolment. */
export interface FollowUpView {
  monthsAfterEnrolment: number;
  youthFollowedUp: number | null;
  inEducationOrJob: number | null;
  share: number | null;
}

/** Status changes of a period, by the new status. */
export interface StatusChangesView {
  total: number | null;
  toEnrolled: number | null;
  toInPlacement: number | null;
  toInEducation: number | null;
  toInJob: number | null;
  toPaused: number | null;
  toExited: number | null;
}

/** What `youthStats` returns (the GraphQL type `YouthStats`). */
export interface YouthStatsFigures extends YouthStatsView {
  suppressed: boolean;
  period: { from: string; to: string };
  enrolledInPeriod: number | null;
  statusChangesInPeriod: StatusChangesView;
  leftForEducationOrJob: number | null;
  leftForEducationOrJobShare: number | null;
  followUps: FollowUpView[];
  averageWeeksInEducationOrJobFirstYear: number | null;
  /** Weeks on passive support in the first year, on average (issue #21). */
  averageWeeksOnPassiveSupportFirstYear: number | null;
  fellBack: number | null;
  fellBackShare: number | null;
  targets: { intoEducationOrJob: TargetView; fallingBack: TargetView };
  /** Of `enrolledInPeriod`, those enrolled outside 18–29 with the team's recorded reason. */
  enrolledWithAgeException: number | null;
}

function target(value: number, actual: number | null, atLeast: boolean): TargetView {
  return {
    target: value,
    actual,
    met: actual === null ? null : atLeast ? actual >= value : actual <= value,
  };
}

/**
 * The average weeks in education or a job in the first year: over a population large enough
 * (`showsAverage`), and for the programme office in whole weeks, since an exact quotient would
 * give its denominator (the exact count followed up) away.
 */
function averageWeeks(
  shown: Suppressed<YouthCell>,
  exact: YouthPeriodCells,
  weeks: 'weeksInEducationOrJobFirstYear' | 'weeksOnPassiveSupportFirstYear',
): number | null {
  if (!showsAverage(shown.cells.followedUp12, shown)) return null;
  const average = shareOf(exact[weeks], exact.cells.followedUp12);
  return average !== null && shown.suppressed ? Math.round(average) : average;
}

/**
 * The figures as shown, from cells as shown (shares from the counts as shown; the average only
 * over a population large enough, `showsAverage`).
 *
 * @param period - the period
 * @param shown - the cells, published for the programme office or exact
 * @param exact - the period's cells as counted (the average's weeks and people)
 */
export function youthStatsFigures(
  period: FiguresPeriod,
  shown: Suppressed<YouthCell>,
  exact: YouthPeriodCells,
): YouthStatsFigures {
  const c = shown.cells;
  const followUps = FOLLOW_UP_MONTHS.map((months) => {
    const followed = c[`followedUp${months}`];
    const inEducationOrJob = c[`inEducationOrJob${months}`];
    return {
      monthsAfterEnrolment: months,
      youthFollowedUp: followed,
      inEducationOrJob,
      share: shareOf(inEducationOrJob, followed),
    };
  });
  const fellBackShare = shareOf(c.fellBack, c.leftForEducationOrJob);
  const twelve = followUps.at(-1)?.share ?? null;
  return {
    total: c.total,
    enrolled: c.enrolled,
    inPlacement: c.inPlacement,
    inEducation: c.inEducation,
    inJob: c.inJob,
    paused: c.paused,
    exited: c.exited,
    suppressed: shown.suppressed,
    period: { from: period.from, to: period.to },
    enrolledInPeriod: c.enrolledInPeriod,
    statusChangesInPeriod: {
      total: c.changesTotal,
      toEnrolled: c.changesToEnrolled,
      toInPlacement: c.changesToInPlacement,
      toInEducation: c.changesToInEducation,
      toInJob: c.changesToInJob,
      toPaused: c.changesToPaused,
      toExited: c.changesToExited,
    },
    leftForEducationOrJob: c.leftForEducationOrJob,
    leftForEducationOrJobShare: shareOf(c.leftForEducationOrJob, c.enrolledInPeriod),
    followUps,
    averageWeeksInEducationOrJobFirstYear: averageWeeks(
      shown,
      exact,
      'weeksInEducationOrJobFirstYear',
    ),
    averageWeeksOnPassiveSupportFirstYear: averageWeeks(
      shown,
      exact,
      'weeksOnPassiveSupportFirstYear',
    ),
    fellBack: c.fellBack,
    fellBackShare,
    targets: {
      intoEducationOrJob: target(PROGRAMME_TARGETS.intoEducationOrJob, twelve, true),
      fallingBack: target(PROGRAMME_TARGETS.fallingBack, fellBackShare, false),
    },
    enrolledWithAgeException: c.enrolledWithAgeException,
  };
}
