import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { server } from '#learning-community/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { putSharedWorld } from '../support/learning-factories.ts';
import { scanWholeTable } from '../support/privacy-scan.ts';
import { createTestTable } from '../support/table.ts';

const SHARE = `mutation ($input: SharePracticeLearningInput!) {
  sharePracticeLearning(input: $input) { learning { id title tags municipality { code } } errors { code } }
}`;

const LEARNING = `query ($id: ID!) {
  practiceLearning(id: $id) { title body tags municipality { code } sharedBy { id } sharedAt }
}`;

const SEARCH = `query ($search: PracticeLearningSearch, $first: Int, $after: String) {
  practiceLearnings(search: $search, first: $first, after: $after) {
    edges { node { title } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const PLAN = `mutation ($input: PlanUnitedGatheringInput!) {
  planUnitedGathering(input: $input) {
    gathering {
      id startDate endDate version agenda outcomes hostMunicipality { code }
      participants { kind role municipality { code } staff { id } }
    }
    errors { code path }
  }
}`;

const OUTCOMES = `mutation ($input: RecordGatheringOutcomesInput!) {
  recordGatheringOutcomes(input: $input) { gathering { outcomes version } errors { code } }
}`;

const TRAIN = `mutation ($input: RecordTeamTrainingInput!) {
  recordTeamTraining(input: $input) {
    training { id startDate endDate topics trainedMunicipality { code } trainers { municipality { code } staff { id } } }
    errors { code path }
  }
}`;

const dpo: Identity = {
  role: 'DATA_PROTECTION_OFFICER',
  subject: 'sub-dpo',
  municipalityCode: '630',
};
const horsens = staffIdentity('615', 'NETWORK_CONSULTANT', 'staff-615-2');
const vejle = staffIdentity('630', 'PSYCHOLOGIST', 'staff-630-6');

type Share = { sharePracticeLearning: { learning: { id: string } } };
type Search = {
  practiceLearnings: {
    edges: Array<{ node: { title: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

describe('learning community subgraph: NEXTWORK United', () => {
  let table: Table;
  let morningId: string;

  const share = async (identity: Identity, title: string, tags: string[], at: string) => {
    const result = await execute<Share>(server, testContext(table, identity, new Date(at)), SHARE, {
      input: { title, body: 'Hvad vi gjorde, og hvad der virkede.', tags },
    });
    return result.data?.sharePracticeLearning.learning.id ?? '';
  };

  beforeAll(async () => {
    table = await createTestTable();
    await putSharedWorld(table, {
      staff: [
        { id: 'staff-615-2', municipalityCode: '615' },
        { id: 'staff-630-1', municipalityCode: '630', role: 'TEAM_LEADER' },
        { id: 'staff-630-6', municipalityCode: '630', role: 'PSYCHOLOGIST' },
        { id: 'staff-101-1', municipalityCode: '101', role: 'TEAM_LEADER' },
      ],
      // Aarhus (751) has joined the programme: its new team is trained below.
      municipalities: ['101', '615', '630', '751'],
    });
    morningId = await share(
      horsens,
      'Morgenmøder giver mødestabilitet',
      ['Mødestabilitet', 'praktik'],
      '2026-05-04T08:00:00Z',
    );
    await share(
      vejle,
      'Virksomhedsnetværk der mødes hos værten',
      ['virksomheder'],
      '2026-06-01T08:00:00Z',
    );
    await share(
      staffIdentity('101'),
      'Mødestabilitet i vinterhalvåret',
      ['mødestabilitet'],
      '2026-10-01T08:00:00Z',
    );
  });

  describe('practice learnings', () => {
    it('lets staff of Vejle read a learning shared by Horsens, without the person who shared it', async () => {
      // Act
      const vejleRead = await execute(server, testContext(table, vejle), LEARNING, {
        id: morningId,
      });
      const horsensRead = await execute(server, testContext(table, horsens), LEARNING, {
        id: morningId,
      });
      // Assess
      expect(vejleRead.errors).toBeUndefined();
      expect(vejleRead.data).toEqual({
        practiceLearning: {
          title: 'Morgenmøder giver mødestabilitet',
          body: 'Hvad vi gjorde, og hvad der virkede.',
          tags: ['mødestabilitet', 'praktik'],
          municipality: { code: '615' },
          sharedBy: null,
          sharedAt: '2026-05-04T08:00:00.000Z',
        },
      });
      expect(horsensRead.data).toMatchObject({
        practiceLearning: { sharedBy: { id: 'staff-615-2' } },
      });
    });

    it('lists the most recent learnings page by page', async () => {
      // Prepare
      const context = testContext(table, programmeIdentity());
      // Act
      const first = await execute<Search>(server, context, SEARCH, { first: 2 });
      const second = await execute<Search>(server, context, SEARCH, {
        first: 2,
        after: first.data?.practiceLearnings.pageInfo.endCursor,
      });
      // Assess
      expect(first.data?.practiceLearnings.edges.map((e) => e.node.title)).toEqual([
        'Mødestabilitet i vinterhalvåret',
        'Virksomhedsnetværk der mødes hos værten',
      ]);
      expect(first.data?.practiceLearnings.pageInfo.hasNextPage).toBe(true);
      expect(second.data?.practiceLearnings).toMatchObject({
        edges: [{ node: { title: 'Morgenmøder giver mødestabilitet' } }],
        pageInfo: { hasNextPage: false },
      });
    });

    it.each([
      [
        { tag: 'MØDESTABILITET' },
        ['Mødestabilitet i vinterhalvåret', 'Morgenmøder giver mødestabilitet'],
      ],
      [
        { words: 'mødestabilitet' },
        ['Mødestabilitet i vinterhalvåret', 'Morgenmøder giver mødestabilitet'],
      ],
      [{ tag: 'mødestabilitet', words: 'Morgenmøder!' }, ['Morgenmøder giver mødestabilitet']],
      [{ words: 'værten virksomhedsnetværk' }, ['Virksomhedsnetværk der mødes hos værten']],
      [{ tag: 'praktik', words: 'vinterhalvåret' }, []],
      [{ tag: 'ukendt' }, []],
    ])('searches by tag and title words: %j', async (search, titles) => {
      // Act
      const result = await execute<Search>(server, testContext(table, vejle), SEARCH, { search });
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.practiceLearnings.edges.map((e) => e.node.title)).toEqual(titles);
    });

    it('pages through a search and refuses the cursor for another search', async () => {
      // Prepare
      const context = testContext(table, vejle);
      const first = await execute<Search>(server, context, SEARCH, {
        search: { tag: 'mødestabilitet' },
        first: 1,
      });
      const cursor = first.data?.practiceLearnings.pageInfo.endCursor;
      // Act
      const next = await execute<Search>(server, context, SEARCH, {
        search: { tag: 'mødestabilitet' },
        first: 1,
        after: cursor,
      });
      const misused = await execute(server, context, SEARCH, {
        search: { tag: 'praktik' },
        after: cursor,
      });
      // Assess
      expect(first.data?.practiceLearnings.pageInfo.hasNextPage).toBe(true);
      expect(next.data?.practiceLearnings.edges.map((e) => e.node.title)).toEqual([
        'Morgenmøder giver mødestabilitet',
      ]);
      expect(errorCodes(misused)).toEqual(['BAD_USER_INPUT']);
    });

    it('rejects a search with nothing searchable in it', async () => {
      // Act
      const result = await execute(server, testContext(table, vejle), SEARCH, {
        search: { words: 'i ?' },
      });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });

    it.each([
      ['a young person', youthIdentity('615', 'y-615-001')],
      ['a company contact', companyContactIdentity('c-615-001')],
      ['a data protection officer', dpo],
    ])('refuses learnings to %s', async (_who, identity) => {
      // Act
      const list = await execute(server, testContext(table, identity), SEARCH, {});
      const one = await execute(server, testContext(table, identity), LEARNING, { id: morningId });
      // Assess
      expect(errorCodes(list)).toEqual(['FORBIDDEN']);
      expect(errorCodes(one)).toEqual(['FORBIDDEN']);
    });

    it.each([
      ['a young person', youthIdentity('615', 'y-615-001')],
      ['the programme office', programmeIdentity()],
    ])('refuses sharing a learning to %s', async (_who, identity) => {
      // Act
      const result = await execute(server, testContext(table, identity), SHARE, {
        input: { title: 'X', body: 'Y', tags: [] },
      });
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it('rejects malformed tags', async () => {
      // Act
      const result = await execute(server, testContext(table, vejle), SHARE, {
        input: { title: 'Titel', body: 'Tekst', tags: ['#hash'] },
      });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('gatherings', () => {
    const plan = {
      startDate: '2026-04-29',
      endDate: '2026-04-30',
      hostMunicipalityCode: '630',
      participants: [
        { kind: 'TEAM', staffId: 'staff-630-1', municipalityCode: '630', role: 'Teamleder' },
        {
          kind: 'TEAM',
          staffId: 'staff-615-2',
          municipalityCode: '615',
          role: 'Netværkskonsulent',
        },
        { kind: 'MANAGEMENT', role: 'Programchef' },
      ],
      agenda: ['Læring fra årets praktikforløb', 'Oplæring af nye teams'],
    };

    it('are planned by the programme office, shown to every team, and their outcomes recorded', async () => {
      // Prepare
      const planned = await execute<{ planUnitedGathering: { gathering: { id: string } } }>(
        server,
        testContext(table, programmeIdentity()),
        PLAN,
        { input: plan },
      );
      const id = planned.data?.planUnitedGathering.gathering.id;
      // Act
      const recorded = await execute(
        server,
        testContext(table, staffIdentity('630', 'TEAM_LEADER')),
        OUTCOMES,
        {
          input: { id, expectedVersion: 1, outcomes: ['Fælles skabelon for arbejdsfortællinger'] },
        },
      );
      const stale = await execute(server, testContext(table, programmeIdentity()), OUTCOMES, {
        input: { id, expectedVersion: 1, outcomes: ['X'] },
      });
      const readByVejle = await execute(
        server,
        testContext(table, vejle),
        'query ($id: ID!) { unitedGathering(id: $id) { outcomes participants { role staff { id } } } }',
        { id },
      );
      // Assess
      expect(planned.data?.planUnitedGathering).toMatchObject({
        gathering: {
          startDate: '2026-04-29',
          endDate: '2026-04-30',
          hostMunicipality: { code: '630' },
          outcomes: [],
          version: 1,
          participants: [
            { kind: 'TEAM', role: 'Teamleder', municipality: { code: '630' }, staff: null },
            { kind: 'TEAM', role: 'Netværkskonsulent', municipality: { code: '615' }, staff: null },
            { kind: 'MANAGEMENT', role: 'Programchef', municipality: null, staff: null },
          ],
        },
        errors: [],
      });
      expect(recorded.data).toEqual({
        recordGatheringOutcomes: {
          gathering: { outcomes: ['Fælles skabelon for arbejdsfortællinger'], version: 2 },
          errors: [],
        },
      });
      expect(errorCodes(stale)).toEqual(['CONFLICT']);
      expect(readByVejle.data).toEqual({
        unitedGathering: {
          outcomes: ['Fælles skabelon for arbejdsfortællinger'],
          participants: [
            { role: 'Teamleder', staff: { id: 'staff-630-1' } },
            { role: 'Netværkskonsulent', staff: null },
            { role: 'Programchef', staff: null },
          ],
        },
      });
    });

    it('refuses a participant who is not on the named team, writing nothing', async () => {
      // Act
      const result = await execute(server, testContext(table, programmeIdentity()), PLAN, {
        input: {
          ...plan,
          participants: [
            { kind: 'TEAM', staffId: 'staff-615-2', municipalityCode: '630', role: 'Gæst' },
          ],
        },
      });
      // Assess
      expect(result.data).toEqual({
        planUnitedGathering: {
          gathering: null,
          errors: [{ code: 'STAFF_NOT_FOUND', path: ['participants', '0', 'staffId'] }],
        },
      });
    });

    it.each([
      ['an end before the start', { ...plan, endDate: '2026-04-28' }],
      [
        'a team participant without a staff id',
        { ...plan, participants: [{ kind: 'TEAM', role: 'X' }] },
      ],
    ])('rejects %s as malformed', async (_case, input) => {
      // Act
      const result = await execute(server, testContext(table, programmeIdentity()), PLAN, {
        input,
      });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });

    it.each([
      ['a network consultant', staffIdentity('630')],
      ['a young person', youthIdentity('630', 'y-630-001')],
    ])('refuses planning to %s', async (_who, identity) => {
      // Act
      const result = await execute(server, testContext(table, identity), PLAN, { input: plan });
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it.each([
      ['a young person', youthIdentity('630', 'y-630-001')],
      ['a company contact', companyContactIdentity('c-630-001')],
    ])('refuses the gatherings to %s', async (_who, identity) => {
      // Act
      const result = await execute(
        server,
        testContext(table, identity),
        '{ unitedGatherings { edges { node { id } } } }',
      );
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });
  });

  describe('managers taking part in a gathering', () => {
    const MANAGERS =
      'query ($id: ID!) { unitedGathering(id: $id) { managers { municipality { code } title name } } }';
    const managers = [
      { municipalityCode: '630', name: 'Birgitte Holm', title: 'Jobcenterchef' },
      { municipalityCode: '101', name: 'Anders Friis', title: 'Direktør for beskæftigelse' },
    ];
    const plan = {
      startDate: '2026-10-27',
      endDate: '2026-10-28',
      hostMunicipalityCode: '630',
      participants: [
        { kind: 'TEAM', staffId: 'staff-615-2', municipalityCode: '615', role: 'Konsulent' },
      ],
      agenda: ['Ledernes blik på netværket'],
      managers,
    };
    const planned = async (input: Record<string, unknown> = plan) => {
      const result = await execute<{
        planUnitedGathering: { gathering: { id: string } | null; errors: unknown[] };
      }>(
        server,
        testContext(table, programmeIdentity(), new Date('2026-10-01T09:00:00Z')),
        'mutation ($input: PlanUnitedGatheringInput!) { planUnitedGathering(input: $input) { gathering { id } errors { code path } } }',
        { input },
      );
      return result.data?.planUnitedGathering;
    };

    it('records the managers with their municipality and title, named to the programme office and the teams taking part', async () => {
      // Prepare
      const id = (await planned())?.gathering?.id;
      const read = (identity: Identity) =>
        execute(server, testContext(table, identity), MANAGERS, { id });
      // Act
      const byProgramme = await read(programmeIdentity());
      const byHorsens = await read(horsens);
      const byCopenhagen = await read(staffIdentity('101'));
      // Assess
      const named = {
        unitedGathering: {
          managers: [
            { municipality: { code: '630' }, title: 'Jobcenterchef', name: 'Birgitte Holm' },
            {
              municipality: { code: '101' },
              title: 'Direktør for beskæftigelse',
              name: 'Anders Friis',
            },
          ],
        },
      };
      expect(byProgramme.errors).toBeUndefined();
      expect(byProgramme.data).toEqual(named);
      expect(byHorsens.data).toEqual(named);
      expect(byCopenhagen.data).toEqual(named);
    });

    it("keeps a manager's name from the team of a municipality not taking part", async () => {
      // Prepare
      const id = (await planned())?.gathering?.id;
      // Act
      const result = await execute(server, testContext(table, staffIdentity('751')), MANAGERS, {
        id,
      });
      // Assess
      expect(errorCodes(result)).toContain('FORBIDDEN');
      expect(JSON.stringify(result.data)).not.toContain('Birgitte Holm');
      expect(JSON.stringify(result.data)).not.toContain('Anders Friis');
    });

    it('records the planning with its CHANGE audit record', async () => {
      // Prepare
      const changes = async () =>
        (await scanWholeTable(table)).filter(
          (item) =>
            item.entity === 'AUDIT' &&
            item.action === 'CHANGE' &&
            item.target === 'Mutation.planUnitedGathering',
        );
      const before = (await changes()).length;
      // Act
      await planned();
      // Assess
      expect((await changes()).length).toBe(before + 1);
    });

    it('refuses a manager of a municipality that is not in the programme', async () => {
      // Act
      const result = await planned({
        ...plan,
        managers: [...managers, { municipalityCode: '999', name: 'Ukendt', title: 'Chef' }],
      });
      // Assess
      expect(result).toEqual({
        gathering: null,
        errors: [{ code: 'MUNICIPALITY_NOT_FOUND', path: ['managers', '2', 'municipalityCode'] }],
      });
    });

    it('rejects a manager without a name as malformed', async () => {
      // Act
      const result = await execute(server, testContext(table, programmeIdentity()), PLAN, {
        input: { ...plan, managers: [{ municipalityCode: '630', name: ' ', title: 'Chef' }] },
      });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('training of new teams', () => {
    it('is recorded by a team leader and listed to every team', async () => {
      // Act
      const recorded = await execute(
        server,
        testContext(table, staffIdentity('101', 'TEAM_LEADER')),
        TRAIN,
        {
          input: {
            trainedMunicipalityCode: '751',
            startDate: '2026-09-14',
            endDate: '2026-09-16',
            trainers: [
              { staffId: 'staff-101-1', municipalityCode: '101' },
              { staffId: 'staff-630-1', municipalityCode: '630' },
            ],
            topics: ['Mange til mange', 'Netværksgrupper i praksis'],
          },
        },
      );
      const listed = await execute(
        server,
        testContext(table, vejle),
        '{ teamTrainings { edges { node { trainedMunicipality { code } trainers { municipality { code } staff { id } } } } } }',
      );
      // Assess
      expect(recorded.data).toMatchObject({
        recordTeamTraining: {
          training: {
            trainedMunicipality: { code: '751' },
            topics: ['Mange til mange', 'Netværksgrupper i praksis'],
          },
          errors: [],
        },
      });
      expect(listed.data).toEqual({
        teamTrainings: {
          edges: [
            {
              node: {
                trainedMunicipality: { code: '751' },
                trainers: [
                  { municipality: { code: '101' }, staff: null },
                  { municipality: { code: '630' }, staff: { id: 'staff-630-1' } },
                ],
              },
            },
          ],
        },
      });
    });

    it('refuses a training of a municipality that is not in the programme, writing nothing', async () => {
      // Act
      const result = await execute(server, testContext(table, programmeIdentity()), TRAIN, {
        input: {
          trainedMunicipalityCode: '461',
          startDate: '2026-09-14',
          endDate: '2026-09-14',
          trainers: [{ staffId: 'staff-101-1', municipalityCode: '101' }],
          topics: [],
        },
      });
      const listed = await execute(
        server,
        testContext(table, vejle),
        '{ teamTrainings { edges { node { trainedMunicipality { code } } } } }',
      );
      // Assess
      expect(result.data).toEqual({
        recordTeamTraining: {
          training: null,
          errors: [{ code: 'MUNICIPALITY_NOT_FOUND', path: ['trainedMunicipalityCode'] }],
        },
      });
      const codes = (
        listed.data as {
          teamTrainings: { edges: Array<{ node: { trainedMunicipality: { code: string } } }> };
        }
      ).teamTrainings.edges.map((edge) => edge.node.trainedMunicipality.code);
      expect(codes).not.toContain('461');
    });

    it('refuses a trainer who is not on the named team', async () => {
      // Act
      const result = await execute(server, testContext(table, programmeIdentity()), TRAIN, {
        input: {
          trainedMunicipalityCode: '751',
          startDate: '2026-09-14',
          endDate: '2026-09-14',
          trainers: [{ staffId: 'staff-404', municipalityCode: '101' }],
          topics: [],
        },
      });
      // Assess
      expect(result.data).toEqual({
        recordTeamTraining: {
          training: null,
          errors: [{ code: 'STAFF_NOT_FOUND', path: ['trainers', '0', 'staffId'] }],
        },
      });
    });

    it.each([
      ['a psychologist', vejle],
      ['a company contact', companyContactIdentity('c-630-001')],
    ])('refuses recording to %s', async (_who, identity) => {
      // Act
      const result = await execute(server, testContext(table, identity), TRAIN, {
        input: {
          trainedMunicipalityCode: '751',
          startDate: '2026-09-14',
          endDate: '2026-09-14',
          trainers: [{ staffId: 'staff-101-1', municipalityCode: '101' }],
          topics: [],
        },
      });
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it('refuses the list to a young person', async () => {
      // Act
      const result = await execute(
        server,
        testContext(table, youthIdentity('630', 'y-630-001')),
        '{ teamTrainings { edges { node { id } } } }',
      );
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });
  });
});
