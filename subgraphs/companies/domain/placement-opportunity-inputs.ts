import * as z from 'zod';
import { EntityIdSchema, textSchema } from '#kernel/validation';
import { expectedVersionInput, optionalInput } from './optional-input.ts';
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
    title: optionalInput(textSchema(100)),
    description: optionalInput(textSchema(2000)),
    trade: optionalInput(TradeSchema),
    weeklyHours: optionalInput(WeeklyHoursSchema),
    places: optionalInput(PlacesSchema),
    expectedVersion: expectedVersionInput(z.number()),
  })
  .refine(
    ({ opportunityId: _id, expectedVersion: _version, ...changes }) =>
      Object.values(changes).some((value) => value !== undefined),
    'must change at least one of title, description, trade, weeklyHours and places',
  );

/** `updateOpportunity`'s input, parsed. */
export type UpdateOpportunityInput = z.infer<typeof UpdateOpportunityInputSchema>;

/** The input of `openOpportunity` and `closeOpportunity`: the opportunity. */
export const OpportunityStateInputSchema = z.object({ opportunityId: EntityIdSchema });

/** The input of `openOpportunity` and `closeOpportunity`, parsed. */
export type OpportunityStateInput = z.infer<typeof OpportunityStateInputSchema>;
