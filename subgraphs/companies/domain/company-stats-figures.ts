import { monthOf, monthsBetween, parsePeriod } from '#kernel/figures-period';
import type { CompanyFiguresOfMonths } from '../repository/company-figures-repository.ts';
import { type CompanyMonthFigures, sumCompanyMonths } from './company-figures.ts';
import type { CompanyStats } from './company-stats.ts';

/**
 * What `companyStats` returns: the counts by status now, and over a period the companies that
 * joined, paused, resumed and left and the counts at the period's end. Companies are not people:
 * their figures are never suppressed.
 */
export interface CompanyStatsFigures extends CompanyStats {
  period: { from: string; to: string };
  joinedInPeriod: number;
  pausedInPeriod: number;
  resumedInPeriod: number;
  leftInPeriod: number;
  activeAtEndOfPeriod: number;
  pausedAtEndOfPeriod: number;
}

/** The period of the programme's figures as `ProgrammeStats` carries it (its key). */
export type { ProgrammePeriod } from '#kernel/figures-period';

/** The period and the months to read for it: the period's, and those after it up to today. */
export interface CompanyFiguresRequest {
  period: { from: string; to: string; months: string[] };
  /** The period's months, then every later month up to today's (for the counts at its end). */
  months: string[];
}

/**
 * The months a request of company figures reads.
 *
 * @param args - `from` and `to`, optional
 * @param today - today's date, ISO
 */
export function companyFiguresRequest(
  args: { from?: string | null; to?: string | null },
  today: string,
): CompanyFiguresRequest {
  const period = parsePeriod(args, today);
  const through = period.to > today ? period.to : today;
  return { period, months: monthsBetween(monthOf(period.from), monthOf(through)) };
}

/**
 * The figures of a municipality (or of several added up) from the counter items read.
 *
 * @param request - the period and the months read
 * @param figures - the counts now and the months' figures, in `request.months` order
 */
export function companyStatsFigures(
  request: CompanyFiguresRequest,
  figures: readonly CompanyFiguresOfMonths[],
): CompanyStatsFigures {
  const lastMonth = monthOf(request.period.to);
  const inPeriod: CompanyMonthFigures[] = [];
  const after: CompanyMonthFigures[] = [];
  const now: CompanyStats = { active: 0, paused: 0, left: 0 };
  for (const municipality of figures) {
    now.active += municipality.stats.active;
    now.paused += municipality.stats.paused;
    now.left += municipality.stats.left;
    request.months.forEach((month, index) => {
      const monthFigures = municipality.months[index] as CompanyMonthFigures;
      (month <= lastMonth ? inPeriod : after).push(monthFigures);
    });
  }
  const period = sumCompanyMonths(inPeriod);
  const later = sumCompanyMonths(after);
  return {
    ...now,
    period: { from: request.period.from, to: request.period.to },
    joinedInPeriod: period.joined,
    pausedInPeriod: period.paused,
    resumedInPeriod: period.resumed,
    leftInPeriod: period.left,
    activeAtEndOfPeriod: now.active - later.activeChange,
    pausedAtEndOfPeriod: now.paused - later.pausedChange,
  };
}
