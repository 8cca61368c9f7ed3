import * as z from 'zod';
import { EntityIdSchema, ExpectedVersionSchema, textSchema } from '#kernel/validation';
import { optionalInput } from './optional-input.ts';
import {
  OpportunityDetailsSchema,
  PlacesSchema,
  TradeSchema,
  WeeklyHoursSchema,
} from './placement-opportunity.ts';

/** `addOpportunity`'s input. */
export const AddOpportunityInputSchema = OpportunityDetailsSchema.extend({
  companyId: EntityIdSchema,
  open: optionalInput(z.boolean()),
});

/** `addOpportunity`'s input, parsed. */
export type AddOpportunityInput = z.infer<typeof AddOpportunityInputSchema>;

/** `updateOpportunity`'s input: at least one change. */
export const UpdateOpportunityInputSchema = z
  .object({
    opportunityId: EntityIdSchema,
    title: optionalInput(textSchema()),
    description: optionalInput(textSchema()),
    trade: optionalInput(TradeSchema),
    weeklyHours: optionalInput(WeeklyHoursSchema),
    places: optionalInput(PlacesSchema),
    expectedVersion: ExpectedVersionSchema,
  })
  .refine(
    ({ opportunityId: _id, expectedVersion: _version, ...changes }) =>
      Object.values(changes).some((value) => value !== undefined),
    'must change at least one of title, description, trade, weeklyHours and places',
  );

/** `updateOpportunity`'s input, parsed. */
export type UpdateOpportunityInput = z.infer<typeof UpdateOpportunityInputSchema>;

/** The input of `openOpportunity` and `closeOpportunity`: the opportunity, at the version read. */
export const OpportunityStateInputSchema = z.object({
  opportunityId: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
});

/** The input of `openOpportunity` and `closeOpportunity`, parsed. */
export type OpportunityStateInput = z.infer<typeof OpportunityStateInputSchema>;
