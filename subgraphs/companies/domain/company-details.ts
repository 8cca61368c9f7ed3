import type { Identity } from '#kernel/identity';
import { saveCompanyDetails } from '../repository/company-repository.ts';
import type { Company } from './company.ts';
import { type CompaniesDeps, companyForChange, requireExpectedVersion } from './company-changes.ts';
import type { UpdateCompanyInput } from './company-inputs.ts';

/**
 * Changes a company's name, industry or address (the team or the company's contacts). The CVR
 * number and the municipality are what the company is registered as, and do not change here.
 *
 * @param deps - table, loader and clock
 * @param identity - the caller
 * @param input - the parsed input
 */
export async function updateCompany(
  deps: CompaniesDeps,
  identity: Identity,
  input: UpdateCompanyInput,
): Promise<Company> {
  const { company } = await companyForChange(deps, identity, input.companyId, 'updateCompany');
  requireExpectedVersion(company.version, input.expectedVersion);
  return saveCompanyDetails(deps, company, {
    ...company,
    name: input.name ?? company.name,
    industry: input.industry ?? company.industry,
    address: input.address ?? company.address,
  });
}
