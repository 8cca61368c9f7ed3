import { requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import {
  listWishesByCompany,
  listWishesByYouth,
  loadWishes,
} from '../repository/wish-repository.ts';
import { canSeeRecord } from './access.ts';
import { type PageArgs, pageOf } from './placement-queries.ts';
import type { CompanyRef, YouthRef } from './references.ts';
import type { Wish } from './wish.ts';

/** One wish through the request's loader; null when none exists. */
export async function findWish(context: SubgraphContext, wishId: string): Promise<Wish | null> {
  const [wish] = await loadWishes(context.loader, [wishId]);
  return wish ?? null;
}

/** A page of a young person's wishes in their order. */
export function wishesOfYouth(
  context: SubgraphContext,
  youth: YouthRef,
  args: PageArgs,
): Promise<Connection<Wish>> {
  return listWishesByYouth(context, youth.id, pageOf(args));
}

/** A page of the wishes addressed to a company, newest first. */
export function wishesOfCompany(
  context: SubgraphContext,
  company: CompanyRef,
  args: PageArgs,
): Promise<Connection<Wish>> {
  return listWishesByCompany(context, company.id, pageOf(args));
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
