import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import type { Identity } from '#kernel/identity';
import { recordedYouthMunicipality } from '#kernel/recorded-scope';
import { loadCompanyMunicipality, loadContactCompany } from '../repository/shared-items.ts';

/**
 * For a company contact: whether they are still a contact of the company their token names.
 * A contact removed from the company keeps a live token for a while; it opens nothing here.
 *
 * @param context - the request
 * @param identity - a company contact
 */
export async function isCurrentContact(
  context: SubgraphContext,
  identity: Extract<Identity, { role: 'COMPANY_CONTACT' }>,
): Promise<boolean> {
  return (await loadContactCompany(context.loader, identity.contactId)) === identity.companyId;
}

/**
 * For a company contact, their company's municipality (which decides whether they work with a
 * municipality's team); undefined for every other caller, and for a contact no longer with the
 * company. Both reads go through the request's loader.
 *
 * @param context - the request
 */
export async function companyMunicipalityOf(context: SubgraphContext): Promise<string | undefined> {
  const identity = requireIdentity(context);
  if (identity.role !== 'COMPANY_CONTACT') return undefined;
  const [current, municipalityCode] = await Promise.all([
    isCurrentContact(context, identity),
    loadCompanyMunicipality(context.loader, identity.companyId),
  ]);
  return current ? municipalityCode : undefined;
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
