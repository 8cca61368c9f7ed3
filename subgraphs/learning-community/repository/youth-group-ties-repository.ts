import type { ItemLoader } from '#kernel/entity-loader';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { type YouthGroupContact, YouthPeerTiesEntity, youthPeerTiesAdded } from '#kernel/ties';

/** Actions of one transaction. */
const ACTIONS_PER_TRANSACTION = 100;

/**
 * Writes the ties between the young people of a youth group (`#kernel/ties`, way
 * `YOUTH_GROUP`): one update per young person touched, in transactions of at most 100 (a
 * group of at most 24 young people needs one). Every write only adds to sets, so a chunk
 * written twice (a retry, migration 0012) changes nothing and a failed run is completed by
 * running it again.
 *
 * @param table - the table
 * @param contact - who joined which group's members, and when
 */
export async function writeYouthGroupTies(table: Table, contact: YouthGroupContact): Promise<void> {
  const actions = youthPeerTiesAdded(contact);
  for (let start = 0; start < actions.length; start += ACTIONS_PER_TRANSACTION) {
    await table.transact(actions.slice(start, start + ACTIONS_PER_TRANSACTION));
  }
}

/**
 * How many other young people a young person is tied to: one item, through the request's
 * batching loader, so a listing of young people reads all their counts in one batch.
 *
 * @param loader - the request's loader
 * @param youthId - the young person
 */
export async function peerTieCountOf(loader: ItemLoader, youthId: string): Promise<number> {
  const ties = await YouthPeerTiesEntity.loadOne(loader, sharedKeys.youthPeerTies(youthId));
  return ties?.peers.length ?? 0;
}
