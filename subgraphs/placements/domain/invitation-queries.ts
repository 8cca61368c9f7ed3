import { requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import {
  listInvitationsByCompany,
  listInvitationsByYouth,
  loadInvitations,
} from '../repository/invitation-repository.ts';
import { canSeeRecord } from './access.ts';
import type { Invitation } from './invitation.ts';
import { type PageArgs, pageOf } from './placement-queries.ts';
import type { CompanyRef, YouthRef } from './references.ts';

/** One invitation through the request's loader; null when none exists. */
export async function findInvitation(
  context: SubgraphContext,
  invitationId: string,
): Promise<Invitation | null> {
  const [invitation] = await loadInvitations(context.loader, [invitationId]);
  return invitation ?? null;
}

/** A page of a young person's invitations, newest first. */
export function invitationsOfYouth(
  context: SubgraphContext,
  youth: YouthRef,
  args: PageArgs,
): Promise<Connection<Invitation>> {
  return listInvitationsByYouth(context, youth.id, pageOf(args));
}

/** A page of a company's invitations, newest first. */
export function invitationsOfCompany(
  context: SubgraphContext,
  company: CompanyRef,
  args: PageArgs,
): Promise<Connection<Invitation>> {
  return listInvitationsByCompany(context, company.id, pageOf(args));
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
