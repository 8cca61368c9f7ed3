import * as z from 'zod';
import type { Company } from './company.ts';
import { type CompanyStats, companyStatsChange, NO_COMPANIES } from './company-stats.ts';

/**
 * The companies subgraph's monthly figures: per municipality and calendar month, how many
 * companies joined, paused, resumed and left, and how the counts by status changed, dated by the
 * day each change took effect (joining date, first day of a pause, the day of resuming or
 * leaving). Added to in the same transaction as the company's change, so a period is a sum of
 * months; the counts at the end of a period are the counts now minus the changes after it.
 */
export const CompanyMonthFiguresSchema = z.object({
  joined: z.number().int(),
  paused: z.number().int(),
  resumed: z.number().int(),
  left: z.number().int(),
  activeChange: z.number().int(),
  pausedChange: z.number().int(),
  leftChange: z.number().int(),
});

/** One month's figures of a municipality's companies. */
export type CompanyMonthFigures = z.infer<typeof CompanyMonthFiguresSchema>;

/** Every counter of the monthly figures. */
export const COMPANY_MONTH_COUNTERS: readonly (keyof CompanyMonthFigures)[] = [
  'joined',
  'paused',
  'resumed',
  'left',
  'activeChange',
  'pausedChange',
  'leftChange',
];

/** What to add to one month's counters. */
export interface CompanyMonthChange {
  /** `YYYY-MM`. */
  month: string;
  add: Partial<CompanyMonthFigures>;
}

/** Monthly figures with nothing counted. */
export function emptyCompanyMonth(): CompanyMonthFigures {
  return {
    joined: 0,
    paused: 0,
    resumed: 0,
    left: 0,
    activeChange: 0,
    pausedChange: 0,
    leftChange: 0,
  };
}

/**
 * The day a change of a company's status takes effect: its joining date, the first day of its
 * pause, the day it left, or (resuming) today.
 */
function dayOf(before: Company | undefined, after: Company, today: string): string {
  if (!before) return after.joinedOn;
  if (after.status === 'PAUSED') return after.pause?.from ?? today;
  if (after.status === 'LEFT') return after.leftOn ?? today;
  return today;
}

/**
 * The change to the monthly figures of a company joining (`before` undefined) or changing
 * status; null when its status does not change.
 *
 * @param before - the company as read, undefined when it joins
 * @param after - the company as written
 * @param today - today's date, ISO (the day of a resume)
 */
export function companyMonthChange(
  before: Company | undefined,
  after: Company,
  today: string,
): CompanyMonthChange | null {
  if (before?.status === after.status) return null;
  const counts = companyStatsChange(before?.status, after.status);
  const event: keyof CompanyMonthFigures = !before
    ? 'joined'
    : after.status === 'PAUSED'
      ? 'paused'
      : after.status === 'LEFT'
        ? 'left'
        : 'resumed';
  return {
    month: dayOf(before, after, today).slice(0, 7),
    add: {
      [event]: 1,
      ...(counts.active ? { activeChange: counts.active } : {}),
      ...(counts.paused ? { pausedChange: counts.paused } : {}),
      ...(counts.left ? { leftChange: counts.left } : {}),
    },
  };
}

/**
 * Everything a company as it is now adds to the monthly figures, as if it had joined and then
 * changed status step by step (seeding, fixtures and the recount): joined on its joining date,
 * then paused from its pause's first day or left on its leaving day.
 *
 * @param company - the company as stored
 */
export function companyLifetimeChanges(company: Company): CompanyMonthChange[] {
  const joined = { ...company, status: 'ACTIVE' as const };
  const changes = [companyMonthChange(undefined, joined, company.joinedOn)];
  if (company.status !== 'ACTIVE')
    changes.push(companyMonthChange(joined, company, company.joinedOn));
  return changes.filter((change): change is CompanyMonthChange => change !== null);
}

/** The sum of monthly figures. */
export function sumCompanyMonths(months: readonly CompanyMonthFigures[]): CompanyMonthFigures {
  const sum = emptyCompanyMonth();
  for (const month of months) {
    for (const counter of COMPANY_MONTH_COUNTERS) sum[counter] += month[counter];
  }
  return sum;
}

/** A municipality's counts by status and monthly figures, as its counter item keeps them. */
export interface CompanyFigures {
  counts: CompanyStats;
  months: Map<string, CompanyMonthFigures>;
}

/**
 * Every municipality's figures as the mutations would have kept them for the given companies:
 * the companies counted by status, and each company's lifetime changes added up per month
 * (seeding, test fixtures and the recount, which compares them with what is kept).
 *
 * @param companies - the companies as stored
 * @returns the figures by municipality code
 */
export function figuresOfCompanies(companies: readonly Company[]): Map<string, CompanyFigures> {
  const byMunicipality = new Map<string, CompanyFigures>();
  for (const company of companies) {
    const figures = byMunicipality.get(company.municipalityCode) ?? {
      counts: { ...NO_COMPANIES },
      months: new Map<string, CompanyMonthFigures>(),
    };
    byMunicipality.set(company.municipalityCode, figures);
    for (const [count, change] of Object.entries(companyStatsChange(undefined, company.status))) {
      figures.counts[count as keyof CompanyStats] += change ?? 0;
    }
    for (const { month, add } of companyLifetimeChanges(company)) {
      const monthFigures = figures.months.get(month) ?? emptyCompanyMonth();
      for (const [counter, n] of Object.entries(add) as Array<
        [keyof CompanyMonthFigures, number]
      >) {
        monthFigures[counter] += n;
      }
      figures.months.set(month, monthFigures);
    }
  }
  return byMunicipality;
}
