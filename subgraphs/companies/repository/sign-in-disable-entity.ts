import { PREFIX } from '#kernel/keys';
import { pendingSignInDisables } from '#kernel/pending-sign-in';
import type { SignInDirectory, SignInUser } from '#kernel/sign-in-directory';
import type { Table } from '#kernel/table/table';
import type { UnitOfWork } from '#kernel/unit-of-work';

/**
 * A removed contact person's sign-in still to be disabled, in their own partition
 * (`#kernel/pending-sign-in`, which says how a failed follow-up is repaired).
 */
const pending = pendingSignInDisables(PREFIX.contact);

/** The gsi1 partition that lists every pending disable. */
export const PENDING_SIGN_IN_PARTITION = pending.partition;

/**
 * Stages, in a removal's transaction, the disabling of the contact's sign-in.
 *
 * @param work - the removal's unit of work
 * @param user - the contact's sign-in (their id and e-mail address, the Cognito user name)
 * @param at - when (the listing's order)
 */
export function stageSignInDisable(work: UnitOfWork, user: SignInUser, at: Date): void {
  pending.stage(work, user, at);
}

/**
 * Disables a removed contact's sign-in, then forgets that it was pending. Safe to repeat.
 *
 * @param table - the table
 * @param directory - the sign-in directory
 * @param contactId - the removed contact
 */
export function disablePendingSignIn(
  table: Table,
  directory: SignInDirectory,
  contactId: string,
): Promise<void> {
  return pending.disable(table, directory, contactId);
}

/**
 * Disables every removed contact's sign-in still pending (a follow-up that failed): the repair a
 * scheduled run or a start of the local stack performs. Returns how many were done.
 *
 * @param table - the table
 * @param directory - the sign-in directory
 */
export function disablePendingSignIns(table: Table, directory: SignInDirectory): Promise<number> {
  return pending.disableAll(table, directory);
}
