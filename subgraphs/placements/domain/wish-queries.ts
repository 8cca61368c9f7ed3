import { requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import {
  listWishesByCompany,
  listWishesByYouth,
  loadWishes,
} from '../repository/wish-repository.ts';
import {
  canSeeRecord,
  requireCompanyRecordsAccess,
  requireRecordAccess,
  requireYouthRecordsAccess,
} from './access.ts';
import { type PageArgs, pageSize } from './placement-queries.ts';
import type { CompanyRef, YouthRef } from './references.ts';
import type { Wish } from './wish.ts';

/**
 * One wish, for the young person, the company it is addressed to and the municipality's team;
 * null when none exists, `FORBIDDEN` for anyone else.
 */
export async function findWish(context: SubgraphContext, wishId: string): Promise<Wish | null> {
  const identity = requireIdentity(context);
  const [wish] = await loadWishes(context.loader, [wishId]);
  return wish ? requireRecordAccess(identity, wish) : null;
}

/** A page of a young person's wishes in their order, for the young person and their team. */
export function wishesOfYouth(
  context: SubgraphContext,
  youth: YouthRef,
  args: PageArgs,
): Promise<Connection<Wish>> {
  requireYouthRecordsAccess(requireIdentity(context), youth);
  return listWishesByYouth(context.table, context.cursors, youth.id, pageSize(args), args.after);
}

/** A page of the wishes addressed to a company, for its contacts and its team. */
export function wishesOfCompany(
  context: SubgraphContext,
  company: CompanyRef,
  args: PageArgs,
): Promise<Connection<Wish>> {
  requireCompanyRecordsAccess(requireIdentity(context), company);
  return listWishesByCompany(
    context.table,
    context.cursors,
    company.id,
    pageSize(args),
    args.after,
  );
}

/** A wish linked from a placement, or null when there is none or the caller may not see it. */
export async function wishIfVisible(
  context: SubgraphContext,
  wishId: string | null,
): Promise<Wish | null> {
  if (!wishId) return null;
  const [wish] = await loadWishes(context.loader, [wishId]);
  return wish && canSeeRecord(requireIdentity(context), wish) ? wish : null;
}
