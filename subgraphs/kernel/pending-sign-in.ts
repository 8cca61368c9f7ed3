import { key } from './keys.ts';
import type { SignInDirectory, SignInUser } from './sign-in-directory.ts';
import type { Table } from './table/table.ts';
import type { UnitOfWork } from './unit-of-work.ts';

/**
 * A removed person's sign-in still to be disabled: written in the removal's own transaction,
 * so a removal never commits without it, and deleted only once the sign-in directory has
 * disabled the user. A follow-up that fails leaves it in place, to be done again (disabling is
 * idempotent) by `disableAll`, which finds every one left on its gsi1 partition — a query,
 * never a scan — and runs after every removal and at each start of the local stack.
 */
export interface PendingSignInDisables {
  /** The gsi1 partition that lists every pending disable of these people. */
  partition: string;
  /** Stages, in a removal's transaction, the disabling of the person's sign-in. */
  stage(work: UnitOfWork, user: SignInUser, at: Date): void;
  /** Disables one removed person's sign-in, then forgets that it was pending. */
  disable(table: Table, directory: SignInDirectory, nextworkId: string): Promise<void>;
  /** Disables every sign-in still pending; returns how many were done. */
  disableAll(table: Table, directory: SignInDirectory): Promise<number>;
}

/** The sort key of the pending item, in the removed person's own partition. */
const PENDING_SK = 'SIGN_IN_DISABLE';

/**
 * The pending disables of the people whose items start with a prefix (company contacts
 * `CONTACT#`, staff `STAFF#`): each kind in its owner's partitions, so each subgraph writes only
 * under its own prefixes.
 *
 * @param prefix - the people's key prefix
 */
export function pendingSignInDisables(prefix: string): PendingSignInDisables {
  const partition = key(prefix, 'SIGN_IN_DISABLE_PENDING');
  const pendingKey = (nextworkId: string) => ({ pk: key(prefix, nextworkId), sk: PENDING_SK });

  const disable = async (table: Table, directory: SignInDirectory, nextworkId: string) => {
    const item = await table.get(pendingKey(nextworkId));
    if (!item) return;
    await directory.disableUser({
      nextworkId,
      username: typeof item.username === 'string' ? item.username : null,
    });
    await table.transact([{ delete: pendingKey(nextworkId) }]);
  };

  return {
    partition,
    stage(work, user, at) {
      work.add({
        put: {
          ...pendingKey(user.nextworkId),
          entity: 'SignInDisable',
          nextworkId: user.nextworkId,
          ...(user.username ? { username: user.username } : {}),
          gsi1pk: partition,
          gsi1sk: key(at.toISOString(), user.nextworkId),
        },
      });
    },
    disable,
    async disableAll(table, directory) {
      // Small by design: only the removals whose follow-up failed since the last run.
      const pending = await table.queryAll({ index: 'gsi1', partition });
      for (const item of pending) await disable(table, directory, String(item.nextworkId));
      return pending.length;
    },
  };
}
