import * as z from 'zod';
import {
  EntityIdSchema,
  ExpectedVersionSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';

/** Where a wish stands. */
export const WISH_STATUSES = ['OPEN', 'WITHDRAWN', 'PLACED'] as const;

/** The highest rank a young person may give a wish (1 is the strongest wish). */
export const MAX_WISH_RANK = 20;

/** A young person's wish for a placement at a company of their choice. */
export const WishSchema = z.object({
  id: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  youthId: z.string(),
  companyId: z.string(),
  opportunityId: z.string().nullable(),
  rank: z.number().int(),
  motivation: z.string(),
  status: z.enum(WISH_STATUSES),
  placementId: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int().nonnegative(),
});

/** A young person's wish. */
export type Wish = z.infer<typeof WishSchema>;

/** The input of a new wish, as validated at the edge. */
export const CreateWishInputSchema = z.object({
  youthId: EntityIdSchema.nullish(),
  companyId: EntityIdSchema,
  opportunityId: EntityIdSchema.nullish(),
  rank: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(MAX_WISH_RANK, `must be at most ${MAX_WISH_RANK}`),
  motivation: textSchema(),
});

/** The input of a new wish. */
export type CreateWishInput = z.infer<typeof CreateWishInputSchema>;

/** The input of a wish withdrawn, at the version the client read. */
export const WithdrawWishInputSchema = z.object({
  wishId: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
});
