import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
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

/** A young person's wish, listed by young person (in rank order) and by company (by time). */
export const WishEntity = defineEntity<Wish>({
  name: 'Wish',
  schema: WishSchema,
  key: (wish) => wishKey(wish.id),
  indexes: {
    gsi1: (wish) => ({
      pk: wishesOfYouthPartition(wish.youthId),
      sk: `${String(wish.rank).padStart(2, '0')}#${wish.createdAt}#${wish.id}`,
    }),
    gsi2: (wish) => ({
      pk: wishesOfCompanyPartition(wish.companyId),
      sk: `${wish.createdAt}#${wish.id}`,
    }),
  },
});
