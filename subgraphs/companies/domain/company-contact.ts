import * as z from 'zod';
import {
  DanishPhoneSchema,
  EmailSchema,
  EntityIdSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';

/** What a person enters about a contact person. */
export const CompanyContactDetailsSchema = z.object({
  name: textSchema(),
  role: textSchema(),
  phone: DanishPhoneSchema,
  email: EmailSchema,
});

/** What a person enters about a contact person, normalised. */
export type CompanyContactDetails = z.infer<typeof CompanyContactDetailsSchema>;

/**
 * A company's contact person: the person a `COMPANY_CONTACT` user is (identity.contactId).
 * The company's municipality is kept with the contact so that readers of the item need not
 * load the company to know its tenancy.
 */
export const CompanyContactSchema = CompanyContactDetailsSchema.extend({
  id: EntityIdSchema,
  companyId: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
});

/** A company's contact person. */
export type CompanyContact = z.infer<typeof CompanyContactSchema>;
