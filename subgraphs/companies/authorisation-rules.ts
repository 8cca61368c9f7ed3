import {
  allGuardedByParent,
  audienceRule,
  audienceRules,
  checkedInResolver,
  connectionRules,
  edgeRules,
  programmeOffice,
  SHARED_TYPE_RULES,
  signedIn,
} from '#kernel/common-rules';
import type { SubgraphContext } from '#kernel/context';
import { type AnyFieldRule, fieldRule, REFERENCE, type SubgraphRules } from '#kernel/field-rules';
import { type Identity, type Role, STAFF_ROLES } from '#kernel/identity';
import type { Company } from './domain/company.ts';
import { COMPANY_ADDRESS_FIELD_ACCESS, COMPANY_FIELD_ACCESS } from './domain/company-access.ts';
import {
  type CompanyAudience,
  companyAudience,
  EVERY_AUDIENCE,
} from './domain/company-audience.ts';
import type { CompanyContact } from './domain/company-contact.ts';
import { COMPANY_CONTACT_FIELD_ACCESS } from './domain/company-contact-access.ts';
import { MUNICIPALITY_FIELD_ACCESS } from './domain/municipality-access.ts';
import type { PlacementOpportunity } from './domain/placement-opportunity.ts';
import {
  canSeeOpportunity,
  PLACEMENT_OPPORTUNITY_FIELD_ACCESS,
} from './domain/placement-opportunity-access.ts';
import { loadCompany } from './repository/company-repository.ts';

/** The caller's audience for the company a record belongs to (null when it no longer exists). */
async function audienceOfOwner(
  identity: Identity,
  companyId: string,
  context: SubgraphContext,
): Promise<CompanyAudience | null> {
  const company = await loadCompany(context.loader, companyId);
  return company ? companyAudience(identity, company) : null;
}

const companyAudienceOf = (identity: Identity, company: Company) =>
  companyAudience(identity, company);

const contactAudienceOf = (identity: Identity, contact: CompanyContact, context: SubgraphContext) =>
  audienceOfOwner(identity, contact.companyId, context);

/** An opportunity's audience is its company's, and young people see open opportunities only. */
async function opportunityAudienceOf(
  identity: Identity,
  opportunity: PlacementOpportunity,
  context: SubgraphContext,
): Promise<CompanyAudience | null> {
  const audience = await audienceOfOwner(identity, opportunity.companyId, context);
  return canSeeOpportunity(audience, opportunity) ? audience : null;
}

/** `MUNICIPALITY_FIELD_ACCESS` (rules over a municipality code) as field rules. */
function municipalityRules(): Record<string, AnyFieldRule> {
  const rules: Record<string, AnyFieldRule> = {};
  for (const [field, allows] of Object.entries(MUNICIPALITY_FIELD_ACCESS)) {
    rules[field] = fieldRule(
      `MUNICIPALITY_FIELD_ACCESS.${field}`,
      (identity, parent: { code: string }) => allows(identity, parent.code),
    );
  }
  // A reference carries nothing but the code; the fields decide.
  rules[REFERENCE] = signedIn;
  return rules;
}

/** Who may change companies at all; the resolver then checks the company or municipality. */
const WRITERS: readonly Role[] = [...STAFF_ROLES, 'COMPANY_CONTACT'];
const teamDecides = checkedInResolver("the municipality's team", WRITERS);
const teamOrOwnContacts = checkedInResolver("the team, or the company's own contacts", WRITERS);

/**
 * The authorisation rule of every type and field of the companies subgraph (DESIGN §5),
 * enforced by the kernel on every path. The access tables in `domain/*-access.ts` stay the one
 * place the audiences are written; this map turns them into rules.
 */
export const companiesRules: SubgraphRules = {
  types: {
    ...SHARED_TYPE_RULES,
    Municipality: municipalityRules(),
    CompanyStats: allGuardedByParent('Municipality.companyStats, ProgrammeStats.companyStats', [
      'active',
      'paused',
      'left',
      'period',
      'joinedInPeriod',
      'pausedInPeriod',
      'resumedInPeriod',
      'leftInPeriod',
      'activeAtEndOfPeriod',
      'pausedAtEndOfPeriod',
    ]),
    CompanyFiguresPeriod: allGuardedByParent('CompanyStats.period', ['from', 'to']),
    ProgrammeStats: {
      from: programmeOffice,
      to: programmeOffice,
      companyStats: programmeOffice,
      [REFERENCE]: programmeOffice,
    },
    Company: {
      ...audienceRules('COMPANY_FIELD_ACCESS', COMPANY_FIELD_ACCESS, companyAudienceOf),
      [REFERENCE]: audienceRule('COMPANY_FIELD_ACCESS.id', companyAudienceOf, EVERY_AUDIENCE),
    },
    CompanyAddress: audienceRules(
      'COMPANY_ADDRESS_FIELD_ACCESS',
      COMPANY_ADDRESS_FIELD_ACCESS,
      (identity, address: { company: Company }) => companyAudience(identity, address.company),
    ),
    CompanyPause: allGuardedByParent('Company.pause', ['from', 'until', 'reason']),
    CompanyContact: {
      ...audienceRules(
        'COMPANY_CONTACT_FIELD_ACCESS',
        COMPANY_CONTACT_FIELD_ACCESS,
        contactAudienceOf,
      ),
      [REFERENCE]: audienceRule(
        'COMPANY_CONTACT_FIELD_ACCESS.id',
        contactAudienceOf,
        EVERY_AUDIENCE,
      ),
    },
    PlacementOpportunity: {
      ...audienceRules(
        'PLACEMENT_OPPORTUNITY_FIELD_ACCESS',
        PLACEMENT_OPPORTUNITY_FIELD_ACCESS,
        opportunityAudienceOf,
      ),
      [REFERENCE]: audienceRule(
        'PLACEMENT_OPPORTUNITY_FIELD_ACCESS.id',
        opportunityAudienceOf,
        EVERY_AUDIENCE,
      ),
    },
    CompanyConnection: connectionRules('Municipality.companies'),
    CompanyEdge: edgeRules('Municipality.companies'),
    PlacementOpportunityConnection: connectionRules('Municipality.openOpportunities'),
    PlacementOpportunityEdge: edgeRules('Municipality.openOpportunities'),
    Query: {
      company: checkedInResolver('whoever may see the company'),
      opportunity: checkedInResolver('whoever may see the opportunity'),
    },
    CompanyPayload: allGuardedByParent('Mutation', ['company', 'errors']),
    AddCompanyContactPayload: allGuardedByParent('Mutation.addCompanyContact', [
      'contact',
      'company',
      'errors',
    ]),
    RemoveCompanyContactPayload: allGuardedByParent('Mutation.removeCompanyContact', [
      'removedContactId',
      'company',
      'errors',
    ]),
    PlacementOpportunityPayload: allGuardedByParent('Mutation', ['opportunity', 'errors']),
    Mutation: {
      joinNetwork: teamDecides,
      updateCompany: teamOrOwnContacts,
      addCompanyContact: teamOrOwnContacts,
      removeCompanyContact: teamOrOwnContacts,
      pauseCompany: teamOrOwnContacts,
      resumeCompany: teamOrOwnContacts,
      leaveNetwork: teamDecides,
      addOpportunity: teamOrOwnContacts,
      updateOpportunity: teamOrOwnContacts,
      openOpportunity: teamOrOwnContacts,
      closeOpportunity: teamOrOwnContacts,
    },
  },
};
