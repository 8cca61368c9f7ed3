import { requireIdentity } from '#kernel/authorisation';
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
import {
  listMunicipalityCodes,
  loadNetworkFigures,
  type NetworkFiguresOfPeriod,
} from '../repository/network-stats-repository.ts';
import {
  NETWORK_RULES,
  type NetworkCell,
  type NetworkStats,
  networkCells,
  networkStatsView,
  sumMonths,
} from './network-stats.ts';
import { sumSuggestionMonths } from './suggestion-figures.ts';

/**
 * The learning community's figures for a period: a municipality's for its own team (as they
 * are) and the programme office (attendance and suggestion counts published by
 * `#kernel/small-cells`: rounded to multiples of 5 as differences of cumulative counts from the
 * programme's first month), and the programme total for the programme office, the sum of the
 * municipalities as published.
 */

/** The cells of summed figures: attendance and suggestions. */
function cellsOf(figures: Pick<NetworkFiguresOfPeriod, 'months' | 'suggestions'>) {
  return networkCells(sumMonths(figures.months), sumSuggestionMonths(figures.suggestions));
}

/** A municipality's protected counts counted cumulatively, from figures loaded for `through`. */
function cumulativeCells(
  figures: NetworkFiguresOfPeriod | undefined,
  through: readonly string[],
  period: FiguresPeriod,
): Cumulative<NetworkCell> {
  const first = period.months[0] as string;
  const before = (_: unknown, index: number) => (through[index] as string) < first;
  const months = figures?.months ?? [];
  const suggestions = figures?.suggestions ?? [];
  return {
    through: cellsOf({ months, suggestions }),
    before: cellsOf({ months: months.filter(before), suggestions: suggestions.filter(before) }),
  };
}

/** The figures of the period's own months, out of those loaded for `through`. */
function withinPeriod(
  figures: NetworkFiguresOfPeriod,
  through: readonly string[],
  period: FiguresPeriod,
): NetworkFiguresOfPeriod {
  const first = period.months[0] as string;
  const within = (_: unknown, index: number) => (through[index] as string) >= first;
  return {
    ...figures,
    months: figures.months.filter(within),
    suggestions: figures.suggestions.filter(within),
  };
}

interface ProgrammeNetworkFigures {
  loaded: Map<string, NetworkFiguresOfPeriod>;
  shown: Map<string, Suppressed<NetworkCell>>;
  total: Suppressed<NetworkCell>;
}

async function computeProgrammeFigures(
  context: SubgraphContext,
  period: FiguresPeriod,
): Promise<ProgrammeNetworkFigures> {
  const codes = await listMunicipalityCodes(context.table);
  const { through } = cumulativeMonths(period);
  const cumulative = await loadNetworkFigures(context.loader, codes, through);
  const published = publishProgramme(
    new Map(codes.map((code) => [code, cumulativeCells(cumulative.get(code), through, period)])),
    NETWORK_RULES,
  );
  const loaded = new Map(
    [...cumulative].map(([code, figures]) => [code, withinPeriod(figures, through, period)]),
  );
  return { loaded, shown: published.municipalities, total: published.total };
}

const programmeFiguresOnce = createRequestMemo<Promise<ProgrammeNetworkFigures>>();

function programmeFigures(
  context: SubgraphContext,
  period: FiguresPeriod,
): Promise<ProgrammeNetworkFigures> {
  return programmeFiguresOnce(context, `${period.from}|${period.to}`, () =>
    computeProgrammeFigures(context, period),
  );
}

/**
 * A municipality's network figures over a period (its one counter item, read in one batch
 * with every other municipality's). Its rule (`programmeCountsOnly`) admits its own team, who
 * see them as they are, and the programme office, who sees attendance and suggestion counts as
 * published.
 *
 * @param context - the request
 * @param municipalityCode - the municipality
 * @param args - `from` and `to`, optional
 */
export async function networkStatsOfMunicipality(
  context: SubgraphContext,
  municipalityCode: string,
  args: { from?: string | null; to?: string | null },
): Promise<NetworkStats> {
  const identity = requireIdentity(context);
  const period = parsePeriod(args, danishToday(context.now()));
  if (identity.role === 'PROGRAMME') {
    const figures = await programmeFigures(context, period);
    const own = figures.loaded.get(municipalityCode);
    const shown = figures.shown.get(municipalityCode);
    if (own && shown) return networkStatsView(period, own.groups, sumMonths(own.months), shown);
  }
  if (identity.role === 'PROGRAMME') {
    // A code outside the programme's list is in no total: published by the same rule alone.
    const { through } = cumulativeMonths(period);
    const loaded = await loadNetworkFigures(context.loader, [municipalityCode], through);
    const all = loaded.get(municipalityCode) as NetworkFiguresOfPeriod;
    const own = withinPeriod(all, through, period);
    const shown = publishFigures(cumulativeCells(all, through, period), NETWORK_RULES);
    return networkStatsView(period, own.groups, sumMonths(own.months), shown);
  }
  const loaded = await loadNetworkFigures(context.loader, [municipalityCode], period.months);
  const own = loaded.get(municipalityCode) as NetworkFiguresOfPeriod;
  return networkStatsView(period, own.groups, sumMonths(own.months), unsuppressed(cellsOf(own)));
}

/**
 * The network figures of every municipality added up (the rule `programmeOffice` admits the
 * programme office only).
 *
 * @param context - the request
 * @param reference - `from` and `to` of the `ProgrammeStats` reference
 */
export async function programmeNetworkStats(
  context: SubgraphContext,
  reference: { from: string; to: string },
): Promise<NetworkStats> {
  const period = parsePeriod(reference, danishToday(context.now()));
  const figures = await programmeFigures(context, period);
  const all = [...figures.loaded.values()];
  const groups = all.reduce(
    (sum, { groups: g }) => ({
      youthGroups: sum.youthGroups + g.youthGroups,
      companyGroups: sum.companyGroups + g.companyGroups,
    }),
    { youthGroups: 0, companyGroups: 0 },
  );
  const months = sumMonths(all.flatMap(({ months: m }) => m));
  return networkStatsView(period, groups, months, figures.total);
}
