import { addDays } from '#kernel/calendar';
import type { Invitation } from '#placements/domain/invitation';
import type { Wish } from '#placements/domain/wish';

/** The company's message when it invites a young person in answer to their wish. */
const INVITE_MESSAGE = 'Tak for dit ønske! Kom og besøg os, så finder vi en startdato sammen.';

/**
 * The answer the demo's last wisher's first wish got (issue #20: a company answers a
 * wish, `respondToWish` with `INVITE`): an invitation, as that command stores on the wish.
 *
 * @param wishId - the wish answered
 * @param today - the demo's today
 */
export function inviteAnswer(
  wishId: string,
  today: string,
): Pick<Wish, 'status' | 'answer' | 'version'> {
  return {
    status: 'INVITED',
    answer: {
      kind: 'INVITE',
      message: INVITE_MESSAGE,
      answeredAt: `${addDays(today, -2)}T10:00:00.000Z`,
      invitationId: invitationIdFor(wishId),
    },
    version: 2,
  };
}

/** The id of the invitation answering a wish. */
function invitationIdFor(wishId: string): string {
  return `i-${wishId.slice(2)}-w`;
}

/**
 * The invitations the demo's companies made in answer to wishes, open for two weeks, as
 * `respondToWish` stores them (with the wish they answer).
 *
 * @param wishes - the demo's wishes
 */
export function invitationsAnsweringWishes(wishes: readonly Wish[]): Invitation[] {
  return wishes.flatMap((wish): Invitation[] => {
    if (wish.answer?.kind !== 'INVITE') return [];
    const sent = wish.answer.answeredAt;
    return [
      {
        id: invitationIdFor(wish.id),
        municipalityCode: wish.municipalityCode,
        youthId: wish.youthId,
        companyId: wish.companyId,
        opportunityId: wish.opportunityId,
        message: INVITE_MESSAGE,
        status: 'PENDING',
        answerBy: `${addDays(sent.slice(0, 10), 14)}T23:59:59.000Z`,
        answeredAt: null,
        placementId: null,
        createdAt: sent,
        version: 1,
        wishId: wish.id,
      },
    ];
  });
}
