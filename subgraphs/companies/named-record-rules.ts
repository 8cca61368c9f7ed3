import { audienceAllowed } from '#kernel/audience';
import { isStaffOf } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { type FieldRule, fieldRule, type RuleArgs } from '#kernel/field-rules';
import type { Identity } from '#kernel/identity';
import { callerInRecordedScope } from '#kernel/recorded-scope';
import type { Company } from './domain/company.ts';
import {
  COMPANY_FIELD_ACCESS,
  COMPANY_MUTATION_ACCESS,
  type CompanyMutation,
  mutationAudiences,
} from './domain/company-access.ts';
import {
  type CompanyAudience,
  companyAudience,
  EVERY_AUDIENCE,
  mayHoldAudience,
  sharesCompanyGroupNow,
} from './domain/company-audience.ts';
import { PIPELINE_ROLES, worksPipelineOf } from './domain/company-prospect-access.ts';
import { loadContact } from './repository/company-contact-repository.ts';
import { loadProspect } from './repository/company-prospect-repository.ts';
import { loadCompany } from './repository/company-repository.ts';
import {
  loadOpportunities,
  loadOpportunity,
} from './repository/placement-opportunity-repository.ts';
import { isEntityId } from './resolvers/arguments.ts';
import { opportunityAudienceOf } from './rule-audiences.ts';

/**
 * The rules of the fields that name a record in their arguments (`company(id)`, a mutation's
 * `input.companyId`): decided on that record, read by the rule itself, so that neither the
 * resolver nor the command checks the caller again.
 */

/**
 * A rule decided on the record a field's arguments name. The record found, the caller's
 * audience for it must be among those allowed. The id naming nothing, callers whose role could
 * hold an allowed audience are let through, so that the resolver or command answers
 * `NOT_FOUND`; every other caller is refused before they learn whether the record exists.
 *
 * @param name - the rule's name, e.g. `COMPANY_MUTATION_ACCESS.pauseCompany`
 * @param mostAllowed - the audiences allowed for some record (the roles let through by the id)
 * @param recordOf - the record the arguments name, undefined when there is none
 * @param decide - the caller's audience for the record (a young person's municipality as their
 *   record says, `callerInRecordedScope`), and the audiences allowed for it
 */
function onNamedRecord<R>(
  name: string,
  mostAllowed: readonly CompanyAudience[],
  recordOf: (args: RuleArgs, context: SubgraphContext) => Promise<R | undefined>,
  decide: (
    identity: Identity,
    record: R,
    context: SubgraphContext,
  ) => Promise<{ audience: CompanyAudience | null; allowed: readonly CompanyAudience[] }>,
): FieldRule<unknown> {
  return fieldRule(
    `audience(${name}: ${mostAllowed.join(', ')})`,
    async (identity, _parent, context, args) => {
      if (!mayHoldAudience(identity.role, mostAllowed)) return false;
      // A young person's record is read in the record's batch, not in a round trip after it.
      const [record, caller] = await Promise.all([
        recordOf(args, context),
        callerInRecordedScope(context, identity),
      ]);
      if (record === undefined) return true;
      const { audience, allowed } = await decide(caller, record, context);
      return audienceAllowed(audience, allowed);
    },
  );
}

/** The id an argument (or an input's field) holds, when it can be an id this subgraph issued. */
function idIn(value: unknown, field?: string): string | undefined {
  const id = field ? (value as Record<string, unknown> | null | undefined)?.[field] : value;
  return isEntityId(id) ? id : undefined;
}

/** `company(id)`: whoever has an audience for the company (`COMPANY_FIELD_ACCESS.id`). */
export const queriedCompany = onNamedRecord(
  'COMPANY_FIELD_ACCESS.id',
  COMPANY_FIELD_ACCESS.id,
  async (args, context) => {
    const id = idIn(args.id);
    return id ? loadCompany(context.loader, id) : undefined;
  },
  async (identity, company, context) => ({
    audience: companyAudience(
      identity,
      company,
      await sharesCompanyGroupNow(context, identity, company.id),
    ),
    allowed: COMPANY_FIELD_ACCESS.id,
  }),
);

/**
 * `opportunity(id)`: whoever has an audience for the opportunity (young people an open one;
 * `PLACEMENT_OPPORTUNITY_FIELD_ACCESS.id`).
 */
export const queriedOpportunity = onNamedRecord(
  'PLACEMENT_OPPORTUNITY_FIELD_ACCESS.id',
  EVERY_AUDIENCE,
  async (args, context) => {
    const id = idIn(args.id);
    return id ? (await loadOpportunities(context.loader, [id]))[0] : undefined;
  },
  async (identity, opportunity, context) => ({
    audience: await opportunityAudienceOf(identity, opportunity, context),
    allowed: EVERY_AUDIENCE,
  }),
);

/**
 * The company a mutation's input names, through the request's loader (strongly consistent): the
 * command then decides on the same read, and the write path makes the loader forget what the
 * command wrote before the payload's fields read it.
 */
export type CompanyOfInput = (
  input: unknown,
  context: SubgraphContext,
) => Promise<Company | undefined>;

/** The company of `input.companyId`. */
export const companyOfCompanyId: CompanyOfInput = async (input, context) => {
  const id = idIn(input, 'companyId');
  return id ? loadCompany(context.loader, id) : undefined;
};

/** The company of the contact person of `input.contactId`. */
export const companyOfContactId: CompanyOfInput = async (input, context) => {
  const id = idIn(input, 'contactId');
  const contact = id ? await loadContact(context.loader, id) : undefined;
  return contact ? loadCompany(context.loader, contact.companyId) : undefined;
};

/** The company of the opportunity of `input.opportunityId`. */
export const companyOfOpportunityId: CompanyOfInput = async (input, context) => {
  const id = idIn(input, 'opportunityId');
  const opportunity = id ? await loadOpportunity(context.loader, id) : undefined;
  return opportunity ? loadCompany(context.loader, opportunity.companyId) : undefined;
};

/**
 * The rule of a mutation of an existing company, or of one of its contacts or opportunities:
 * the caller's audience for the company, as `COMPANY_MUTATION_ACCESS` allows for the company as
 * it is (taking back a company that left is the team's alone).
 *
 * @param mutation - the mutation
 * @param companyOf - the company its input names
 */
export function companyMutation(
  mutation: CompanyMutation,
  companyOf: CompanyOfInput,
): FieldRule<unknown> {
  return onNamedRecord(
    `COMPANY_MUTATION_ACCESS.${mutation}`,
    COMPANY_MUTATION_ACCESS[mutation],
    (args, context) => companyOf(args.input, context),
    async (identity, company) => ({
      audience: companyAudience(identity, company),
      allowed: mutationAudiences(mutation, company),
    }),
  );
}

/**
 * `joinNetwork`: the team of the municipality the company joins; converting a prospect of its
 * pipeline (`prospectId`) is the pipeline's people's (`PIPELINE_ROLES`).
 */
export const joinsOwnMunicipality = fieldRule<unknown>(
  `audience(COMPANY_MUTATION_ACCESS.joinNetwork: ${COMPANY_MUTATION_ACCESS.joinNetwork.join(', ')}; with prospectId: ${PIPELINE_ROLES.join(', ')})`,
  (identity, _parent, _context, args) => {
    const input = args.input as { municipalityCode?: unknown; prospectId?: unknown } | undefined;
    const code = input?.municipalityCode;
    if (typeof code !== 'string') return false;
    if (input?.prospectId != null && !worksPipelineOf(identity, code)) return false;
    // Before the company exists, its team is the team of the municipality it joins.
    const audience = isStaffOf(identity, code) ? 'TEAM' : null;
    return audienceAllowed(audience, COMPANY_MUTATION_ACCESS.joinNetwork);
  },
);

/** `addCompanyProspect`: the pipeline's people of the municipality it is added to. */
export const addsToOwnPipeline = fieldRule<unknown>(
  `audience(PIPELINE_ROLES of input.municipalityCode: ${PIPELINE_ROLES.join(', ')})`,
  (identity, _parent, _context, args) => {
    const code = (args.input as { municipalityCode?: unknown } | undefined)?.municipalityCode;
    return typeof code === 'string' && worksPipelineOf(identity, code);
  },
);

/**
 * `recordCompanyOutreach`: the pipeline's people of the prospect's municipality. An id naming
 * nothing lets the pipeline roles through to the command's `NOT_FOUND`; everyone else is refused
 * before they learn whether it exists.
 */
export const changesOwnProspect = fieldRule<unknown>(
  `audience(PIPELINE_ROLES of the prospect's municipality: ${PIPELINE_ROLES.join(', ')})`,
  async (identity, _parent, context, args) => {
    if (!(PIPELINE_ROLES as readonly string[]).includes(identity.role)) return false;
    const id = idIn(args.input, 'prospectId');
    const prospect = id ? await loadProspect(context.loader, id) : undefined;
    return prospect === undefined || worksPipelineOf(identity, prospect.municipalityCode);
  },
);
