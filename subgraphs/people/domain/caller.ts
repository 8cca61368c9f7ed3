import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { recordedYouthMunicipality } from '#kernel/recorded-scope';
import { loadCompanyMunicipality } from '../repository/shared-items.ts';

/**
 * For a company contact, their company's municipality (which decides whether they work with a
 * municipality's team); undefined for every other caller, and for a contact no longer with the
 * company (the kernel made them a contact of no company: `#kernel/current-contact`).
 *
 * @param context - the request
 */
export async function companyMunicipalityOf(context: SubgraphContext): Promise<string | undefined> {
  const identity = requireIdentity(context);
  if (identity.role !== 'COMPANY_CONTACT') return undefined;
  return loadCompanyMunicipality(context.loader, identity.companyId);
}

/**
 * For a young person or a company contact, the municipality their records put them in (which
 * decides whether they take part in a municipality): a young person's own record's — their
 * token's only when they have none — and a contact's company's ({@link companyMunicipalityOf});
 * undefined for every other caller.
 *
 * @param context - the request
 */
export async function participantMunicipalityOf(
  context: SubgraphContext,
): Promise<string | undefined> {
  const identity = requireIdentity(context);
  if (identity.role === 'COMPANY_CONTACT') return companyMunicipalityOf(context);
  if (identity.role !== 'YOUTH') return undefined;
  return (await recordedYouthMunicipality(context, identity.youthId)) ?? identity.municipalityCode;
}

/**
 * The municipality a caller belongs to: staff's and data protection officers' own, a young
 * person's and a company contact's as their records say ({@link participantMunicipalityOf}),
 * none for the programme office.
 *
 * @param context - the request
 */
export async function callerMunicipalityCode(context: SubgraphContext): Promise<string | null> {
  const identity = requireIdentity(context);
  if (identity.role === 'PROGRAMME') return null;
  if (identity.role === 'COMPANY_CONTACT' || identity.role === 'YOUTH') {
    return (await participantMunicipalityOf(context)) ?? null;
  }
  return identity.municipalityCode;
}
