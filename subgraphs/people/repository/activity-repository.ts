import {
  ACTIVITY_SK_PREFIX,
  type Activity,
  ActivityEntity,
  type ActivityMinutes,
  youthMinutesOf,
} from '#kernel/activity-log';
import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import { key } from '#kernel/keys';
import type { ListingReader, PageRequest } from '#kernel/listing';
import { sharedKeys } from '#kernel/shared-keys';
import type { Item, Table } from '#kernel/table/table';

/**
 * The team's activity log as people reads it: a staff member's activities (their partition,
 * `ACTIVITY#<day>#<id>`), and a young person's minutes so far (one item).
 */

/**
 * One page of a staff member's activities from one day to another (both included), newest day
 * first: one query of their partition between the two days. The cursor's scope names the staff
 * member and the period, so a cursor of one list is refused in any other.
 *
 * @param reader - the request's table, cursors and loader
 * @param staffId - the staff member
 * @param period - the first and the last day, `YYYY-MM-DD`
 * @param page - page size and cursor
 */
export function listActivities(
  reader: ListingReader,
  staffId: string,
  period: { from: string; to: string },
  page: PageRequest,
): Promise<Connection<Activity>> {
  const partition = sharedKeys.staff(staffId).pk;
  // `~` sorts after every character of an id, so the last day's activities are all included.
  const between: [string, string] = [
    `${ACTIVITY_SK_PREFIX}${period.from}`,
    `${ACTIVITY_SK_PREFIX}${period.to}#~`,
  ];
  return ActivityEntity.page(
    reader,
    {
      query: { partition, between, forward: false },
      scope: key(partition, 'ACTIVITY', period.from, period.to),
    },
    page,
  );
}

/**
 * A young person's item of staff minutes so far, through the request's loader.
 *
 * @param loader - the request's loader
 * @param youthId - the young person
 */
export function loadYouthActivityMinutes(
  loader: ItemLoader,
  youthId: string,
): Promise<Item | undefined> {
  return loader.load(sharedKeys.youthActivityMinutes(youthId));
}

/**
 * Young people's staff minutes so far (the evaluation export's page): one batched read of their
 * minutes items.
 *
 * @param table - the table
 * @param youthIds - the young people
 */
export async function loadStaffMinutes(
  table: Table,
  youthIds: readonly string[],
): Promise<Map<string, ActivityMinutes>> {
  const items = await table.batchGet(youthIds.map(sharedKeys.youthActivityMinutes));
  return new Map(youthIds.map((id, index) => [id, youthMinutesOf(items[index])]));
}
