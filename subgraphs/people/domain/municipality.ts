import * as z from 'zod';
import { MunicipalityCodeSchema, textSchema } from '#kernel/validation';

/** A municipality running NEXTWORK: its code ("kommunekode") and name. */
export const MunicipalitySchema = z.object({
  code: MunicipalityCodeSchema,
  name: textSchema(),
});

/** A municipality running NEXTWORK. */
export type Municipality = z.infer<typeof MunicipalitySchema>;
