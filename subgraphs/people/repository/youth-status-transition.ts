import { DomainRuleError } from '#kernel/errors';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Item, Table, TransactAction } from '#kernel/table/table';
import type { DatedStatus } from '../domain/weekly-status.ts';
import type { YouthStatus } from '../domain/youth.ts';
import { statusChangeFigureChanges } from '../domain/youth-figures.ts';
import { countChanges } from '../domain/youth-stats.ts';
import { requireStatusChangeAllowed } from '../domain/youth-status-rules.ts';
import {
  STATUS_TIMELINE,
  statusChangeToItem,
  statusTimelineOf,
  youthKey,
  youthListingSortKey,
} from './youth-entity.ts';
import { listStatusHistory } from './youth-repository.ts';
import { youthFiguresAction } from './youth-stats-entity.ts';

/** A change of a young person's status: the new status, its day and why. */
export interface YouthStatusChangeRequest {
  youthId: string;
  status: YouthStatus;
  /** ISO date of the change. */
  date: string;
  /** Why, in a few words (no personal data beyond what the history should keep). */
  reason: string;
}

/** Stable code of the user error when the young person does not exist. */
export const YOUTH_NOT_FOUND = 'YOUTH_NOT_FOUND';

/**
 * The transaction actions of a status change, computed from the young person's profile item as
 * read: the versioned update of the profile (status, day, listing key, status timeline), the new
 * history entry, the municipality's counters (one less in the old status, one more in the new)
 * and its monthly figures (the enrolment cohort's, and the month of the change).
 *
 * @param item - the profile item as read
 * @param change - the change, already checked against the rules
 * @param history - the dated history before the change (the item's timeline when it has one)
 */
export function youthStatusChangeActions(
  item: Item,
  change: YouthStatusChangeRequest,
  history: readonly DatedStatus[] = statusTimelineOf(item) ?? [],
): TransactAction[] {
  const from = String(item.status) as YouthStatus;
  const version = Number(item.version ?? 0);
  const sequence = Number(item.statusChanges ?? 0) + 1;
  const municipalityCode = String(item.municipalityCode);
  const enrolledAt = String(item.enrolledAt ?? change.date);
  const entry: DatedStatus = { status: change.status, date: change.date };
  const set: Record<string, unknown> = {
    status: change.status,
    statusChangedAt: change.date,
    [STATUS_TIMELINE]: [...history, entry],
  };
  // Items written without a listing key (another subgraph's test fixtures) stay off the listing.
  if (item.gsi1pk !== undefined) {
    set.gsi1sk = youthListingSortKey(change.status, String(item.enrolledAt ?? ''), change.youthId);
  }
  const figures = youthFiguresAction(
    municipalityCode,
    countChanges(from, change.status),
    statusChangeFigureChanges(enrolledAt, history, entry),
  );
  return [
    {
      update: youthKey(change.youthId),
      spec: { set, add: { version: 1, statusChanges: 1 } },
      condition: versionIs(version),
    },
    {
      put: statusChangeToItem(
        change.youthId,
        { status: change.status, date: change.date, reason: change.reason },
        sequence,
      ),
      condition: itemMustNotExist,
    },
    ...(figures ? [figures] : []),
  ];
}

/**
 * Prepares a change of a young person's status for a caller's own transaction: reads the young
 * person, checks the change against the transition table (`youth-status-rules.ts`) and the
 * history, and returns the actions — the versioned update of the profile, the history entry and
 * the counter changes — so that a placement and the status it leads to are written together or
 * not at all. The people subgraph's `changeYouthStatus` uses the same function.
 *
 * A concurrent change of the young person makes the transaction fail with `CONFLICT`
 * (the profile's version no longer matches).
 *
 * @param table - the table
 * @param change - the new status, its day and reason
 * @returns up to five actions (counter and figure actions are left out when nothing changes)
 * @throws DomainRuleError `YOUTH_NOT_FOUND`, `STATUS_TRANSITION_NOT_ALLOWED` or
 *   `STATUS_DATE_BEFORE_LAST_CHANGE`
 */
export async function prepareYouthStatusChange(
  table: Table,
  change: YouthStatusChangeRequest,
): Promise<TransactAction[]> {
  const item = await table.get(youthKey(change.youthId));
  if (!item) {
    throw new DomainRuleError(YOUTH_NOT_FOUND, 'No such young person', ['youthId']);
  }
  requireStatusChangeAllowed(
    {
      status: String(item.status) as YouthStatus,
      changedAt: typeof item.statusChangedAt === 'string' ? item.statusChangedAt : undefined,
    },
    change,
  );
  // A profile written without a timeline (before the figures, or by a fixture) takes it from
  // the history items once; the profile's version still guards the write.
  const history =
    statusTimelineOf(item) ??
    (await listStatusHistory(table, change.youthId)).map(({ status, date }) => ({ status, date }));
  return youthStatusChangeActions(item, change, history);
}
