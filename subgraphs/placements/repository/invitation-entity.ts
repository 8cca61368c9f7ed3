import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { type Invitation, InvitationSchema } from '../domain/invitation.ts';
import { PLACEMENTS_PREFIX } from './prefixes.ts';

/** Primary key of an invitation's item. */
export function invitationKey(invitationId: string): ItemKey {
  return {
    pk: key(PLACEMENTS_PREFIX.invitation, invitationId),
    sk: key(PLACEMENTS_PREFIX.invitation, invitationId),
  };
}

/** Partition (gsi1) of a young person's invitations, by time sent. */
export function invitationsOfYouthPartition(youthId: string): string {
  return key(PREFIX.youth, youthId, 'INVITATIONS');
}

/** Partition (gsi2) of a company's invitations, by time sent. */
export function invitationsOfCompanyPartition(companyId: string): string {
  return key(PREFIX.company, companyId, 'INVITATIONS');
}

const sortKey = (invitation: Invitation) => `${invitation.createdAt}#${invitation.id}`;

/**
 * A company's invitation of a young person, listed by young person and by company. The due
 * time is `answerBy`, deliberately not the table's TTL attribute: an expired invitation stays
 * on record (shown as `EXPIRED`) rather than vanishing.
 */
export const InvitationEntity = defineEntity<Invitation>({
  name: 'Invitation',
  schema: InvitationSchema,
  key: (invitation) => invitationKey(invitation.id),
  indexes: {
    gsi1: (invitation) => ({
      pk: invitationsOfYouthPartition(invitation.youthId),
      sk: sortKey(invitation),
    }),
    gsi2: (invitation) => ({
      pk: invitationsOfCompanyPartition(invitation.companyId),
      sk: sortKey(invitation),
    }),
  },
});
