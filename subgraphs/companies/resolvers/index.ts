import { DateScalar } from '#kernel/scalars';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { Company } from './company.ts';
import { CompanyAddress } from './company-address.ts';
import { CompanyContact } from './company-contact.ts';
import { Municipality } from './municipality.ts';
import { Mutation } from './mutation.ts';
import { PlacementOpportunity } from './placement-opportunity.ts';
import { ProgrammeStats } from './programme-stats.ts';
import { Query } from './query.ts';

/** Every resolver of the companies subgraph, one file per type. */
export const resolvers: Resolvers = {
  Date: DateScalar,
  Company,
  CompanyAddress,
  CompanyContact,
  Municipality,
  Mutation,
  PlacementOpportunity,
  ProgrammeStats,
  Query,
};
