import { requireIdentity } from '#kernel/authorisation';
import { requireCompanyAddressField } from '../domain/company-access.ts';
import type { CompanyAddressResolvers } from '../generated/resolvers-types.ts';

/** `CompanyAddress`: street and postcode for the team and the company; the town for all. */
export const CompanyAddress: CompanyAddressResolvers = {
  street({ company }, _args, context) {
    requireCompanyAddressField(requireIdentity(context), company, 'street');
    return company.address.street;
  },
  postcode({ company }, _args, context) {
    requireCompanyAddressField(requireIdentity(context), company, 'postcode');
    return company.address.postcode;
  },
  town({ company }, _args, context) {
    requireCompanyAddressField(requireIdentity(context), company, 'town');
    return company.address.town;
  },
};
