import { key, PREFIX } from '#kernel/keys';
import type { SignInDirectory, SignInUser } from '#kernel/sign-in-directory';
import type { Table } from '#kernel/table/table';
import type { UnitOfWork } from '#kernel/unit-of-work';

/**
 * A removed contact person's sign-in still to be disabled: written in the removal's own
 * transaction, so a removal never commits without it, and deleted only once the sign-in
 * directory has disabled the user. A follow-up that fails leaves it in place, to be done again
 * (disabling is idempotent) by {@link disablePendingSignIns}, which finds every one left on its
 * gsi1 partition — a query, never a scan — and runs after every removal and at each start of
 * the local stack.
 */

/** The sort key of the pending item, in the removed contact's own partition. */
const PENDING_SK = 'SIGN_IN_DISABLE';

/** The gsi1 partition that lists every pending disable. */
export const PENDING_SIGN_IN_PARTITION = key(PREFIX.contact, 'SIGN_IN_DISABLE_PENDING');

function pendingKey(contactId: string) {
  return { pk: key(PREFIX.contact, contactId), sk: PENDING_SK };
}

/**
 * Stages, in a removal's transaction, the disabling of the contact's sign-in.
 *
 * @param work - the removal's unit of work
 * @param user - the contact's sign-in (their id and e-mail address, the Cognito user name)
 * @param at - when (the listing's order)
 */
export function stageSignInDisable(work: UnitOfWork, user: SignInUser, at: Date): void {
  work.add({
    put: {
      ...pendingKey(user.nextworkId),
      entity: 'SignInDisable',
      nextworkId: user.nextworkId,
      ...(user.username ? { username: user.username } : {}),
      gsi1pk: PENDING_SIGN_IN_PARTITION,
      gsi1sk: key(at.toISOString(), user.nextworkId),
    },
  });
}

/**
 * Disables a removed contact's sign-in, then forgets that it was pending. Safe to repeat: a
 * second run finds nothing pending, or disables a disabled user again.
 *
 * @param table - the table
 * @param directory - the sign-in directory
 * @param contactId - the removed contact
 */
export async function disablePendingSignIn(
  table: Table,
  directory: SignInDirectory,
  contactId: string,
): Promise<void> {
  const item = await table.get(pendingKey(contactId));
  if (!item) return;
  await directory.disableUser({
    nextworkId: contactId,
    username: typeof item.username === 'string' ? item.username : null,
  });
  await table.transact([{ delete: pendingKey(contactId) }]);
}

/**
 * Disables every removed contact's sign-in still pending (a follow-up that failed): the repair a
 * scheduled run or a start of the local stack performs. Returns how many were done.
 *
 * @param table - the table
 * @param directory - the sign-in directory
 */
export async function disablePendingSignIns(
  table: Table,
  directory: SignInDirectory,
): Promise<number> {
  // Small by design: only the removals whose follow-up failed since the last run.
  const pending = await table.queryAll({ index: 'gsi1', partition: PENDING_SIGN_IN_PARTITION });
  for (const item of pending) {
    await disablePendingSignIn(table, directory, String(item.nextworkId));
  }
  return pending.length;
}
