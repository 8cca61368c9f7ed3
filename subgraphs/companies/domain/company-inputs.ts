import * as z from 'zod';
import {
  EntityIdSchema,
  ExpectedVersionSchema,
  IsoDateSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';
import { CompanyAddressSchema, EmployeesSchema, MAX_CONTACTS_PER_COMPANY } from './company.ts';
import { CompanyContactDetailsSchema } from './company-contact.ts';
import { CvrSchema } from './cvr.ts';
import { optionalInput } from './optional-input.ts';

/** `joinNetwork`'s input. */
export const JoinNetworkInputSchema = z.object({
  municipalityCode: MunicipalityCodeSchema,
  cvr: CvrSchema,
  name: textSchema(),
  industry: textSchema(),
  address: CompanyAddressSchema,
  joinedOn: optionalInput(IsoDateSchema),
  employees: optionalInput(EmployeesSchema),
  /** The pipeline's prospect that joins as this company (issue #21). */
  prospectId: optionalInput(EntityIdSchema),
  contacts: z
    .array(CompanyContactDetailsSchema)
    .min(1, 'must name at least one contact person')
    .max(MAX_CONTACTS_PER_COMPANY, `must name at most ${MAX_CONTACTS_PER_COMPANY} contact persons`),
});

/** `joinNetwork`'s input, parsed. */
export type JoinNetworkInput = z.infer<typeof JoinNetworkInputSchema>;

/** `updateCompany`'s input: at least one change. */
export const UpdateCompanyInputSchema = z
  .object({
    companyId: EntityIdSchema,
    name: optionalInput(textSchema()),
    industry: optionalInput(textSchema()),
    address: optionalInput(CompanyAddressSchema),
    employees: optionalInput(EmployeesSchema),
    expectedVersion: ExpectedVersionSchema,
  })
  .refine(
    (input) =>
      input.name !== undefined ||
      input.industry !== undefined ||
      input.address !== undefined ||
      input.employees !== undefined,
    'must change at least one of name, industry, address and employees',
  );

/** `updateCompany`'s input, parsed. */
export type UpdateCompanyInput = z.infer<typeof UpdateCompanyInputSchema>;

/** `addCompanyContact`'s input. */
export const AddCompanyContactInputSchema = z.object({
  companyId: EntityIdSchema,
  contact: CompanyContactDetailsSchema,
});

/** `addCompanyContact`'s input, parsed. */
export type AddCompanyContactInput = z.infer<typeof AddCompanyContactInputSchema>;

/** `removeCompanyContact`'s input: the contact person, and the version of their company. */
export const RemoveCompanyContactInputSchema = z.object({
  contactId: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
});

/** `removeCompanyContact`'s input, parsed. */
export type RemoveCompanyContactInput = z.infer<typeof RemoveCompanyContactInputSchema>;

/** `pauseCompany`'s input: the period must end after it starts. */
export const PauseCompanyInputSchema = z
  .object({
    companyId: EntityIdSchema,
    from: IsoDateSchema,
    until: IsoDateSchema,
    reason: textSchema(),
    expectedVersion: ExpectedVersionSchema,
  })
  .refine((input) => input.until > input.from, {
    path: ['until'],
    message: 'must be after the first day of the pause (from)',
  });

/** `pauseCompany`'s input, parsed. */
export type PauseCompanyInput = z.infer<typeof PauseCompanyInputSchema>;

/** The input of `resumeCompany` and `leaveNetwork`: the company, at the version read. */
export const CompanyStatusInputSchema = z.object({
  companyId: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
});

/** The input of `resumeCompany` and `leaveNetwork`, parsed. */
export type CompanyStatusInput = z.infer<typeof CompanyStatusInputSchema>;
