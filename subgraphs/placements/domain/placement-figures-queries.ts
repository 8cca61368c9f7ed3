import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { BadUserInputError, NotFoundError } from '#kernel/errors';
import { type FiguresPeriod, parsePeriod } from '#kernel/figures-period';
import { createRequestMemo } from '#kernel/request-memo';
import { type Suppressed, suppressProgramme, unsuppressed } from '#kernel/small-cells';
import { danishToday } from '#kernel/today';
import {
  loadPlacementFigures,
  type PlacementFiguresOfPeriod,
} from '../repository/placement-stats-repository.ts';
import { listMunicipalityCodes } from '../repository/shared-items.ts';
import {
  addPlacementCells,
  PLACEMENT_RELATIONS,
  type PlacementCell,
  type PlacementFigures,
  type PlacementPeriodCells,
  placementFigures,
  placementPeriodCells,
} from './placement-stats.ts';

/**
 * The placements subgraph's figures for a period, designed like the people subgraph's: a
 * municipality's for its own team (as they are) and the programme office (small cells hidden),
 * and the programme total for the programme office. The programme office's figures of every
 * municipality and of the total are suppressed together (`suppressProgramme`), once per request
 * and period, so the pattern of hidden cells is the same whichever figures a request asks for
 * and no hidden cell follows from the total minus the other municipalities. Every read is one
 * batch of one counter item per municipality, whatever the period.
 */

/** The period arguments of `placementStats`: `from`/`to`, or the older `period` input. */
export interface PlacementPeriodArgs {
  from?: string | null;
  to?: string | null;
  period?: { from: string; to: string } | null;
}

interface ProgrammeFigures {
  municipalities: Map<string, { shown: Suppressed<PlacementCell>; cells: PlacementPeriodCells }>;
  total: { shown: Suppressed<PlacementCell>; cells: PlacementPeriodCells };
}

const programmeFiguresOnce = createRequestMemo<Promise<ProgrammeFigures>>();
const municipalityCodesOnce = createRequestMemo<Promise<string[]>>();

/** The municipality codes, read once per request. */
function municipalityCodes(context: SubgraphContext): Promise<string[]> {
  return municipalityCodesOnce(context, 'all', () => listMunicipalityCodes(context.table));
}

function periodOf(args: PlacementPeriodArgs, today: string): FiguresPeriod {
  if (args.period && (args.from || args.to)) {
    throw new BadUserInputError('Invalid period: give either period or from and to', [
      { path: 'period', message: 'must not be given together with from or to' },
    ]);
  }
  return parsePeriod(args.period ?? args, today);
}

function cellsOf(figures: PlacementFiguresOfPeriod): PlacementPeriodCells {
  return placementPeriodCells(figures.counts, figures.months);
}

async function computeProgrammeFigures(
  context: SubgraphContext,
  period: FiguresPeriod,
): Promise<ProgrammeFigures> {
  const codes = await municipalityCodes(context);
  const loaded = await loadPlacementFigures(context.loader, codes, period.months);
  const cellsByCode = new Map(
    codes.map((code) => [code, cellsOf(loaded.get(code) as PlacementFiguresOfPeriod)]),
  );
  const suppressed = suppressProgramme(
    new Map([...cellsByCode].map(([code, { cells }]) => [code, cells])),
    PLACEMENT_RELATIONS,
  );
  return {
    municipalities: new Map(
      codes.map((code) => [
        code,
        {
          shown: suppressed.municipalities.get(code) as Suppressed<PlacementCell>,
          cells: cellsByCode.get(code) as PlacementPeriodCells,
        },
      ]),
    ),
    total: { shown: suppressed.total, cells: addPlacementCells([...cellsByCode.values()]) },
  };
}

function programmeFigures(
  context: SubgraphContext,
  period: FiguresPeriod,
): Promise<ProgrammeFigures> {
  return programmeFiguresOnce(context, `${period.from}|${period.to}`, () =>
    computeProgrammeFigures(context, period),
  );
}

/**
 * A municipality's placement figures for a period: its own team sees them as they are, the
 * programme office with small cells hidden (together with every other municipality's and the
 * total's); who else is refused is the field's rule (`programmeCountsOnly`). A code that runs
 * no NEXTWORK is `NOT_FOUND`, a bad period `BAD_USER_INPUT`.
 *
 * @param context - the request
 * @param municipalityCode - the municipality
 * @param args - `from` and `to` (optional; see `parsePeriod`), or the older `period`
 */
export async function placementStatsOf(
  context: SubgraphContext,
  municipalityCode: string,
  args: PlacementPeriodArgs,
): Promise<PlacementFigures> {
  const identity = requireIdentity(context);
  const period = periodOf(args, danishToday(context.now()));
  if (identity.role === 'PROGRAMME') {
    const figures = await programmeFigures(context, period);
    const own = figures.municipalities.get(municipalityCode);
    if (!own) throw new NotFoundError(`No municipality runs NEXTWORK under ${municipalityCode}`);
    return placementFigures(period, own.shown, own.cells.firstPlacementWeeks);
  }
  const loaded = await loadPlacementFigures(context.loader, [municipalityCode], period.months);
  const cells = cellsOf(loaded.get(municipalityCode) as PlacementFiguresOfPeriod);
  return placementFigures(period, unsuppressed(cells.cells), cells.firstPlacementWeeks);
}

/**
 * The programme total of the placement figures, small cells hidden together with every
 * municipality's (the programme office's alone: the field's rule).
 *
 * @param context - the request
 * @param period - `from` and `to` of the `ProgrammeStats` reference
 */
export async function programmePlacementStats(
  context: SubgraphContext,
  period: { from: string; to: string },
): Promise<PlacementFigures> {
  const parsed = parsePeriod(period, danishToday(context.now()));
  const { total } = await programmeFigures(context, parsed);
  return placementFigures(parsed, total.shown, total.cells.firstPlacementWeeks);
}

/** The period of the programme's figures as `ProgrammeStats` carries it (its key). */
export interface ProgrammePeriod {
  from: string;
  to: string;
}
