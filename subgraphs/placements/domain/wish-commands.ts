import { defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { createItemLoader } from '#kernel/entity-loader';
import { requireVersion } from '#kernel/errors';
import { newId } from '#kernel/keys';
import { tieSource, youthCompanyTieAdded } from '#kernel/ties';
import { danishToday } from '#kernel/today';
import { linkReason } from '#kernel/youth-company-link';
import { stageCounterChanges } from '../repository/placement-stats-entity.ts';
import {
  companyStillActive,
  loadCompanyFacts,
  loadOpportunityFacts,
  loadYouthFacts,
  opportunityStillOpenAt,
} from '../repository/shared-items.ts';
import { WishEntity } from '../repository/wish-entity.ts';
import { loadWish, readAllWishesOfYouth } from '../repository/wish-repository.ts';
import {
  type LinkState,
  linkAction,
  loadLink,
} from '../repository/youth-company-link-repository.ts';
import { youthOfRequest } from './parties-of-request.ts';
import { recallWish, rememberWish } from './placement-results.ts';
import { broken, RULE } from './rules.ts';
import {
  type CreateWishInput,
  CreateWishInputSchema,
  type Wish,
  WithdrawWishInputSchema,
} from './wish.ts';
import { wishContribution } from './wish-figures.ts';
import { requireWishRules, type WishFacts } from './wish-rules.ts';

/**
 * Reads what a new wish is decided on (other subgraphs' items through this run's own loader),
 * and the youth–company link it will add its reason to, in the same batch.
 */
async function readWishFacts(
  context: SubgraphContext,
  youthId: string,
  input: CreateWishInput,
): Promise<{ facts: WishFacts; link: LinkState }> {
  const loader = createItemLoader(context.table);
  const [[youth], [company], opportunity, wishes, link] = await Promise.all([
    loadYouthFacts(loader, [youthId]),
    loadCompanyFacts(loader, [input.companyId]),
    input.opportunityId ? loadOpportunityFacts(loader, input.opportunityId) : undefined,
    readAllWishesOfYouth(context.table, youthId),
    loadLink(loader, youthId, input.companyId),
  ]);
  return { facts: { youth, company, opportunity, wishes }, link };
}

/**
 * A young person wishes for a placement at a company (or one of its opportunities) in their
 * own municipality: a young person's token makes their own, the municipal team names the young
 * person. Staged with checks that the company is still active and the opportunity still open
 * and the company's, the tie that lets the company invite them (kept when the wish is
 * withdrawn: an earlier wish still counts), and the youth–company link that lets the company
 * see them while the wish is open.
 */
export const createWishCommand = defineCommand({
  name: 'createWish',
  input: CreateWishInputSchema,
  async execute(context, input, work) {
    const youthId = youthOfRequest(context, input.youthId);
    const { facts, link } = await readWishFacts(context, youthId, input);
    const { youth, company } = requireWishRules(facts, input);
    work.add(companyStillActive(company.id));
    if (input.opportunityId) work.add(opportunityStillOpenAt(input.opportunityId, company.id));
    const wish = work.create(WishEntity, {
      id: newId(context.now().getTime()),
      municipalityCode: youth.municipalityCode,
      youthId: youth.id,
      companyId: company.id,
      opportunityId: input.opportunityId ?? null,
      rank: input.rank,
      motivation: input.motivation,
      status: 'OPEN',
      placementId: null,
      createdAt: context.now().toISOString(),
      version: 1,
    });
    work.add(
      // The young person chose the company: their interest is strong.
      youthCompanyTieAdded({
        youthId: wish.youthId,
        companyId: wish.companyId,
        municipalityCode: wish.municipalityCode,
        source: tieSource.wish(wish.id),
        way: 'WISH',
        day: danishToday(context.now()),
        youthInterest: 'STRONG',
      }),
    );
    const linkChange = linkAction(link, { add: [linkReason.wish(wish.id)] });
    if (linkChange) work.add(linkChange);
    stageCounterChanges(work, wishContribution(wish));
    return wish;
  },
  remember: rememberWish,
  recall: recallWish,
});

/**
 * Withdraws an open wish at the version the client read: the young person or their team. The
 * wish no longer ties the young person to the company.
 */
export const withdrawWishCommand = defineCommand({
  name: 'withdrawWish',
  input: WithdrawWishInputSchema,
  async execute(context, input, work): Promise<Wish> {
    const wish = await loadWish(context.loader, input.wishId);
    if (!wish) throw broken(RULE.WISH_NOT_FOUND, 'No such wish', ['wishId']);
    requireVersion('The wish', input.expectedVersion, wish.version);
    if (wish.status !== 'OPEN') {
      throw broken(RULE.WISH_NOT_OPEN, 'The wish is not open', ['wishId']);
    }
    const withdrawn: Wish = { ...wish, status: 'WITHDRAWN' };
    const stored = work.replace(WishEntity, wish, withdrawn);
    const link = await loadLink(context.loader, wish.youthId, wish.companyId);
    const linkChange = linkAction(link, { remove: [linkReason.wish(wish.id)] });
    if (linkChange) work.add(linkChange);
    return stored;
  },
  remember: rememberWish,
  recall: recallWish,
});
