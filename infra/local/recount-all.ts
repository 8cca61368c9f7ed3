import { recountCompanyFigures } from '#companies/maintenance/recount';
import type { RecountReport } from '#kernel/recount-report';
import type { Table } from '#kernel/table/table';
import { recountNetworkFigures } from '#learning-community/maintenance/recount';
import { recountPeopleFigures } from '#people/maintenance/recount';
import { recountPlacementFigures } from '#placements/maintenance/recount';

/** Every subgraph's recount, by the name `npm run recount` reports it under. */
const RECOUNTS = [
  ['people', recountPeopleFigures],
  ['companies', recountCompanyFigures],
  ['learning community', recountNetworkFigures],
  ['placements', recountPlacementFigures],
] as const;

/** One subgraph's recount report. */
export interface NamedRecountReport extends RecountReport {
  subgraph: (typeof RECOUNTS)[number][0];
}

/**
 * Recomputes every kept figure of every subgraph from the raw items and reports the
 * differences (with `fix`, writes the recounted figures): what `npm run recount` runs, and what
 * the fault-injection tests check after their faults. Maintenance: it reads whole partitions,
 * never on a request path.
 *
 * @param table - the table
 * @param options - `fix`: correct the figures that differ
 */
export async function recountAll(
  table: Table,
  options: { fix?: boolean } = {},
): Promise<NamedRecountReport[]> {
  const reports: NamedRecountReport[] = [];
  // One after the other: each reads whole partitions, and DynamoDB Local serves one at a time.
  for (const [subgraph, recount] of RECOUNTS) {
    reports.push({ subgraph, ...(await recount(table, options)) });
  }
  return reports;
}
