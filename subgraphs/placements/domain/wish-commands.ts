import { requireIdentity, requireStaffOf } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { createItemLoader } from '#kernel/entity-loader';
import { BadUserInputError, ForbiddenError } from '#kernel/errors';
import { isStaffRole } from '#kernel/identity';
import { newId } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { TransactAction } from '#kernel/table/table';
import { parseInput } from '#kernel/validation';
import {
  companyIsActive,
  loadCompanyFacts,
  loadOpportunityFacts,
  loadYouthFacts,
  opportunityOpenAt,
} from '../repository/shared-items.ts';
import { readAllWishesOfYouth, readWish, wishWriteAction } from '../repository/wish-repository.ts';
import { requireYouthRecordsAccess } from './access.ts';
import { withConflictRetries } from './retry.ts';
import { broken, RULE } from './rules.ts';
import { CreateWishInputSchema, type Wish, WishIdInputSchema } from './wish.ts';

/**
 * The young person a wish is made for: a young person's token makes their own (naming another
 * is refused); the municipal team names the young person; nobody else makes wishes.
 */
function wisherOf(context: SubgraphContext, youthId: string | null | undefined): string {
  const identity = requireIdentity(context);
  if (identity.role === 'YOUTH') {
    if (youthId && youthId !== identity.youthId) {
      throw new ForbiddenError('A young person makes only their own wishes');
    }
    return identity.youthId;
  }
  if (!isStaffRole(identity.role)) {
    throw new ForbiddenError('Wishes are made by the young person or the team on their behalf');
  }
  if (!youthId) {
    throw new BadUserInputError('Invalid input: youthId: the team must name the young person', [
      { path: 'youthId', message: 'the team must name the young person' },
    ]);
  }
  return youthId;
}

/**
 * A young person wishes for a placement at a company (or one of its opportunities) in their
 * own municipality. Written with checks that the company is active and the opportunity open
 * and the company's, in one transaction.
 *
 * @param context - the request's context
 * @param rawInput - the mutation's input
 */
export async function createWish(context: SubgraphContext, rawInput: unknown): Promise<Wish> {
  const input = parseInput(CreateWishInputSchema, rawInput);
  const youthId = wisherOf(context, input.youthId);
  const identity = requireIdentity(context);
  const table = context.table;
  const wishId = newId(context.now().getTime());
  return withConflictRetries(async () => {
    const loader = createItemLoader(table);
    const [[youth], [company], opportunity] = await Promise.all([
      loadYouthFacts(loader, [youthId]),
      loadCompanyFacts(loader, [input.companyId]),
      input.opportunityId ? loadOpportunityFacts(loader, input.opportunityId) : undefined,
    ]);
    if (!youth) throw broken(RULE.YOUTH_NOT_FOUND, 'No such young person', ['youthId']);
    if (identity.role !== 'YOUTH') requireStaffOf(identity, youth.municipalityCode);
    if (!company) throw broken(RULE.COMPANY_NOT_FOUND, 'No such company', ['companyId']);
    if (company.municipalityCode !== youth.municipalityCode) {
      throw broken(
        RULE.OTHER_MUNICIPALITY,
        "Wishes are for companies in the young person's own municipality",
        ['companyId'],
      );
    }
    if (company.status !== 'ACTIVE') {
      throw broken(RULE.COMPANY_NOT_ACTIVE, 'The company has paused or left the network', [
        'companyId',
      ]);
    }
    const actions: TransactAction[] = [
      { check: sharedKeys.company(company.id), condition: companyIsActive() },
    ];
    if (input.opportunityId) {
      if (!opportunity) {
        throw broken(RULE.OPPORTUNITY_NOT_FOUND, 'No such opportunity', ['opportunityId']);
      }
      if (opportunity.companyId !== company.id) {
        throw broken(RULE.OPPORTUNITY_NOT_AT_COMPANY, "The opportunity is not the company's", [
          'opportunityId',
        ]);
      }
      if (!opportunity.open) {
        throw broken(RULE.OPPORTUNITY_CLOSED, 'The opportunity is closed', ['opportunityId']);
      }
      actions.push({
        check: sharedKeys.opportunity(opportunity.id),
        condition: opportunityOpenAt(company.id),
      });
    }
    const existing = await readAllWishesOfYouth(table, youth.id);
    const duplicate = existing.some(
      (w) =>
        w.status === 'OPEN' &&
        w.companyId === company.id &&
        w.opportunityId === (input.opportunityId ?? null),
    );
    if (duplicate) {
      throw broken(RULE.DUPLICATE_WISH, 'The young person already wishes for this', ['companyId']);
    }
    const { action, stored } = wishWriteAction(null, {
      id: wishId,
      municipalityCode: youth.municipalityCode,
      youthId: youth.id,
      companyId: company.id,
      opportunityId: input.opportunityId ?? null,
      rank: input.rank,
      motivation: input.motivation,
      status: 'OPEN',
      placementId: null,
      createdAt: context.now().toISOString(),
      version: 0,
    });
    await table.transact([action, ...actions]);
    context.logger.info('Wish created', { wishId });
    return stored;
  });
}

/**
 * Withdraws an open wish: the young person themself or their municipality's team.
 *
 * @param context - the request's context
 * @param rawInput - the mutation's input
 */
export async function withdrawWish(context: SubgraphContext, rawInput: unknown): Promise<Wish> {
  const identity = requireIdentity(context);
  const { wishId } = parseInput(WishIdInputSchema, rawInput);
  if (identity.role !== 'YOUTH' && !isStaffRole(identity.role)) {
    throw new ForbiddenError('Wishes are withdrawn by the young person or the team');
  }
  return withConflictRetries(async () => {
    const wish = await readWish(context.table, wishId);
    if (!wish) throw broken(RULE.WISH_NOT_FOUND, 'No such wish', ['wishId']);
    requireYouthRecordsAccess(identity, {
      id: wish.youthId,
      municipalityCode: wish.municipalityCode,
    });
    if (wish.status !== 'OPEN')
      throw broken(RULE.WISH_NOT_OPEN, 'The wish is not open', ['wishId']);
    const { action, stored } = wishWriteAction(wish, { ...wish, status: 'WITHDRAWN' });
    await context.table.transact([action]);
    return stored;
  });
}
