import type { Table, TransactAction } from '#kernel/table/table';
import { prepareYouthStatusChange } from '#people/published/youth-status';
import type { YouthStatus } from '../domain/placement.ts';

/**
 * A change of a young person's programme status, as the people subgraph's
 * `prepareYouthStatusChange` takes it.
 */
export interface YouthStatusChange {
  youthId: string;
  status: YouthStatus;
  date: string;
  reason: string;
}

/**
 * The transaction actions that change a young person's status, prepared by the people
 * subgraph (which owns the young person's item and the rules of its status): it reads the
 * young person, checks the transition and returns the actions this subgraph includes in its
 * own transaction, so that the status and the placement change together or not at all.
 *
 * @param table - the table
 * @param change - the new status, its date and reason
 */
export async function youthStatusActions(
  table: Table,
  change: YouthStatusChange,
): Promise<TransactAction[]> {
  return prepareYouthStatusChange(table, change);
}
