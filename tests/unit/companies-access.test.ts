import { type ObjectTypeDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  COMPANY_ADDRESS_FIELD_ACCESS,
  COMPANY_FIELD_ACCESS,
  COMPANY_MUTATION_ACCESS,
  mutationAudiences,
} from '#companies/domain/company-access';
import {
  companyAudience,
  EVERY_AUDIENCE,
  mayHoldAudience,
  TEAM_ONLY,
} from '#companies/domain/company-audience';
import { COMPANY_CONTACT_FIELD_ACCESS } from '#companies/domain/company-contact-access';
import { MUNICIPALITY_FIELD_ACCESS } from '#companies/domain/municipality-access';
import {
  canSeeOpportunity,
  PLACEMENT_OPPORTUNITY_FIELD_ACCESS,
} from '#companies/domain/placement-opportunity-access';
import { NO_COMPANY } from '#kernel/current-contact';
import { readSubgraphSdl } from '#schema/composition';
import { aCompany, anOpportunity } from '../support/companies-factories.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';

/** The fields of an object type of the companies SDL. */
function fieldsOf(typeName: string): string[] {
  const document = parse(readSubgraphSdl('companies.graphql'));
  const type = document.definitions.find(
    (definition): definition is ObjectTypeDefinitionNode =>
      definition.kind === 'ObjectTypeDefinition' && definition.name.value === typeName,
  );
  return (type?.fields ?? []).map((field) => field.name.value).sort();
}

/** The mutations of the recruitment pipeline, whose rule is the pipeline's (`worksPipelineOf`). */
const PIPELINE_MUTATIONS = ['addCompanyProspect', 'recordCompanyOutreach'];

describe('companies access rules', () => {
  it.each([
    ['Company', COMPANY_FIELD_ACCESS],
    ['CompanyAddress', COMPANY_ADDRESS_FIELD_ACCESS],
    ['CompanyContact', COMPANY_CONTACT_FIELD_ACCESS],
    ['PlacementOpportunity', PLACEMENT_OPPORTUNITY_FIELD_ACCESS],
    ['Municipality', MUNICIPALITY_FIELD_ACCESS],
    ['Mutation', COMPANY_MUTATION_ACCESS],
  ] as const)('has a rule for every field of %s, and none for fields it lacks', (type, rules) => {
    // Act: the pipeline's mutations are about a prospect, not a company (`worksPipelineOf`).
    const fields = fieldsOf(type).filter(
      (field) => type !== 'Mutation' || !PIPELINE_MUTATIONS.includes(field),
    );
    // Assess
    expect(Object.keys(rules).sort()).toEqual(fields);
  });

  it('gives each role its audience for a company of Roskilde', () => {
    // Prepare
    const company = aCompany({ municipalityCode: '265' });
    const ownContactId = company.contactIds[0] ?? '';
    const callers = {
      roskildeConsultant: staffIdentity('265'),
      roskildePsychologist: staffIdentity('265', 'PSYCHOLOGIST'),
      kobenhavnConsultant: staffIdentity('101'),
      ownContact: companyContactIdentity(company.id, ownContactId),
      // As the kernel hands over a contact removed from the company (`current-contact.ts`).
      removedContact: {
        ...companyContactIdentity(company.id, 'ct-removed'),
        companyId: NO_COMPANY,
      },
      otherCompanyContact: companyContactIdentity('c-other', ownContactId),
      roskildeYouth: youthIdentity('265', 'y-1'),
      kobenhavnYouth: youthIdentity('101', 'y-2'),
      programme: programmeIdentity(),
    };
    // Act
    const audiences = Object.fromEntries(
      Object.entries(callers).map(([name, identity]) => [name, companyAudience(identity, company)]),
    );
    // Assess
    expect(audiences).toEqual({
      roskildeConsultant: 'TEAM',
      roskildePsychologist: 'TEAM',
      kobenhavnConsultant: null,
      ownContact: 'OWN_CONTACT',
      removedContact: null,
      otherCompanyContact: null,
      roskildeYouth: 'YOUTH',
      kobenhavnYouth: null,
      programme: null,
    });
  });

  it('keeps phone, e-mail, CVR and street from young people', () => {
    // Act
    const hidden = [
      COMPANY_CONTACT_FIELD_ACCESS.phone,
      COMPANY_CONTACT_FIELD_ACCESS.email,
      COMPANY_FIELD_ACCESS.cvr,
      COMPANY_ADDRESS_FIELD_ACCESS.street,
    ].map((allowed) => (allowed as readonly string[]).includes('YOUTH'));
    // Assess
    expect(hidden).toEqual([false, false, false, false]);
  });

  it('shows young people open opportunities only', () => {
    // Prepare
    const company = aCompany();
    const opportunities = [
      anOpportunity(company, { open: true }),
      anOpportunity(company, { open: false }),
    ];
    // Act
    const seen = opportunities.map((opportunity) => canSeeOpportunity('YOUTH', opportunity));
    const seenByTeam = opportunities.map((opportunity) => canSeeOpportunity('TEAM', opportunity));
    // Assess
    expect(seen).toEqual([true, false]);
    expect(seenByTeam).toEqual([true, true]);
  });

  it('leaves joining and leaving the network to the municipal team', () => {
    // Assess
    expect(COMPANY_MUTATION_ACCESS.joinNetwork).toEqual(['TEAM']);
    expect(COMPANY_MUTATION_ACCESS.leaveNetwork).toEqual(['TEAM']);
    expect(COMPANY_MUTATION_ACCESS.pauseCompany).toEqual(['TEAM', 'OWN_CONTACT']);
  });

  it('leaves taking back a company that left to the team, and resuming after a pause to its contacts too', () => {
    // Act
    const afterLeaving = mutationAudiences('resumeCompany', aCompany({ status: 'LEFT' }));
    const afterPause = mutationAudiences('resumeCompany', aCompany({ status: 'PAUSED' }));
    const leavingAgain = mutationAudiences('pauseCompany', aCompany({ status: 'LEFT' }));
    // Assess
    expect(afterLeaving).toEqual(['TEAM']);
    expect(afterPause).toEqual(['TEAM', 'OWN_CONTACT']);
    expect(leavingAgain).toEqual(['TEAM', 'OWN_CONTACT']);
  });

  it('tells the roles that could never hold an allowed audience, to refuse them unread', () => {
    // Act
    const could = {
      programmeSeeing: mayHoldAudience('PROGRAMME', EVERY_AUDIENCE),
      dpoSeeing: mayHoldAudience('DATA_PROTECTION_OFFICER', EVERY_AUDIENCE),
      youthSeeing: mayHoldAudience('YOUTH', EVERY_AUDIENCE),
      contactJoining: mayHoldAudience('COMPANY_CONTACT', TEAM_ONLY),
      psychologistJoining: mayHoldAudience('PSYCHOLOGIST', TEAM_ONLY),
      youthPausing: mayHoldAudience('YOUTH', COMPANY_MUTATION_ACCESS.pauseCompany),
    };
    // Assess
    expect(could).toEqual({
      programmeSeeing: false,
      dpoSeeing: false,
      youthSeeing: true,
      contactJoining: false,
      psychologistJoining: true,
      youthPausing: false,
    });
  });

  it('gives the programme office counts and nothing else', () => {
    // Act
    const rules = Object.entries(MUNICIPALITY_FIELD_ACCESS)
      .filter(([field]) => field !== 'code')
      .map(([field, rule]) => [field, rule(programmeIdentity(), '265')]);
    // Assess
    expect(Object.fromEntries(rules)).toEqual({
      companyStats: true,
      companies: false,
      openOpportunities: false,
      companyProspects: false,
    });
  });
});
