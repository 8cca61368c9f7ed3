import type { CompanyAddressResolvers } from '../generated/resolvers-types.ts';

/**
 * `CompanyAddress`: street and postcode for the team and the company, the town for all (the
 * rules of `COMPANY_ADDRESS_FIELD_ACCESS`, decided on the company the address belongs to).
 */
export const CompanyAddress: CompanyAddressResolvers = {
  street: ({ company }) => company.address.street,
  postcode: ({ company }) => company.address.postcode,
  town: ({ company }) => company.address.town,
};
