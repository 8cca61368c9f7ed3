import { addDays } from '#kernel/calendar';
import { type FiguresPeriod, lastDayOfMonth } from '#kernel/figures-period';
import {
  type Cells,
  type Cumulative,
  type PublishRules,
  type ShownCells,
  type Suppressed,
  showsAverage,
} from '#kernel/small-cells';
import { firstContact, type YouthCompanyTie, type YouthPeerTies } from '#kernel/ties';

/** The counts of the tie figures. */
export const TIE_COUNTS = [
  'youthWithCompanyTies',
  'youthWithThreeOrMoreCompanyTies',
  'youthWithFirstPlacement',
  'companiesTiedToTwoOrMoreYouth',
  'companiesHostingMoreThanOnePlacement',
  'newTies',
  'youthWithPeerTies',
] as const;

/** A count of the tie figures. */
export type TieCount = (typeof TIE_COUNTS)[number];

/**
 * How the tie figures are published to the programme office: every count but the new ties is a
 * stock as of the period's end (how many young people or companies had reached it by then),
 * the new ties a flow.
 */
export const TIE_PUBLISH_RULES: PublishRules<TieCount> = {
  stocks: TIE_COUNTS.filter((name) => name !== 'newTies'),
  derived: [],
};

/** The tie counts as of a day, with how many companies each placed young person met first. */
export interface TieCountsAsOf {
  cells: Cells<TieCount>;
  /** Per young person with a first placement by then: companies met before it. */
  metBeforeFirstPlacement: number[];
}

/** How many placements a tie holds by a day (its placements' days, each counted once). */
function placementsBy(tie: YouthCompanyTie, day: string): number {
  const placements = tie.reasons.filter((reason) => reason.startsWith('PLACEMENT#')).length;
  const days = tie.placementDays.filter((placed) => placed <= day).length;
  return days === tie.placementDays.length ? Math.max(placements, days) : days;
}

/**
 * The tie counts of a set of ties as of a day: ties are counted from their first contact. Pure.
 *
 * @param ties - the ties of a municipality's young people
 * @param day - the day counted through
 * @param peerTies - the municipality's young people's ties to each other
 */
export function tieCountsAsOf(
  ties: readonly YouthCompanyTie[],
  day: string,
  peerTies: readonly YouthPeerTies[] = [],
): TieCountsAsOf {
  const known = ties.filter((tie) => (firstContact(tie) ?? '9999') <= day);
  const byYouth = new Map<string, YouthCompanyTie[]>();
  const youthByCompany = new Map<string, Set<string>>();
  const placementsByCompany = new Map<string, number>();
  for (const tie of known) {
    byYouth.set(tie.youthId, [...(byYouth.get(tie.youthId) ?? []), tie]);
    youthByCompany.set(
      tie.companyId,
      (youthByCompany.get(tie.companyId) ?? new Set()).add(tie.youthId),
    );
    placementsByCompany.set(
      tie.companyId,
      (placementsByCompany.get(tie.companyId) ?? 0) + placementsBy(tie, day),
    );
  }
  const metBeforeFirstPlacement: number[] = [];
  for (const own of byYouth.values()) {
    const placed = own.flatMap((tie) => tie.placementDays).filter((placed) => placed <= day);
    const first = placed.sort()[0];
    if (first) {
      metBeforeFirstPlacement.push(
        own.filter((tie) => (firstContact(tie) ?? first) < first).length,
      );
    }
  }
  const companies = [...youthByCompany.values()];
  return {
    cells: {
      youthWithCompanyTies: byYouth.size,
      youthWithThreeOrMoreCompanyTies: [...byYouth.values()].filter((own) => own.length >= 3)
        .length,
      youthWithFirstPlacement: metBeforeFirstPlacement.length,
      companiesTiedToTwoOrMoreYouth: companies.filter((youth) => youth.size >= 2).length,
      companiesHostingMoreThanOnePlacement: [...placementsByCompany.values()].filter((n) => n > 1)
        .length,
      newTies: known.length,
      youthWithPeerTies: peerTies.filter(
        (own) => own.peers.length > 0 && (firstContact(own) ?? '9999') <= day,
      ).length,
    },
    metBeforeFirstPlacement,
  };
}

/** The counts of a period: through its last month and before its first (whole months). */
export function tieCountsOfPeriod(
  ties: readonly YouthCompanyTie[],
  period: FiguresPeriod,
  peerTies: readonly YouthPeerTies[] = [],
): { counts: Cumulative<TieCount>; metBeforeFirstPlacement: number[] } {
  const lastMonth = period.months.at(-1) ?? period.to.slice(0, 7);
  const firstMonth = period.months[0] ?? period.from.slice(0, 7);
  const through = tieCountsAsOf(ties, lastDayOfMonth(lastMonth), peerTies);
  const before = tieCountsAsOf(ties, addDays(`${firstMonth}-01`, -1), peerTies);
  return {
    counts: { through: through.cells, before: before.cells },
    metBeforeFirstPlacement: through.metBeforeFirstPlacement,
  };
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The tie figures as shown (`TieStats`). */
export interface TieFigures {
  from: string;
  to: string;
  suppressed: boolean;
  cells: ShownCells<TieCount>;
  medianCompaniesMetBeforeFirstPlacement: number | null;
}

/**
 * The figures as shown: the counts as published (rounded for the programme office, exact for
 * the team), the median only over a population the rules let it show.
 *
 * @param period - the period
 * @param shown - the counts as published
 * @param metBeforeFirstPlacement - per placed young person, companies met before
 */
export function tieFigures(
  period: FiguresPeriod,
  shown: Suppressed<TieCount>,
  metBeforeFirstPlacement: readonly number[],
): TieFigures {
  const population = shown.cells.youthWithFirstPlacement;
  return {
    from: period.from,
    to: period.to,
    suppressed: shown.suppressed,
    cells: shown.cells,
    medianCompaniesMetBeforeFirstPlacement: showsAverage(population, shown)
      ? median(metBeforeFirstPlacement)
      : null,
  };
}
