import type { SubgraphContext } from '#kernel/context';
import type { Identity } from '#kernel/identity';
import { callerInRecordedScope } from '#kernel/recorded-scope';
import type { Company } from './domain/company.ts';
import {
  type CompanyAudience,
  companyAudience,
  companyAudienceInScope,
  sharesCompanyGroupNow,
} from './domain/company-audience.ts';
import type { CompanyContact } from './domain/company-contact.ts';
import type { PlacementOpportunity } from './domain/placement-opportunity.ts';
import { canSeeOpportunity } from './domain/placement-opportunity-access.ts';
import { loadCompany } from './repository/company-repository.ts';

/**
 * The caller's audience for each kind of record, as the field rules (`authorisation-rules.ts`)
 * decide on it: a record's audience is its company's (`domain/company-audience.ts`), the company
 * loaded through the request's loader (one batch for a whole list).
 */

/**
 * The caller's audience for a company.
 *
 * @param identity - the caller
 * @param company - the company
 * @param context - the request
 */
export const companyAudienceOf = (identity: Identity, company: Company, context: SubgraphContext) =>
  companyAudienceInScope(identity, company, context);

/** The caller's audience for the company a record belongs to (null when it no longer exists). */
async function audienceOfOwner(
  identity: Identity,
  companyId: string,
  context: SubgraphContext,
): Promise<CompanyAudience | null> {
  // A young person's own record is read in the company's batch.
  const [company, caller] = await Promise.all([
    loadCompany(context.loader, companyId),
    callerInRecordedScope(context, identity),
  ]);
  if (!company) return null;
  return companyAudience(caller, company, await sharesCompanyGroupNow(context, caller, companyId));
}

/**
 * The caller's audience for a contact person: that of their company.
 *
 * @param identity - the caller
 * @param contact - the contact person
 * @param context - the request
 */
export const contactAudienceOf = (
  identity: Identity,
  contact: CompanyContact,
  context: SubgraphContext,
) => audienceOfOwner(identity, contact.companyId, context);

/**
 * The caller's audience for an opportunity: that of its company, and young people see open
 * opportunities only.
 *
 * @param identity - the caller
 * @param opportunity - the opportunity
 * @param context - the request
 */
export async function opportunityAudienceOf(
  identity: Identity,
  opportunity: PlacementOpportunity,
  context: SubgraphContext,
): Promise<CompanyAudience | null> {
  const audience = await audienceOfOwner(identity, opportunity.companyId, context);
  return canSeeOpportunity(audience, opportunity) ? audience : null;
}
