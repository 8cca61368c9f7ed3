import { versionIs } from '#kernel/table/expressions';
import type { Item, Table, TransactAction } from '#kernel/table/table';
import { UnitOfWork } from '#kernel/unit-of-work';
import type { DatedStatus } from '../domain/weekly-status.ts';
import type { Youth, YouthStatus } from '../domain/youth.ts';
import { statusChangeFigureChanges } from '../domain/youth-figures.ts';
import { requireYouthFound } from '../domain/youth-rules.ts';
import { countChanges } from '../domain/youth-stats.ts';
import { requireStatusChangeAllowed } from '../domain/youth-status-rules.ts';
import {
  STATUS_TIMELINE,
  StatusHistoryEntryEntity,
  statusTimelineOf,
  YouthEntity,
  youthKey,
  youthListingSortKey,
} from './youth-entity.ts';
import { listStatusHistory } from './youth-repository.ts';
import { countYouthFigures } from './youth-stats-entity.ts';

/** A change of a young person's status: the new status, its day and why. */
export interface YouthStatusChangeRequest {
  youthId: string;
  status: YouthStatus;
  /** ISO date of the change. */
  date: string;
  /** Why, in a few words (no personal data beyond what the history should keep). */
  reason: string;
}

/**
 * What a status change is worked out from: the profile item as read (strongly consistent) and
 * the dated history before the change. The item is taken as stored rather than as a `Youth`:
 * another subgraph may change the status of a profile that holds only the attributes
 * `sharedKeys.youth` promises (its tests write such items).
 */
export interface StatusChangeFacts {
  profile: Item;
  history: DatedStatus[];
}

/**
 * Reads what a status change needs; undefined when the young person does not exist.
 *
 * @param table - the table
 * @param youthId - the young person
 */
export async function readStatusChangeFacts(
  table: Table,
  youthId: string,
): Promise<StatusChangeFacts | undefined> {
  const profile = await table.get(youthKey(youthId));
  if (!profile) return undefined;
  // A profile written without a timeline (before the figures, or by a fixture) takes it from
  // the history items once; the profile's version still guards the write.
  const history =
    statusTimelineOf(profile) ??
    (await listStatusHistory(table, youthId)).map(({ status, date }) => ({ status, date }));
  return { profile, history };
}

/** The young person of a full profile item (one of the people subgraph's own). */
export function profileOf(facts: StatusChangeFacts): Youth {
  return YouthEntity.fromItem(facts.profile);
}

/** The status now and the day it was set (absent for items without history). */
export function currentStatusOf(facts: StatusChangeFacts): {
  status: YouthStatus;
  changedAt: string | undefined;
} {
  const { status, statusChangedAt } = facts.profile;
  return {
    status: String(status) as YouthStatus,
    changedAt: typeof statusChangedAt === 'string' ? statusChangedAt : undefined,
  };
}

/**
 * Stages a status change, already checked against the rules, on a unit of work: the versioned
 * update of the profile (status, day, listing key, status timeline), the new history entry, and
 * the municipality's counters (one less in the old status, one more in the new) and monthly
 * figures (the enrolment cohort's, and the month of the change).
 *
 * @param work - the unit of work
 * @param facts - the profile and history as read
 * @param change - the new status, its day and reason
 */
export function stageYouthStatusChange(
  work: UnitOfWork,
  facts: StatusChangeFacts,
  change: YouthStatusChangeRequest,
): void {
  const { profile, history } = facts;
  const from = currentStatusOf(facts).status;
  const enrolledAt = String(profile.enrolledAt ?? change.date);
  const entry: DatedStatus = { status: change.status, date: change.date };
  const set: Record<string, unknown> = {
    status: change.status,
    statusChangedAt: change.date,
    [STATUS_TIMELINE]: [...history, entry],
  };
  // Items written without a listing key (another subgraph's test fixtures) stay off the listing.
  if (profile.gsi1pk !== undefined) {
    set.gsi1sk = youthListingSortKey(
      change.status,
      String(profile.enrolledAt ?? ''),
      change.youthId,
    );
  }
  work.add({
    update: youthKey(change.youthId),
    spec: { set, add: { version: 1, statusChanges: 1 } },
    condition: versionIs(Number(profile.version ?? 0)),
  });
  work.create(StatusHistoryEntryEntity, {
    youthId: change.youthId,
    sequence: Number(profile.statusChanges ?? 0) + 1,
    status: change.status,
    date: change.date,
    reason: change.reason,
  });
  countYouthFigures(
    work,
    String(profile.municipalityCode),
    countChanges(from, change.status),
    statusChangeFigureChanges(enrolledAt, history, entry),
  );
}

/**
 * Prepares a change of a young person's status for a caller's own transaction: reads the young
 * person, checks the change against the transition table (`youth-status-rules.ts`) and the
 * history, and returns the actions — the versioned update of the profile, the history entry and
 * the counter changes — so that a placement and the status it leads to are written together or
 * not at all. The people subgraph's `changeYouthStatus` stages the same writes
 * ({@link stageYouthStatusChange}) on its own unit of work.
 *
 * A concurrent change of the young person makes the transaction fail with `CONFLICT`
 * (the profile's version no longer matches).
 *
 * @param table - the table
 * @param change - the new status, its day and reason
 * @returns up to three actions (the counter action is left out when nothing changes)
 * @throws DomainRuleError `YOUTH_NOT_FOUND`, `STATUS_TRANSITION_NOT_ALLOWED` or
 *   `STATUS_DATE_BEFORE_LAST_CHANGE`
 */
export async function prepareYouthStatusChange(
  table: Table,
  change: YouthStatusChangeRequest,
): Promise<TransactAction[]> {
  const facts = requireYouthFound(await readStatusChangeFacts(table, change.youthId));
  requireStatusChangeAllowed(currentStatusOf(facts), change);
  const work = new UnitOfWork();
  stageYouthStatusChange(work, facts, change);
  return work.transaction([]);
}
