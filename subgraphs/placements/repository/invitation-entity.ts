import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
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

/**
 * The stored item of an invitation, with the index keys of its two listings. The due time is
 * `answerBy`, deliberately not the table's TTL attribute: an expired invitation stays on
 * record (shown as `EXPIRED`) rather than vanishing.
 */
export function invitationToItem(invitation: Invitation): Item {
  const sortKey = `${invitation.createdAt}#${invitation.id}`;
  return {
    ...invitationKey(invitation.id),
    entity: 'Invitation',
    gsi1pk: invitationsOfYouthPartition(invitation.youthId),
    gsi1sk: sortKey,
    gsi2pk: invitationsOfCompanyPartition(invitation.companyId),
    gsi2sk: sortKey,
    ...invitation,
  };
}

/** An invitation from its stored item. */
export function invitationFromItem(item: Item): Invitation {
  return InvitationSchema.parse(item);
}
