import { beforeAll, describe, expect, it } from 'vitest';
import type { CompanySnapshot } from '#companies/repository/company-snapshot';
import { server } from '#companies/server';
import type { Identity } from '#kernel/identity';
import { sharedKeys } from '#kernel/shared-keys';
import { countRoundTrips } from '#kernel/table/round-trips';
import type { Table } from '#kernel/table/table';
import { givenCompany } from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

/**
 * The contacts and opportunities of a page of companies are read in one query on gsi3, however
 * long the page (`company-children-entity.ts`); against DynamoDB Local, through the subgraph.
 */

const CODE = '550';

const WITH_CHILDREN = `query ($first: Int!, $status: CompanyNetworkStatus) {
  _entities(representations: [{ __typename: "Municipality", code: "${CODE}" }]) {
    ... on Municipality { companies(first: $first, status: $status) { edges { node {
      id name contacts { id name } opportunities { id title open }
    } } } }
  }
}`;

const NAMES_ONLY = `query ($first: Int!) {
  _entities(representations: [{ __typename: "Municipality", code: "${CODE}" }]) {
    ... on Municipality { companies(first: $first) { edges { node { id name } } } }
  }
}`;

interface ListedCompany {
  id: string;
  name: string;
  contacts: Array<{ id: string; name: string }>;
  opportunities: Array<{ id: string; title: string; open: boolean }>;
}

function listedCompanies(data: unknown): ListedCompany[] {
  const [municipality] = (data as { _entities: Array<{ companies: { edges: unknown[] } }> })
    ._entities;
  return (municipality?.companies.edges ?? []).map(
    (edge) => (edge as { node: ListedCompany }).node,
  );
}

/** What the listing should show of a company: its own contacts and opportunities, in order. */
function expectedChildren(snapshot: CompanySnapshot) {
  return {
    contacts: snapshot.contacts.map(({ id, name }) => ({ id, name })),
    opportunities: snapshot.opportunities.map(({ id, title, open }) => ({ id, title, open })),
  };
}

describe('companies subgraph: a page of companies with their contacts and opportunities', () => {
  let table: Table;
  const snapshots = new Map<string, CompanySnapshot>();
  const staff: Identity = staffIdentity(CODE);
  const run = (query: string, variables: Record<string, unknown>) =>
    execute(server, testContext(table, staff), query, variables);

  beforeAll(async () => {
    table = await createTestTable();
    // 101 companies with 2 contacts and 2 opportunities each: a page of 100 has 400 children,
    // four BatchGetItem calls' worth of keys. Stored one after another: a hundred connections
    // opened at once outwait the client's connection timeout on a busy DynamoDB Local.
    for (let i = 0; i < 101; i++) {
      const snapshot = await givenCompany(table, {
        municipalityCode: CODE,
        name: `Firma ${String(i).padStart(3, '0')}`,
        contacts: 2,
        opportunities: [{ trade: 'Tømrer' }, { trade: 'Kok', open: false }],
      });
      snapshots.set(snapshot.company.id, snapshot);
    }
    // Another municipality's companies share no partition with these.
    await givenCompany(table, { municipalityCode: '551', contacts: 2 });
  });

  it('reads the children of 10 and of 100 companies in the same two queries', async () => {
    // Prepare
    const roundTrips = countRoundTrips(table.client);
    // Act
    const ten = await run(WITH_CHILDREN, { first: 10 });
    const tenTrips = roundTrips.byCommand();
    roundTrips.reset();
    const hundred = await run(WITH_CHILDREN, { first: 100 });
    // Assess
    expect(ten.errors).toBeUndefined();
    expect(hundred.errors).toBeUndefined();
    // Besides the queries, one read per request: the staff caller's standing (`current-staff.ts`).
    expect(tenTrips).toEqual({ BatchGetItemCommand: 1, QueryCommand: 2 });
    expect(roundTrips.byCommand()).toEqual(tenTrips);
    const listed = listedCompanies(hundred.data);
    expect(listed).toHaveLength(100);
    for (const company of listed) {
      const snapshot = snapshots.get(company.id);
      if (!snapshot) throw new Error(`listed a company not of ${CODE}`);
      expect({ contacts: company.contacts, opportunities: company.opportunities }).toEqual(
        expectedChildren(snapshot),
      );
    }
  });

  it('does not read the children when no contact or opportunity is asked for', async () => {
    // Prepare
    const roundTrips = countRoundTrips(table.client);
    // Act
    const result = await run(NAMES_ONLY, { first: 100 });
    // Assess
    expect(result.errors).toBeUndefined();
    expect(listedCompanies(result.data)).toHaveLength(100);
    expect(roundTrips.byCommand()).toEqual({ BatchGetItemCommand: 1, QueryCommand: 1 });
  });

  it('moves the children with a company renamed and paused, and still reads them in the query', async () => {
    // Prepare: the first company of the list is renamed to the end of the active ones, the
    // second paused (paused companies follow the active)
    const [first, second] = listedCompanies((await run(NAMES_ONLY, { first: 2 })).data);
    if (!first || !second) throw new Error('fixture missing');
    const rename = await execute(
      server,
      testContext(table, staff),
      `mutation ($input: UpdateCompanyInput!) { updateCompany(input: $input) { errors { code } } }`,
      { input: { companyId: first.id, name: 'Zebra Firma', expectedVersion: 1 } },
    );
    const pause = await execute(
      server,
      testContext(table, staff),
      `mutation ($input: PauseCompanyInput!) { pauseCompany(input: $input) { errors { code } } }`,
      {
        input: {
          companyId: second.id,
          from: '2026-11-20',
          until: '2027-01-15',
          reason: 'Travl',
          expectedVersion: 1,
        },
      },
    );
    const roundTrips = countRoundTrips(table.client);
    // Act
    const result = await run(WITH_CHILDREN, { first: 100 });
    const rest = await run(WITH_CHILDREN, { first: 100, status: 'PAUSED' });
    // Assess
    expect(rename.errors ?? pause.errors).toBeUndefined();
    expect(roundTrips.byCommand()).toEqual({ BatchGetItemCommand: 2, QueryCommand: 4 });
    const listed = [...listedCompanies(result.data), ...listedCompanies(rest.data)];
    const renamed = listed.find((company) => company.id === first.id);
    const paused = listed.find((company) => company.id === second.id);
    const firstSnapshot = snapshots.get(first.id);
    const secondSnapshot = snapshots.get(second.id);
    if (!firstSnapshot || !secondSnapshot) throw new Error('fixture missing');
    expect(renamed).toMatchObject({ name: 'Zebra Firma', ...expectedChildren(firstSnapshot) });
    // Pausing closes the company's open opportunities.
    const closed = expectedChildren(secondSnapshot);
    expect(paused).toMatchObject({
      contacts: closed.contacts,
      opportunities: closed.opportunities.map((opportunity) => ({ ...opportunity, open: false })),
    });
  });

  it('reads by key a child stored without its place in the list, as items stored before it', async () => {
    // Prepare
    const [first] = listedCompanies((await run(NAMES_ONLY, { first: 1 })).data);
    const snapshot = first && snapshots.get(first.id);
    const contact = snapshot?.contacts[0];
    if (!snapshot || !contact) throw new Error('fixture missing');
    await table.update(sharedKeys.contact(contact.id), { remove: ['gsi3pk', 'gsi3sk'] });
    const roundTrips = countRoundTrips(table.client);
    // Act
    const result = await run(WITH_CHILDREN, { first: 10 });
    // Assess
    expect(result.errors).toBeUndefined();
    expect(listedCompanies(result.data)[0]).toMatchObject(expectedChildren(snapshot));
    expect(roundTrips.byCommand()).toEqual({ QueryCommand: 2, BatchGetItemCommand: 2 });
  });
});
