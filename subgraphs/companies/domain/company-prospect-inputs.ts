import * as z from 'zod';
import {
  DanishPhoneSchema,
  EntityIdSchema,
  ExpectedVersionSchema,
  IsoDateSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';
import { CvrSchema } from './cvr.ts';
import { optionalInput } from './optional-input.ts';

/**
 * `addCompanyProspect`'s input. The contact person is kept to a name and a phone number (a
 * person's data the team needs to call back, nothing more); the CVR is optional because a
 * prospect is often a shop known by its name before anyone looks it up.
 */
export const AddCompanyProspectInputSchema = z.object({
  municipalityCode: MunicipalityCodeSchema,
  name: textSchema(),
  cvr: optionalInput(CvrSchema),
  sector: optionalInput(textSchema()),
  contactName: optionalInput(textSchema()),
  contactPhone: optionalInput(DanishPhoneSchema),
  notes: optionalInput(textSchema()),
});

/** `addCompanyProspect`'s input, parsed. */
export type AddCompanyProspectInput = z.infer<typeof AddCompanyProspectInputSchema>;

/** `recordCompanyOutreach`'s input: one dated step on a prospect, at the version read. */
export const RecordCompanyOutreachInputSchema = z.object({
  prospectId: EntityIdSchema,
  kind: z.enum(['FIRST_CONTACT', 'MEETING', 'DECLINED']),
  on: IsoDateSchema,
  expectedVersion: ExpectedVersionSchema,
});

/** `recordCompanyOutreach`'s input, parsed. */
export type RecordCompanyOutreachInput = z.infer<typeof RecordCompanyOutreachInputSchema>;
