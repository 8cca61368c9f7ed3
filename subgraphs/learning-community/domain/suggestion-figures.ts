import { monthOf } from '#kernel/figures-period';
import { type MonthCounterChange, monthCounterAttributes } from '#kernel/month-counters';
import { danishToday } from '#kernel/today';
import type { SuggestionAuthorSide } from './suggestion.ts';

/**
 * The suggestion figures, kept beside the sessions and attendance on a municipality's network
 * counter item: suggestions made in a month by each side, and answers and "acted on" by the
 * month they came. What a suggestion adds is a function of the suggestion as it is
 * ({@link suggestionContribution}); the commands, the recount and migration 0011 add up the
 * same contributions, so kept and recounted agree by construction. An erased young person's
 * suggestion leaves a stub that keeps exactly these facts, so erasure changes no figure.
 */

/** What the suggestion figures know of a suggestion: what a suggestion and its stub both hold. */
export interface SuggestionFigureFacts {
  authorSide: SuggestionAuthorSide;
  createdAt: string;
  answer?: { answeredAt: string } | null | undefined;
  actedOnAt?: string | null | undefined;
}

/** One month's suggestion counters. */
export interface SuggestionMonthCounts {
  suggestionsByYouth: number;
  suggestionsByCompanies: number;
  suggestionsAnswered: number;
  suggestionsActedOn: number;
}

/**
 * Every suggestion counter of a month, in a fixed order; named apart from the session counters
 * kept on the same item.
 */
export const SUGGESTION_COUNTERS: readonly (keyof SuggestionMonthCounts)[] = [
  'suggestionsByYouth',
  'suggestionsByCompanies',
  'suggestionsAnswered',
  'suggestionsActedOn',
];

/** A month nothing was suggested, answered or acted on in. */
export const NO_SUGGESTIONS: SuggestionMonthCounts = {
  suggestionsByYouth: 0,
  suggestionsByCompanies: 0,
  suggestionsAnswered: 0,
  suggestionsActedOn: 0,
};

/** The Danish month of an instant: the programme counts Danish days, like every other figure. */
function danishMonthOf(instant: string): string {
  return monthOf(danishToday(new Date(instant)));
}

/**
 * What one suggestion adds to its municipality's month counters: one made by its side in the
 * month it was made, one answered in the month of the answer, one acted on in the month it was
 * marked.
 *
 * @param suggestion - the suggestion (or its erased stub)
 */
export function suggestionContribution(suggestion: SuggestionFigureFacts): MonthCounterChange[] {
  const made = suggestion.authorSide === 'YOUTH' ? 'suggestionsByYouth' : 'suggestionsByCompanies';
  const changes: MonthCounterChange[] = [
    { month: danishMonthOf(suggestion.createdAt), add: { [made]: 1 } },
  ];
  if (suggestion.answer) {
    const month = danishMonthOf(suggestion.answer.answeredAt);
    changes.push({ month, add: { suggestionsAnswered: 1 } });
  }
  if (suggestion.actedOnAt) {
    changes.push({ month: danishMonthOf(suggestion.actedOnAt), add: { suggestionsActedOn: 1 } });
  }
  return changes;
}

/**
 * What a change of a suggestion moves in the month counters: its contribution now less its
 * contribution before (nothing before for a new one).
 *
 * @param before - the suggestion before the change, undefined when it is new
 * @param after - the suggestion after it
 */
export function suggestionChange(
  before: SuggestionFigureFacts | undefined,
  after: SuggestionFigureFacts,
): MonthCounterChange[] {
  const taken = before
    ? suggestionContribution(before).map(({ month, add }) => ({
        month,
        add: Object.fromEntries(Object.entries(add).map(([counter, by]) => [counter, -by])),
      }))
    : [];
  const net = monthCounterAttributes([...suggestionContribution(after), ...taken]);
  return Object.entries(net).map(([attribute, by]) => ({
    month: attribute.slice(0, 7),
    add: { [attribute.slice(8)]: by },
  }));
}

/** The sum of monthly suggestion counters. */
export function sumSuggestionMonths(
  months: readonly SuggestionMonthCounts[],
): SuggestionMonthCounts {
  const sum = { ...NO_SUGGESTIONS };
  for (const month of months) {
    for (const counter of SUGGESTION_COUNTERS) sum[counter] += month[counter];
  }
  return sum;
}
