import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { EntityIdSchema } from '#kernel/validation';
import { CvrSchema } from '../domain/cvr.ts';

/** Which company a CVR number is registered to. */
const CvrRegistrationSchema = z.object({ cvr: CvrSchema, companyId: EntityIdSchema });

/** Which company a CVR number is registered to. */
export type CvrRegistration = z.infer<typeof CvrRegistrationSchema>;

/**
 * The item that reserves a CVR number, `CVR#<cvr>`: created in the same transaction as the
 * company with the condition that it does not exist, so that two companies can never be
 * registered under one CVR number, however close together they join.
 */
export function cvrRegistrationKey(cvr: string): ItemKey {
  return { pk: key(PREFIX.cvr, cvr), sk: key(PREFIX.cvr, cvr) };
}

/** The reservation of a CVR number for a company. */
export const CvrRegistrationEntity = defineEntity<CvrRegistration>({
  name: 'CvrRegistration',
  schema: CvrRegistrationSchema,
  key: (registration) => cvrRegistrationKey(registration.cvr),
});
