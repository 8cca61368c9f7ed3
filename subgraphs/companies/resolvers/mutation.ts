import { mutation, mutationOfMany } from '#kernel/command';
import {
  addCompanyContactCommand,
  removeCompanyContactCommand,
} from '../domain/company-contacts.ts';
import { updateCompanyCommand } from '../domain/company-details.ts';
import {
  leaveNetworkCommand,
  pauseCompanyCommand,
  resumeCompanyCommand,
} from '../domain/company-membership.ts';
import {
  addCompanyProspectCommand,
  recordCompanyOutreachCommand,
} from '../domain/company-prospects.ts';
import { joinNetworkCommand } from '../domain/join-network.ts';
import {
  addOpportunityCommand,
  closeOpportunityCommand,
  openOpportunityCommand,
  updateOpportunityCommand,
} from '../domain/placement-opportunities.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';

/**
 * Mutations of the companies subgraph, each its command run the one way (`#kernel/command`):
 * who may run it is its rule (`authorisation-rules.ts`), its input is parsed, its rules
 * checked and its change committed with its audit record in one transaction by the command.
 */
export const Mutation: MutationResolvers = {
  joinNetwork: mutation(joinNetworkCommand, 'company'),
  updateCompany: mutation(updateCompanyCommand, 'company'),
  addCompanyContact: mutationOfMany(addCompanyContactCommand, ['contact', 'company']),
  removeCompanyContact: mutationOfMany(removeCompanyContactCommand, [
    'removedContactId',
    'company',
  ]),
  pauseCompany: mutation(pauseCompanyCommand, 'company'),
  resumeCompany: mutation(resumeCompanyCommand, 'company'),
  leaveNetwork: mutation(leaveNetworkCommand, 'company'),
  addOpportunity: mutation(addOpportunityCommand, 'opportunity'),
  updateOpportunity: mutation(updateOpportunityCommand, 'opportunity'),
  openOpportunity: mutation(openOpportunityCommand, 'opportunity'),
  closeOpportunity: mutation(closeOpportunityCommand, 'opportunity'),
  addCompanyProspect: mutation(addCompanyProspectCommand, 'prospect'),
  recordCompanyOutreach: mutation(recordCompanyOutreachCommand, 'prospect'),
};
