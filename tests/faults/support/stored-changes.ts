import { recountAll } from '#infra/local/recount-all';
import { AUDIT_KEYS, type AuditRecord, auditRecordFromItem } from '#kernel/audit';
import type { FigureDifference } from '#kernel/recount-report';
import type { Table } from '#kernel/table/table';

/**
 * What is stored, read past the fault proxy, for the invariants of the fault-injection suite:
 * the audit records of changes, and the figures recounted from the records they count.
 */

/**
 * How many times each value occurs: compared with the inputs' own tally, it says that each input
 * was stored exactly once.
 *
 * @param values - the values, such as the names of the young people stored
 */
export function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** Where a change's audit record is: the young person's trail, or the trail of the days it ran. */
export type AuditPlace = { youthId: string } | { days: readonly string[] };

/**
 * The `CHANGE` records of one mutation in a trail.
 *
 * @param table - the table, straight on DynamoDB Local
 * @param place - the young person the changes were about, or the days (UTC) they ran on
 * @param mutation - the mutation's name, e.g. `addSupportNote`
 */
export async function changeRecords(
  table: Table,
  place: AuditPlace,
  mutation: string,
): Promise<AuditRecord[]> {
  const partitions =
    'youthId' in place
      ? [AUDIT_KEYS.youthPartition(place.youthId)]
      : place.days.flatMap((day) => AUDIT_KEYS.dayPartitions(day));
  const items = (
    await Promise.all(partitions.map((partition) => table.queryAll({ partition })))
  ).flat();
  return items
    .map(auditRecordFromItem)
    .filter((record) => record.action === 'CHANGE' && record.target === `Mutation.${mutation}`);
}

/**
 * The days (UTC, `YYYY-MM-DD`) from one moment to another, both included: the day partitions of
 * the audit trail a run wrote into, midnight or not.
 *
 * @param from - the first moment
 * @param to - the last moment
 */
export function daysBetween(from: Date, to: Date): string[] {
  const days: string[] = [];
  for (let at = Date.parse(from.toISOString().slice(0, 10)); at <= to.getTime(); at += 86_400_000) {
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * What `npm run recount` finds (`infra/local/recount-all.ts`): every subgraph's kept figures
 * computed again from the records, and each difference, named by subgraph. Throws when a
 * subgraph's recount compared nothing, which would make "no difference" say nothing.
 *
 * @param table - the table, straight on DynamoDB Local
 */
export async function recountDifferences(
  table: Table,
): Promise<Array<FigureDifference & { subgraph: string }>> {
  const reports = await recountAll(table);
  for (const { subgraph, itemsCompared } of reports) {
    if (itemsCompared === 0) throw new Error(`The ${subgraph} recount compared nothing`);
  }
  return reports.flatMap(({ subgraph, differences }) =>
    differences.map((difference) => ({ ...difference, subgraph })),
  );
}
