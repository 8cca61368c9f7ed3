import * as z from 'zod';
import { EntityIdSchema, IsoDateSchema, MunicipalityCodeSchema } from '#kernel/validation';

/** A prospect's stored value (issue #21): its pipeline (`company-prospect.ts`) and details. */
export const CompanyProspectSchema = z.object({
  id: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  name: z.string(),
  cvr: z.string().optional(),
  sector: z.string().optional(),
  notes: z.string().optional(),
  status: z.enum(['PROSPECT', 'CONTACTED', 'MEETING', 'JOINED', 'DECLINED']),
  addedOn: IsoDateSchema,
  steps: z.array(
    z.object({
      kind: z.enum(['FIRST_CONTACT', 'MEETING', 'DECLINED', 'JOINED']),
      on: IsoDateSchema,
    }),
  ),
  /** The company it became, once joined. */
  companyId: EntityIdSchema.optional(),
  /**
   * The person the team talks to. Kept only while the prospect is open: a closed prospect's
   * contact is cleared (joined: the company's contact persons hold it; declined: no need).
   */
  contactName: z.string().optional(),
  contactPhone: z.string().optional(),
  version: z.number().int().min(1),
});

/** A company the municipality's team is recruiting, as stored. */
export type CompanyProspect = z.infer<typeof CompanyProspectSchema>;

/**
 * The prospect without its contact person once it has closed: the retention rule of the
 * contact's name and phone (README "The team at work").
 */
export function withoutContactWhenClosed(prospect: CompanyProspect): CompanyProspect {
  if (prospect.status !== 'JOINED' && prospect.status !== 'DECLINED') return prospect;
  const { contactName: _name, contactPhone: _phone, ...rest } = prospect;
  return rest;
}
