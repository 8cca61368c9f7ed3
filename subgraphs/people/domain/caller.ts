import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import type { Identity } from '#kernel/identity';
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
 * The municipality a caller belongs to: their own for young people, staff and data protection
 * officers, their company's for company contacts, none for the programme office.
 *
 * @param context - the request
 */
export async function callerMunicipalityCode(context: SubgraphContext): Promise<string | null> {
  const identity = requireIdentity(context);
  if (identity.role === 'PROGRAMME') return null;
  if (identity.role === 'COMPANY_CONTACT') return (await companyMunicipalityOf(context)) ?? null;
  return identity.municipalityCode;
}
