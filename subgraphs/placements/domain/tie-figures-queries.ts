import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { NotFoundError } from '#kernel/errors';
import { type FiguresPeriod, parsePeriod } from '#kernel/figures-period';
import { type Cumulative, publishProgramme, unsuppressed } from '#kernel/small-cells';
import { danishToday } from '#kernel/today';
import { listMunicipalityCodes } from '../repository/shared-items.ts';
import {
  readPeerTiesOfMunicipality,
  readTiesOfMunicipality,
} from '../repository/youth-company-tie-entity.ts';
import {
  TIE_PUBLISH_RULES,
  type TieCount,
  type TieFigures,
  tieCountsOfPeriod,
  tieFigures,
} from './tie-figures.ts';

/** Every municipality's tie counts of a period: one index query per municipality. */
async function programmeTieCounts(context: SubgraphContext, period: FiguresPeriod) {
  const codes = await listMunicipalityCodes(context.table);
  const counted = await Promise.all(
    codes.map(async (code) => {
      const [ties, peerTies] = await Promise.all([
        readTiesOfMunicipality(context.table, code),
        readPeerTiesOfMunicipality(context.table, code),
      ]);
      return [code, tieCountsOfPeriod(ties, period, peerTies)] as const;
    }),
  );
  const byMunicipality = new Map<string, Cumulative<TieCount>>(
    counted.map(([code, { counts }]) => [code, counts]),
  );
  return {
    counted: new Map(counted),
    published: publishProgramme(byMunicipality, TIE_PUBLISH_RULES),
  };
}

/**
 * A municipality's tie figures for a period: exact for its team, published (rounded, as every
 * municipality's for the programme) for the programme office; the field's rule admits no one
 * else. Computed from the municipality's ties (one index query), so there is nothing to recount.
 *
 * @param context - the request
 * @param municipalityCode - the municipality
 * @param args - `from` and `to`
 */
export async function tieStatsOf(
  context: SubgraphContext,
  municipalityCode: string,
  args: { from?: string | null; to?: string | null },
): Promise<TieFigures> {
  const identity = requireIdentity(context);
  const period = parsePeriod(args, danishToday(context.now()));
  if (identity.role === 'PROGRAMME') {
    const { counted, published } = await programmeTieCounts(context, period);
    const own = published.municipalities.get(municipalityCode);
    const counts = counted.get(municipalityCode);
    if (!own || !counts) {
      throw new NotFoundError(`No municipality runs NEXTWORK under ${municipalityCode}`);
    }
    return tieFigures(period, own, counts.metBeforeFirstPlacement);
  }
  const [ties, peerTies] = await Promise.all([
    readTiesOfMunicipality(context.table, municipalityCode),
    readPeerTiesOfMunicipality(context.table, municipalityCode),
  ]);
  const { counts, metBeforeFirstPlacement } = tieCountsOfPeriod(ties, period, peerTies);
  const exact = { ...counts.through, newTies: counts.through.newTies - counts.before.newTies };
  return tieFigures(period, unsuppressed(exact), metBeforeFirstPlacement);
}

/**
 * The programme's tie figures for a period: the sum of every municipality's as published, the
 * median over every placed young person (shown over a population large enough).
 *
 * @param context - the request
 * @param programme - `from` and `to` of the `ProgrammeStats` reference
 */
export async function programmeTieStats(
  context: SubgraphContext,
  programme: { from: string; to: string },
): Promise<TieFigures> {
  const period = parsePeriod(programme, danishToday(context.now()));
  const { counted, published } = await programmeTieCounts(context, period);
  const metBefore = [...counted.values()].flatMap((counts) => counts.metBeforeFirstPlacement);
  return tieFigures(period, published.total, metBefore);
}
