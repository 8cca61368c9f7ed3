import type { GuardedPlacement } from '../repository/placement-guard-entity.ts';
import { COMPANY_RATIO_CONFIG, type CompanyRatioConfig } from './company-ratio-config.ts';
import { type DateRange, peakConcurrency } from './dates.ts';
import { broken, RULE } from './rules.ts';

/**
 * How many people a company may have in supported placements at once (rimelighedskravet).
 *
 * @param employees - its ordinary employees; null when not known
 * @param config - the rule's figures
 */
export function companyPlaceLimit(
  employees: number | null,
  config: CompanyRatioConfig = COMPANY_RATIO_CONFIG,
): number {
  if (employees === null) return config.placesWhenEmployeesUnknown;
  const inFirstBand = Math.min(employees, config.firstBandEmployees);
  const beyond = Math.max(0, employees - config.firstBandEmployees);
  return Math.max(
    config.minimumPlaces,
    Math.floor(inFirstBand / config.employeesPerPlaceInFirstBand) +
      Math.floor(beyond / config.employeesPerPlaceBeyond),
  );
}

/**
 * The company has room for one more person in a placement on every day of the period: its open
 * placements at their busiest in the period stay under its limit. The placements counted are
 * NEXTWORK's own; wage-subsidy hires the jobcentre made elsewhere are not known here.
 *
 * @param others - the company's other open placements
 * @param employees - its ordinary employees; null when not known
 * @param period - the period asked for
 * @param path - the input field the refusal names
 */
export function requireCompanyRatio(
  others: readonly GuardedPlacement[],
  employees: number | null,
  period: DateRange,
  path: string,
): void {
  const limit = companyPlaceLimit(employees);
  if (peakConcurrency(others, period) < limit) return;
  const size =
    employees === null ? 'has not told how many it employs' : `has ${employees} ordinary employees`;
  throw broken(
    RULE.COMPANY_RATIO_EXCEEDED,
    `The company ${size} and may have at most ${limit} ${limit === 1 ? 'person' : 'people'} in placements at once (${COMPANY_RATIO_CONFIG.source}); that many are placed in this period`,
    [path],
  );
}
