import { AUDIT_KEYS, ERASED_SUBJECT } from '#kernel/audit';
import { itemMustExist } from '#kernel/table/expressions';
import type { Item, Table } from '#kernel/table/table';

/**
 * The audit records an erased young person made themself keep what was done, when and about
 * whom (art. 17(3)(b): the trail answers for the controller's processing), but no longer name
 * who did it by their identity provider's subject, which other systems (the user pool's logs,
 * CloudTrail) could tie back to them: it becomes {@link ERASED_SUBJECT}. Their records are found
 * by two queries, never a scan: those in their own partition carry `actorYouthId`, and those
 * elsewhere (a refused look at another's data, an event about no young person) are listed in
 * their gsi2 actor partition, which the redaction empties.
 *
 * @param table - the table
 * @param youthId - the erased young person's (old) id
 * @returns how many records were changed
 */
export async function redactActorSubject(table: Table, youthId: string): Promise<number> {
  const [own, elsewhere] = await Promise.all([
    table.queryAll({ partition: AUDIT_KEYS.youthPartition(youthId) }),
    table.queryAll({ index: 'gsi2', partition: AUDIT_KEYS.actorPartition(youthId) }),
  ]);
  const theirs = [...own.filter((item) => item.actorYouthId === youthId), ...elsewhere];
  const toChange = theirs.filter(
    (item) => item.subject !== ERASED_SUBJECT || item.gsi2pk !== undefined,
  );
  for (const item of toChange) await redact(table, item);
  return toChange.length;
}

/** One record's subject replaced, and its listing in the actor partition removed. */
async function redact(table: Table, item: Item): Promise<void> {
  await table.update(
    { pk: item.pk, sk: item.sk },
    { set: { subject: ERASED_SUBJECT }, remove: ['gsi2pk', 'gsi2sk'] },
    // An expired record that TTL removed meanwhile stays removed.
    itemMustExist,
  );
}
