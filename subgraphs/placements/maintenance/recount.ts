import type { ItemKey } from '#kernel/keys';
import { monthCounterAttribute } from '#kernel/month-counters';
import {
  differingCounters,
  type FigureDifference,
  type MunicipalityRecount,
  type RecountReport,
  recountMunicipalities,
} from '#kernel/recount-report';
import type { Table } from '#kernel/table/table';
import { feedbackContribution } from '../domain/feedback-figures.ts';
import {
  allCounterChanges,
  type CounterChange,
  type PlacementFigureFacts,
} from '../domain/placement-figures.ts';
import { wishContribution } from '../domain/wish-figures.ts';
import { readFeedbackFiguresOfYouth } from '../repository/placement-feedback-entity.ts';
import { readPlacementFiguresOfYouth } from '../repository/placement-repository.ts';
import {
  counterItems,
  noCounters,
  type PlacementCounters,
  PlacementCountersEntity,
  statusCountersKey,
} from '../repository/placement-stats-entity.ts';
import { listCountedYouth, listMunicipalityCodes } from '../repository/shared-items.ts';
import { readWishFiguresOfYouth } from '../repository/wish-repository.ts';

/**
 * The placements subgraph's recount: every kept figure (the counts by status and the monthly
 * figures, first-placement histogram included) computed again from the raw items — each
 * municipality's young people (the people subgraph's gsi1 listings of the living and of the
 * erased ones' stubs, for their enrolment dates) and each one's placements, wishes and
 * feedback (stubs of them too) — by the same domain functions the writes and the seeder use
 * (`allCounterChanges`), and compared with what is kept. Maintenance only: it reads whole
 * partitions, never on a request path.
 *
 * A municipality's figures are one counter item; its counts by status and each month's counters
 * are compared as figure sets (each one counted in `itemsCompared`), and a difference names the
 * item and the attribute that differs (`ACTIVE`, `2026-11#STARTED`).
 */

/** Counters by the attribute that holds them on the counter item. */
type Counters = Record<string, number>;

function monthAttributes(month: string, counters: Counters = {}): Counters {
  return Object.fromEntries(
    Object.entries(counters).map(([counter, n]) => [monthCounterAttribute(month, counter), n]),
  );
}

/**
 * A municipality's figures recounted from its young people — living, and the stubs of those
 * erased — and their placements, wishes and feedback.
 */
async function recountMunicipality(table: Table, code: string): Promise<PlacementCounters> {
  const youth = await listCountedYouth(table, code);
  const enrolledAt = new Map(youth.map((person) => [person.id, person.enrolledAt]));
  const placements: PlacementFigureFacts[] = [];
  const changes: CounterChange[] = [];
  const own = <T extends { municipalityCode: string }>(records: T[]) =>
    records.filter((record) => record.municipalityCode === code);
  for (const person of youth) {
    const [ownPlacements, wishes, feedback] = await Promise.all([
      readPlacementFiguresOfYouth(table, person.id),
      readWishFiguresOfYouth(table, person.id),
      readFeedbackFiguresOfYouth(table, person),
    ]);
    placements.push(...own(ownPlacements));
    changes.push(...own(wishes).flatMap(wishContribution));
    changes.push(...own(feedback).flatMap(feedbackContribution));
  }
  // Every record counted is this municipality's, so they make at most its one item.
  const [item] = counterItems([
    ...allCounterChanges(placements, (id) => enrolledAt.get(id) ?? null),
    ...changes,
  ]);
  return item ? PlacementCountersEntity.fromItem(item) : noCounters(code);
}

/** The differences of a municipality's kept figures from the recounted ones, figure set by set. */
function differencesOf(
  itemKey: ItemKey,
  kept: PlacementCounters,
  recounted: PlacementCounters,
): { found: FigureDifference[]; compared: number } {
  const found = differingCounters(itemKey, kept.counts, recounted.counts);
  const months = new Set([...Object.keys(kept.months), ...Object.keys(recounted.months)]);
  for (const month of months) {
    found.push(
      ...differingCounters(
        itemKey,
        monthAttributes(month, kept.months[month]),
        monthAttributes(month, recounted.months[month]),
      ),
    );
  }
  return { found, compared: 1 + months.size };
}

/**
 * Recounts the placement figures of every municipality.
 *
 * @param table - the table
 * @param options - `fix`: add to the kept figures what they lack (`addCorrection`)
 */
export async function recountPlacementFigures(
  table: Table,
  options: { fix?: boolean } = {},
): Promise<RecountReport> {
  const codes = await listMunicipalityCodes(table);
  return recountMunicipalities(table, codes, (code) => compareMunicipality(table, code), options);
}

/** One municipality's kept counters compared with the recounted ones. */
async function compareMunicipality(table: Table, code: string): Promise<MunicipalityRecount> {
  const itemKey = statusCountersKey(code);
  // The kept figures first: see `MunicipalityRecount`.
  const kept = (await PlacementCountersEntity.read(table, itemKey)) ?? noCounters(code);
  const recounted = await recountMunicipality(table, code);
  const { found, compared } = differencesOf(itemKey, kept, recounted);
  if (found.length === 0) return { differences: found, itemsCompared: compared };
  // Counters the recount no longer finds are brought to zero, not left as they were.
  return {
    differences: found,
    itemsCompared: compared,
    correction: {
      key: itemKey,
      names: { entity: PlacementCountersEntity.name },
      differences: found,
    },
  };
}
