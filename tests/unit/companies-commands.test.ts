import { describe, expect, it } from 'vitest';
import { requireNotRemovingSelf } from '#companies/domain/company-contacts';
import { detailsChange } from '#companies/domain/company-details';
import { JoinNetworkInputSchema, UpdateCompanyInputSchema } from '#companies/domain/company-inputs';
import { joiningCompany } from '#companies/domain/join-network';
import {
  newOpportunity,
  opportunityDetailsChange,
} from '#companies/domain/placement-opportunities';
import {
  AddOpportunityInputSchema,
  UpdateOpportunityInputSchema,
} from '#companies/domain/placement-opportunity-inputs';
import { DomainRuleError } from '#kernel/errors';
import {
  aCompany,
  addOpportunityInput,
  joinNetworkInput,
  updateCompanyInput,
  updateOpportunityInput,
} from '../support/companies-factories.ts';
import { companyContactIdentity, staffIdentity } from '../support/identities.ts';

describe('companies commands: what they decide before they stage', () => {
  it('makes a joining company active from its joining date, with its contacts listed', () => {
    // Prepare
    const input = JoinNetworkInputSchema.parse(joinNetworkInput('265'));
    let n = 0;
    // Act
    const { company, contacts } = joiningCompany(input, '2026-11-01', () => `id-${++n}`);
    // Assess
    expect(company).toMatchObject({
      id: 'id-1',
      status: 'ACTIVE',
      joinedOn: '2026-11-01',
      contactIds: ['id-2'],
      opportunityIds: [],
      version: 1,
    });
    expect(contacts).toMatchObject([{ id: 'id-2', companyId: 'id-1', municipalityCode: '265' }]);
  });

  it('changes only the details an update gives', () => {
    // Prepare
    const company = aCompany();
    const input = UpdateCompanyInputSchema.parse(
      updateCompanyInput(company, { industry: undefined, name: 'Nyt Navn ApS' }),
    );
    // Act
    const changes = detailsChange(input);
    // Assess
    expect(changes).toEqual({ name: 'Nyt Navn ApS' });
  });

  it('changes only the opportunity details an update gives, never its id or version', () => {
    // Prepare
    const input = UpdateOpportunityInputSchema.parse(
      updateOpportunityInput({ id: 'o-1', version: 4 }, { trade: 'Kok' }),
    );
    // Act
    const changes = opportunityDetailsChange(input);
    // Assess
    expect(changes).toEqual({ places: 3, trade: 'Kok' });
  });

  it('opens a new opportunity unless asked otherwise', () => {
    // Prepare
    const company = aCompany();
    const parse = (open?: boolean) =>
      AddOpportunityInputSchema.parse(addOpportunityInput(company.id, { open }));
    // Act
    const opened = newOpportunity(company, parse(), 'o-1');
    const closed = newOpportunity(company, parse(false), 'o-2');
    // Assess
    expect(opened).toMatchObject({ id: 'o-1', companyId: company.id, open: true, version: 1 });
    expect(closed.open).toBe(false);
  });

  it('refuses a contact person removing themself, but not a colleague or the team', () => {
    // Prepare
    const self = companyContactIdentity('c-1', 'ct-1');
    // Act
    const refused = () => requireNotRemovingSelf(self, 'ct-1');
    const colleague = () => requireNotRemovingSelf(self, 'ct-2');
    const team = () => requireNotRemovingSelf(staffIdentity('265'), 'ct-1');
    // Assess
    expect(refused).toThrow(DomainRuleError);
    expect(colleague).not.toThrow();
    expect(team).not.toThrow();
  });
});
