import type { Table } from '#kernel/table/table';
import { companyCompanyTieAdded, tieSource } from '#kernel/ties';
import type { CompanyPair } from '../domain/company-group-ties.ts';

/** Pairs per transaction: each pair is two updates, one under each company, of 100 at most. */
const PAIRS_PER_TRANSACTION = 50;

/**
 * Writes the ties between the companies of a company group (way `COMPANY_GROUP`, source the
 * group), in transactions of at most 100 actions. Every write only adds to sets, so a chunk
 * written twice (a retry, the migration) changes nothing and a failed run is completed by
 * running it again.
 *
 * @param table - the table
 * @param groupId - the group that ties them
 * @param pairs - the pairs to tie
 * @param day - the day they joined (ISO 8601 date)
 */
export async function writeCompanyGroupTies(
  table: Table,
  groupId: string,
  pairs: readonly CompanyPair[],
  day: string,
): Promise<void> {
  for (let start = 0; start < pairs.length; start += PAIRS_PER_TRANSACTION) {
    await table.transact(
      pairs.slice(start, start + PAIRS_PER_TRANSACTION).flatMap((pair) =>
        companyCompanyTieAdded({
          ...pair,
          source: tieSource.companyGroup(groupId),
          way: 'COMPANY_GROUP',
          day,
        }),
      ),
    );
  }
}
