import { beforeAll, describe, expect, it } from 'vitest';
import type { CompanySnapshot } from '#companies/repository/company-snapshot';
import { server as companies } from '#companies/server';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import type { NetworkGroup } from '#learning-community/domain/network-group';
import { server as learning } from '#learning-community/server';
import { givenCompany } from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { companyContactIdentity, staffIdentity, youthIdentity } from '../support/identities.ts';
import { givenGroup, putSharedWorld } from '../support/learning-factories.ts';
import { createTestTable } from '../support/table.ts';

const COMPANY = `query ($id: ID!) {
  company(id: $id) { id name contacts { id name phone email } }
}`;
const field = (name: string) => `query ($id: ID!) { company(id: $id) { id ${name} } }`;
const MEMBER_COMPANIES = `query ($id: ID!) {
  networkGroup(id: $id) { memberCompanies { id } }
}`;
const REMOVE = `mutation ($input: NetworkGroupMembersInput!) {
  removeNetworkGroupMembers(input: $input) { group { version } errors { code } }
}`;

/**
 * Issue #20: "A company's contacts see the other companies of their company group, with names
 * and contacts, so companies can cooperate". The companies subgraph learns who shares a group
 * from the learning community's group through the shared keys.
 */
describe('company groups open to their member companies', () => {
  let table: Table;
  let a: CompanySnapshot;
  let b: CompanySnapshot;
  let outside: CompanySnapshot;
  let group: NetworkGroup;
  const ask = (identity: Identity, query: string, id: string) =>
    execute(companies, testContext(table, identity), query, { id });

  beforeAll(async () => {
    table = await createTestTable();
    a = await givenCompany(table, { municipalityCode: '265' });
    b = await givenCompany(table, { municipalityCode: '265', contacts: 2 });
    outside = await givenCompany(table, { municipalityCode: '265' });
    await putSharedWorld(table, { staff: [{ id: 'staff-265-1', municipalityCode: '265' }] });
    group = await givenGroup(table, {
      municipalityCode: '265',
      kind: 'COMPANY',
      members: [
        { memberId: `${a.company.id}-contact`, joinedOn: '2026-09-01', companyId: a.company.id },
        { memberId: `${b.company.id}-contact`, joinedOn: '2026-09-01', companyId: b.company.id },
      ],
    });
  });

  it("shows a member company's contact the other company's name and its contacts' names, phone and e-mail", async () => {
    // Act
    const result = await ask(companyContactIdentity(a.company.id), COMPANY, b.company.id);
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.company).toEqual({
      id: b.company.id,
      name: b.company.name,
      contacts: b.contacts.map((contact) => ({
        id: contact.id,
        name: contact.name,
        phone: contact.phone,
        email: contact.email,
      })),
    });
  });

  it('lists the member companies on the group for a member company and the team', async () => {
    // Act
    const member = await execute(
      learning,
      testContext(table, companyContactIdentity(b.company.id)),
      MEMBER_COMPANIES,
      { id: group.id },
    );
    const team = await execute(
      learning,
      testContext(table, staffIdentity('265')),
      MEMBER_COMPANIES,
      { id: group.id },
    );
    // Assess
    const expected = { memberCompanies: [{ id: a.company.id }, { id: b.company.id }] };
    expect(member.data?.networkGroup).toEqual(expected);
    expect(team.data?.networkGroup).toEqual(expected);
  });

  it("refuses the group peer everything else of the company (CVR, opportunities, dates, contacts' roles)", async () => {
    // Act
    const results = await Promise.all(
      ['cvr', 'opportunities { id }', 'joinedOn', 'version', 'contacts { role }'].map((name) =>
        ask(companyContactIdentity(a.company.id), field(name), b.company.id),
      ),
    );
    // Assess
    expect(results.map(errorCodes)).toEqual(results.map(() => ['FORBIDDEN']));
  });

  it('refuses a contact of a company outside the group, and a removed contact, the company', async () => {
    // Act
    const stranger = await ask(companyContactIdentity(outside.company.id), COMPANY, b.company.id);
    const removed = await ask(
      companyContactIdentity(a.company.id, 'removed-contact'),
      COMPANY,
      b.company.id,
    );
    const group_ = await execute(
      learning,
      testContext(table, companyContactIdentity(outside.company.id)),
      MEMBER_COMPANIES,
      { id: group.id },
    );
    // Assess
    expect(stranger.data?.company ?? null).toBeNull();
    expect(errorCodes(stranger)).toEqual(['NOT_FOUND']);
    expect(errorCodes(removed)).toEqual(['NOT_FOUND']);
    expect(group_.data?.networkGroup ?? null).toBeNull();
  });

  it("refuses a young person the contacts' phone and e-mail, and another municipality's team the CVR", async () => {
    // Act
    const young = await ask(
      youthIdentity('265', 'y-265-browsing'),
      field('contacts { phone email }'),
      b.company.id,
    );
    const otherTeam = await ask(staffIdentity('101'), field('cvr'), b.company.id);
    // Assess
    expect(errorCodes(young)).toContain('FORBIDDEN');
    expect(errorCodes(otherTeam).length).toBeGreaterThan(0);
    expect(otherTeam.data?.company ?? null).toBeNull();
  });

  it('ends when the company leaves the group', async () => {
    // Prepare
    const left = await execute(learning, testContext(table, staffIdentity('265')), REMOVE, {
      input: {
        groupId: group.id,
        expectedVersion: group.version,
        memberIds: [`${a.company.id}-contact`],
      },
    });
    expect(left.errors).toBeUndefined();
    // Act
    const after = await ask(companyContactIdentity(a.company.id), COMPANY, b.company.id);
    // Assess
    expect(errorCodes(after)).toEqual(['NOT_FOUND']);
  });
});
