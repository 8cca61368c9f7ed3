import { defineCommand } from '#kernel/command';
import { requireVersion } from '#kernel/errors';
import { linkReason } from '#kernel/youth-company-link';
import { stageCounterChanges } from '../repository/placement-stats-entity.ts';
import { WishEntity } from '../repository/wish-entity.ts';
import { loadWish } from '../repository/wish-repository.ts';
import { linkAction, loadLink } from '../repository/youth-company-link-repository.ts';
import { DEFAULT_ANSWER_DAYS } from './invitation.ts';
import { stageInvitation } from './invitation-commands.ts';
import { recallWish, rememberWish } from './placement-results.ts';
import { broken, RULE } from './rules.ts';
import { RespondToWishInputSchema, type Wish } from './wish.ts';
import { wishContribution } from './wish-figures.ts';

/**
 * A wish can be answered while it is open; one the company answered already says so (a second
 * answer is the company's mistake to hear about, not a silent no-op), and one withdrawn or
 * placed is simply no longer open. Pure.
 *
 * @param wish - the wish as read
 */
export function requireAnswerable(wish: Wish): void {
  if (wish.status === 'INVITED' || wish.status === 'DECLINED') {
    throw broken(RULE.WISH_ALREADY_ANSWERED, 'The company has answered this wish already', [
      'wishId',
    ]);
  }
  if (wish.status !== 'OPEN') {
    throw broken(RULE.WISH_NOT_OPEN, 'The wish is not open', ['wishId']);
  }
}

/**
 * A company answers a young person's open wish addressed to it ("magtskifte": the young person
 * chose the company, and hears back): a contact for their own company, or the team on its
 * behalf. `INVITE` makes the invitation through the one path every invitation takes
 * (`stageInvitation`: the same rules, link, audit of refusals and figures as `inviteYouth`),
 * in the same transaction; `DECLINE` carries a kind message. Either way the wish no longer ties
 * the young person to the company (an invitation does, while it is open), and the answer is
 * counted for the programme.
 */
export const respondToWishCommand = defineCommand({
  name: 'respondToWish',
  input: RespondToWishInputSchema,
  async execute(context, input, work): Promise<Wish> {
    const wish = await loadWish(context.loader, input.wishId);
    if (!wish) throw broken(RULE.WISH_NOT_FOUND, 'No such wish', ['wishId']);
    requireVersion('The wish', input.expectedVersion, wish.version);
    requireAnswerable(wish);
    const wishReason = linkReason.wish(wish.id);
    let invitationId: string | null = null;
    if (input.answer === 'INVITE') {
      const invitation = await stageInvitation(
        context,
        work,
        wish.companyId,
        {
          youthId: wish.youthId,
          opportunityId: wish.opportunityId,
          message: input.message,
          answerWithinDays: input.answerWithinDays ?? DEFAULT_ANSWER_DAYS,
        },
        { wishId: wish.id, endsLinkReasons: [wishReason] },
      );
      invitationId = invitation.id;
    } else {
      const link = await loadLink(context.loader, wish.youthId, wish.companyId);
      const action = linkAction(link, { remove: [wishReason] });
      if (action) work.add(action);
    }
    const answered: Wish = {
      ...wish,
      status: input.answer === 'INVITE' ? 'INVITED' : 'DECLINED',
      answer: {
        kind: input.answer,
        message: input.message,
        answeredAt: context.now().toISOString(),
        invitationId,
      },
    };
    const stored = work.replace(WishEntity, wish, answered);
    stageCounterChanges(work, [
      ...wishContribution(wish).map((change) => ({ ...change, by: -change.by })),
      ...wishContribution(answered),
    ]);
    return stored;
  },
  remember: rememberWish,
  recall: recallWish,
});
