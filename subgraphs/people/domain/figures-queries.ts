import type { SubgraphContext } from '#kernel/context';
import { cumulativeMonths, type FiguresPeriod, parsePeriod } from '#kernel/figures-period';
import { createRequestMemo } from '#kernel/request-memo';
import {
  type Cumulative,
  publishFigures,
  publishProgramme,
  type Suppressed,
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
  YOUTH_PUBLISH_RULES,
  type YouthCell,
  type YouthPeriodCells,
  type YouthStatsFigures,
  youthPeriodCells,
  youthStatsFigures,
} from './youth-stats-figures.ts';

/**
 * The people subgraph's figures for a period: a municipality's for its own team (as they are)
 * and the programme office (published by `#kernel/small-cells`: rounded to multiples of 5, flows
 * as differences of cumulative counts from the programme's first month), and the programme total
 * for the programme office, the sum of the municipalities as published.
 */

/** The programme office's figures of one period: every municipality's and the total's. */
interface ProgrammeFigures {
  municipalities: Map<string, { shown: Suppressed<YouthCell>; cells: YouthPeriodCells }>;
  total: { shown: Suppressed<YouthCell>; cells: YouthPeriodCells };
}

/** A municipality's counts of a period: cumulative (to publish) and of the period (exact). */
interface CountsOfPeriod {
  cumulative: Cumulative<YouthCell>;
  exact: YouthPeriodCells;
}

/**
 * The counts of a period from figures loaded for the cumulative months
 * (`cumulativeMonths(period).through`, or the period's own months for the team).
 */
function countsOf(
  figures: YouthFiguresOfPeriod,
  loadedMonths: readonly string[],
  period: FiguresPeriod,
  today: string,
): CountsOfPeriod {
  const months = loadedMonths.map((month, index) => ({
    month,
    figures: figures.months[index] as YouthFiguresOfPeriod['months'][number],
  }));
  const first = period.months[0] as string;
  const before = months.filter(({ month }) => month < first);
  const within = months.filter(({ month }) => month >= first);
  return {
    cumulative: {
      through: youthPeriodCells(figures.counts, months, today).cells,
      before: youthPeriodCells(figures.counts, before, today).cells,
    },
    exact: youthPeriodCells(figures.counts, within, today),
  };
}

async function computeProgrammeFigures(
  context: SubgraphContext,
  period: FiguresPeriod,
  today: string,
): Promise<ProgrammeFigures> {
  const codes = (await listMunicipalities(context.table)).map(({ code }) => code);
  const { through } = cumulativeMonths(period);
  const loaded = await loadYouthFigures(context.loader, codes, through);
  const countsByCode = new Map(
    codes.map((code) => [
      code,
      countsOf(loaded.get(code) as YouthFiguresOfPeriod, through, period, today),
    ]),
  );
  const published = publishProgramme(
    new Map([...countsByCode].map(([code, { cumulative }]) => [code, cumulative])),
    YOUTH_PUBLISH_RULES,
  );
  return {
    municipalities: new Map(
      codes.map((code) => [
        code,
        {
          shown: published.municipalities.get(code) as Suppressed<YouthCell>,
          cells: (countsByCode.get(code) as CountsOfPeriod).exact,
        },
      ]),
    ),
    total: {
      shown: published.total,
      cells: addPeriodCells([...countsByCode.values()].map(({ exact }) => exact)),
    },
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
 * the programme office as published (the field's rule admits no one else).
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
    if (own) return youthStatsFigures(period, own.shown, own.cells);
    // A code outside the programme's list is in no total: published by the same rule alone.
    const { through } = cumulativeMonths(period);
    const loaded = await loadYouthFigures(context.loader, [municipalityCode], through);
    const counts = countsOf(
      loaded.get(municipalityCode) as YouthFiguresOfPeriod,
      through,
      period,
      today,
    );
    return youthStatsFigures(
      period,
      publishFigures(counts.cumulative, YOUTH_PUBLISH_RULES),
      counts.exact,
    );
  }
  const loaded = await loadYouthFigures(context.loader, [municipalityCode], period.months);
  const { exact } = countsOf(
    loaded.get(municipalityCode) as YouthFiguresOfPeriod,
    period.months,
    period,
    today,
  );
  return youthStatsFigures(period, unsuppressed(exact.cells), exact);
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
 * The programme total of the figures of young people: the sum of every municipality's as
 * published (programme office only).
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
  return youthStatsFigures(parsed, total.shown, total.cells);
}
