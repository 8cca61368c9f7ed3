import { beforeAll, describe, expect, it } from 'vitest';
import { cvrRegistrationKey } from '#companies/repository/cvr-registration-entity';
import { server } from '#companies/server';
import { buildDemoWorld, type DemoWorld } from '#infra/local/seed/demo-world';
import { seedCompanies } from '#infra/local/seed/seed-companies';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

describe('seedCompanies', () => {
  let table: Table;
  let world: DemoWorld;
  const run = (identity: Identity, query: string, variables?: Record<string, unknown>) =>
    execute(
      server,
      testContext(table, identity, new Date(`${world.today}T12:00:00Z`)),
      query,
      variables,
    );

  beforeAll(async () => {
    table = await createTestTable();
    world = buildDemoWorld();
    await seedCompanies(table, world);
  });

  it('writes counts that agree with the world’s companies in every municipality', async () => {
    // Prepare
    const expected = world.municipalities.map(({ code }) => {
      const companies = world.companies.filter((c) => c.municipalityCode === code);
      const count = (status: string) => companies.filter((c) => c.status === status).length;
      return {
        companyStats: { active: count('ACTIVE'), paused: count('PAUSED'), left: count('LEFT') },
      };
    });
    // Act
    const result = await run(
      programmeIdentity(),
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Municipality { companyStats { active paused left } }
        }
      }`,
      {
        representations: world.municipalities.map(({ code }) => ({
          __typename: 'Municipality',
          code,
        })),
      },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual(expected);
  });

  it('writes monthly figures that count each company joining in its own month', async () => {
    // Prepare
    const [from, to] = ['2025-01-01', '2026-06-30'];
    const expected = world.municipalities.map(({ code }) => ({
      companyStats: {
        joinedInPeriod: world.companies.filter(
          (c) => c.municipalityCode === code && c.joinedAt >= from && c.joinedAt <= to,
        ).length,
      },
    }));
    // Act
    const result = await run(
      programmeIdentity(),
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Municipality { companyStats(from: "${from}", to: "${to}") { joinedInPeriod } }
        }
      }`,
      {
        representations: world.municipalities.map(({ code }) => ({
          __typename: 'Municipality',
          code,
        })),
      },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual(expected);
    expect(expected.every(({ companyStats }) => companyStats.joinedInPeriod > 0)).toBe(true);
  });

  it('lists every company of a municipality, and as many by status as the counts say', async () => {
    // Act
    const result = await run(
      staffIdentity('265'),
      `{ _entities(representations: [{ __typename: "Municipality", code: "265" }]) {
        ... on Municipality {
          companies(first: 100) { edges { node { id status } } pageInfo { hasNextPage } }
        }
      } }`,
    );
    // Assess
    const [municipality] = (
      result.data as {
        _entities: Array<{ companies: { edges: Array<{ node: { id: string } }> } }>;
      }
    )._entities;
    const ids = municipality?.companies.edges.map((edge) => edge.node.id).sort();
    expect(ids).toEqual(
      world.companies
        .filter((c) => c.municipalityCode === '265')
        .map((c) => c.id)
        .sort(),
    );
  });

  it('shows a young person exactly the open opportunities of active companies of their municipality', async () => {
    // Prepare
    const expected = world.companies
      .filter((c) => c.municipalityCode === '540' && c.status === 'ACTIVE')
      .flatMap((c) => c.opportunities.filter((o) => o.open).map((o) => o.id))
      .sort();
    // Act
    const result = await run(
      youthIdentity('540', 'y-540-001'),
      `{ _entities(representations: [{ __typename: "Municipality", code: "540" }]) {
        ... on Municipality { openOpportunities(first: 100) { edges { node { id open } } } }
      } }`,
    );
    // Assess
    const [municipality] = (
      result.data as {
        _entities: Array<{ openOpportunities: { edges: Array<{ node: { id: string } }> } }>;
      }
    )._entities;
    expect(result.errors).toBeUndefined();
    expect(municipality?.openOpportunities.edges.map((edge) => edge.node.id).sort()).toEqual(
      expected,
    );
  });

  it('lets a demo company contact read their company with its contacts and opportunities', async () => {
    // Prepare
    const company = world.companies.find((c) => c.id === 'c-265-001');
    const contact = company?.contacts[0];
    // Act
    const result = await run(
      companyContactIdentity('c-265-001', contact?.id),
      `{ company(id: "c-265-001") {
        cvr name status joinedOn contacts { id email } opportunities { id open }
      } }`,
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.company).toEqual({
      cvr: company?.cvr,
      name: company?.name,
      status: company?.status,
      joinedOn: company?.joinedAt,
      contacts: company?.contacts.map((c) => ({ id: c.id, email: c.email })),
      opportunities: company?.opportunities.map((o) => ({ id: o.id, open: o.open })),
    });
  });

  it('reserves every company’s CVR number, so joining again with one is refused', async () => {
    // Prepare
    const company = world.companies[0];
    // Act
    const reservation = await table.get(cvrRegistrationKey(company?.cvr ?? ''));
    // Assess
    expect(reservation).toMatchObject({ companyId: company?.id });
  });

  it('keeps the pause of a paused demo company and dates a company that left', async () => {
    // Prepare
    const paused = world.companies.find((c) => c.status === 'PAUSED');
    const left = world.companies.find((c) => c.status === 'LEFT');
    const query = `query ($id: ID!) { company(id: $id) { status pause { from until } leftOn joinedOn } }`;
    // Act
    const pausedResult = await run(staffIdentity(paused?.municipalityCode ?? ''), query, {
      id: paused?.id,
    });
    const leftResult = await run(staffIdentity(left?.municipalityCode ?? ''), query, {
      id: left?.id,
    });
    // Assess
    expect(pausedResult.data?.company).toMatchObject({
      status: 'PAUSED',
      pause: { from: paused?.pause?.from, until: paused?.pause?.until },
    });
    const leftCompany = leftResult.data?.company as { leftOn: string; joinedOn: string };
    expect(leftCompany.leftOn > leftCompany.joinedOn).toBe(true);
    expect(leftCompany.leftOn <= world.today).toBe(true);
  });
});
