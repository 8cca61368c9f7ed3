import type { SubgraphContext } from '#kernel/context';
import { type FiguresPeriod, parsePeriod } from '#kernel/figures-period';
import { createRequestMemo } from '#kernel/request-memo';
import {
  type Suppressed,
  suppressFigures,
  suppressProgramme,
  unsuppressed,
} from '#kernel/small-cells';
import { danishToday } from '#kernel/today';
import { listMunicipalities } from '../repository/municipality-repository.ts';
import {
  loadYouthFigures,
  type YouthFiguresOfPeriod,
} from '../repository/youth-figures-repository.ts';
import { municipalityAudienceOf } from './municipality-queries.ts';
import {
  addPeriodCells,
  YOUTH_RELATIONS,
  type YouthCell,
  type YouthPeriodCells,
  type YouthStatsFigures,
  youthPeriodCells,
  youthStatsFigures,
} from './youth-stats-figures.ts';

/**
 * The people subgraph's figures for a period: a municipality's for its own team (as they are)
 * and the programme office (small cells hidden), and the programme total for the programme
 * office. The programme office's figures of every municipality and of the total are suppressed
 * together (`suppressProgramme`), once per request and period, so the pattern of hidden cells
 * is the same whichever figures a request asks for, and no hidden cell follows from the total
 * minus the other municipalities.
 */

/** The programme office's figures of one period: every municipality's and the total's. */
interface ProgrammeFigures {
  municipalities: Map<string, { shown: Suppressed<YouthCell>; cells: YouthPeriodCells }>;
  total: { shown: Suppressed<YouthCell>; cells: YouthPeriodCells };
}

function cellsOf(
  figures: YouthFiguresOfPeriod,
  period: FiguresPeriod,
  today: string,
): YouthPeriodCells {
  return youthPeriodCells(
    figures.counts,
    period.months.map((month, index) => ({
      month,
      figures: figures.months[index] as YouthFiguresOfPeriod['months'][number],
    })),
    today,
  );
}

async function computeProgrammeFigures(
  context: SubgraphContext,
  period: FiguresPeriod,
  today: string,
): Promise<ProgrammeFigures> {
  const codes = (await listMunicipalities(context.table)).map(({ code }) => code);
  const loaded = await loadYouthFigures(context.loader, codes, period.months);
  const cellsByCode = new Map(
    codes.map((code) => [code, cellsOf(loaded.get(code) as YouthFiguresOfPeriod, period, today)]),
  );
  const totalCells = addPeriodCells([...cellsByCode.values()]);
  const suppressed = suppressProgramme(
    new Map([...cellsByCode].map(([code, { cells }]) => [code, cells])),
    YOUTH_RELATIONS,
  );
  return {
    municipalities: new Map(
      codes.map((code) => [
        code,
        {
          shown: suppressed.municipalities.get(code) as Suppressed<YouthCell>,
          cells: cellsByCode.get(code) as YouthPeriodCells,
        },
      ]),
    ),
    total: { shown: suppressed.total, cells: totalCells },
  };
}

const programmeFiguresOnce = createRequestMemo<Promise<ProgrammeFigures>>();

function programmeFigures(
  context: SubgraphContext,
  period: FiguresPeriod,
  today: string,
): Promise<ProgrammeFigures> {
  return programmeFiguresOnce(context, `${period.from}|${period.to}`, () =>
    computeProgrammeFigures(context, period, today),
  );
}

/**
 * A municipality's figures of young people for a period: its own team sees them as they are,
 * the programme office with small cells hidden (the field's rule admits no one else).
 *
 * @param context - the request
 * @param municipalityCode - the municipality
 * @param args - `from` and `to` (optional; see `parsePeriod`)
 */
export async function youthStatsOf(
  context: SubgraphContext,
  municipalityCode: string,
  args: { from?: string | null; to?: string | null },
): Promise<YouthStatsFigures> {
  // The rule (`MUNICIPALITY_FIELD_ACCESS.youthStats`) admitted the team or the programme office.
  const audience = await municipalityAudienceOf(context, municipalityCode);
  const today = danishToday(context.now());
  const period = parsePeriod(args, today);
  if (audience === 'PROGRAMME') {
    const figures = await programmeFigures(context, period, today);
    const own = figures.municipalities.get(municipalityCode);
    if (own) return youthStatsFigures(period, own.shown, own.cells.weeksInEducationOrJobFirstYear);
  }
  // The team; or the programme office asking for a code outside the programme's list, which
  // is in no total, so its own small cells are all there is to hide.
  const loaded = await loadYouthFigures(context.loader, [municipalityCode], period.months);
  const cells = cellsOf(loaded.get(municipalityCode) as YouthFiguresOfPeriod, period, today);
  const shown =
    audience === 'PROGRAMME'
      ? suppressFigures(cells.cells, YOUTH_RELATIONS)
      : unsuppressed(cells.cells);
  return youthStatsFigures(period, shown, cells.weeksInEducationOrJobFirstYear);
}

/**
 * The programme's period, for the programme office only: the figures of every municipality
 * added up (`ProgrammeStats`). Staff see their own municipality's figures on `Municipality`.
 *
 * @param context - the request
 * @param args - `from` and `to` (optional)
 */
export function programmePeriodOf(
  context: SubgraphContext,
  args: { from?: string | null; to?: string | null },
): { from: string; to: string } {
  const { from, to } = parsePeriod(args, danishToday(context.now()));
  return { from, to };
}

/**
 * The programme total of the figures of young people, small cells hidden together with every
 * municipality's (programme office only).
 *
 * @param context - the request
 * @param period - `from` and `to` of the `ProgrammeStats` reference
 */
export async function programmeYouthStats(
  context: SubgraphContext,
  period: { from: string; to: string },
): Promise<YouthStatsFigures> {
  const today = danishToday(context.now());
  const parsed = parsePeriod(period, today);
  const { total } = await programmeFigures(context, parsed, today);
  return youthStatsFigures(parsed, total.shown, total.cells.weeksInEducationOrJobFirstYear);
}
