import * as z from 'zod';
import { EntityIdSchema, MunicipalityCodeSchema, textSchema } from '#kernel/validation';

/** The trade ("fag") of an opportunity; `#` is the table's key separator, so not allowed. */
export const TradeSchema = textSchema().refine(
  (trade) => !trade.includes('#'),
  'must not contain #',
);

/** Hours a week of a placement: 1 to 37 (a Danish full-time week). */
export const WeeklyHoursSchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1 hour')
  .max(37, 'must be at most 37 hours');

/** How many young people a company takes at the same time on one opportunity: 1 to 10. */
export const PlacesSchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(10, 'must be at most 10');

/** What a person enters about a placement opportunity. */
export const OpportunityDetailsSchema = z.object({
  title: textSchema(),
  description: textSchema(),
  trade: TradeSchema,
  weeklyHours: WeeklyHoursSchema,
  places: PlacesSchema,
});

/** What a person enters about a placement opportunity, normalised. */
export type OpportunityDetails = z.infer<typeof OpportunityDetailsSchema>;

/**
 * A placement opportunity a company offers. `open` means young people may choose it now; it
 * is true only while the company is `ACTIVE` (pausing and leaving close every opportunity).
 */
export const PlacementOpportunitySchema = OpportunityDetailsSchema.extend({
  id: EntityIdSchema,
  companyId: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  open: z.boolean(),
  version: z.number().int().min(1),
});

/** A placement opportunity a company offers. */
export type PlacementOpportunity = z.infer<typeof PlacementOpportunitySchema>;

/** A trade as compared in filters and index keys: trimmed and in lower case. */
export function tradeKey(trade: string): string {
  return trade.trim().toLocaleLowerCase('da');
}
