import { DomainRuleError, NotFoundError } from '#kernel/errors';
import type { Identity } from '#kernel/identity';
import { newId } from '#kernel/keys';
import {
  addOpportunityToCompany,
  readOpportunity,
  saveOpportunity,
} from '../repository/placement-opportunity-repository.ts';
import type { Company } from './company.ts';
import type { CompanyMutation } from './company-access.ts';
import { type CompaniesDeps, companyForChange, requireExpectedVersion } from './company-changes.ts';
import { requireActiveToOpen, requireRoomForOpportunity } from './company-lifecycle.ts';
import type { PlacementOpportunity } from './placement-opportunity.ts';
import type {
  AddOpportunityInput,
  OpportunityStateInput,
  UpdateOpportunityInput,
} from './placement-opportunity-inputs.ts';

/**
 * Adds a placement opportunity to a company, open at once unless asked otherwise; only an
 * active company may open one (the team or the company's contacts).
 *
 * @param deps - table, loader and clock
 * @param identity - the caller
 * @param input - the parsed input
 */
export async function addOpportunity(
  deps: CompaniesDeps,
  identity: Identity,
  input: AddOpportunityInput,
): Promise<PlacementOpportunity> {
  const { company } = await companyForChange(deps, identity, input.companyId, 'addOpportunity');
  requireRoomForOpportunity(company);
  const open = input.open ?? true;
  if (open) requireActiveToOpen(company, ['open']);
  const opportunity: PlacementOpportunity = {
    id: newId(deps.now().getTime()),
    companyId: company.id,
    municipalityCode: company.municipalityCode,
    title: input.title,
    description: input.description,
    trade: input.trade,
    weeklyHours: input.weeklyHours,
    places: input.places,
    open,
    version: 1,
  };
  const after = { ...company, opportunityIds: [...company.opportunityIds, opportunity.id] };
  await addOpportunityToCompany(deps, company, after, opportunity);
  return opportunity;
}

/** Changes an opportunity's details (the team or the company's contacts). */
export async function updateOpportunity(
  deps: CompaniesDeps,
  identity: Identity,
  input: UpdateOpportunityInput,
): Promise<PlacementOpportunity> {
  const { opportunity, company } = await opportunityForChange(
    deps,
    identity,
    input.opportunityId,
    'updateOpportunity',
  );
  requireExpectedVersion(opportunity.version, input.expectedVersion);
  return saveOpportunity(deps, company, opportunity, {
    ...opportunity,
    title: input.title ?? opportunity.title,
    description: input.description ?? opportunity.description,
    trade: input.trade ?? opportunity.trade,
    weeklyHours: input.weeklyHours ?? opportunity.weeklyHours,
    places: input.places ?? opportunity.places,
  });
}

/** Opens an opportunity to young people; the company must be active. */
export async function openOpportunity(
  deps: CompaniesDeps,
  identity: Identity,
  input: OpportunityStateInput,
): Promise<PlacementOpportunity> {
  const { opportunity, company } = await opportunityForChange(
    deps,
    identity,
    input.opportunityId,
    'openOpportunity',
  );
  requireActiveToOpen(company);
  if (opportunity.open) {
    throw new DomainRuleError('OPPORTUNITY_ALREADY_OPEN', 'The opportunity is open already', [
      'opportunityId',
    ]);
  }
  return saveOpportunity(deps, company, opportunity, { ...opportunity, open: true });
}

/** Closes an opportunity to young people. */
export async function closeOpportunity(
  deps: CompaniesDeps,
  identity: Identity,
  input: OpportunityStateInput,
): Promise<PlacementOpportunity> {
  const { opportunity, company } = await opportunityForChange(
    deps,
    identity,
    input.opportunityId,
    'closeOpportunity',
  );
  if (!opportunity.open) {
    throw new DomainRuleError('OPPORTUNITY_ALREADY_CLOSED', 'The opportunity is closed already', [
      'opportunityId',
    ]);
  }
  return saveOpportunity(deps, company, opportunity, { ...opportunity, open: false });
}

/**
 * An opportunity and its company read for a change: `NOT_FOUND` when there is no such
 * opportunity, `FORBIDDEN` when the caller may not run the mutation on its company.
 */
async function opportunityForChange(
  deps: CompaniesDeps,
  identity: Identity,
  opportunityId: string,
  mutation: CompanyMutation,
): Promise<{ opportunity: PlacementOpportunity; company: Company }> {
  const opportunity = await readOpportunity(deps.table, opportunityId);
  if (!opportunity) throw new NotFoundError('There is no placement opportunity with this id');
  const { company } = await companyForChange(deps, identity, opportunity.companyId, mutation);
  return { opportunity, company };
}
