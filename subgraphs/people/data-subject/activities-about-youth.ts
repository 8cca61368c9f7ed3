import { ActivityEntity, youthActivitiesPartition } from '#kernel/activity-log';
import type { Table } from '#kernel/table/table';

/**
 * The team's activities that concern a young person live in the staff members' partitions
 * (`sharedKeys.activity`) and are listed for the young person on gsi1
 * (`YOUTH#<id>#ACTIVITY`): one query of that partition finds them, for the art. 15 export and
 * for erasure.
 */

/** A transaction takes at most 100 actions. */
const TRANSACTION_LIMIT = 100;

/**
 * The activities concerning a young person, for their art. 15 export: what was done, how long,
 * on which day, about which company, and the note about them — not who did it (the staff member
 * is named to the young person by the team, not by the log).
 *
 * @param table - the table
 * @param youthId - the young person
 */
export async function activitiesAbout(table: Table, youthId: string) {
  const items = await table.queryAll({
    index: 'gsi1',
    partition: youthActivitiesPartition(youthId),
  });
  return items.map(ActivityEntity.fromItem).map(({ kind, minutes, on, companyId, note }) => ({
    kind,
    minutes,
    on,
    ...(companyId ? { companyId } : {}),
    ...(note ? { note } : {}),
  }));
}

/**
 * Erasure's part in the activity log: each activity concerning the young person loses its link
 * to them and its note, and keeps its kind, minutes and day — the staff member's work was done,
 * and the municipality's figures (month counters) count it still. Run again, it finds nothing.
 *
 * @param table - the table
 * @param youthId - the young person
 * @returns how many activities were unlinked
 */
export async function unlinkActivities(table: Table, youthId: string): Promise<number> {
  const items = await table.queryAll({
    index: 'gsi1',
    partition: youthActivitiesPartition(youthId),
  });
  for (let start = 0; start < items.length; start += TRANSACTION_LIMIT) {
    const chunk = items.slice(start, start + TRANSACTION_LIMIT);
    await table.transact(
      chunk.map((item) => ({
        update: { pk: item.pk, sk: item.sk },
        spec: { remove: ['youthId', 'note', 'gsi1pk', 'gsi1sk'] },
      })),
    );
  }
  return items.length;
}
