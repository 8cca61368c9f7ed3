import { beforeAll, describe, expect, it } from 'vitest';
import { server } from '#companies/server';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import {
  addOpportunityInput,
  everyItem,
  firstContact,
  firstOpportunity,
  givenCompany,
  opportunityStateInput,
  updateOpportunityInput,
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

const FIELDS = 'id title trade weeklyHours places open version company { id }';
const ADD = `mutation ($input: AddOpportunityInput!) {
  addOpportunity(input: $input) { opportunity { ${FIELDS} } errors { code message path } }
}`;
const UPDATE = `mutation ($input: UpdateOpportunityInput!) {
  updateOpportunity(input: $input) { opportunity { ${FIELDS} } errors { code message path } }
}`;
const OPEN = `mutation ($input: OpportunityStateInput!) {
  openOpportunity(input: $input) { opportunity { ${FIELDS} } errors { code message path } }
}`;
const CLOSE = `mutation ($input: OpportunityStateInput!) {
  closeOpportunity(input: $input) { opportunity { ${FIELDS} } errors { code message path } }
}`;
const BROWSE = `query ($code: ID!, $trade: String) {
  _entities(representations: [{ __typename: "Municipality", code: $code }]) {
    ... on Municipality { openOpportunities(trade: $trade, first: 100) { edges { node { id } } } }
  }
}`;

interface Payload {
  opportunity: null | { id: string; open: boolean; version: number; trade: string };
  errors: Array<{ code: string; message: string; path: string[] | null }>;
}

describe('companies subgraph: placement opportunity mutations', () => {
  let table: Table;
  const run = (identity: Identity | null, query: string, variables?: Record<string, unknown>) =>
    execute(server, testContext(table, identity), query, variables);
  const payload = (data: unknown, field: string): Payload =>
    (data as Record<string, Payload>)[field] as Payload;
  /** The open opportunities a young person of the municipality browses. */
  const browse = async (code: string, trade?: string) => {
    const result = await run(youthIdentity(code, 'y-1'), BROWSE, { code, trade });
    const [municipality] = (
      result.data as {
        _entities: Array<{ openOpportunities: { edges: Array<{ node: { id: string } }> } }>;
      }
    )._entities;
    return municipality?.openOpportunities.edges.map((edge) => edge.node.id) ?? [];
  };

  beforeAll(async () => {
    table = await createTestTable();
  });

  describe('addOpportunity', () => {
    it('lets the company’s contact add an opportunity, open at once for young people', async () => {
      // Prepare
      const company = await givenCompany(table, { municipalityCode: '540', opportunities: [] });
      // Act
      const result = await run(
        companyContactIdentity(company.company.id, firstContact(company).id),
        ADD,
        { input: addOpportunityInput(company.company.id) },
      );
      // Assess
      expect(result.errors).toBeUndefined();
      const { opportunity } = payload(result.data, 'addOpportunity');
      expect(opportunity).toMatchObject({
        trade: 'Tømrer',
        weeklyHours: 30,
        places: 2,
        open: true,
        version: 1,
      });
      expect(await browse('540')).toEqual([opportunity?.id]);
    });

    it('adds a closed opportunity when asked, off the young people’s list', async () => {
      // Prepare
      const company = await givenCompany(table, { municipalityCode: '615', opportunities: [] });
      // Act
      const result = await run(staffIdentity('615'), ADD, {
        input: addOpportunityInput(company.company.id, { open: false }),
      });
      // Assess
      expect(payload(result.data, 'addOpportunity').opportunity?.open).toBe(false);
      expect(await browse('615')).toEqual([]);
    });

    it('refuses an open opportunity for a paused company but takes a closed one', async () => {
      // Prepare
      const company = await givenCompany(table, { status: 'PAUSED', opportunities: [] });
      // Act
      const open = await run(staffIdentity('265'), ADD, {
        input: addOpportunityInput(company.company.id),
      });
      const closed = await run(staffIdentity('265'), ADD, {
        input: addOpportunityInput(company.company.id, { open: false }),
      });
      // Assess
      expect(payload(open.data, 'addOpportunity')).toMatchObject({
        opportunity: null,
        errors: [{ code: 'COMPANY_NOT_ACTIVE', path: ['open'] }],
      });
      expect(payload(closed.data, 'addOpportunity').opportunity?.open).toBe(false);
    });

    it('refuses malformed hours, places, trade and title, listing each, and writes nothing', async () => {
      // Prepare
      const company = await givenCompany(table);
      const before = await everyItem(table);
      // Act
      const tooMuch = await run(staffIdentity('265'), ADD, {
        input: addOpportunityInput(company.company.id, {
          weeklyHours: 38,
          places: 11,
          trade: 'Tømrer#1',
          title: '',
        }),
      });
      const tooLittle = await run(staffIdentity('265'), ADD, {
        input: addOpportunityInput(company.company.id, { weeklyHours: 0, places: 0 }),
      });
      // Assess
      expect(errorCodes(tooMuch)).toEqual(['BAD_USER_INPUT']);
      const issues = tooMuch.errors?.[0]?.extensions?.issues as Array<{ path: string }>;
      expect(issues.map((issue) => issue.path).sort()).toEqual([
        'places',
        'title',
        'trade',
        'weeklyHours',
      ]);
      expect(errorCodes(tooLittle)).toEqual(['BAD_USER_INPUT']);
      expect(await everyItem(table)).toEqual(before);
    });

    it('refuses a thirty-first opportunity', async () => {
      // Prepare
      const company = await givenCompany(table, {
        opportunities: Array.from({ length: 30 }, () => ({ open: false })),
      });
      // Act
      const result = await run(staffIdentity('265'), ADD, {
        input: addOpportunityInput(company.company.id),
      });
      // Assess
      expect(payload(result.data, 'addOpportunity').errors[0]?.code).toBe('TOO_MANY_OPPORTUNITIES');
    });

    it('refuses young people, the programme office, other municipalities and other companies', async () => {
      // Prepare
      const company = await givenCompany(table);
      const other = await givenCompany(table);
      // Act
      const results = await Promise.all(
        [
          youthIdentity('265', 'y-1'),
          programmeIdentity(),
          staffIdentity('101'),
          companyContactIdentity(other.company.id, firstContact(other).id),
        ].map((identity) => run(identity, ADD, { input: addOpportunityInput(company.company.id) })),
      );
      // Assess
      // Strangers to the company hear what an unknown id gets (#18, class 7).
      expect(results.map(errorCodes)).toEqual([
        ['FORBIDDEN'],
        ['FORBIDDEN'],
        ['NOT_FOUND'],
        ['NOT_FOUND'],
      ]);
    });
  });

  describe('updateOpportunity', () => {
    it('changes an open opportunity’s trade, and browsing by trade follows', async () => {
      // Prepare
      const company = await givenCompany(table, { municipalityCode: '630' });
      const opportunity = firstOpportunity(company);
      // Act
      const result = await run(staffIdentity('630'), UPDATE, {
        input: updateOpportunityInput(opportunity, { trade: 'Anlægsgartner', places: undefined }),
      });
      // Assess
      expect(payload(result.data, 'updateOpportunity').opportunity).toMatchObject({
        trade: 'Anlægsgartner',
        version: 2,
        open: true,
      });
      expect(await browse('630', 'anlægsgartner')).toEqual([opportunity.id]);
      expect(await browse('630', 'Tømrer')).toEqual([]);
    });

    it('refuses a change on a stale version with CONFLICT, and one that changes nothing', async () => {
      // Prepare
      const company = await givenCompany(table);
      const opportunity = firstOpportunity(company);
      await run(staffIdentity('265'), UPDATE, { input: updateOpportunityInput(opportunity) });
      const before = await everyItem(table);
      // Act
      const stale = await run(staffIdentity('265'), UPDATE, {
        input: updateOpportunityInput(opportunity, { places: 4 }),
      });
      const nothing = await run(staffIdentity('265'), UPDATE, {
        input: updateOpportunityInput(opportunity, { places: undefined, expectedVersion: 2 }),
      });
      // Assess
      expect(errorCodes(stale)).toEqual(['CONFLICT']);
      expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(2);
      expect(errorCodes(nothing)).toEqual(['BAD_USER_INPUT']);
      expect(await everyItem(table)).toEqual(before);
    });

    it('answers NOT_FOUND for an unknown opportunity and for another municipality’s alike', async () => {
      // Prepare
      const company = await givenCompany(table);
      // Act
      const unknown = await run(staffIdentity('265'), UPDATE, {
        input: { opportunityId: 'o-unknown', places: 2, expectedVersion: 1 },
      });
      const foreign = await run(staffIdentity('101'), UPDATE, {
        input: updateOpportunityInput(firstOpportunity(company), { places: 2 }),
      });
      // Assess
      expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
      expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
    });
  });

  describe('openOpportunity and closeOpportunity', () => {
    it('closes an open opportunity and opens it again, in and out of the young people’s list', async () => {
      // Prepare
      const company = await givenCompany(table, { municipalityCode: '101' });
      const contact = companyContactIdentity(company.company.id, firstContact(company).id);
      const opportunity = firstOpportunity(company);
      // Act
      const closed = await run(contact, CLOSE, { input: opportunityStateInput(opportunity) });
      const listedWhileClosed = await browse('101');
      const opened = await run(contact, OPEN, {
        input: opportunityStateInput({ ...opportunity, version: 2 }),
      });
      // Assess
      expect(payload(closed.data, 'closeOpportunity').opportunity).toMatchObject({
        open: false,
        version: 2,
      });
      expect(listedWhileClosed).toEqual([]);
      expect(payload(opened.data, 'openOpportunity').opportunity).toMatchObject({
        open: true,
        version: 3,
      });
      expect(await browse('101')).toEqual([opportunity.id]);
    });

    it('refuses to open an opportunity of a company that is not active, writing nothing', async () => {
      // Prepare
      const paused = await givenCompany(table, { status: 'PAUSED' });
      const left = await givenCompany(table, { status: 'LEFT' });
      const before = await everyItem(table);
      // Act
      const results = await Promise.all(
        [paused, left].map((company) =>
          run(staffIdentity('265'), OPEN, {
            input: opportunityStateInput(firstOpportunity(company)),
          }),
        ),
      );
      // Assess
      expect(results.map((result) => payload(result.data, 'openOpportunity').errors)).toEqual([
        [expect.objectContaining({ code: 'COMPANY_NOT_ACTIVE', path: ['opportunityId'] })],
        [expect.objectContaining({ code: 'COMPANY_NOT_ACTIVE', path: ['opportunityId'] })],
      ]);
      expect(await everyItem(table)).toEqual(before);
    });

    it('refuses to open an open one and to close a closed one', async () => {
      // Prepare
      const company = await givenCompany(table, {
        opportunities: [{ open: true }, { open: false }],
      });
      const [open, closed] = company.opportunities;
      // Act
      const openAgain = await run(staffIdentity('265'), OPEN, {
        input: opportunityStateInput(open),
      });
      const closeAgain = await run(staffIdentity('265'), CLOSE, {
        input: opportunityStateInput(closed),
      });
      // Assess
      expect(payload(openAgain.data, 'openOpportunity').errors[0]?.code).toBe(
        'OPPORTUNITY_ALREADY_OPEN',
      );
      expect(payload(closeAgain.data, 'closeOpportunity').errors[0]?.code).toBe(
        'OPPORTUNITY_ALREADY_CLOSED',
      );
    });

    it('refuses young people and other companies’ contacts', async () => {
      // Prepare
      const company = await givenCompany(table);
      const other = await givenCompany(table);
      const input = opportunityStateInput(firstOpportunity(company));
      // Act
      const results = await Promise.all([
        run(youthIdentity('265', 'y-1'), CLOSE, { input }),
        run(companyContactIdentity(other.company.id, firstContact(other).id), CLOSE, { input }),
        run(staffIdentity('101'), OPEN, { input }),
      ]);
      // Assess
      expect(results.map(errorCodes)).toEqual([['FORBIDDEN'], ['NOT_FOUND'], ['NOT_FOUND']]);
    });
  });
});
