import * as z from 'zod';
import type { CompanyNetworkStatus } from './company.ts';

/** Counts of a municipality's companies by network status. */
export const CompanyStatsSchema = z.object({
  active: z.number().int(),
  paused: z.number().int(),
  left: z.number().int(),
});

/** Counts of a municipality's companies by network status. */
export type CompanyStats = z.infer<typeof CompanyStatsSchema>;

/** A change to add to a municipality's counts, by count. */
export type CompanyStatsChange = Partial<CompanyStats>;

const COUNT_OF: Record<CompanyNetworkStatus, keyof CompanyStats> = {
  ACTIVE: 'active',
  PAUSED: 'paused',
  LEFT: 'left',
};

/**
 * How the counts change when a company moves from one status to another, or joins (`from`
 * undefined). Applied in the same transaction as the company's change, so the counts always
 * agree with the companies.
 *
 * @param from - the status before; undefined for a company that joins
 * @param to - the status after
 */
export function companyStatsChange(
  from: CompanyNetworkStatus | undefined,
  to: CompanyNetworkStatus,
): CompanyStatsChange {
  if (from === to) return {};
  const change: CompanyStatsChange = { [COUNT_OF[to]]: 1 };
  if (from) change[COUNT_OF[from]] = -1;
  return change;
}

/** Counts of a municipality without companies. */
export const NO_COMPANIES: CompanyStats = { active: 0, paused: 0, left: 0 };
