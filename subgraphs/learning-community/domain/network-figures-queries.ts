import { requireIdentity } from '#kernel/authorisation';
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
import {
  listMunicipalityCodes,
  loadNetworkFigures,
  type NetworkFiguresOfPeriod,
} from '../repository/network-stats-repository.ts';
import {
  type AttendanceCell,
  attendanceCells,
  type NetworkStats,
  networkStatsView,
  sumMonths,
} from './network-stats.ts';

/**
 * The learning community's figures for a period: a municipality's for its own team (as they
 * are) and the programme office (small attendance counts hidden together with every other
 * municipality's and the programme total's, once per request and period), and the programme
 * total for the programme office.
 */

interface ProgrammeNetworkFigures {
  loaded: Map<string, NetworkFiguresOfPeriod>;
  shown: Map<string, Suppressed<AttendanceCell>>;
  total: Suppressed<AttendanceCell>;
}

async function computeProgrammeFigures(
  context: SubgraphContext,
  period: FiguresPeriod,
): Promise<ProgrammeNetworkFigures> {
  const codes = await listMunicipalityCodes(context.table);
  const loaded = await loadNetworkFigures(context.loader, codes, period.months);
  const suppressed = suppressProgramme(
    new Map(
      codes.map((code) => [code, attendanceCells(sumMonths(loaded.get(code)?.months ?? []))]),
    ),
  );
  return { loaded, shown: suppressed.municipalities, total: suppressed.total };
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
 * see them as they are, and the programme office, who sees small attendance counts hidden.
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
  // The team; or the programme office asking for a code outside the programme's list, which
  // is in no total, so its own small cells are all there is to hide.
  const loaded = await loadNetworkFigures(context.loader, [municipalityCode], period.months);
  const own = loaded.get(municipalityCode) as NetworkFiguresOfPeriod;
  const months = sumMonths(own.months);
  const cells = attendanceCells(months);
  const shown = identity.role === 'PROGRAMME' ? suppressFigures(cells) : unsuppressed(cells);
  return networkStatsView(period, own.groups, months, shown);
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
