import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item, TransactAction } from '#kernel/table/table';
import type { CompanyStats, CompanyStatsChange } from '../domain/company-stats.ts';

/**
 * A municipality's counter item of companies by status, `MUNI#<code>` / `STATS#COMPANY`: added
 * to in the same transaction as every join, pause, resume and leave, so reading the counts is
 * one item whatever the number of companies.
 */
export function companyStatsKey(municipalityCode: string): ItemKey {
  return {
    pk: key(PREFIX.municipality, municipalityCode),
    sk: key(PREFIX.stats, PREFIX.company),
  };
}

/** The counter item with given counts (seeding). */
export function companyStatsToItem(municipalityCode: string, stats: CompanyStats): Item {
  return {
    ...companyStatsKey(municipalityCode),
    entity: 'CompanyStats',
    municipalityCode,
    ...stats,
  };
}

/** The counts from the counter item; zero for counts never added to. */
export function companyStatsFromItem(item: Item | undefined): CompanyStats {
  return {
    active: Number(item?.active ?? 0),
    paused: Number(item?.paused ?? 0),
    left: Number(item?.left ?? 0),
  };
}

/**
 * The transaction action that adds a change to the counts (DynamoDB `ADD`, which creates the
 * item and the counts on first use).
 *
 * @param municipalityCode - the municipality
 * @param change - what to add to each count
 */
export function companyStatsUpdate(
  municipalityCode: string,
  change: CompanyStatsChange,
): TransactAction {
  const add = Object.fromEntries(
    Object.entries(change).filter((entry): entry is [string, number] => entry[1] !== undefined),
  );
  return {
    update: companyStatsKey(municipalityCode),
    spec: { set: { entity: 'CompanyStats', municipalityCode }, add },
  };
}
