import { chosenByYouth, type PlacementOriginKind } from '../published/placement-codes.ts';
import { daysBetween } from './dates.ts';
import type { FeedbackMonthCounter } from './feedback-figures.ts';
import type { PlacementFollowUp } from './lifecycle.ts';
import type { OutcomeKind, Placement, PlacementStatus } from './placement.ts';

/**
 * The placements subgraph's kept figures, as pure functions. Per municipality there are:
 *
 * - the counts of its placements by status now (one item);
 * - one set of counters per calendar month, so that a period is the sum of its months.
 *
 * What a placement adds to the figures is a function of the placement as it is
 * ({@link placementContribution}); a write changes the figures by the placement's new
 * contribution minus its old one ({@link transitionCounterChanges}). The seeder and the recount
 * add up the same contributions, so the kept figures and a recount agree by construction.
 *
 * What a young person's placements add together — the days from enrolment to their first
 * placement — is kept the same way ({@link firstPlacementContribution}): a histogram of weeks,
 * because a median is not a sum; the median of a period is read off the summed histograms.
 */

/** Weeks in the histogram of days from enrolment to the first placement: 0 to 52 (52 = a year or more). */
export const FIRST_PLACEMENT_WEEK_CAP = 52;

/** The follow-ups of retention a placement's lifecycle records, in months after the outcome. */
export const RETENTION_FOLLOW_UPS = [3, 6] as const;

/** A follow-up of retention, in months after the outcome. */
export type RetentionMonths = (typeof RETENTION_FOLLOW_UPS)[number];

/** A counter of a month's placement figures (with its month, an attribute of the counter item). */
export type PlacementMonthCounter =
  | 'STARTED'
  | 'STARTED_CHOSEN'
  | 'EXTENDED'
  | 'COMPLETED'
  | 'INTERRUPTED'
  | `OUTCOME_${OutcomeKind}`
  | `FOLLOW_UP_${RetentionMonths}_KEPT`
  | `FOLLOW_UP_${RetentionMonths}_LOST`
  | 'FIRST_PLACEMENTS'
  | `FIRST_WEEK_${number}`
  | WishMonthCounter
  | FeedbackMonthCounter;

/**
 * A counter of a month's wish figures, kept on the same item (`wish-figures.ts`): wishes made
 * (month made) and the companies' answers by kind (month answered).
 */
export type WishMonthCounter = 'WISHES' | 'WISHES_INVITED' | 'WISHES_DECLINED';

/** One change of one counter. */
export type CounterChange =
  | { kind: 'status'; municipalityCode: string; status: PlacementStatus; by: number }
  | {
      kind: 'month';
      municipalityCode: string;
      /** `YYYY-MM`. */
      month: string;
      counter: PlacementMonthCounter;
      by: number;
    };

/**
 * What the figures count of a placement: what a placement and an erased young person's stub of
 * it (`erasedPlacementToItem`) both hold.
 */
export type PlacementFigureFacts = Pick<
  Placement,
  'youthId' | 'municipalityCode' | 'status' | 'startDate'
> & {
  /** How it came about (only its kind: a stub keeps no wish or invitation). */
  origin?: { kind: PlacementOriginKind } | null | undefined;
  extensions?: ReadonlyArray<{ date: string }> | undefined;
  outcome: { kind: OutcomeKind; date: string } | null;
  followUps?: ReadonlyArray<Pick<PlacementFollowUp, 'step' | 'recordedOn' | 'stillThere'>>;
};

/** What this subgraph knows of a young person for the first-placement figures. */
export interface YouthPlacementsFacts {
  /** ISO date of enrolment, when known (the people subgraph's `enrolledAt`). */
  enrolledAt: string | null;
  /** Every placement of the young person as stored (before the write being made). */
  placements: readonly Placement[];
}

const monthOf = (date: string) => date.slice(0, 7);

/**
 * Whether a placement has started: it is under way, or it ended on or after its start date (one
 * ended before its start date — interrupted, or left for education or a job — never began).
 *
 * @param placement - the placement
 */
export function hasStarted(placement: PlacementFigureFacts): boolean {
  switch (placement.status) {
    case 'PLANNED':
      return false;
    case 'COMPLETED':
    case 'INTERRUPTED':
      return (placement.outcome?.date ?? placement.startDate) >= placement.startDate;
    default:
      return true;
  }
}

/**
 * The dates a placement was extended on. Placements extended before the extensions were kept
 * as a list show their one extension through the `EXTENDED` outcome they carry.
 *
 * @param placement - the placement
 */
export function extensionDates(
  placement: Pick<PlacementFigureFacts, 'extensions' | 'outcome'>,
): string[] {
  if (placement.extensions) return placement.extensions.map(({ date }) => date);
  return placement.outcome?.kind === 'EXTENDED' ? [placement.outcome.date] : [];
}

/**
 * What one placement as it is adds to its municipality's month counters: started (in the month
 * of its start; `STARTED_CHOSEN` too when the young person chose it — a wish or an answered
 * invitation), each extension (month of the extension; also an `EXTENDED` outcome), its end
 * and final outcome (month of the outcome), and its retention follow-ups (month recorded).
 *
 * @param placement - the placement
 */
export function placementContribution(placement: PlacementFigureFacts): CounterChange[] {
  const { municipalityCode } = placement;
  const changes: CounterChange[] = [];
  const add = (date: string, counter: PlacementMonthCounter) =>
    changes.push({ kind: 'month', municipalityCode, month: monthOf(date), counter, by: 1 });
  if (hasStarted(placement)) {
    add(placement.startDate, 'STARTED');
    // The fidelity figures: started placements the young person chose (#21).
    if (placement.origin && chosenByYouth(placement.origin.kind)) {
      add(placement.startDate, 'STARTED_CHOSEN');
    }
  }
  for (const date of extensionDates(placement)) {
    add(date, 'EXTENDED');
    add(date, 'OUTCOME_EXTENDED');
  }
  const outcome = placement.outcome;
  const ended = placement.status === 'COMPLETED' || placement.status === 'INTERRUPTED';
  if (ended && outcome && outcome.kind !== 'EXTENDED') {
    add(outcome.date, placement.status === 'COMPLETED' ? 'COMPLETED' : 'INTERRUPTED');
    add(outcome.date, `OUTCOME_${outcome.kind}`);
  }
  for (const followUp of placement.followUps ?? []) {
    const months: RetentionMonths = followUp.step === 'FOLLOW_UP_3_MONTHS' ? 3 : 6;
    add(followUp.recordedOn, `FOLLOW_UP_${months}_${followUp.stillThere ? 'KEPT' : 'LOST'}`);
  }
  return changes;
}

/** The histogram week of a number of days (0 to {@link FIRST_PLACEMENT_WEEK_CAP}). */
export function weekBucket(days: number): number {
  return Math.min(Math.max(Math.floor(days / 7), 0), FIRST_PLACEMENT_WEEK_CAP);
}

/**
 * What a young person's placements add to the first-placement figures: one first placement in
 * the month it started, in the histogram week of the days from enrolment to its start. Nothing
 * before any placement started, or when the enrolment date is unknown.
 *
 * @param enrolledAt - ISO date of enrolment, or null
 * @param placements - every placement of the young person
 */
export function firstPlacementContribution(
  enrolledAt: string | null,
  placements: readonly PlacementFigureFacts[],
): CounterChange[] {
  const started = placements
    .filter(hasStarted)
    .sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
  const first = started[0];
  if (!first || !enrolledAt) return [];
  const month = monthOf(first.startDate);
  const { municipalityCode } = first;
  const week = weekBucket(daysBetween(enrolledAt, first.startDate));
  return [
    { kind: 'month', municipalityCode, month, counter: 'FIRST_PLACEMENTS', by: 1 },
    { kind: 'month', municipalityCode, month, counter: `FIRST_WEEK_${week}`, by: 1 },
  ];
}

function negated(changes: readonly CounterChange[]): CounterChange[] {
  return changes.map((change) => ({ ...change, by: -change.by }));
}

/**
 * The changes of the figures that one placement write causes: the status counts move with the
 * status, and the month counters by the placement's new contribution minus its old one. When
 * the young person's facts are given and the write starts (or un-starts) the placement, their
 * first-placement contribution moves too.
 *
 * @param before - the placement as it was, or null when it is new
 * @param after - the placement as it is written
 * @param youth - the young person's enrolment and placements as read, when the write may change
 *   which placement was their first
 */
export function transitionCounterChanges(
  before: Placement | null,
  after: Placement,
  youth?: YouthPlacementsFacts,
): CounterChange[] {
  const changes: CounterChange[] = [];
  if (before?.status !== after.status) {
    if (before) {
      changes.push({
        kind: 'status',
        municipalityCode: before.municipalityCode,
        status: before.status,
        by: -1,
      });
    }
    changes.push({
      kind: 'status',
      municipalityCode: after.municipalityCode,
      status: after.status,
      by: 1,
    });
  }
  if (before) changes.push(...negated(placementContribution(before)));
  changes.push(...placementContribution(after));
  if (youth && startChanges(before, after)) {
    const others = youth.placements.filter((p) => p.id !== after.id);
    changes.push(...negated(firstPlacementContribution(youth.enrolledAt, youth.placements)));
    changes.push(...firstPlacementContribution(youth.enrolledAt, [...others, after]));
  }
  return changes;
}

/**
 * Whether a write may change which of the young person's placements was their first: it starts
 * or un-starts a placement.
 *
 * @param before - the placement as it was, or null when it is new
 * @param after - the placement as it is written
 */
export function startChanges(before: Placement | null, after: Placement): boolean {
  return (before ? hasStarted(before) : false) !== hasStarted(after);
}

/**
 * Every change a placement made to its figures, as if written step by step (seeding, test
 * factories, the recount): the status count and its contribution. The first-placement figures
 * are the young person's: {@link firstPlacementContribution}.
 *
 * @param placement - the placement as it is now
 */
export function lifetimeCounterChanges(placement: PlacementFigureFacts): CounterChange[] {
  return [
    {
      kind: 'status',
      municipalityCode: placement.municipalityCode,
      status: placement.status,
      by: 1,
    },
    ...placementContribution(placement),
  ];
}

/**
 * Every change of the figures of a set of placements and their young people's enrolment
 * dates: what the seeder writes and the recount compares with.
 *
 * @param placements - every placement
 * @param enrolledAtOf - a young person's enrolment date, or null when unknown
 */
export function allCounterChanges(
  placements: readonly PlacementFigureFacts[],
  enrolledAtOf: (youthId: string) => string | null,
): CounterChange[] {
  const byYouth = new Map<string, PlacementFigureFacts[]>();
  for (const placement of placements) {
    byYouth.set(placement.youthId, [...(byYouth.get(placement.youthId) ?? []), placement]);
  }
  return [
    ...placements.flatMap(lifetimeCounterChanges),
    ...[...byYouth].flatMap(([youthId, own]) =>
      firstPlacementContribution(enrolledAtOf(youthId), own),
    ),
  ];
}

/** The fidelity figures' counters of the placement figures (migration 0023 counts stored ones). */
export const FIDELITY_COUNTERS = ['STARTED_CHOSEN'] as const;
