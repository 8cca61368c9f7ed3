import * as z from 'zod';
import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { NotFoundError } from '#kernel/errors';
import { isStaffRole, type StaffIdentity } from '#kernel/identity';
import { EntityIdSchema } from '#kernel/validation';

/**
 * What the learning community's commands share: the caller a team-only command runs for, and
 * what an idempotency record keeps of a result (its id, never personal data).
 */

/**
 * The caller of a command that only the municipal team may run. The command's rule
 * (`authorisation-rules.ts`) refuses every other role before the command runs; this narrows the
 * type and fails loudly should the rule ever stop doing so.
 *
 * @param context - the request
 */
export function teamMemberCalling(context: SubgraphContext): StaffIdentity {
  const identity = requireIdentity(context);
  if (!isStaffRole(identity.role)) {
    throw new Error('A command for the municipal team ran for another role: check its rule');
  }
  return identity as StaffIdentity;
}

/** What a command remembers of its result for a repeat: the id of the record it made or changed. */
export function rememberId<T extends { id: string }>(record: T): { id: string } {
  return { id: record.id };
}

/** Whom a change of a municipality's record is about, for its audit event. */
export function aboutMunicipality<Input>(
  _input: Input,
  record: { municipalityCode: string },
): { municipalityCode: string } {
  return { municipalityCode: record.municipalityCode };
}

const RememberedSchema = z.object({ id: EntityIdSchema });

/**
 * The record a repeated command answers with, read again by the id it remembered.
 *
 * @param remembered - what the command remembered
 * @param read - reads the record by id, strongly consistent
 * @param what - the record, for the error when it is gone (erased since)
 */
export async function recallById<T>(
  remembered: unknown,
  read: (id: string) => Promise<T | undefined>,
  what: string,
): Promise<T> {
  const found = await read(RememberedSchema.parse(remembered).id);
  if (!found) throw new NotFoundError(`${what} that this change made no longer exists`);
  return found;
}
