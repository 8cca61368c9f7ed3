import type { SubgraphContext } from '#kernel/context';
import { danishToday } from '#kernel/today';
import {
  listMunicipalityCodes,
  loadCompanyFigures,
} from '../repository/company-figures-repository.ts';
import {
  type CompanyStatsFigures,
  companyFiguresRequest,
  companyStatsFigures,
  type ProgrammePeriod,
} from './company-stats-figures.ts';

/**
 * A municipality's company figures for a period (for its own team and the programme office:
 * the field's rule, `MUNICIPALITY_FIELD_ACCESS.companyStats`).
 *
 * @param context - the request
 * @param municipalityCode - the municipality
 * @param args - `from` and `to`, optional
 */
export async function companyStatsOf(
  context: SubgraphContext,
  municipalityCode: string,
  args: { from?: string | null; to?: string | null },
): Promise<CompanyStatsFigures> {
  const request = companyFiguresRequest(args, danishToday(context.now()));
  const figures = await loadCompanyFigures(context.loader, [municipalityCode], request.months);
  return companyStatsFigures(request, [...figures.values()]);
}

/**
 * The company figures of every municipality added up (for the programme office only: the
 * field's rule, `programmeOffice`).
 *
 * @param context - the request
 * @param period - `from` and `to` of the `ProgrammeStats` reference
 */
export async function programmeCompanyStats(
  context: SubgraphContext,
  period: ProgrammePeriod,
): Promise<CompanyStatsFigures> {
  const request = companyFiguresRequest(period, danishToday(context.now()));
  const codes = await listMunicipalityCodes(context.table);
  const figures = await loadCompanyFigures(context.loader, codes, request.months);
  return companyStatsFigures(request, [...figures.values()]);
}
