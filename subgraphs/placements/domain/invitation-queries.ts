import { requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import {
  listInvitationsByCompany,
  listInvitationsByYouth,
  loadInvitations,
} from '../repository/invitation-repository.ts';
import {
  canSeeRecord,
  requireCompanyRecordsAccess,
  requireRecordAccess,
  requireYouthRecordsAccess,
} from './access.ts';
import type { Invitation } from './invitation.ts';
import { type PageArgs, pageSize } from './placement-queries.ts';
import type { CompanyRef, YouthRef } from './references.ts';

/**
 * One invitation, for the invited young person, the inviting company and the municipality's
 * team; null when none exists, `FORBIDDEN` for anyone else.
 */
export async function findInvitation(
  context: SubgraphContext,
  invitationId: string,
): Promise<Invitation | null> {
  const identity = requireIdentity(context);
  const [invitation] = await loadInvitations(context.loader, [invitationId]);
  return invitation ? requireRecordAccess(identity, invitation) : null;
}

/** A page of a young person's invitations, newest first, for the young person and their team. */
export function invitationsOfYouth(
  context: SubgraphContext,
  youth: YouthRef,
  args: PageArgs,
): Promise<Connection<Invitation>> {
  requireYouthRecordsAccess(requireIdentity(context), youth);
  return listInvitationsByYouth(
    context.table,
    context.cursors,
    youth.id,
    pageSize(args),
    args.after,
  );
}

/** A page of a company's invitations, newest first, for its contacts and its team. */
export function invitationsOfCompany(
  context: SubgraphContext,
  company: CompanyRef,
  args: PageArgs,
): Promise<Connection<Invitation>> {
  requireCompanyRecordsAccess(requireIdentity(context), company);
  return listInvitationsByCompany(
    context.table,
    context.cursors,
    company.id,
    pageSize(args),
    args.after,
  );
}

/**
 * An invitation linked from a placement, or null when there is none or the caller may not see
 * it.
 */
export async function invitationIfVisible(
  context: SubgraphContext,
  invitationId: string | null,
): Promise<Invitation | null> {
  if (!invitationId) return null;
  const [invitation] = await loadInvitations(context.loader, [invitationId]);
  return invitation && canSeeRecord(requireIdentity(context), invitation) ? invitation : null;
}
