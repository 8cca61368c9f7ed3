import { BadUserInputError } from '#kernel/errors';
import { monthOf } from '#kernel/figures-period';
import type { Identity } from '#kernel/identity';
import {
  type PublishRules,
  publishFigures,
  type Suppressed,
  unsuppressed,
} from '#kernel/small-cells';
import { NO_SUGGESTIONS, type SuggestionMonthCounts } from './suggestion-figures.ts';

export { monthOf };

/** How many groups of each kind a municipality has now (on its counter item). */
export interface GroupCounts {
  youthGroups: number;
  companyGroups: number;
}

/** One month's counters on the municipality's counter item: sessions held and attendance. */
export interface MonthCounts {
  sessionsHeld: number;
  present: number;
  absent: number;
  excused: number;
}

/** Every counter of a month, in a fixed order. */
export const MONTH_COUNTERS: readonly (keyof MonthCounts)[] = [
  'sessionsHeld',
  'present',
  'absent',
  'excused',
];

/** The figures `Municipality.networkStats` and `ProgrammeStats.networkStats` return. */
export interface NetworkStats extends GroupCounts {
  period: { from: string; to: string };
  sessionsHeld: number;
  attendance: AttendanceCounts;
  /** Suggestions to the network made, answered and acted on in the period. */
  suggestions: SuggestionCounts;
  /** Whether the attendance and suggestion counts are suppressed. */
  suppressed: boolean;
}

/** Suggestion counts as shown; null where a small cell is suppressed. */
export type SuggestionCounts = Record<SuggestionCell, number | null>;

/** Attendance counts as shown; null where a small cell is suppressed. */
export interface AttendanceCounts {
  present: number | null;
  absent: number | null;
  excused: number | null;
  rate: number | null;
}

/** A period as whole months, `YYYY-MM`, both ends included; open ends mean "every month". */
export interface MonthRange {
  fromMonth?: string;
  toMonth?: string;
}

/**
 * The months a period touches, open ends left open (as `readMonthCounts` takes them; requests
 * use `parsePeriod`, which closes both ends).
 *
 * @param from - first day, or null for "since the beginning"
 * @param to - last day, or null for "until now"
 */
export function monthRange(from?: string | null, to?: string | null): MonthRange {
  if (from && to && from > to) {
    throw new BadUserInputError('Invalid period: from must not be after to', [
      { path: 'from', message: 'must not be after to' },
    ]);
  }
  return {
    ...(from ? { fromMonth: monthOf(from) } : {}),
    ...(to ? { toMonth: monthOf(to) } : {}),
  };
}

/** The sum of monthly counters. */
export function sumMonths(months: readonly MonthCounts[]): MonthCounts {
  return months.reduce(
    (sum, month) => ({
      sessionsHeld: sum.sessionsHeld + month.sessionsHeld,
      present: sum.present + month.present,
      absent: sum.absent + month.absent,
      excused: sum.excused + month.excused,
    }),
    { sessionsHeld: 0, present: 0, absent: 0, excused: 0 },
  );
}

/** Present as a share of everything recorded, or null when nothing is. */
export function attendanceRate(counts: {
  present: number;
  absent: number;
  excused: number;
}): number | null {
  const recorded = counts.present + counts.absent + counts.excused;
  return recorded === 0 ? null : counts.present / recorded;
}

/** The attendance counts that may be suppressed (they count people's attendances). */
export type AttendanceCell = 'present' | 'absent' | 'excused';

/** The suggestion counts that may be suppressed (they count people's suggestions). */
export type SuggestionCell = 'madeByYoungPeople' | 'madeByCompanies' | 'answered' | 'actedOn';

/** Every count of the network figures that is published protected. */
export type NetworkCell = AttendanceCell | SuggestionCell;

/** How the network figures are published (`#kernel/small-cells`): every count a flow of its own. */
export const NETWORK_RULES: PublishRules<NetworkCell> = { stocks: [], derived: [] };

/** The counts of summed months, as cells for the suppression of small cells. */
export function networkCells(
  period: MonthCounts,
  suggestions: SuggestionMonthCounts,
): Record<NetworkCell, number> {
  return {
    present: period.present,
    absent: period.absent,
    excused: period.excused,
    madeByYoungPeople: suggestions.suggestionsByYouth,
    madeByCompanies: suggestions.suggestionsByCompanies,
    answered: suggestions.suggestionsAnswered,
    actedOn: suggestions.suggestionsActedOn,
  };
}

function rateOf(cells: Record<NetworkCell, number | null>): number | null {
  const { present, absent, excused } = cells;
  if (present === null || absent === null || excused === null) return null;
  return attendanceRate({ present, absent, excused });
}

/**
 * The figures as shown. Attendance counts come published for the programme office or exact
 * (`#kernel/small-cells`); the rate is computed from the counts as shown, so it tells no more
 * than they do.
 *
 * @param period - the period
 * @param groups - the group counters
 * @param months - the summed months of the period
 * @param shown - the attendance and suggestion cells as shown
 */
export function networkStatsView(
  period: { from: string; to: string },
  groups: GroupCounts,
  months: MonthCounts,
  shown: Suppressed<NetworkCell>,
): NetworkStats {
  const { present, absent, excused, madeByYoungPeople, madeByCompanies, answered, actedOn } =
    shown.cells;
  return {
    period: { from: period.from, to: period.to },
    youthGroups: groups.youthGroups,
    companyGroups: groups.companyGroups,
    sessionsHeld: months.sessionsHeld,
    attendance: { present, absent, excused, rate: rateOf(shown.cells) },
    suggestions: { madeByYoungPeople, madeByCompanies, answered, actedOn },
    suppressed: shown.suppressed,
  };
}

/**
 * The figures of one municipality for a caller without the cross-municipality rule: the
 * programme office's published (the summed months taken as one period from the programme's
 * start), the team's exact (unit rules; requests go through `network-figures-queries.ts`).
 *
 * @param identity - the caller, already allowed to see the municipality's figures
 * @param groups - the group counters
 * @param months - the summed months of the period
 * @param suggestions - the summed suggestion months of the period
 */
export function networkStatsFor(
  identity: Identity,
  groups: GroupCounts,
  months: MonthCounts,
  suggestions: SuggestionMonthCounts = NO_SUGGESTIONS,
): Omit<NetworkStats, 'period'> {
  const cells = networkCells(months, suggestions);
  const none = networkCells({ sessionsHeld: 0, present: 0, absent: 0, excused: 0 }, NO_SUGGESTIONS);
  const shown =
    identity.role === 'PROGRAMME'
      ? publishFigures({ through: cells, before: none }, NETWORK_RULES)
      : unsuppressed(cells);
  const { period: _period, ...figures } = networkStatsView(
    { from: '', to: '' },
    groups,
    months,
    shown,
  );
  return figures;
}
