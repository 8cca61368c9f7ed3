import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item } from '#kernel/table/table';

/**
 * The item that reserves a CVR number, `CVR#<cvr>`: created in the same transaction as the
 * company with the condition that it does not exist, so that two companies can never be
 * registered under one CVR number, however close together they join.
 */
export function cvrRegistrationKey(cvr: string): ItemKey {
  return { pk: key(PREFIX.cvr, cvr), sk: key(PREFIX.cvr, cvr) };
}

/** The stored item that reserves a CVR number for a company. */
export function cvrRegistrationToItem(cvr: string, companyId: string): Item {
  return { ...cvrRegistrationKey(cvr), entity: 'CvrRegistration', cvr, companyId };
}
