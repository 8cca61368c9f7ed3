import * as z from 'zod';
import { EntityIdSchema, MunicipalityCodeSchema, textSchema } from '#kernel/validation';

/**
 * The municipal team's introduction of a young person to a company: one of the facts that let
 * the company invite them (`invitation-rules.ts`), for a young person the company has not met
 * at an event and who has not wished for it.
 */
export const IntroductionSchema = z.object({
  id: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  youthId: z.string(),
  companyId: z.string(),
  /** The team's note on why they fit, for the team only; null when none was written. */
  note: z.string().nullable(),
  /** The staff member who introduced them. */
  introducedBy: z.string(),
  createdAt: z.string(),
  version: z.number().int().nonnegative(),
});

/** The team's introduction of a young person to a company. */
export type Introduction = z.infer<typeof IntroductionSchema>;

/** The input of an introduction, as validated at the edge. */
export const IntroduceYouthToCompanyInputSchema = z.object({
  youthId: EntityIdSchema,
  companyId: EntityIdSchema,
  note: textSchema().nullish(),
});

/** The input of an introduction. */
export type IntroduceYouthToCompanyInput = z.infer<typeof IntroduceYouthToCompanyInputSchema>;
