import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
import { WISH_ANSWER_KINDS, type Wish, WishSchema } from '../domain/wish.ts';
import type { WishFigureFacts } from '../domain/wish-figures.ts';
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

/** The entity name of an erased young person's wish stub. */
export const ERASED_WISH_ENTITY = 'ErasedWish';

/**
 * The stub an erased young person's wish leaves (`WISH#<new>` / `ERASED`): only what the wish
 * figures count (`wish-figures.ts`) — municipality, when made, the answer's kind and when — under
 * the young person's stub, so the recount still finds it. No company, words or old ids.
 *
 * @param wish - the wish erased
 * @param stubYouthId - the young person's stub
 * @param id - the stub's new random id
 */
export function erasedWishToItem(wish: Wish, stubYouthId: string, id: string): Item {
  return {
    pk: key(PLACEMENTS_PREFIX.wish, id),
    sk: 'ERASED',
    entity: ERASED_WISH_ENTITY,
    gsi1pk: wishesOfYouthPartition(stubYouthId),
    gsi1sk: `${wish.createdAt}#${id}`,
    municipalityCode: wish.municipalityCode,
    createdAt: wish.createdAt,
    answer: wish.answer ? { kind: wish.answer.kind, answeredAt: wish.answer.answeredAt } : null,
  };
}

const ErasedWishSchema = z.object({
  municipalityCode: z.string(),
  createdAt: z.string(),
  answer: z.object({ kind: z.enum(WISH_ANSWER_KINDS), answeredAt: z.string() }).nullish(),
});

/**
 * What the wish figures count of a wish item, a wish or its erased stub alike.
 *
 * @param item - an item of a young person's wishes listing
 */
export function wishFigureFactsOf(item: Item): WishFigureFacts {
  if (item.entity === ERASED_WISH_ENTITY) return ErasedWishSchema.parse(item);
  return WishEntity.fromItem(item);
}
