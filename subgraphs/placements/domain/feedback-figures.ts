import { type Additive, type ShownCells, showsAverage } from '#kernel/small-cells';
import {
  FEEDBACK_OCCASIONS,
  type FeedbackOccasion,
  PARTICIPANT_SIDES,
  type ParticipantSide,
} from './participant-task.ts';
import type { PlacementFeedback } from './placement-feedback.ts';
import type { CounterChange } from './placement-figures.ts';

/**
 * The feedback figures, kept beside the placement figures on a municipality's counter item: per
 * side and occasion, the feedback given in a month by rating (`FEEDBACK_YOUTH_MIDWAY_4`). How
 * many gave feedback and the mean rating follow from the histogram, so only the histogram is
 * kept. Like a wish's, what feedback adds is a function of what its erased stub keeps too
 * ({@link feedbackContribution}), so kept and recounted agree after an erasure.
 */

/** The ratings feedback gives, 1 to 5. */
export const FEEDBACK_RATINGS = [1, 2, 3, 4, 5] as const;

type Rating = (typeof FEEDBACK_RATINGS)[number];
type Kind = `${ParticipantSide}_${FeedbackOccasion}`;

/** A month counter of the feedback figures: given by side, occasion and rating. */
export type FeedbackMonthCounter = `FEEDBACK_${Kind}_${Rating}`;

/** A cell of the feedback figures: how many gave it (`fb_YOUTH_END`), and by rating. */
export type FeedbackCell = `fb_${Kind}` | `fb_${Kind}_${Rating}`;

/** What the feedback figures know of feedback: what feedback and its erased stub both hold. */
export interface FeedbackFigureFacts {
  municipalityCode: string;
  side: ParticipantSide;
  occasion: FeedbackOccasion;
  rating: number;
  /** `YYYY-MM` the feedback was given in. */
  month: string;
}

const KINDS = PARTICIPANT_SIDES.flatMap((side) =>
  FEEDBACK_OCCASIONS.map((occasion) => ({ side, occasion, kind: `${side}_${occasion}` as Kind })),
);

/** Every month counter the feedback figures keep (the migration compares only these). */
export const FEEDBACK_COUNTERS: readonly FeedbackMonthCounter[] = KINDS.flatMap(({ kind }) =>
  FEEDBACK_RATINGS.map((rating) => `FEEDBACK_${kind}_${rating}` as const),
);

/** What the figures count of feedback as stored. */
export function feedbackFacts(feedback: PlacementFeedback): FeedbackFigureFacts {
  const { municipalityCode, side, occasion, rating, givenAt } = feedback;
  return { municipalityCode, side, occasion, rating, month: givenAt.slice(0, 7) };
}

/**
 * What one feedback adds to its municipality's month counters: one of its rating, in the month
 * it was given.
 *
 * @param feedback - the feedback (or its erased stub)
 */
export function feedbackContribution(feedback: FeedbackFigureFacts): CounterChange[] {
  const counter: FeedbackMonthCounter = `FEEDBACK_${feedback.side}_${feedback.occasion}_${feedback.rating as Rating}`;
  return [
    {
      kind: 'month',
      municipalityCode: feedback.municipalityCode,
      month: feedback.month,
      counter,
      by: 1,
    },
  ];
}

/**
 * The totals published as the sum of their ratings as published: the count of a rating that
 * rounding hid is then never the total less the other ratings.
 */
export const FEEDBACK_SUMS: readonly Additive<FeedbackCell>[] = KINDS.map(({ kind }) => ({
  total: `fb_${kind}` as const,
  parts: FEEDBACK_RATINGS.map((rating) => `fb_${kind}_${rating}` as const),
}));

/**
 * The feedback cells of a period from its summed month counters.
 *
 * @param sum - a counter summed over the period's months
 */
export function feedbackCells(sum: (counter: FeedbackMonthCounter) => number) {
  const cells = {} as Record<FeedbackCell, number>;
  for (const { kind } of KINDS) {
    cells[`fb_${kind}`] = 0;
    for (const rating of FEEDBACK_RATINGS) {
      const n = sum(`FEEDBACK_${kind}_${rating}`);
      cells[`fb_${kind}_${rating}`] = n;
      cells[`fb_${kind}`] += n;
    }
  }
  return cells;
}

/** One side's feedback at one occasion in a period, as shown (`PlacementFeedbackStats`). */
export interface FeedbackFigures {
  side: ParticipantSide;
  occasion: FeedbackOccasion;
  given: number | null;
  ratings: Array<{ rating: number; count: number | null }>;
  meanRating: number | null;
}

/**
 * The feedback figures as shown, from cells as shown: the mean is read off the histogram as
 * shown (for the programme office the rounded counts, so it tells nothing they do not) and only
 * over a population large enough (`showsAverage`).
 *
 * @param shown - the cells, suppressed or not
 */
export function feedbackFigures(shown: {
  cells: ShownCells<FeedbackCell>;
  suppressed: boolean;
}): FeedbackFigures[] {
  const c = shown.cells;
  return KINDS.map(({ side, occasion, kind }) => {
    const ratings = FEEDBACK_RATINGS.map((rating) => ({
      rating,
      count: c[`fb_${kind}_${rating}`],
    }));
    const given = c[`fb_${kind}`];
    const total = ratings.reduce((sum, { rating, count }) => sum + rating * (count ?? 0), 0);
    return {
      side,
      occasion,
      given,
      ratings,
      meanRating: showsAverage(given, shown) ? total / (given as number) : null,
    };
  });
}
