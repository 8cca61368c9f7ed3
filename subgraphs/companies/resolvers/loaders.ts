import type { SubgraphContext } from '#kernel/context';
import { NotFoundError } from '#kernel/errors';
import type { Company } from '../domain/company.ts';
import { loadCompany } from '../repository/company-repository.ts';

/**
 * The company a contact person or an opportunity belongs to, through the request's loader
 * (one batch for a whole list), for the access rules that depend on it.
 *
 * @param context - the request's context
 * @param companyId - the company
 */
export async function owningCompany(context: SubgraphContext, companyId: string): Promise<Company> {
  const company = await loadCompany(context.loader, companyId);
  if (!company) throw new NotFoundError('The company it belongs to no longer exists');
  return company;
}
