import { invitationStatus } from '../domain/invitation.ts';
import { placementIfVisible } from '../domain/placement-queries.ts';
import type { InvitationResolvers } from '../generated/resolvers-types.ts';

/**
 * `Invitation`: for the invited young person, the inviting company and the municipality's team.
 * Its status is `EXPIRED` once the answer is overdue, whether or not anything was written.
 */
export const Invitation: InvitationResolvers = {
  youth: (invitation) => ({
    id: invitation.youthId,
    municipalityCode: invitation.municipalityCode,
  }),
  company: (invitation) => ({
    id: invitation.companyId,
    municipalityCode: invitation.municipalityCode,
  }),
  opportunity: (invitation) => (invitation.opportunityId ? { id: invitation.opportunityId } : null),
  status: (invitation, _args, context) => invitationStatus(invitation, context.now()),
  expiresAt: (invitation) => invitation.answerBy,
  placement: (invitation, _args, context) => placementIfVisible(context, invitation.placementId),
};
