import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld, type DemoWorld } from '#infra/local/seed/demo-world';
import { seedLearningCommunity } from '#infra/local/seed/seed-learning-community';
import { storiesSharedWithCompaniesOf } from '#infra/local/seed/seed-shared-stories';
import { newId } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { companyCompanyTieKey } from '#kernel/ties';
import { recountNetworkFigures } from '#learning-community/maintenance/recount';
import { server } from '#learning-community/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { putSharedWorld } from '../support/learning-factories.ts';
import { givenMunicipalities, ROSKILDE } from '../support/people-factories.ts';
import { givenYouthCompanyLink } from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const STATS = `query ($code: ID!) {
  _entities(representations: [{ __typename: "Municipality", code: $code }]) {
    ... on Municipality {
      networkStats { youthGroups companyGroups sessionsHeld attendance { present absent excused } }
    }
  }
}`;

const SUGGESTIONS = `query ($code: ID!) {
  _entities(representations: [{ __typename: "Municipality", code: $code }]) {
    ... on Municipality {
      networkStats { suggestions { madeByYoungPeople madeByCompanies answered actedOn } }
    }
  }
}`;

const ATTENDANCE = `query ($id: ID!) {
  _entities(representations: [{ __typename: "Youth", id: $id }]) {
    ... on Youth {
      networkGroups { id }
      attendance { present absent excused rate records(first: 3) { edges { node { date status } } } }
    }
  }
}`;

describe('seedLearningCommunity', () => {
  let table: Table;
  let world: DemoWorld;

  beforeAll(async () => {
    table = await createTestTable();
    world = buildDemoWorld();
    await putSharedWorld(table, {
      youth: world.youth.map(({ id, municipalityCode }) => ({ id, municipalityCode })),
    });
    await seedLearningCommunity(table, world);
  });

  it("keeps every municipality's counters consistent with the seeded sessions", async () => {
    for (const municipality of world.municipalities) {
      // Prepare
      const groups = world.networkGroups.filter((g) => g.municipalityCode === municipality.code);
      const entries = groups.flatMap((g) => g.sessions.flatMap((s) => s.attendance));
      const count = (status: string) => entries.filter((e) => e.status === status).length;
      // Act
      const result = await execute(
        server,
        testContext(table, staffIdentity(municipality.code)),
        STATS,
        { code: municipality.code },
      );
      // Assess
      expect(result.data).toEqual({
        _entities: [
          {
            networkStats: {
              youthGroups: groups.filter((g) => g.kind === 'YOUTH').length,
              companyGroups: groups.filter((g) => g.kind === 'COMPANY').length,
              sessionsHeld: groups.reduce((n, g) => n + g.sessions.length, 0),
              attendance: {
                present: count('PRESENT'),
                absent: count('ABSENT'),
                excused: count('EXCUSED'),
              },
            },
          },
        ],
      });
    }
  });

  it("counts the seeded suggestions as the recount does, and shows Roskilde's to the programme office", async () => {
    // Prepare
    await givenMunicipalities(table);
    // Act
    const recount = await recountNetworkFigures(table);
    const result = await execute<{ _entities: Array<{ networkStats: unknown }> }>(
      server,
      testContext(table, programmeIdentity()),
      SUGGESTIONS,
      { code: ROSKILDE },
    );
    // Assess
    expect(recount.differences).toEqual([]);
    expect(result.data?._entities[0]?.networkStats).toEqual({
      suggestions: { madeByYoungPeople: 5, madeByCompanies: 0, answered: 5, actedOn: 5 },
    });
  });

  it('gives a young person of Horsens their groups and their own attendance rate', async () => {
    // Prepare
    const group = world.networkGroups.find((g) => g.id === 'g-615-y1');
    const youthId = group?.memberIds[0] ?? '';
    const entries = (group?.sessions ?? []).flatMap((s) =>
      s.attendance.filter((a) => a.memberId === youthId),
    );
    const present = entries.filter((e) => e.status === 'PRESENT').length;
    // Act
    const result = await execute<{ _entities: Array<Record<string, unknown>> }>(
      server,
      testContext(table, youthIdentity('615', youthId)),
      ATTENDANCE,
      { id: youthId },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities[0]).toMatchObject({
      networkGroups: [{ id: 'g-615-y1' }],
      attendance: {
        present,
        rate: present / entries.length,
        records: { edges: [{ node: { date: group?.sessions.at(-1)?.date } }, {}, {}] },
      },
    });
  });

  it('lists the seeded groups of a municipality to its team, with a planned next session', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('630')),
      `{ networkGroup(id: "g-630-y1") {
          name memberCount
          sessions(first: 1) { edges { node { date attendanceRecorded } } }
        } }`,
    );
    // Assess
    expect(result.data).toEqual({
      networkGroup: {
        name: 'Ungenetværk Vejle 1',
        memberCount: 10,
        sessions: { edges: [{ node: { date: '2026-11-26', attendanceRecorded: false } }] },
      },
    });
  });

  it('seeds shared and private work stories: the group sees only the shared one', async () => {
    // Prepare
    const [author, other] = world.networkGroups.find((g) => g.id === 'g-615-y1')?.memberIds ?? [];
    const asOther = () => testContext(table, youthIdentity('615', other ?? ''));
    // Act
    const shared = await execute(
      server,
      asOther(),
      `{ networkGroup(id: "g-615-y1") { sharedStories { edges { node { id youth { id } placement { id } } } } } }`,
    );
    const storyQuery = 'query ($id: ID!) { workStory(id: $id) { id } }';
    const privateStory = await execute(server, asOther(), storyQuery, { id: 'ws-615-3' });
    const nobody = newId();
    const unknownStory = await execute(server, asOther(), storyQuery, { id: nobody });
    // Assess
    expect(shared.data).toEqual({
      networkGroup: {
        sharedStories: {
          edges: [
            { node: { id: 'ws-615-1', youth: { id: author }, placement: { id: 'p-615-001' } } },
          ],
        },
      },
    });
    // Another young person is a stranger to a story kept private: it is answered as a story of
    // nothing, null without an error (#18, class 7).
    expect(privateStory.data?.workStory).toBeNull();
    expect(JSON.stringify(privateStory).replaceAll('ws-615-3', 'ID')).toBe(
      JSON.stringify(unknownStory).replaceAll(nobody, 'ID'),
    );
  });

  it('lets staff of Vejle find the learning Horsens shared, and see the gathering and training', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('630')),
      `{
        practiceLearnings(search: { tag: "mødestabilitet" }) { edges { node { title municipality { code } } } }
        unitedGatherings { edges { node { startDate endDate hostMunicipality { code } outcomes } } }
        teamTrainings { edges { node { trainedMunicipality { code } startDate } } }
      }`,
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      practiceLearnings: {
        edges: [
          { node: { title: 'Morgenmøder giver mødestabilitet', municipality: { code: '615' } } },
        ],
      },
      unitedGatherings: {
        edges: [
          {
            node: {
              startDate: '2026-04-29',
              endDate: '2026-04-30',
              hostMunicipality: { code: '630' },
            },
          },
        ],
      },
      teamTrainings: {
        edges: [{ node: { trainedMunicipality: { code: '751' }, startDate: '2026-09-14' } }],
      },
    });
  });

  it("seeds a story shared with the company of a running placement, which the company's contact lists", async () => {
    // Prepare
    const story = storiesSharedWithCompaniesOf(world).find((s) => s.municipalityCode === '265');
    if (!story?.sharedWithCompanyId) throw new Error('The demo shares no story with a company');
    const companyId = story.sharedWithCompanyId;
    // The companies seeder writes the company and its contact, the people seeder the link of
    // every running placement.
    await putSharedWorld(table, {
      companies: [{ id: companyId, municipalityCode: '265' }],
      contacts: [{ id: `${companyId}-contact`, companyId }],
    });
    await givenYouthCompanyLink(table, story.youthId, companyId, [
      `PLACEMENT#${story.sharedThroughPlacementId}`,
    ]);
    // Act
    const result = await execute(
      server,
      testContext(table, companyContactIdentity(companyId)),
      `query ($id: ID!) { _entities(representations: [{ __typename: "Company", id: $id }]) {
        ... on Company { sharedStories { edges { node { id youth { id } } } } } } }`,
      { id: companyId },
    );
    // Assess
    expect(result.data).toEqual({
      _entities: [
        { sharedStories: { edges: [{ node: { id: story.id, youth: { id: story.youthId } } }] } },
      ],
    });
  });

  it('seeds the municipal managers who came to the gathering in Vejle', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('630')),
      '{ unitedGathering(id: "ug-2026-04-vejle") { managers { municipality { code } name title } } }',
    );
    // Assess
    expect(result.data).toMatchObject({
      unitedGathering: {
        managers: expect.arrayContaining([
          { municipality: { code: '630' }, name: 'Birgitte Holm', title: 'Jobcenterchef' },
        ]),
      },
    });
  });

  it('seeds a youth-group session a company hosted, whose attendance tied the young people present to it', async () => {
    // Prepare
    const demo = world.networkGroups.find((g) => g.id === 'g-265-y1');
    const held = demo?.sessions.at(-1);
    const present = (held?.attendance ?? []).filter((a) => a.status === 'PRESENT');
    // Act
    const session = await execute<{
      networkSession: { hostCompany: { id: string } | null; attendance: unknown[] };
    }>(
      server,
      testContext(table, staffIdentity('265')),
      'query ($id: ID!) { networkSession(id: $id) { hostCompany { id } attendance { memberId status } } }',
      { id: held?.id },
    );
    const hostId = session.data?.networkSession.hostCompany?.id ?? '';
    const ties = await table.batchGet(
      present.map((a) => sharedKeys.youthCompanyTie(a.memberId, hostId)),
    );
    // Assess
    expect(present.length).toBeGreaterThan(0);
    expect(session.data?.networkSession).toEqual({
      hostCompany: { id: expect.any(String) },
      attendance: held?.attendance,
    });
    expect(ties.map((tie) => [...((tie?.ways as Set<string>) ?? [])])).toEqual(
      present.map(() => expect.arrayContaining(['GROUP_SESSION'])),
    );
  });

  // Seeds a second table from scratch: slow when the other test files load DynamoDB Local too.
  it("ties each demo youth group's young people to each other, and each company group's companies", async () => {
    // Prepare
    const youthGroup = world.networkGroups.find((g) => g.id === 'g-615-y1');
    const companyGroup = world.networkGroups.find(
      (g) => g.municipalityCode === '615' && g.kind === 'COMPANY',
    );
    const [first, ...others] = youthGroup?.memberIds ?? [];
    const contacts = new Map(
      world.companies.flatMap((c) => c.contacts.map((contact) => [contact.id, c.id] as const)),
    );
    const companies = [...new Set((companyGroup?.memberIds ?? []).map((id) => contacts.get(id)))];
    // Act
    const peers = await table.get(sharedKeys.youthPeerTies(first ?? ''));
    const companyTie = await table.get(
      companyCompanyTieKey(companies[0] ?? '', companies[1] ?? ''),
    );
    // Assess
    expect(others.length).toBeGreaterThan(0);
    expect(peers?.peers).toEqual(new Set(others));
    expect(companies.length).toBeGreaterThan(1);
    expect(companyTie?.ways).toEqual(new Set(['COMPANY_GROUP']));
  });

  it('derives the same items on every run', async () => {
    // Prepare
    const again = await createTestTable();
    await seedLearningCommunity(again, buildDemoWorld());
    // Act
    const [first, second] = await Promise.all(
      [table, again].map((t) => t.queryAll({ partition: 'LEARNING#TAG#mødestabilitet' })),
    );
    // Assess
    expect(second).toEqual(first);
  }, 120_000);
});
