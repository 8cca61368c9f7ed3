import type { SubgraphContext } from '#kernel/context';
import { shareOf } from '#kernel/small-cells';
import { placementStatsOf } from './placement-figures-queries.ts';

/**
 * The placements subgraph's fidelity figures (#21): whether the model is run as designed, as an
 * effect evaluation must report. Here: how many placements started in the period were chosen by
 * the young person (a wish, or a company's invitation they answered) rather than arranged by the
 * team. Read from the placement figures' month counters (`STARTED`, `STARTED_CHOSEN`, written in
 * each placement write's own transaction and recounted with them), so they are published as the
 * placement figures are: exact for the municipality's team, rounded and suppressed for the
 * programme office — and a share from a count that is hidden is hidden too.
 */

/** What `Municipality.fidelity` returns (the GraphQL type `MunicipalityFidelity`). */
export interface FidelityFigures {
  municipalityCode: string;
  period: { from: string; to: string };
  suppressed: boolean;
  placementsStarted: number | null;
  placementsChosenByYouth: number | null;
  chosenByYouthShare: number | null;
}

/**
 * A municipality's fidelity figures for a period, as its placement figures are shown to the
 * caller (the field's rule decides who may ask).
 *
 * @param context - the request
 * @param municipalityCode - the municipality
 * @param args - `from` and `to` (optional; see `parsePeriod`)
 */
export async function fidelityOf(
  context: SubgraphContext,
  municipalityCode: string,
  args: { from?: string | null; to?: string | null },
): Promise<FidelityFigures> {
  const figures = await placementStatsOf(context, municipalityCode, {
    from: args.from,
    to: args.to,
  });
  return {
    municipalityCode,
    period: figures.period,
    suppressed: figures.suppressed,
    placementsStarted: figures.startedInPeriod,
    placementsChosenByYouth: figures.startedChosenByYouth,
    chosenByYouthShare: shareOf(figures.startedChosenByYouth, figures.startedInPeriod),
  };
}
