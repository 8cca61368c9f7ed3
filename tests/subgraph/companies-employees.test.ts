import { beforeAll, describe, expect, it } from 'vitest';
import type { CompanySnapshot } from '#companies/repository/company-snapshot';
import { server } from '#companies/server';
import type { Identity } from '#kernel/identity';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import {
  everyItem,
  firstContact,
  givenCompany,
  joinNetworkInput,
} from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

const JOIN = `mutation ($input: JoinNetworkInput!) {
  joinNetwork(input: $input) { company { id employees } errors { code path } }
}`;
const UPDATE = `mutation ($input: UpdateCompanyInput!) {
  updateCompany(input: $input) { company { employees version } errors { code path } }
}`;
const EMPLOYEES = `query ($id: ID!) { company(id: $id) { employees } }`;

describe("companies subgraph: a company's ordinary employees (Company.employees)", () => {
  let table: Table;
  let company: CompanySnapshot;
  const run = (identity: Identity, query: string, variables: Record<string, unknown>) =>
    execute<Record<string, unknown>>(server, testContext(table, identity), query, variables);

  beforeAll(async () => {
    table = await createTestTable();
    company = await givenCompany(table, { employees: 12 });
  });

  it('records the employees given at joining, where placements read them', async () => {
    // Act
    const result = await run(staffIdentity('265'), JOIN, {
      input: joinNetworkInput('265', { employees: 7 }),
    });
    // Assess
    expect(result.errors).toBeUndefined();
    const joined = result.data?.joinNetwork as { company: { id: string; employees: number } };
    expect(joined.company.employees).toBe(7);
    expect((await table.get(sharedKeys.company(joined.company.id)))?.employees).toBe(7);
  });

  it('leaves the employees unknown when joining does not give them', async () => {
    // Act
    const result = await run(staffIdentity('265'), JOIN, { input: joinNetworkInput('265') });
    // Assess
    expect(result.data?.joinNetwork).toMatchObject({ company: { employees: null }, errors: [] });
  });

  it("lets the company's contact change its employees, with a new version", async () => {
    // Act
    const result = await run(
      companyContactIdentity(company.company.id, firstContact(company).id),
      UPDATE,
      { input: { companyId: company.company.id, employees: 30, expectedVersion: 1 } },
    );
    // Assess
    expect(result.data?.updateCompany).toMatchObject({
      company: { employees: 30, version: 2 },
      errors: [],
    });
  });

  it.each([
    ['a negative number', -1],
    ['a fraction', 2.5],
    ['more than any Danish employer', 500_001],
  ])('refuses %s of employees and writes nothing', async (_what, employees) => {
    // Prepare
    const before = await everyItem(table);
    // Act
    const result = await run(staffIdentity('265'), UPDATE, {
      input: { companyId: company.company.id, employees, expectedVersion: 2 },
    });
    // Assess
    expect(errorCodes(result)).toEqual(
      Number.isInteger(employees) ? ['BAD_USER_INPUT'] : [expect.any(String)],
    );
    expect(await everyItem(table)).toEqual(before);
  });

  it("shows the employees to the team and the company's own contacts", async () => {
    // Act
    const results = await Promise.all(
      [
        staffIdentity('265'),
        companyContactIdentity(company.company.id, firstContact(company).id),
      ].map((identity) => run(identity, EMPLOYEES, { id: company.company.id })),
    );
    // Assess
    expect(results.map((r) => r.data?.company)).toEqual([{ employees: 30 }, { employees: 30 }]);
  });

  it("refuses the employees to a young person, another company's contact, another municipality's team and the programme office", async () => {
    // Prepare
    const other = await givenCompany(table);
    // Act
    const results = await Promise.all(
      [
        youthIdentity('265', 'y-1'),
        companyContactIdentity(other.company.id, firstContact(other).id),
        staffIdentity('101'),
        programmeIdentity(),
      ].map((identity) => run(identity, EMPLOYEES, { id: company.company.id })),
    );
    // Assess: a young person may see the company but not its size (the field alone is refused);
    // strangers to it hear what an unknown id gets; the programme office sees no company
    expect(results.map(errorCodes)).toEqual([
      ['FORBIDDEN'],
      ['NOT_FOUND'],
      ['NOT_FOUND'],
      ['FORBIDDEN'],
    ]);
    expect(results.map((r) => r.data?.company ?? null)).toEqual([
      { employees: null },
      null,
      null,
      null,
    ]);
  });
});
