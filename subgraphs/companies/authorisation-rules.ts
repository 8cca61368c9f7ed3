import {
  allGuardedByParent,
  audienceRule,
  audienceRules,
  connectionRules,
  edgeRules,
  programmeOffice,
  SHARED_TYPE_RULES,
  signedIn,
} from '#kernel/common-rules';
import { type AnyFieldRule, fieldRule, REFERENCE, type SubgraphRules } from '#kernel/field-rules';
import { callerInRecordedScope } from '#kernel/recorded-scope';
import type { Company } from './domain/company.ts';
import { COMPANY_ADDRESS_FIELD_ACCESS, COMPANY_FIELD_ACCESS } from './domain/company-access.ts';
import { companyAudienceInScope, EVERY_AUDIENCE } from './domain/company-audience.ts';
import { COMPANY_CONTACT_FIELD_ACCESS } from './domain/company-contact-access.ts';
import { MUNICIPALITY_FIELD_ACCESS } from './domain/municipality-access.ts';
import { PLACEMENT_OPPORTUNITY_FIELD_ACCESS } from './domain/placement-opportunity-access.ts';
import {
  addsToOwnPipeline,
  changesOwnProspect,
  companyMutation,
  companyOfCompanyId,
  companyOfContactId,
  companyOfOpportunityId,
  joinsOwnMunicipality,
  queriedCompany,
  queriedOpportunity,
} from './named-record-rules.ts';
import { companyAudienceOf, contactAudienceOf, opportunityAudienceOf } from './rule-audiences.ts';

/** `MUNICIPALITY_FIELD_ACCESS` (rules over a municipality code) as field rules. */
function municipalityRules(): Record<string, AnyFieldRule> {
  const rules: Record<string, AnyFieldRule> = {};
  for (const [field, allows] of Object.entries(MUNICIPALITY_FIELD_ACCESS)) {
    rules[field] = fieldRule(
      `MUNICIPALITY_FIELD_ACCESS.${field}`,
      (identity, parent: { code: string }, context) =>
        identity.role === 'YOUTH'
          ? callerInRecordedScope(context, identity).then((caller) => allows(caller, parent.code))
          : allows(identity, parent.code),
    );
  }
  // A reference carries nothing but the code; the fields decide.
  rules[REFERENCE] = signedIn;
  return rules;
}

/**
 * The authorisation rule of every type and field of the companies subgraph (who may see what:
 * `docs/authorisation.md`), enforced by the kernel on every path. The access tables in
 * `domain/*-access.ts` stay the one place the audiences are written; this map turns them into
 * rules, and no resolver or command checks them again.
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
      [REFERENCE]: audienceRule(
        'COMPANY_FIELD_ACCESS.id',
        companyAudienceOf,
        COMPANY_FIELD_ACCESS.id,
      ),
    },
    CompanyAddress: audienceRules(
      'COMPANY_ADDRESS_FIELD_ACCESS',
      COMPANY_ADDRESS_FIELD_ACCESS,
      (identity, address: { company: Company }, context) =>
        companyAudienceInScope(identity, address.company, context),
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
        COMPANY_CONTACT_FIELD_ACCESS.id,
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
    // A prospect is reached only through its municipality's pipeline or a payload, both ruled.
    CompanyProspect: allGuardedByParent(
      'Municipality.companyProspects, CompanyProspectPayload.prospect',
      [
        'id',
        'name',
        'cvr',
        'sector',
        'status',
        'addedOn',
        'steps',
        'companyId',
        'contactName',
        'contactPhone',
        'version',
      ],
    ),
    CompanyOutreachStep: allGuardedByParent('CompanyProspect.steps', ['kind', 'on']),
    CompanyProspectConnection: connectionRules('Municipality.companyProspects'),
    CompanyProspectEdge: edgeRules('Municipality.companyProspects'),
    CompanyProspectPayload: allGuardedByParent('Mutation', ['prospect', 'errors']),
    PlacementOpportunityConnection: connectionRules('Municipality.openOpportunities'),
    PlacementOpportunityEdge: edgeRules('Municipality.openOpportunities'),
    Query: {
      company: queriedCompany,
      opportunity: queriedOpportunity,
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
      joinNetwork: joinsOwnMunicipality,
      updateCompany: companyMutation('updateCompany', companyOfCompanyId),
      addCompanyContact: companyMutation('addCompanyContact', companyOfCompanyId),
      removeCompanyContact: companyMutation('removeCompanyContact', companyOfContactId),
      pauseCompany: companyMutation('pauseCompany', companyOfCompanyId),
      resumeCompany: companyMutation('resumeCompany', companyOfCompanyId),
      leaveNetwork: companyMutation('leaveNetwork', companyOfCompanyId),
      addOpportunity: companyMutation('addOpportunity', companyOfCompanyId),
      updateOpportunity: companyMutation('updateOpportunity', companyOfOpportunityId),
      openOpportunity: companyMutation('openOpportunity', companyOfOpportunityId),
      closeOpportunity: companyMutation('closeOpportunity', companyOfOpportunityId),
      addCompanyProspect: addsToOwnPipeline,
      recordCompanyOutreach: changesOwnProspect,
    },
  },
};
