import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '#kernel/table/table';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import {
  aHost,
  aPlacement,
  entitiesQuery,
  givenHosts,
  givenPlacements,
  givenYoungPeople,
  givenYouthCompanyLink,
  representation,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const PLACEMENT_QUERY = `query ($id: ID!) {
  placement(id: $id) {
    id status startDate endDate weeklyHours
    youth { id } company { id } opportunity { id } mentor { id } municipality { code }
    plan { goals tasks support }
    outcome { kind date details { what where startDate } }
    origin { kind }
  }
}`;

describe('placements subgraph: reading placements', () => {
  let table: Table;
  const active = aPlacement({ id: 'p-active', youthId: 'y-1', companyId: 'c-1' });
  const finished = aPlacement({
    id: 'p-finished',
    youthId: 'y-1',
    companyId: 'c-2',
    startDate: '2026-01-05',
    endDate: '2026-04-05',
    status: 'COMPLETED',
    outcome: {
      kind: 'EDUCATION',
      date: '2026-04-05',
      details: { what: 'Grundforløb', where: 'Erhvervsskolen', startDate: '2026-08-10' },
    },
  });
  const interrupted = aPlacement({
    id: 'p-interrupted',
    youthId: 'y-2',
    companyId: 'c-1',
    startDate: '2026-05-01',
    endDate: '2026-06-10',
    status: 'INTERRUPTED',
    outcome: { kind: 'PAUSE', date: '2026-06-10', details: null },
    learningReflection: {
      whatHappened: 'Mødetiderne passede ikke',
      whatWasLearned: 'At sige til i tide',
      whatNext: 'Ny praktik med senere mødetid',
    },
    checkpoints: [
      {
        id: 'cp-1',
        title: 'Opstart',
        dueDate: '2026-05-08',
        completedOn: '2026-05-08',
        notes: 'God start',
      },
    ],
  });
  const elsewhere = aPlacement({
    id: 'p-elsewhere',
    municipalityCode: '101',
    youthId: 'y-3',
    companyId: 'c-9',
  });

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '265', ['y-1'], 'IN_PLACEMENT');
    await givenYoungPeople(table, '265', ['y-2'], 'PAUSED');
    await givenYoungPeople(table, '101', ['y-3'], 'IN_PLACEMENT');
    await givenHosts(table, aHost('c-1', '265'), aHost('c-2', '265'), aHost('c-9', '101'));
    await givenYouthCompanyLink(table, 'y-1', 'c-1', ['PLACEMENT#p-active']);
    await givenYouthCompanyLink(table, 'y-1', 'c-2', ['PLACEMENT#p-finished']);
    await givenPlacements(table, [active, finished, interrupted, elsewhere]);
  });

  describe('Query.placement', () => {
    it('shows the young person their own placement with its references', async () => {
      // Act
      const result = await execute(
        server,
        testContext(table, youthIdentity('265', 'y-1')),
        PLACEMENT_QUERY,
        {
          id: 'p-finished',
        },
      );
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        placement: {
          id: 'p-finished',
          status: 'COMPLETED',
          startDate: '2026-01-05',
          endDate: '2026-04-05',
          weeklyHours: 25,
          youth: { id: 'y-1' },
          company: { id: 'c-2' },
          opportunity: { id: 'c-2-opp' },
          mentor: { id: 'c-2-contact' },
          municipality: { code: '265' },
          plan: { goals: ['Lære faget'], tasks: ['Lager'], support: ['Mentor hver uge'] },
          outcome: {
            kind: 'EDUCATION',
            date: '2026-04-05',
            details: { what: 'Grundforløb', where: 'Erhvervsskolen', startDate: '2026-08-10' },
          },
          origin: { kind: 'STAFF' },
        },
      });
    });

    it.each([
      ['the host company contact', companyContactIdentity('c-1')],
      ['the municipal team', staffIdentity('265', 'TEAM_LEADER')],
    ])('shows %s the placement', async (_who, identity) => {
      // Act
      const result = await execute(server, testContext(table, identity), PLACEMENT_QUERY, {
        id: 'p-active',
      });
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.placement).toMatchObject({ id: 'p-active', status: 'ACTIVE' });
    });

    it.each([
      ['another young person', youthIdentity('265', 'y-2')],
      ['a contact of another company', companyContactIdentity('c-2')],
      ['the team of another municipality', staffIdentity('101')],
      ['the programme office (counts only)', programmeIdentity()],
    ])('refuses %s', async (_who, identity) => {
      // Act
      const result = await execute(server, testContext(table, identity), PLACEMENT_QUERY, {
        id: 'p-active',
      });
      // Assess
      expect(result.data?.placement).toBeNull();
      expect(errorCodes(result)).toEqual([]); // answered as an unknown id (#18, class 7)
    });

    it('refuses the anonymous probe', async () => {
      // Act
      const result = await execute(server, testContext(table, null), PLACEMENT_QUERY, {
        id: 'p-active',
      });
      // Assess
      expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    });

    it('answers null for a placement that does not exist', async () => {
      // Act
      const result = await execute(
        server,
        testContext(table, staffIdentity('265')),
        PLACEMENT_QUERY,
        {
          id: 'p-unknown',
        },
      );
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ placement: null });
    });

    it('rejects a malformed id', async () => {
      // Act
      const result = await execute(
        server,
        testContext(table, staffIdentity('265')),
        PLACEMENT_QUERY,
        {
          id: 'not an id!',
        },
      );
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('learning reflection and checkpoint notes', () => {
    const query = `query ($id: ID!) { placement(id: $id) {
      id learningReflection { whatHappened whatWasLearned whatNext }
      checkpoints { id dueDate completedOn notes }
    } }`;

    it('shows the team the learning reflection and the checkpoint notes', async () => {
      // Act
      const result = await execute(server, testContext(table, staffIdentity('265')), query, {
        id: 'p-interrupted',
      });
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.placement).toEqual({
        id: 'p-interrupted',
        learningReflection: interrupted.learningReflection,
        // On the lifecycle's schedule (weeks 2, 6, 11; never after the end), held as stored.
        checkpoints: [
          { id: 'cp-1', dueDate: '2026-05-15', completedOn: '2026-05-08', notes: 'God start' },
          { id: 'cp-2', dueDate: '2026-06-10', completedOn: null, notes: null },
          { id: 'cp-3', dueDate: '2026-06-10', completedOn: null, notes: null },
        ],
      });
    });

    it('refuses the host company contact the reflection and the notes', async () => {
      // Act
      const result = await execute(
        server,
        testContext(table, companyContactIdentity('c-1')),
        query,
        {
          id: 'p-interrupted',
        },
      );
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
      expect(result.data?.placement).toEqual({
        id: 'p-interrupted',
        learningReflection: null,
        checkpoints: [
          { id: 'cp-1', dueDate: '2026-05-15', completedOn: '2026-05-08', notes: null },
          { id: 'cp-2', dueDate: '2026-06-10', completedOn: null, notes: null },
          { id: 'cp-3', dueDate: '2026-06-10', completedOn: null, notes: null },
        ],
      });
    });
  });

  describe('Youth.placements and Youth.currentPlacement', () => {
    const query = entitiesQuery(
      'Youth',
      'id placements(first: 10) { edges { node { id status } } pageInfo { hasNextPage } } currentPlacement { id }',
    );

    it('lists the young person their own placements, newest first, with the current one', async () => {
      // Act
      const result = await execute(server, testContext(table, youthIdentity('265', 'y-1')), query, {
        representations: [representation('Youth', 'y-1')],
      });
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        _entities: [
          {
            id: 'y-1',
            placements: {
              edges: [
                { node: { id: 'p-active', status: 'ACTIVE' } },
                { node: { id: 'p-finished', status: 'COMPLETED' } },
              ],
              pageInfo: { hasNextPage: false },
            },
            currentPlacement: { id: 'p-active' },
          },
        ],
      });
    });

    it('shows the team no current placement for a young person between placements', async () => {
      // Act
      const result = await execute(server, testContext(table, staffIdentity('265')), query, {
        representations: [representation('Youth', 'y-2')],
      });
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toEqual([
        {
          id: 'y-2',
          placements: {
            edges: [{ node: { id: 'p-interrupted', status: 'INTERRUPTED' } }],
            pageInfo: { hasNextPage: false },
          },
          currentPlacement: null,
        },
      ]);
    });

    it.each([
      ['another young person', youthIdentity('265', 'y-2')],
      ['the team of another municipality', staffIdentity('101')],
      ['a company contact not tied to the young person', companyContactIdentity('c-9')],
      ['the programme office', programmeIdentity()],
    ])('refuses %s the reference', async (_who, identity) => {
      // Act
      const result = await execute(server, testContext(table, identity), query, {
        representations: [representation('Youth', 'y-1')],
      });
      // Assess
      expect(result.data?._entities).toEqual([null]);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it('shows a tied company contact the current placement at their company, never the list', async () => {
      // Act
      const result = await execute(
        server,
        testContext(table, companyContactIdentity('c-1')),
        entitiesQuery('Youth', 'id currentPlacement { id } placements { edges { node { id } } }'),
        { representations: [representation('Youth', 'y-1')] },
      );
      // Assess
      expect(result.data?._entities).toEqual([null]);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      const current = await execute(
        server,
        testContext(table, companyContactIdentity('c-1')),
        entitiesQuery('Youth', 'id currentPlacement { id }'),
        { representations: [representation('Youth', 'y-1')] },
      );
      expect(current.errors).toBeUndefined();
      expect(current.data?._entities).toEqual([
        { id: 'y-1', currentPlacement: { id: 'p-active' } },
      ]);
    });

    it('shows a contact of another tied company no current placement', async () => {
      // Act
      const result = await execute(
        server,
        testContext(table, companyContactIdentity('c-2')),
        entitiesQuery('Youth', 'id currentPlacement { id }'),
        { representations: [representation('Youth', 'y-1')] },
      );
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toEqual([{ id: 'y-1', currentPlacement: null }]);
    });

    it("refuses a company contact a young person's list reached through a placement", async () => {
      // Act
      const result = await execute(
        server,
        testContext(table, companyContactIdentity('c-1')),
        '{ placement(id: "p-active") { id youth { placements { edges { node { id } } } } } }',
      );
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(result.data?.placement).toBeNull();
    });
  });

  describe('Company.placements', () => {
    const query = (first: number, after?: string) =>
      entitiesQuery(
        'Company',
        `id placements(first: ${first}${after ? `, after: "${after}"` : ''}) {
          edges { cursor node { id youth { id } } } pageInfo { hasNextPage endCursor }
        }`,
      );

    it("lists the company's placements to its contact, page by page", async () => {
      // Prepare
      const context = () => testContext(table, companyContactIdentity('c-1'));
      const variables = { representations: [representation('Company', 'c-1')] };
      // Act
      const first = await execute<{
        _entities: Array<{ placements: { pageInfo: { endCursor: string } } }>;
      }>(server, context(), query(1), variables);
      const cursor = first.data?._entities[0]?.placements.pageInfo.endCursor as string;
      const second = await execute(server, context(), query(1, cursor), variables);
      // Assess
      expect(first.errors).toBeUndefined();
      expect(first.data?._entities[0]).toMatchObject({
        placements: {
          edges: [{ node: { id: 'p-active', youth: { id: 'y-1' } } }],
          pageInfo: { hasNextPage: true },
        },
      });
      expect(second.errors).toBeUndefined();
      expect(second.data?._entities).toMatchObject([
        { placements: { edges: [{ node: { id: 'p-interrupted', youth: { id: 'y-2' } } }] } },
      ]);
    });

    it('says there is no next page after an exactly full last page', async () => {
      // Prepare: the company has two placements
      const context = () => testContext(table, companyContactIdentity('c-1'));
      const variables = { representations: [representation('Company', 'c-1')] };
      type Page = {
        _entities: Array<{
          placements: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
        }>;
      };
      // Act
      const whole = await execute<Page>(server, context(), query(2), variables);
      const first = await execute<Page>(server, context(), query(1), variables);
      const cursor = first.data?._entities[0]?.placements.pageInfo.endCursor as string;
      const last = await execute<Page>(server, context(), query(1, cursor), variables);
      // Assess
      expect(whole.data?._entities[0]?.placements.edges).toHaveLength(2);
      expect(whole.data?._entities[0]?.placements.pageInfo.hasNextPage).toBe(false);
      expect(last.data?._entities[0]?.placements.edges).toHaveLength(1);
      expect(last.data?._entities[0]?.placements.pageInfo.hasNextPage).toBe(false);
    });

    it("refuses a cursor of another company's list", async () => {
      // Prepare
      const first = await execute<{
        _entities: Array<{ placements: { pageInfo: { endCursor: string } } }>;
      }>(server, testContext(table, staffIdentity('265')), query(1), {
        representations: [representation('Company', 'c-1')],
      });
      const cursor = first.data?._entities[0]?.placements.pageInfo.endCursor as string;
      // Act
      const result = await execute(
        server,
        testContext(table, staffIdentity('265')),
        query(1, cursor),
        {
          representations: [representation('Company', 'c-2')],
        },
      );
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });

    it.each([
      ['a contact of another company', companyContactIdentity('c-2')],
      ['the team of another municipality', staffIdentity('101')],
      ['a young person', youthIdentity('265', 'y-1')],
      ['the programme office', programmeIdentity()],
    ])('refuses %s', async (_who, identity) => {
      // Act
      const result = await execute(server, testContext(table, identity), query(10), {
        representations: [representation('Company', 'c-1')],
      });
      // Assess
      expect(result.data?._entities).toEqual([null]);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });
  });

  describe('Placement references', () => {
    it('resolves placement references for their parties and refuses the rest one by one', async () => {
      // Act
      const result = await execute(
        server,
        testContext(table, companyContactIdentity('c-1')),
        entitiesQuery('Placement', 'id status'),
        {
          representations: [
            representation('Placement', 'p-active'),
            representation('Placement', 'p-finished'),
            representation('Placement', 'p-unknown'),
          ],
        },
      );
      // Assess
      expect(result.data?._entities).toEqual([{ id: 'p-active', status: 'ACTIVE' }, null, null]);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });
  });
});
