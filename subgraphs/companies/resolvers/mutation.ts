import { requireIdentity } from '#kernel/authorisation';
import { parseInput } from '#kernel/validation';
import { requireCompanyWriter } from '../domain/company-access.ts';
import { addCompanyContact, removeCompanyContact } from '../domain/company-contacts.ts';
import { updateCompany } from '../domain/company-details.ts';
import {
  AddCompanyContactInputSchema,
  CompanyIdInputSchema,
  JoinNetworkInputSchema,
  PauseCompanyInputSchema,
  RemoveCompanyContactInputSchema,
  UpdateCompanyInputSchema,
} from '../domain/company-inputs.ts';
import {
  joinNetwork,
  leaveNetwork,
  pauseCompany,
  resumeCompany,
} from '../domain/company-membership.ts';
import {
  addOpportunity,
  closeOpportunity,
  openOpportunity,
  updateOpportunity,
} from '../domain/placement-opportunities.ts';
import {
  AddOpportunityInputSchema,
  OpportunityStateInputSchema,
  UpdateOpportunityInputSchema,
} from '../domain/placement-opportunity-inputs.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { withUserErrors } from './user-errors.ts';

/** The caller, when their role may change companies at all; otherwise `FORBIDDEN`. */
function writer(context: Parameters<typeof requireIdentity>[0]) {
  const identity = requireIdentity(context);
  requireCompanyWriter(identity);
  return identity;
}

/**
 * Mutations of the companies subgraph. Each: the caller's role, then the input (zod; malformed
 * input is `BAD_USER_INPUT`), then the use case, whose broken rules come back as user errors
 * in the payload. Nothing is written unless all of them pass.
 */
export const Mutation: MutationResolvers = {
  async joinNetwork(_parent, { input }, context) {
    const identity = writer(context);
    const parsed = parseInput(JoinNetworkInputSchema, input);
    return withUserErrors(async () => ({ company: await joinNetwork(context, identity, parsed) }), {
      company: null,
    });
  },
  async updateCompany(_parent, { input }, context) {
    const identity = writer(context);
    const parsed = parseInput(UpdateCompanyInputSchema, input);
    return withUserErrors(
      async () => ({ company: await updateCompany(context, identity, parsed) }),
      { company: null },
    );
  },
  async addCompanyContact(_parent, { input }, context) {
    const identity = writer(context);
    const parsed = parseInput(AddCompanyContactInputSchema, input);
    return withUserErrors(() => addCompanyContact(context, identity, parsed), {
      contact: null,
      company: null,
    });
  },
  async removeCompanyContact(_parent, { input }, context) {
    const identity = writer(context);
    const parsed = parseInput(RemoveCompanyContactInputSchema, input);
    return withUserErrors(() => removeCompanyContact(context, identity, parsed), {
      removedContactId: null,
      company: null,
    });
  },
  async pauseCompany(_parent, { input }, context) {
    const identity = writer(context);
    const parsed = parseInput(PauseCompanyInputSchema, input);
    return withUserErrors(
      async () => ({ company: await pauseCompany(context, identity, parsed) }),
      {
        company: null,
      },
    );
  },
  async resumeCompany(_parent, { input }, context) {
    const identity = writer(context);
    const parsed = parseInput(CompanyIdInputSchema, input);
    return withUserErrors(
      async () => ({ company: await resumeCompany(context, identity, parsed) }),
      { company: null },
    );
  },
  async leaveNetwork(_parent, { input }, context) {
    const identity = writer(context);
    const parsed = parseInput(CompanyIdInputSchema, input);
    return withUserErrors(
      async () => ({ company: await leaveNetwork(context, identity, parsed) }),
      {
        company: null,
      },
    );
  },
  async addOpportunity(_parent, { input }, context) {
    const identity = writer(context);
    const parsed = parseInput(AddOpportunityInputSchema, input);
    return withUserErrors(
      async () => ({ opportunity: await addOpportunity(context, identity, parsed) }),
      { opportunity: null },
    );
  },
  async updateOpportunity(_parent, { input }, context) {
    const identity = writer(context);
    const parsed = parseInput(UpdateOpportunityInputSchema, input);
    return withUserErrors(
      async () => ({ opportunity: await updateOpportunity(context, identity, parsed) }),
      { opportunity: null },
    );
  },
  async openOpportunity(_parent, { input }, context) {
    const identity = writer(context);
    const parsed = parseInput(OpportunityStateInputSchema, input);
    return withUserErrors(
      async () => ({ opportunity: await openOpportunity(context, identity, parsed) }),
      { opportunity: null },
    );
  },
  async closeOpportunity(_parent, { input }, context) {
    const identity = writer(context);
    const parsed = parseInput(OpportunityStateInputSchema, input);
    return withUserErrors(
      async () => ({ opportunity: await closeOpportunity(context, identity, parsed) }),
      { opportunity: null },
    );
  },
};
