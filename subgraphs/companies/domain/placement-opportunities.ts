import { answeredById, type Command, defineCommand } from '#kernel/command';
import type { ItemLoader } from '#kernel/entity-loader';
import { DomainRuleError, NotFoundError, requireVersion } from '#kernel/errors';
import { newId } from '#kernel/keys';
import {
  loadOpportunity,
  stageOpportunityAdded,
  stageOpportunityChange,
} from '../repository/placement-opportunity-repository.ts';
import type { Company } from './company.ts';
import { aboutCompany, companyToChange } from './company-changes.ts';
import { requireActiveToOpen, requireRoomForOpportunity } from './company-lifecycle.ts';
import type { PlacementOpportunity } from './placement-opportunity.ts';
import {
  type AddOpportunityInput,
  AddOpportunityInputSchema,
  type OpportunityStateInput,
  OpportunityStateInputSchema,
  type UpdateOpportunityInput,
  UpdateOpportunityInputSchema,
} from './placement-opportunity-inputs.ts';

/**
 * How a command that answers with the opportunity remembers it for a repeat (its id), answers
 * the repeat (the opportunity as it is now) and tells whom it is about.
 */
const answersWithOpportunity = {
  ...answeredById('The placement opportunity', (context, id) =>
    loadOpportunity(context.loader, id),
  ),
  about: (_input, opportunity) => aboutCompany(opportunity),
} satisfies Pick<Command<unknown, PlacementOpportunity>, 'remember' | 'recall' | 'about'>;

function noSuchOpportunity(): NotFoundError {
  return new NotFoundError('There is no placement opportunity with this id');
}

/**
 * A new opportunity of a company, open at once unless asked otherwise.
 *
 * @param company - the company as read
 * @param input - the parsed input
 * @param id - the opportunity's id
 */
export function newOpportunity(
  company: Company,
  input: AddOpportunityInput,
  id: string,
): PlacementOpportunity {
  return {
    id,
    companyId: company.id,
    municipalityCode: company.municipalityCode,
    title: input.title,
    description: input.description,
    trade: input.trade,
    weeklyHours: input.weeklyHours,
    places: input.places,
    open: input.open ?? true,
    version: 1,
  };
}

/**
 * `addOpportunity`: adds a placement opportunity to a company, open at once unless asked
 * otherwise; only an active company may open one (the team or the company's contacts).
 */
export const addOpportunityCommand = defineCommand<AddOpportunityInput, PlacementOpportunity>({
  name: 'addOpportunity',
  input: AddOpportunityInputSchema,
  async execute(context, input, work) {
    const company = await companyToChange(context.loader, input.companyId);
    requireRoomForOpportunity(company);
    const opportunity = newOpportunity(company, input, newId(context.now().getTime()));
    if (opportunity.open) requireActiveToOpen(company, ['open']);
    stageOpportunityAdded(work, company, opportunity);
    return opportunity;
  },
  ...answersWithOpportunity,
});

/** The details an update changes: those given. */
export function opportunityDetailsChange(
  input: UpdateOpportunityInput,
): Partial<PlacementOpportunity> {
  const { opportunityId: _id, expectedVersion: _version, ...given } = input;
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
}

/** `updateOpportunity`: changes an opportunity's details (the team or the company's contacts). */
export const updateOpportunityCommand = defineCommand<UpdateOpportunityInput, PlacementOpportunity>(
  {
    name: 'updateOpportunity',
    input: UpdateOpportunityInputSchema,
    async execute(context, input, work) {
      const { opportunity, company } = await opportunityAtVersion(context.loader, input);
      return stageOpportunityChange(work, company, opportunity, opportunityDetailsChange(input));
    },
    ...answersWithOpportunity,
  },
);

/** `openOpportunity`: opens an opportunity to young people; the company must be active. */
export const openOpportunityCommand = defineCommand<OpportunityStateInput, PlacementOpportunity>({
  name: 'openOpportunity',
  input: OpportunityStateInputSchema,
  async execute(context, input, work) {
    const { opportunity, company } = await opportunityAtVersion(context.loader, input);
    requireActiveToOpen(company);
    if (opportunity.open) {
      throw new DomainRuleError('OPPORTUNITY_ALREADY_OPEN', 'The opportunity is open already', [
        'opportunityId',
      ]);
    }
    return stageOpportunityChange(work, company, opportunity, { open: true });
  },
  ...answersWithOpportunity,
});

/** `closeOpportunity`: closes an opportunity to young people. */
export const closeOpportunityCommand = defineCommand<OpportunityStateInput, PlacementOpportunity>({
  name: 'closeOpportunity',
  input: OpportunityStateInputSchema,
  async execute(context, input, work) {
    const { opportunity, company } = await opportunityAtVersion(context.loader, input);
    if (!opportunity.open) {
      throw new DomainRuleError('OPPORTUNITY_ALREADY_CLOSED', 'The opportunity is closed already', [
        'opportunityId',
      ]);
    }
    return stageOpportunityChange(work, company, opportunity, { open: false });
  },
  ...answersWithOpportunity,
});

/**
 * An opportunity and its company read strongly consistent for an edit made on the version the
 * caller read: `NOT_FOUND`, or `CONFLICT` naming the current version when it moved on.
 */
async function opportunityAtVersion(
  loader: ItemLoader,
  input: { opportunityId: string; expectedVersion: number },
): Promise<{ opportunity: PlacementOpportunity; company: Company }> {
  const opportunity = await loadOpportunity(loader, input.opportunityId);
  if (!opportunity) throw noSuchOpportunity();
  requireVersion('The placement opportunity', input.expectedVersion, opportunity.version);
  return { opportunity, company: await companyToChange(loader, opportunity.companyId) };
}
