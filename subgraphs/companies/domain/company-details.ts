import { defineCommand } from '#kernel/command';
import { stageCompanyChange } from '../repository/company-repository.ts';
import type { Company } from './company.ts';
import { answersWithCompany, companyAtVersion } from './company-changes.ts';
import { type UpdateCompanyInput, UpdateCompanyInputSchema } from './company-inputs.ts';

/** The details an update changes: those given. */
export function detailsChange(input: UpdateCompanyInput): Partial<Company> {
  const changes: Partial<Company> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.industry !== undefined) changes.industry = input.industry;
  if (input.address !== undefined) changes.address = input.address;
  if (input.employees !== undefined) changes.employees = input.employees;
  return changes;
}

/**
 * `updateCompany`: changes a company's name, industry, address or number of employees (the team or the company's
 * contacts). The CVR number and the municipality are what the company is registered as, and
 * do not change here.
 */
export const updateCompanyCommand = defineCommand<UpdateCompanyInput, Company>({
  name: 'updateCompany',
  input: UpdateCompanyInputSchema,
  async execute(context, input, work) {
    const company = await companyAtVersion(context.loader, input);
    return stageCompanyChange(work, company, detailsChange(input));
  },
  ...answersWithCompany,
});
