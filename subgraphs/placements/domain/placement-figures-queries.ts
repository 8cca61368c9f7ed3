import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { BadUserInputError, NotFoundError } from '#kernel/errors';
import { cumulativeMonths, type FiguresPeriod, parsePeriod } from '#kernel/figures-period';
import { createRequestMemo } from '#kernel/request-memo';
import {
  type Cumulative,
  publishProgramme,
  type Suppressed,
  unsuppressed,
} from '#kernel/small-cells';
import { danishToday } from '#kernel/today';
import {
  loadPlacementFigures,
  type PlacementFiguresOfPeriod,
} from '../repository/placement-stats-repository.ts';
import { listMunicipalityCodes } from '../repository/shared-items.ts';
import {
  addPlacementCells,
  PLACEMENT_PUBLISH_RULES,
  type PlacementCell,
  type PlacementFigures,
  type PlacementPeriodCells,
  placementFigures,
  placementPeriodCells,
} from './placement-stats.ts';

/**
 * The placements subgraph's figures for a period, designed like the people subgraph's: a
 * municipality's for its own team (as they are) and the programme office (published by
 * `#kernel/small-cells`: rounded to multiples of 5, flows as differences of cumulative counts
 * from the programme's first month), and the programme total for the programme office, the sum
 * of the municipalities as published. Every read is one batch of one counter item per
 * municipality, whatever the period.
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

/** A municipality's counts of a period: cumulative (to publish) and of the period (exact). */
interface CountsOfPeriod {
  cumulative: Cumulative<PlacementCell>;
  exact: PlacementPeriodCells;
}

/** The counts of a period from figures loaded for `cumulativeMonths(period).through`. */
function countsOf(
  figures: PlacementFiguresOfPeriod,
  through: readonly string[],
  period: FiguresPeriod,
): CountsOfPeriod {
  const first = period.months[0] as string;
  const before = figures.months.filter((_, index) => (through[index] as string) < first);
  const within = figures.months.filter((_, index) => (through[index] as string) >= first);
  return {
    cumulative: {
      through: cellsOf(figures).cells,
      before: placementPeriodCells(figures.counts, before).cells,
    },
    exact: placementPeriodCells(figures.counts, within),
  };
}

async function computeProgrammeFigures(
  context: SubgraphContext,
  period: FiguresPeriod,
): Promise<ProgrammeFigures> {
  const codes = await municipalityCodes(context);
  const { through } = cumulativeMonths(period);
  const loaded = await loadPlacementFigures(context.loader, codes, through);
  const countsByCode = new Map(
    codes.map((code) => [
      code,
      countsOf(loaded.get(code) as PlacementFiguresOfPeriod, through, period),
    ]),
  );
  const published = publishProgramme(
    new Map([...countsByCode].map(([code, { cumulative }]) => [code, cumulative])),
    PLACEMENT_PUBLISH_RULES,
  );
  return {
    municipalities: new Map(
      codes.map((code) => [
        code,
        {
          shown: published.municipalities.get(code) as Suppressed<PlacementCell>,
          cells: (countsByCode.get(code) as CountsOfPeriod).exact,
        },
      ]),
    ),
    total: {
      shown: published.total,
      cells: addPlacementCells([...countsByCode.values()].map(({ exact }) => exact)),
    },
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
 * programme office as published (`#kernel/small-cells`); who else is refused is the field's rule (`programmeCountsOnly`). A code that runs
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
 * The programme total of the placement figures, the sum of every municipality's as published
 * (the programme office's alone: the field's rule).
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
