import type { SubgraphContext } from '#kernel/context';
import { type FiguresPeriod, parsePeriod } from '#kernel/figures-period';
import { createRequestMemo } from '#kernel/request-memo';
import { danishToday } from '#kernel/today';
import { listMunicipalities } from '../repository/municipality-repository.ts';
import { listMunicipalitySelfAssessments } from '../repository/self-assessment-repository.ts';
import {
  changesOf,
  type DirectionCounts,
  type DirectionStatsFigures,
  directionCounts,
  programmeDirectionFigures,
  publishedDirectionFigures,
  teamDirectionFigures,
  wholeMonths,
} from './direction-figures.ts';
import { municipalityAudienceOf } from './municipality-queries.ts';

/**
 * The direction figures of a period, read from each municipality's index of self-assessments
 * (one query per municipality, the municipalities in parallel): a municipality's for its own
 * team (exact) and the programme office (published), the programme total for the programme
 * office.
 */

async function countsOf(
  context: SubgraphContext,
  municipalityCode: string,
  months: { from: string; to: string },
): Promise<DirectionCounts> {
  const assessments = await listMunicipalitySelfAssessments(
    context.table,
    municipalityCode,
    months.from,
    months.to,
  );
  return directionCounts(changesOf(assessments));
}

async function computeProgramme(context: SubgraphContext, period: FiguresPeriod) {
  const months = wholeMonths(period);
  const codes = (await listMunicipalities(context.table)).map(({ code }) => code);
  const counts = await Promise.all(codes.map((code) => countsOf(context, code, months)));
  return programmeDirectionFigures(
    months,
    new Map(codes.map((code, index) => [code, counts[index] as DirectionCounts])),
  );
}

const programmeOnce = createRequestMemo<ReturnType<typeof computeProgramme>>();

function programmeFigures(context: SubgraphContext, period: FiguresPeriod) {
  return programmeOnce(context, `${period.from}|${period.to}`, () =>
    computeProgramme(context, period),
  );
}

/**
 * A municipality's direction figures for a period: exact for its own team, published for the
 * programme office (the field's rule admits no one else).
 *
 * @param context - the request
 * @param municipalityCode - the municipality
 * @param args - `from` and `to` (optional; see `parsePeriod`)
 */
export async function directionStatsOf(
  context: SubgraphContext,
  municipalityCode: string,
  args: { from?: string | null; to?: string | null },
): Promise<DirectionStatsFigures> {
  const audience = await municipalityAudienceOf(context, municipalityCode);
  const period = parsePeriod(args, danishToday(context.now()));
  const months = wholeMonths(period);
  if (audience === 'PROGRAMME') {
    const own = (await programmeFigures(context, period)).municipalities.get(municipalityCode);
    if (own) return own;
    return publishedDirectionFigures(months, await countsOf(context, municipalityCode, months));
  }
  return teamDirectionFigures(months, await countsOf(context, municipalityCode, months));
}

/**
 * The programme total of the direction figures (programme office only).
 *
 * @param context - the request
 * @param period - `from` and `to` of the `ProgrammeStats` reference
 */
export async function programmeDirectionStats(
  context: SubgraphContext,
  period: { from: string; to: string },
): Promise<DirectionStatsFigures> {
  const parsed = parsePeriod(period, danishToday(context.now()));
  return (await programmeFigures(context, parsed)).total;
}
