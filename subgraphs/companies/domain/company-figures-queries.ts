import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { ForbiddenError } from '#kernel/errors';
import { danishToday } from '#kernel/today';
import {
  listMunicipalityCodes,
  loadCompanyFigures,
} from '../repository/company-figures-repository.ts';
import {
  type CompanyStatsFigures,
  companyFiguresRequest,
  companyStatsFigures,
} from './company-stats-figures.ts';
import { requireMunicipalityField } from './municipality-access.ts';

/**
 * A municipality's company figures for a period, for its own team and the programme office.
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
  requireMunicipalityField(requireIdentity(context), municipalityCode, 'companyStats');
  const request = companyFiguresRequest(args, danishToday(context.now()));
  const figures = await loadCompanyFigures(context.loader, [municipalityCode], request.months);
  return companyStatsFigures(request, [...figures.values()]);
}

/**
 * The company figures of every municipality added up, for the programme office only.
 *
 * @param context - the request
 * @param period - `from` and `to` of the `ProgrammeStats` reference
 */
export async function programmeCompanyStats(
  context: SubgraphContext,
  period: { from: string; to: string },
): Promise<CompanyStatsFigures> {
  requireProgrammeOffice(context);
  const request = companyFiguresRequest(period, danishToday(context.now()));
  const codes = await listMunicipalityCodes(context.table);
  const figures = await loadCompanyFigures(context.loader, codes, request.months);
  return companyStatsFigures(request, [...figures.values()]);
}

/** Refuses (`FORBIDDEN`) anyone but the programme office. */
export function requireProgrammeOffice(context: SubgraphContext): void {
  if (requireIdentity(context).role !== 'PROGRAMME') {
    throw new ForbiddenError("The programme's figures are for the programme office");
  }
}
