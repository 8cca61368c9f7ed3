import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
import { type Wish, WishSchema } from '../domain/wish.ts';
import { PLACEMENTS_PREFIX } from './prefixes.ts';

/** Primary key of a wish's item. */
export function wishKey(wishId: string): ItemKey {
  return { pk: key(PLACEMENTS_PREFIX.wish, wishId), sk: key(PLACEMENTS_PREFIX.wish, wishId) };
}

/** Partition (gsi1) of a young person's wishes, in rank order. */
export function wishesOfYouthPartition(youthId: string): string {
  return key(PREFIX.youth, youthId, 'WISHES');
}

/** Partition (gsi2) of the wishes addressed to a company, by time made. */
export function wishesOfCompanyPartition(companyId: string): string {
  return key(PREFIX.company, companyId, 'WISHES');
}

/** The stored item of a wish, with the index keys of its two listings. */
export function wishToItem(wish: Wish): Item {
  return {
    ...wishKey(wish.id),
    entity: 'Wish',
    gsi1pk: wishesOfYouthPartition(wish.youthId),
    gsi1sk: `${String(wish.rank).padStart(2, '0')}#${wish.createdAt}#${wish.id}`,
    gsi2pk: wishesOfCompanyPartition(wish.companyId),
    gsi2sk: `${wish.createdAt}#${wish.id}`,
    ...wish,
  };
}

/** A wish from its stored item. */
export function wishFromItem(item: Item): Wish {
  return WishSchema.parse(item);
}
