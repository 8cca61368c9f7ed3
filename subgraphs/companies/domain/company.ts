import * as z from 'zod';
import {
  EntityIdSchema,
  IsoDateSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';
import { CvrSchema } from './cvr.ts';

/**
 * Most contact persons a company has. Each contact's id is kept on the company's item, so
 * that the company's contacts load in one batch and access checks see who is a contact now.
 */
export const MAX_CONTACTS_PER_COMPANY = 10;

/**
 * Most placement opportunities a company has, open or closed. Pausing or leaving closes them
 * all in one transaction (at most 100 actions), which this bound keeps possible.
 */
export const MAX_OPPORTUNITIES_PER_COMPANY = 30;

/**
 * Most ordinary employees a company may report: above the largest Danish employer, so a slip of
 * the keyboard is refused rather than lifting the placement limit it sets.
 */
export const MAX_EMPLOYEES = 500_000;

/**
 * A company's ordinary employees ("ordinært ansatte", full-time equivalents as whole people):
 * the size the ratio of supported placements to employees (rimelighedskravet) is checked
 * against.
 */
export const EmployeesSchema = z
  .number()
  .int('must be a whole number')
  .min(0, 'must be at least 0')
  .max(MAX_EMPLOYEES, `must be at most ${MAX_EMPLOYEES}`);

/** Where a company stands in the municipality's network. */
export const CompanyNetworkStatusSchema = z.enum(['ACTIVE', 'PAUSED', 'LEFT']);

/** `ACTIVE`, `PAUSED` or `LEFT`. */
export type CompanyNetworkStatus = z.infer<typeof CompanyNetworkStatusSchema>;

/** A Danish postcode ("postnummer"): four digits. */
export const PostcodeSchema = z
  .string()
  .trim()
  .regex(/^\d{4}$/, 'must be a four-digit postcode');

/** A company's postal address. */
export const CompanyAddressSchema = z.object({
  street: textSchema(),
  postcode: PostcodeSchema,
  town: textSchema(),
});

/** A company's postal address. */
export type CompanyAddress = z.infer<typeof CompanyAddressSchema>;

/** A period in which a company takes no young people; `until` is after `from`. */
export const CompanyPauseSchema = z
  .object({
    from: IsoDateSchema,
    until: IsoDateSchema,
    reason: textSchema(),
  })
  .refine((pause) => pause.until > pause.from, {
    path: ['until'],
    message: 'must be after the first day of the pause (from)',
  });

/** A period in which a company takes no young people. */
export type CompanyPause = z.infer<typeof CompanyPauseSchema>;

/**
 * A company of a municipality's network. `contactIds` and `opportunityIds` list its contact
 * persons and placement opportunities in the order they were added; `version` increases with
 * every change (optimistic locking).
 */
export const CompanySchema = z.object({
  id: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  cvr: CvrSchema,
  name: textSchema(),
  industry: textSchema(),
  address: CompanyAddressSchema,
  status: CompanyNetworkStatusSchema,
  pause: CompanyPauseSchema.optional(),
  joinedOn: IsoDateSchema,
  leftOn: IsoDateSchema.optional(),
  contactIds: z.array(EntityIdSchema).min(1).max(MAX_CONTACTS_PER_COMPANY),
  opportunityIds: z.array(EntityIdSchema).max(MAX_OPPORTUNITIES_PER_COMPANY),
  /** Ordinary employees, when the company has told; placements read it through the shared key. */
  employees: EmployeesSchema.optional(),
  version: z.number().int().min(1),
});

/** A company of a municipality's network. */
export type Company = z.infer<typeof CompanySchema>;

/**
 * A company's address as the graph hands it out: the address's fields are guarded one by one
 * (young people see the town only), so each needs the company it belongs to.
 */
export interface CompanyAddressView {
  company: Company;
}
