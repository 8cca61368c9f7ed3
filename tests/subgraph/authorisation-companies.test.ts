import { beforeAll, describe, expect, it } from 'vitest';
import type { CompanySnapshot } from '#companies/repository/company-snapshot';
import { server } from '#companies/server';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { auditItemsOfDay } from '../support/audit-days.ts';
import { firstContact, givenCompany } from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Company { id name }
    ... on CompanyContact { id name phone }
  }
}`;

describe('companies subgraph: rules per field on every path', () => {
  let table: Table;
  let company: CompanySnapshot;
  let other: CompanySnapshot;

  beforeAll(async () => {
    table = await createTestTable();
    company = await givenCompany(table, { municipalityCode: '265' });
    other = await givenCompany(table, { municipalityCode: '265' });
  });

  it("refuses a young person a contact's phone, nested and through _entities", async () => {
    // Act
    const nested = await execute(
      server,
      testContext(table, youthIdentity('265', 'y-1')),
      'query ($id: ID!) { company(id: $id) { name contacts { name phone } } }',
      { id: company.company.id },
    );
    const entities = await execute(
      server,
      testContext(table, youthIdentity('265', 'y-1')),
      ENTITIES,
      {
        representations: [{ __typename: 'CompanyContact', id: firstContact(company).id }],
      },
    );
    // Assess: the phone is non-null, so the refusal takes its parents with it; no number leaks.
    expect(nested.data?.company).toBeNull();
    expect(errorCodes(nested)).toEqual(['FORBIDDEN']);
    expect(entities.data?._entities).toEqual([null]);
    expect(errorCodes(entities)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify([nested, entities])).not.toContain('+45');
  });

  it("refuses another company's contact, another municipality and the programme office the company", async () => {
    for (const identity of [
      companyContactIdentity(other.company.id, firstContact(other).id),
      staffIdentity('101'),
      youthIdentity('101', 'y-elsewhere'),
      programmeIdentity(),
    ]) {
      // Act
      const root = await execute(
        server,
        testContext(table, identity),
        'query ($id: ID!) { company(id: $id) { name } }',
        { id: company.company.id },
      );
      const entities = await execute(server, testContext(table, identity), ENTITIES, {
        representations: [{ __typename: 'Company', id: company.company.id }],
      });
      // Assess
      expect(root.data?.company).toBeNull();
      // Strangers hear what an unknown id gets; the programme office is refused whatever the id.
      expect(errorCodes(root)).toEqual([identity.role === 'PROGRAMME' ? 'FORBIDDEN' : 'NOT_FOUND']);
      expect(entities.data?._entities).toEqual([null]);
      expect(errorCodes(entities)).toEqual(['FORBIDDEN']);
    }
  });

  it('refuses a role that could never make a change before it learns whether the record exists', async () => {
    // Prepare
    const update = `mutation ($input: UpdateCompanyInput!) {
      updateCompany(input: $input) { company { id } errors { code } }
    }`;
    const unknown = { companyId: 'c-unknown', name: 'X', expectedVersion: 1 };
    const existing = { companyId: company.company.id, name: 'X', expectedVersion: 1 };
    // Act
    const results = await Promise.all(
      [
        [youthIdentity('265', 'y-1'), unknown],
        [programmeIdentity(), unknown],
        [youthIdentity('265', 'y-1'), existing],
        [staffIdentity('265'), unknown],
      ].map(([identity, input]) =>
        execute(server, testContext(table, identity as Identity), update, { input }),
      ),
    );
    // Assess
    expect(results.map(errorCodes)).toEqual([
      ['FORBIDDEN'],
      ['FORBIDDEN'],
      ['FORBIDDEN'],
      ['NOT_FOUND'],
    ]);
  });

  it('audits the refusals, by the caller municipality when no young person is concerned', async () => {
    // Act
    await execute(
      server,
      testContext(table, staffIdentity('101')),
      'query ($id: ID!) { company(id: $id) { name } }',
      { id: company.company.id },
    );
    // Assess
    const day = await auditItemsOfDay(table, '2026-11-26');
    const refusal = day.find(
      (item) =>
        item.action === 'REFUSED' &&
        item.target === 'Query.company' &&
        item.role === 'NETWORK_CONSULTANT',
    );
    expect(refusal).toMatchObject({
      municipalityCode: '101',
      reason:
        'NOT_FOUND: rule audience(COMPANY_FIELD_ACCESS.id: TEAM, OWN_CONTACT, YOUTH, GROUP_PEER) (answered as an id of nothing)',
    });
  });
});
