import * as z from 'zod';
import {
  EntityIdSchema,
  ExpectedVersionSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';

/**
 * Where a wish stands: `INVITED` and `DECLINED` are the company's answer (`respondToWish`), so
 * the young person hears from the company they chose rather than waiting on silence.
 */
export const WISH_STATUSES = ['OPEN', 'WITHDRAWN', 'PLACED', 'INVITED', 'DECLINED'] as const;

/** How a company answers a wish addressed to it. */
export const WISH_ANSWER_KINDS = ['INVITE', 'DECLINE'] as const;

/** How a company answers a wish. */
export type WishAnswerKind = (typeof WISH_ANSWER_KINDS)[number];

/** The company's answer to a wish, as stored on the wish. */
export const WishAnswerSchema = z.object({
  kind: z.enum(WISH_ANSWER_KINDS),
  /** The company's words to the young person: the invitation's message, or a kind no. */
  message: z.string(),
  answeredAt: z.string(),
  /** The invitation the answer made, for `INVITE`. */
  invitationId: z.string().nullable(),
});

/** The company's answer to a wish. */
export type WishAnswer = z.infer<typeof WishAnswerSchema>;

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
  /** The company's answer; absent until it answers (and on wishes stored before answers were). */
  answer: WishAnswerSchema.nullish(),
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

/** The longest answer a company may give a wish, as the SDL's `@text` states it too. */
export const MAX_WISH_ANSWER_LENGTH = 2000;

/** A company's answer to a wish, as validated at the edge. */
export const RespondToWishInputSchema = z
  .object({
    wishId: EntityIdSchema,
    answer: z.enum(WISH_ANSWER_KINDS),
    message: textSchema().pipe(
      z
        .string()
        .max(MAX_WISH_ANSWER_LENGTH, `must be at most ${MAX_WISH_ANSWER_LENGTH} characters`),
    ),
    answerWithinDays: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(60, 'must be at most 60')
      .nullish(),
    expectedVersion: ExpectedVersionSchema,
  })
  .refine((input) => input.answer === 'INVITE' || input.answerWithinDays == null, {
    message: 'only an invitation has an answer time',
    path: ['answerWithinDays'],
  });

/** A company's answer to a wish. */
export type RespondToWishInput = z.infer<typeof RespondToWishInputSchema>;
