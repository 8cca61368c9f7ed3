import { type ActivityMinutes, activityMinutesOf, noMinutes } from '#kernel/activity-log';
import type { SubgraphContext } from '#kernel/context';
import { type FiguresPeriod, parsePeriod } from '#kernel/figures-period';
import { sharedKeys } from '#kernel/shared-keys';
import { danishToday } from '#kernel/today';
import { listMunicipalities } from '../repository/municipality-repository.ts';
import {
  loadProgrammeCosts,
  type ProgrammeCostsItem,
} from '../repository/programme-costs-repository.ts';
import { programmeYouthStats, youthStatsOf } from './figures-queries.ts';
import { type ResourceStatsView, resourceStatsView } from './resource-stats.ts';

/**
 * The resource figures (issue #21): a municipality's for its team (exact) and the programme
 * office, and the programme's totals. Minutes and costs are month counters (one item each per
 * municipality, batched), so no read grows with the period; the counts of young people are
 * `youthStats`' as the caller sees them.
 */

/** Municipalities' staff minutes of a period, from their activity counter items (one batch). */
async function minutesOf(
  context: SubgraphContext,
  codes: readonly string[],
  period: FiguresPeriod,
): Promise<ActivityMinutes[]> {
  const items = await context.loader.loadMany(codes.map(sharedKeys.activityCounts));
  const first = period.months[0] as string;
  const last = period.months.at(-1) as string;
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return activityMinutesOf(item, first, last);
  });
}

/** The costs of the period's months, oldest first, summed over municipalities. */
function costsOf(costs: readonly ProgrammeCostsItem[], period: FiguresPeriod) {
  return period.months
    .map((month) => ({
      month,
      amountDkk: costs.reduce((sum, { byMonth }) => sum + (byMonth.get(month) ?? 0), 0),
      recorded: costs.some(({ byMonth }) => byMonth.has(month)),
    }))
    .filter(({ recorded }) => recorded)
    .map(({ month, amountDkk }) => ({ month, amountDkk }));
}

/**
 * A municipality's resource figures of a period (its rule: `MUNICIPALITY_FIELD_ACCESS`, the team
 * and the programme office).
 *
 * @param context - the request
 * @param municipalityCode - the municipality
 * @param args - `from` and `to`
 */
export async function resourceStatsOf(
  context: SubgraphContext,
  municipalityCode: string,
  args: { from?: string | null; to?: string | null },
): Promise<ResourceStatsView> {
  const period = parsePeriod(args, danishToday(context.now()));
  const [youth, [minutes], costs] = await Promise.all([
    youthStatsOf(context, municipalityCode, args),
    minutesOf(context, [municipalityCode], period),
    loadProgrammeCosts(context.loader, [municipalityCode]),
  ]);
  return resourceStatsView(
    minutes ?? noMinutes(),
    costsOf(costs, period),
    youth,
    costs[0]?.version ?? 0,
  );
}

/**
 * The programme's resource figures (programme office only): every municipality's minutes and
 * costs summed; the counts of young people the programme's `youthStats`.
 *
 * @param context - the request
 * @param programme - `from` and `to` of the `ProgrammeStats` reference
 */
export async function programmeResourceStats(
  context: SubgraphContext,
  programme: { from: string; to: string },
): Promise<ResourceStatsView> {
  const period = parsePeriod(programme, danishToday(context.now()));
  const codes = (await listMunicipalities(context.table)).map(({ code }) => code);
  const [youth, minutes, costs] = await Promise.all([
    programmeYouthStats(context, programme),
    minutesOf(context, codes, period),
    loadProgrammeCosts(context.loader, codes),
  ]);
  const sum = noMinutes();
  for (const one of minutes) {
    sum.activities += one.activities;
    sum.minutes += one.minutes;
    for (const kind of Object.keys(sum.byKind) as Array<keyof typeof sum.byKind>) {
      sum.byKind[kind] += one.byKind[kind];
    }
  }
  return resourceStatsView(sum, costsOf(costs, period), youth, null);
}
