import * as z from 'zod';
import { EntityIdSchema, PageSizeSchema } from '#kernel/validation';
import { CompanyNetworkStatusSchema } from '../domain/company.ts';
import { optionalInput } from '../domain/optional-input.ts';
import { TradeSchema } from '../domain/placement-opportunity.ts';

/** `first` and `after` of a connection: 1 to 100 (20 when left out), and an opaque cursor. */
const PageArgsSchema = z.object({
  first: z
    .number()
    .nullish()
    .transform((value) => value ?? undefined)
    .pipe(PageSizeSchema),
  after: optionalInput(z.string().min(1, 'must not be empty')),
});

/** Arguments of `Municipality.companies`. */
export const CompaniesArgsSchema = PageArgsSchema.extend({
  status: optionalInput(CompanyNetworkStatusSchema),
});

/** Arguments of `Municipality.openOpportunities`. */
export const OpenOpportunitiesArgsSchema = PageArgsSchema.extend({
  trade: optionalInput(TradeSchema),
});

/** Arguments of `Municipality.companyProspects`. */
export const CompanyProspectsArgsSchema = PageArgsSchema.extend({
  status: optionalInput(z.enum(['PROSPECT', 'CONTACTED', 'MEETING', 'JOINED', 'DECLINED'])),
});

/** Whether a reference's id can be an id this subgraph issued; others resolve to null. */
export function isEntityId(id: unknown): id is string {
  return EntityIdSchema.safeParse(id).success;
}
