import { key, PREFIX } from '#kernel/keys';
import type { Item, Table } from '#kernel/table/table';
import type { FigureDifference, RecountReport } from '#people/maintenance/recount';
import { allCounterChanges } from '../domain/placement-figures.ts';
import {
  counterItems,
  municipalityStatsPartition,
  PLACEMENT_MONTH_PREFIX,
  statusCountersKey,
} from '../repository/placement-stats-entity.ts';
import {
  listMunicipalityCodes,
  readPlacementsOfYouth,
} from '../repository/placement-stats-repository.ts';

/**
 * The placements subgraph's recount: every kept figure (the counts by status and the monthly
 * figures, first-placement histogram included) computed again from the raw items — each
 * municipality's young people (the people subgraph's gsi1 listing, for their enrolment dates)
 * and each one's placements — by the same domain functions the writes and the seeder use
 * (`allCounterChanges`), and compared with what is kept. Maintenance only: it reads whole
 * partitions, never on a request path.
 */

const IGNORED = new Set(['pk', 'sk', 'entity', 'municipalityCode', 'month']);

function countersOf(item: Item | undefined): Record<string, number> {
  return Object.fromEntries(
    Object.entries(item ?? {}).filter(
      (entry): entry is [string, number] => !IGNORED.has(entry[0]) && typeof entry[1] === 'number',
    ),
  );
}

/**
 * Recounts the placement figures of every municipality.
 *
 * @param table - the table
 * @param options - `fix`: write the recounted figures over the kept ones where they differ
 */
export async function recountPlacementFigures(
  table: Table,
  options: { fix?: boolean } = {},
): Promise<RecountReport> {
  const differences: FigureDifference[] = [];
  const corrections: Item[] = [];
  let itemsCompared = 0;
  for (const code of await listMunicipalityCodes(table)) {
    const youth = await table.queryAll({
      index: 'gsi1',
      partition: key(PREFIX.municipality, code, PREFIX.youth),
    });
    const enrolledAt = new Map(youth.map((item) => [String(item.id), String(item.enrolledAt)]));
    const placements = (await readPlacementsOfYouth(table, [...enrolledAt.keys()])).filter(
      (placement) => placement.municipalityCode === code,
    );
    const recounted = new Map(
      counterItems(allCounterChanges(placements, (id) => enrolledAt.get(id) ?? null)).map(
        (item) => [String(item.sk), item],
      ),
    );
    const kept = new Map(
      [
        await table.get(statusCountersKey(code)),
        ...(await table.queryAll({
          partition: municipalityStatsPartition(code),
          beginsWith: PLACEMENT_MONTH_PREFIX,
        })),
      ]
        .filter((item): item is Item => item !== undefined)
        .map((item) => [String(item.sk), item]),
    );
    for (const sk of new Set([...recounted.keys(), ...kept.keys()])) {
      const keptCounters = countersOf(kept.get(sk));
      const recountedCounters = countersOf(recounted.get(sk));
      const itemKey = { pk: municipalityStatsPartition(code), sk };
      const found = [...new Set([...Object.keys(keptCounters), ...Object.keys(recountedCounters)])]
        .filter((counter) => (keptCounters[counter] ?? 0) !== (recountedCounters[counter] ?? 0))
        .map((counter) => ({
          key: itemKey,
          counter,
          kept: keptCounters[counter] ?? 0,
          recounted: recountedCounters[counter] ?? 0,
        }));
      if (found.length > 0) {
        // Counters the recount no longer finds are written as zero, not left as they were.
        const zeroed = Object.fromEntries(Object.keys(keptCounters).map((c) => [c, 0]));
        corrections.push({ ...kept.get(sk), ...zeroed, ...recounted.get(sk), ...itemKey });
      }
      differences.push(...found);
      itemsCompared += 1;
    }
  }
  if (options.fix && corrections.length > 0) await table.putMany(corrections);
  return { itemsCompared, differences, fixed: Boolean(options.fix) && corrections.length > 0 };
}
