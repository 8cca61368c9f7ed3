import { beforeAll, describe, expect, it } from 'vitest';
import type { CompanySnapshot } from '#companies/repository/company-snapshot';
import { server } from '#companies/server';
import type { Identity } from '#kernel/identity';
import { countRoundTrips } from '#kernel/table/round-trips';
import type { Table } from '#kernel/table/table';
import { firstContact, firstOpportunity, givenCompany } from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

const COMPANY_AS_TEAM = `query ($id: ID!) {
  company(id: $id) {
    id cvr name industry status joinedOn leftOn version
    address { street postcode town }
    municipality { code }
    pause { from until reason }
    contacts { id name role phone email }
    opportunities { id title trade open }
  }
}`;

const COMPANY_AS_YOUTH = `query ($id: ID!) {
  company(id: $id) {
    id name industry status
    address { town }
    contacts { name role }
    opportunities { id title trade weeklyHours places open }
  }
}`;

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Company { id name }
    ... on CompanyContact { id name phone }
    ... on PlacementOpportunity { id title }
  }
}`;

const MUNICIPALITY = `query ($code: ID!, $first: Int, $after: String, $status: CompanyNetworkStatus) {
  _entities(representations: [{ __typename: "Municipality", code: $code }]) {
    ... on Municipality {
      companies(status: $status, first: $first, after: $after) {
        edges { cursor node { id name status } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

const OPEN_OPPORTUNITIES = `query ($code: ID!, $first: Int, $after: String, $trade: String) {
  _entities(representations: [{ __typename: "Municipality", code: $code }]) {
    ... on Municipality {
      openOpportunities(trade: $trade, first: $first, after: $after) {
        edges { cursor node { id trade open company { id name } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

const STATS = `query ($code: ID!) {
  _entities(representations: [{ __typename: "Municipality", code: $code }]) {
    ... on Municipality { companyStats { active paused left } }
  }
}`;

interface Page {
  edges: Array<{ cursor: string; node: { id: string; trade?: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The page of a municipality's list in an `_entities` result. */
function pageOf(data: unknown, field: 'companies' | 'openOpportunities'): Page {
  return (data as { _entities: Array<Record<string, Page>> })._entities[0]?.[field] as Page;
}

describe('companies subgraph: reading companies and opportunities', () => {
  let table: Table;
  let roskilde: CompanySnapshot;
  let roskildePaused: CompanySnapshot;
  let kobenhavn: CompanySnapshot;
  const run = (identity: Identity | null, query: string, variables?: Record<string, unknown>) =>
    execute(server, testContext(table, identity), query, variables);

  beforeAll(async () => {
    table = await createTestTable();
    roskilde = await givenCompany(table, {
      municipalityCode: '265',
      name: 'Alfa Byg ApS',
      contacts: 2,
      opportunities: [
        { trade: 'Tømrer', open: true },
        { trade: 'Tømrer', open: false },
      ],
    });
    roskildePaused = await givenCompany(table, {
      municipalityCode: '265',
      status: 'PAUSED',
      opportunities: [{ trade: 'Tømrer', open: false }],
    });
    kobenhavn = await givenCompany(table, {
      municipalityCode: '101',
      opportunities: [{ trade: 'Tømrer', open: true }],
    });
  });

  describe('company(id)', () => {
    it('shows the municipal team everything about its own municipality’s company', async () => {
      // Act
      const result = await run(staffIdentity('265', 'ENTREPRENEUR'), COMPANY_AS_TEAM, {
        id: roskilde.company.id,
      });
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.company).toMatchObject({
        id: roskilde.company.id,
        cvr: roskilde.company.cvr,
        address: { street: 'Algade 12', postcode: '4000', town: 'Roskilde' },
        municipality: { code: '265' },
        status: 'ACTIVE',
        pause: null,
        version: 1,
      });
      const company = result.data?.company as { contacts: unknown[]; opportunities: unknown[] };
      expect(company.contacts).toHaveLength(2);
      expect(company.opportunities).toHaveLength(2);
    });

    it('answers another municipality’s team as an unknown id: NOT_FOUND and no data', async () => {
      // Act
      const result = await run(staffIdentity('101'), COMPANY_AS_TEAM, { id: roskilde.company.id });
      // Assess
      expect(result.data?.company).toBeNull();
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    });

    it('shows a company contact their own company with contact details', async () => {
      // Act
      const result = await run(
        companyContactIdentity(roskilde.company.id, firstContact(roskilde).id),
        COMPANY_AS_TEAM,
        { id: roskilde.company.id },
      );
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.company).toMatchObject({ cvr: roskilde.company.cvr });
    });

    it('refuses a company contact another company, and a removed contact their old one', async () => {
      // Act
      const other = await run(
        companyContactIdentity(roskilde.company.id, firstContact(roskilde).id),
        COMPANY_AS_YOUTH,
        { id: kobenhavn.company.id },
      );
      const removed = await run(
        companyContactIdentity(roskilde.company.id, 'ct-no-longer-here'),
        COMPANY_AS_YOUTH,
        { id: roskilde.company.id },
      );
      // Assess
      expect(errorCodes(other)).toEqual(['NOT_FOUND']);
      expect(errorCodes(removed)).toEqual(['NOT_FOUND']);
    });

    it('shows a young person of the municipality the company and its open opportunities only', async () => {
      // Act
      const result = await run(youthIdentity('265', 'y-1'), COMPANY_AS_YOUTH, {
        id: roskilde.company.id,
      });
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.company).toMatchObject({
        name: 'Alfa Byg ApS',
        address: { town: 'Roskilde' },
        contacts: [
          { name: 'Kontakt 1', role: 'Indehaver' },
          { name: 'Kontakt 2', role: 'Mester' },
        ],
        opportunities: [{ id: firstOpportunity(roskilde).id, open: true }],
      });
    });

    it.each([
      ['a contact’s phone', '{ contacts { phone } }'],
      ['a contact’s e-mail', '{ contacts { email } }'],
      ['the CVR number', '{ cvr }'],
      ['the street', '{ address { street } }'],
      ['the pause', '{ pause { reason } }'],
    ])('refuses a young person %s', async (_what, selection) => {
      // Act
      const result = await run(
        youthIdentity('265', 'y-1'),
        `query ($id: ID!) { company(id: $id) ${selection} }`,
        { id: roskilde.company.id },
      );
      // Assess
      expect(errorCodes(result)).toContain('FORBIDDEN');
    });

    it('refuses a young person of another municipality, the programme office and the DPO', async () => {
      // Act
      const results = await Promise.all(
        [
          youthIdentity('101', 'y-2'),
          programmeIdentity(),
          { role: 'DATA_PROTECTION_OFFICER', subject: 'dpo', municipalityCode: '265' } as const,
        ].map((identity) => run(identity, COMPANY_AS_YOUTH, { id: roskilde.company.id })),
      );
      // Assess
      // A young person elsewhere hears what an unknown id gets; roles that may see no company
      // are refused whatever the id, which tells them nothing (#18, class 7).
      expect(results.map(errorCodes)).toEqual([['NOT_FOUND'], ['FORBIDDEN'], ['FORBIDDEN']]);
    });

    it('answers NOT_FOUND for an unknown company and UNAUTHENTICATED without identity', async () => {
      // Act
      const unknown = await run(staffIdentity('265'), COMPANY_AS_YOUTH, { id: 'c-unknown' });
      const anonymous = await run(null, COMPANY_AS_YOUTH, { id: roskilde.company.id });
      // Assess
      expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
      expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('opportunity(id)', () => {
    const OPPORTUNITY = `query ($id: ID!) { opportunity(id: $id) { id title open company { name } } }`;

    it('shows a young person an open opportunity of their municipality, not a closed one', async () => {
      // Prepare
      const [open, closed] = roskilde.opportunities;
      // Act
      const seen = await run(youthIdentity('265', 'y-1'), OPPORTUNITY, { id: open?.id });
      const refused = await run(youthIdentity('265', 'y-1'), OPPORTUNITY, { id: closed?.id });
      // Assess
      expect(seen.data?.opportunity).toMatchObject({
        open: true,
        company: { name: 'Alfa Byg ApS' },
      });
      expect(errorCodes(refused)).toEqual(['NOT_FOUND']);
    });

    it('refuses a young person an open opportunity of another municipality', async () => {
      // Act
      const result = await run(youthIdentity('265', 'y-1'), OPPORTUNITY, {
        id: firstOpportunity(kobenhavn).id,
      });
      // Assess: as an unknown id (#18, class 7)
      expect(result.data?.opportunity).toBeNull();
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    });

    it('shows the company’s contact a closed opportunity, and its version', async () => {
      // Act
      const result = await run(
        companyContactIdentity(roskilde.company.id, firstContact(roskilde).id),
        'query ($id: ID!) { opportunity(id: $id) { open version } }',
        { id: roskilde.opportunities[1]?.id },
      );
      // Assess
      expect(result.data?.opportunity).toEqual({ open: false, version: 1 });
    });
  });

  describe('_entities', () => {
    it('resolves companies under the same rules: visible, refused and unknown side by side', async () => {
      // Act
      const result = await run(staffIdentity('265'), ENTITIES, {
        representations: [
          { __typename: 'Company', id: roskilde.company.id },
          { __typename: 'Company', id: kobenhavn.company.id },
          { __typename: 'Company', id: 'c-unknown' },
        ],
      });
      // Assess
      expect(result.data?._entities).toEqual([
        { id: roskilde.company.id, name: 'Alfa Byg ApS' },
        null,
        null,
      ]);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it('resolves a contact person for themself (the people subgraph’s `me`)', async () => {
      // Prepare
      const contact = firstContact(roskilde);
      // Act
      const result = await run(companyContactIdentity(roskilde.company.id, contact.id), ENTITIES, {
        representations: [{ __typename: 'CompanyContact', id: contact.id }],
      });
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toEqual([
        { id: contact.id, name: contact.name, phone: contact.phone },
      ]);
    });

    it('refuses contacts of another company and of another municipality', async () => {
      // Act
      const result = await run(
        companyContactIdentity(kobenhavn.company.id, firstContact(kobenhavn).id),
        ENTITIES,
        { representations: [{ __typename: 'CompanyContact', id: firstContact(roskilde).id }] },
      );
      const otherTeam = await run(staffIdentity('101'), ENTITIES, {
        representations: [{ __typename: 'CompanyContact', id: firstContact(roskilde).id }],
      });
      // Assess
      expect(result.data?._entities).toEqual([null]);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(errorCodes(otherTeam)).toEqual(['FORBIDDEN']);
    });

    it('refuses a young person a contact’s phone through a reference too', async () => {
      // Act
      const result = await run(youthIdentity('265', 'y-1'), ENTITIES, {
        representations: [{ __typename: 'CompanyContact', id: firstContact(roskilde).id }],
      });
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it('refuses a young person a closed opportunity through a reference', async () => {
      // Act
      const result = await run(youthIdentity('265', 'y-1'), ENTITIES, {
        representations: [
          { __typename: 'PlacementOpportunity', id: roskilde.opportunities[0]?.id },
          { __typename: 'PlacementOpportunity', id: roskilde.opportunities[1]?.id },
        ],
      });
      // Assess
      expect(result.data?._entities).toEqual([
        { id: roskilde.opportunities[0]?.id, title: 'Praktik 1' },
        null,
      ]);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it('refuses the anonymous probe any reference', async () => {
      // Act
      const result = await run(null, ENTITIES, {
        representations: [{ __typename: 'Company', id: roskilde.company.id }],
      });
      // Assess
      expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('Municipality.companyStats', () => {
    it('gives the team and the programme office the counts', async () => {
      // Act
      const team = await run(staffIdentity('265'), STATS, { code: '265' });
      const programme = await run(programmeIdentity(), STATS, { code: '265' });
      // Assess
      const expected = [{ companyStats: { active: 1, paused: 1, left: 0 } }];
      expect(team.data?._entities).toEqual(expected);
      expect(programme.data?._entities).toEqual(expected);
    });

    it('refuses another municipality’s team, young people and company contacts', async () => {
      // Act
      const results = await Promise.all(
        [
          staffIdentity('101'),
          youthIdentity('265', 'y-1'),
          companyContactIdentity(roskilde.company.id, firstContact(roskilde).id),
        ].map((identity) => run(identity, STATS, { code: '265' })),
      );
      // Assess
      expect(results.map(errorCodes)).toEqual([['FORBIDDEN'], ['FORBIDDEN'], ['FORBIDDEN']]);
    });
  });

  describe('Municipality.companies', () => {
    it('lists a municipality’s companies for its team and its young people, by status', async () => {
      // Act
      const team = await run(staffIdentity('265'), MUNICIPALITY, { code: '265' });
      const paused = await run(youthIdentity('265', 'y-1'), MUNICIPALITY, {
        code: '265',
        status: 'PAUSED',
      });
      // Assess
      const teamPage = pageOf(team.data, 'companies');
      expect(teamPage.edges.map((edge) => edge.node.id)).toEqual([
        roskilde.company.id,
        roskildePaused.company.id,
      ]);
      const pausedPage = pageOf(paused.data, 'companies');
      expect(pausedPage.edges.map((edge) => edge.node.id)).toEqual([roskildePaused.company.id]);
    });

    it('refuses another municipality, company contacts and the programme office', async () => {
      // Act
      const results = await Promise.all(
        [
          staffIdentity('101'),
          youthIdentity('101', 'y-2'),
          companyContactIdentity(roskilde.company.id, firstContact(roskilde).id),
          programmeIdentity(),
        ].map((identity) => run(identity, MUNICIPALITY, { code: '265' })),
      );
      // Assess
      expect(results.map(errorCodes)).toEqual([
        ['FORBIDDEN'],
        ['FORBIDDEN'],
        ['FORBIDDEN'],
        ['FORBIDDEN'],
      ]);
    });
  });

  describe('Municipality.openOpportunities', () => {
    it('shows a young person the open opportunities of their own municipality only', async () => {
      // Act
      const result = await run(youthIdentity('265', 'y-1'), OPEN_OPPORTUNITIES, { code: '265' });
      // Assess
      expect(result.errors).toBeUndefined();
      const page = pageOf(result.data, 'openOpportunities');
      expect(page.edges.map((edge) => edge.node.id)).toEqual([firstOpportunity(roskilde).id]);
      expect(page.pageInfo.hasNextPage).toBe(false);
    });

    it('refuses a young person another municipality’s list, and company contacts any list', async () => {
      // Act
      const otherYouth = await run(youthIdentity('265', 'y-1'), OPEN_OPPORTUNITIES, {
        code: '101',
      });
      const contact = await run(
        companyContactIdentity(roskilde.company.id, firstContact(roskilde).id),
        OPEN_OPPORTUNITIES,
        { code: '265' },
      );
      // Assess
      expect(errorCodes(otherYouth)).toEqual(['FORBIDDEN']);
      expect(errorCodes(contact)).toEqual(['FORBIDDEN']);
    });
  });
});

describe('companies subgraph: paging with cursors', () => {
  let table: Table;
  let companies: CompanySnapshot[];
  const run = (identity: Identity, query: string, variables?: Record<string, unknown>) =>
    execute(server, testContext(table, identity), query, variables);

  beforeAll(async () => {
    table = await createTestTable();
    companies = [];
    for (const name of ['Anker', 'Birk', 'Cedertræ', 'Dalgaard', 'Egholm']) {
      companies.push(
        await givenCompany(table, {
          municipalityCode: '540',
          name,
          opportunities: [{ trade: name === 'Birk' ? 'Kok' : 'Tømrer' }, { trade: 'Tømrer' }],
        }),
      );
    }
    await givenCompany(table, { municipalityCode: '630' });
  });

  it('pages through a municipality’s companies with cursors, without an empty last page', async () => {
    // Act
    const first = await run(staffIdentity('540'), MUNICIPALITY, { code: '540', first: 2 });
    const firstPage = pageOf(first.data, 'companies');
    const second = await run(staffIdentity('540'), MUNICIPALITY, {
      code: '540',
      first: 2,
      after: firstPage.pageInfo.endCursor,
    });
    const secondPage = pageOf(second.data, 'companies');
    const third = await run(staffIdentity('540'), MUNICIPALITY, {
      code: '540',
      first: 2,
      after: secondPage.pageInfo.endCursor,
    });
    const thirdPage = pageOf(third.data, 'companies');
    // Assess
    const names = [firstPage, secondPage, thirdPage].map((page) =>
      page.edges.map((edge) => (edge.node as unknown as { name: string }).name),
    );
    expect(names).toEqual([['Anker', 'Birk'], ['Cedertræ', 'Dalgaard'], ['Egholm']]);
    expect([firstPage, secondPage, thirdPage].map((page) => page.pageInfo.hasNextPage)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('refuses a cursor from one municipality in another', async () => {
    // Prepare
    const first = await run(staffIdentity('540'), MUNICIPALITY, { code: '540', first: 1 });
    const cursor = pageOf(first.data, 'companies').pageInfo.endCursor;
    // Act
    const result = await run(staffIdentity('630'), MUNICIPALITY, {
      code: '630',
      first: 1,
      after: cursor,
    });
    // Assess
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a cursor from one status’s list in another list, and a forged cursor', async () => {
    // Prepare
    const active = await run(staffIdentity('540'), MUNICIPALITY, {
      code: '540',
      first: 1,
      status: 'ACTIVE',
    });
    const cursor = pageOf(active.data, 'companies').pageInfo.endCursor as string;
    // Act
    const otherList = await run(staffIdentity('540'), MUNICIPALITY, {
      code: '540',
      first: 1,
      after: cursor,
    });
    const forged = await run(staffIdentity('540'), MUNICIPALITY, {
      code: '540',
      after: `${cursor.split('.')[0]}.AAAA`,
    });
    // Assess
    expect(errorCodes(otherList)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(forged)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a page size beyond 100 and below 1', async () => {
    // Act
    const results = await Promise.all(
      [0, 101].map((first) => run(staffIdentity('540'), MUNICIPALITY, { code: '540', first })),
    );
    // Assess
    expect(results.map(errorCodes)).toEqual([['BAD_USER_INPUT'], ['BAD_USER_INPUT']]);
  });

  it('pages through open opportunities of one trade, the cursor bound to that trade', async () => {
    // Act
    const first = await run(youthIdentity('540', 'y-9'), OPEN_OPPORTUNITIES, {
      code: '540',
      trade: 'tømrer',
      first: 5,
    });
    const firstPage = pageOf(first.data, 'openOpportunities');
    const second = await run(youthIdentity('540', 'y-9'), OPEN_OPPORTUNITIES, {
      code: '540',
      trade: 'Tømrer',
      first: 5,
      after: firstPage.pageInfo.endCursor,
    });
    const otherTrade = await run(youthIdentity('540', 'y-9'), OPEN_OPPORTUNITIES, {
      code: '540',
      trade: 'Kok',
      after: firstPage.pageInfo.endCursor,
    });
    // Assess
    const secondPage = pageOf(second.data, 'openOpportunities');
    expect(firstPage.edges).toHaveLength(5);
    expect(secondPage.edges).toHaveLength(4);
    expect(secondPage.pageInfo.hasNextPage).toBe(false);
    expect(
      [...firstPage.edges, ...secondPage.edges].every((edge) => edge.node.trade === 'Tømrer'),
    ).toBe(true);
    expect(errorCodes(otherTrade)).toEqual(['BAD_USER_INPUT']);
  });

  it("reads a page of opportunities with their companies in one query and one batch, after the young person's own record", async () => {
    // Prepare
    const roundTrips = countRoundTrips(table.client);
    // Act
    const result = await run(youthIdentity('540', 'y-9'), OPEN_OPPORTUNITIES, {
      code: '540',
      first: 10,
    });
    // Assess
    const page = pageOf(result.data, 'openOpportunities');
    const companyNames = new Set(
      page.edges.map(
        (edge) => (edge.node as unknown as { company: { name: string } }).company.name,
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(companyNames.size).toBe(companies.length);
    // The young person's record (their municipality decides what they may browse), the page,
    // and its companies in one batch however many.
    expect(roundTrips.byCommand()).toEqual({ QueryCommand: 1, BatchGetItemCommand: 2 });
  });

  it('reads a page of companies with their contacts and opportunities in two queries', async () => {
    // Prepare
    const roundTrips = countRoundTrips(table.client);
    // Act
    const result = await run(
      staffIdentity('540'),
      `{ _entities(representations: [{ __typename: "Municipality", code: "540" }]) {
        ... on Municipality { companies(first: 5) { edges { node {
          contacts { name phone } opportunities { title }
        } } } }
      } }`,
    );
    // Assess
    expect(result.errors).toBeUndefined();
    // Besides the two queries, the staff caller's standing (`#kernel/current-staff`).
    expect(roundTrips.byCommand()).toEqual({ BatchGetItemCommand: 1, QueryCommand: 2 });
  });
});
