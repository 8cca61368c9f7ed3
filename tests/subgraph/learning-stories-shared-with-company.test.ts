import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import { createItemLoader } from '#kernel/entity-loader';
import type { Identity } from '#kernel/identity';
import { countRoundTrips } from '#kernel/table/round-trips';
import type { Table } from '#kernel/table/table';
import { createStory } from '#learning-community/repository/work-story-repository';
import { server } from '#learning-community/server';
import { loadPlacement } from '#placements/repository/placement-repository';
import { server as placementsServer } from '#placements/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { companyContactIdentity, staffIdentity, youthIdentity } from '../support/identities.ts';
import {
  aHost,
  aPlacement,
  givenHosts,
  givenPlacements,
  givenYoungPeople,
  givenYouthCompanyLink,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const WRITE = `mutation ($input: WriteWorkStoryInput!) {
  writeWorkStory(input: $input) { story { id } errors { code } }
}`;

const SHARE = `mutation ($input: ShareWorkStoryInput!) {
  shareWorkStory(input: $input) {
    story { version sharedWithCompany { id } sharedWithGroup { id } }
    errors { code path }
  }
}`;

const STORY = `query ($id: ID!) {
  workStory(id: $id) { id whatIDid youth { id } sharedWithCompany { id } }
}`;

const COMPANY_STORIES = `query ($id: ID!) {
  _entities(representations: [{ __typename: "Company", id: $id }]) {
    ... on Company { sharedStories { edges { node { id whatIWasGoodAt } } } }
  }
}`;

const text = {
  whatIDid: 'Jeg pakkede ordrer og tog imod varer',
  whatIWasGoodAt: 'At finde en bedre rækkefølge',
  whatIWantNext: 'En læreplads på lageret',
};

type StoryResult = { writeWorkStory: { story: { id: string } | null } };
type Listed = { _entities: Array<{ sharedStories: { edges: Array<{ node: { id: string } }> } }> };

describe('learning community subgraph: work stories shared with the company of a placement', () => {
  let table: Table;
  const today = new Date('2026-11-26T10:00:00Z');
  const as = (identity: Identity) => testContext(table, identity, today);
  const asYouth = (youthId: string) => as(youthIdentity('265', youthId));
  const contactOf = (companyId: string) => as(companyContactIdentity(companyId));
  const team = () => as(staffIdentity('265'));

  /** A story by the young person, shared with the company of their placement. */
  async function sharedStory(youthId: string, placementId: string): Promise<string> {
    const written = await execute<StoryResult>(server, asYouth(youthId), WRITE, {
      input: { youthId, ...text },
    });
    const id = written.data?.writeWorkStory.story?.id ?? '';
    const shared = await execute(server, asYouth(youthId), SHARE, {
      input: { id, expectedVersion: 1, companyOfPlacementId: placementId },
    });
    expect(errorCodes(shared)).toEqual([]);
    return id;
  }

  /** The ids the company's contact finds in its listing. */
  async function listedFor(companyId: string): Promise<string[] | undefined> {
    const result = await execute<Listed>(server, contactOf(companyId), COMPANY_STORIES, {
      id: companyId,
    });
    return result.data?._entities[0]?.sharedStories.edges.map((edge) => edge.node.id);
  }

  /** Ends a placement through the placements subgraph, as the team does. */
  async function endPlacement(
    placementId: string,
    how: 'interruptPlacement' | 'completePlacement',
  ): Promise<void> {
    const placement = await loadPlacement(createItemLoader(table), placementId);
    const input = {
      placementId,
      expectedVersion: placement?.version ?? 1,
      outcome: { kind: 'PAUSE', date: '2026-11-25' },
      ...(how === 'interruptPlacement'
        ? {
            reflection: {
              whatHappened: 'Arbejdstiden passede ikke',
              whatWasLearned: 'At sige til i tide',
              whatNext: 'Ny praktik med senere mødetid',
            },
          }
        : {}),
    };
    const type = how === 'interruptPlacement' ? 'InterruptPlacement' : 'CompletePlacement';
    const ended = await execute(
      placementsServer,
      team(),
      `mutation ($input: ${type}Input!) { ${how}(input: $input) { errors { code } } }`,
      { input },
    );
    expect(ended.data).toEqual({ [how]: { errors: [] } });
  }

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '265', ['y-sc-1', 'y-sc-2', 'y-sc-3', 'y-sc-4'], 'IN_PLACEMENT');
    await givenHosts(table, aHost('c-sc-1', '265', { places: 5 }), aHost('c-sc-2', '265'));
    const running = { companyId: 'c-sc-1', status: 'ACTIVE' as const, startDate: '2026-09-01' };
    await givenPlacements(table, [
      aPlacement({ id: 'p-sc-1', youthId: 'y-sc-1', ...running, endDate: '2026-12-01' }),
      aPlacement({ id: 'p-sc-2', youthId: 'y-sc-2', ...running, endDate: '2026-12-01' }),
      aPlacement({ id: 'p-sc-3', youthId: 'y-sc-3', ...running, endDate: '2026-11-25' }),
      aPlacement({ id: 'p-sc-4', youthId: 'y-sc-4', ...running, endDate: '2026-12-01' }),
      aPlacement({
        id: 'p-sc-old',
        youthId: 'y-sc-1',
        companyId: 'c-sc-2',
        status: 'COMPLETED',
        startDate: '2026-03-01',
        endDate: '2026-06-01',
      }),
    ]);
    // The placements subgraph opens the link in the transaction that opens each placement.
    for (const n of [1, 2, 3, 4]) {
      await givenYouthCompanyLink(table, `y-sc-${n}`, 'c-sc-1', [`PLACEMENT#p-sc-${n}`]);
    }
  });

  it("lets the young person share a story with their placement's company, whose contacts read and list it", async () => {
    // Prepare
    const storyId = await sharedStory('y-sc-1', 'p-sc-1');
    // Act
    const read = await execute(server, contactOf('c-sc-1'), STORY, { id: storyId });
    const listed = await listedFor('c-sc-1');
    const byTeam = await execute(server, team(), STORY, { id: storyId });
    // Assess
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({
      workStory: {
        id: storyId,
        whatIDid: text.whatIDid,
        youth: { id: 'y-sc-1' },
        sharedWithCompany: { id: 'c-sc-1' },
      },
    });
    expect(listed).toContain(storyId);
    expect(byTeam.data).toEqual(read.data);
  });

  it("audits the company contact's read of the young person's story", async () => {
    // Prepare
    const storyId = await sharedStory('y-sc-4', 'p-sc-4');
    const readsByContact = async () =>
      (await table.queryAll({ partition: AUDIT_KEYS.youthPartition('y-sc-4') })).filter(
        (record) => record.action === 'READ' && record.role === 'COMPANY_CONTACT',
      );
    const before = (await readsByContact()).length;
    // Act
    await execute(server, contactOf('c-sc-1'), STORY, { id: storyId });
    // Assess
    expect((await readsByContact()).length).toBe(before + 1);
  });

  it.each([
    ['a contact of another company', companyContactIdentity('c-sc-2')],
    ['another young person', youthIdentity('265', 'y-sc-2')],
    ["another municipality's staff", staffIdentity('101')],
  ])('answers %s as if the story did not exist', async (_who, identity) => {
    // Prepare
    const storyId = await sharedStory('y-sc-1', 'p-sc-1');
    // Act
    const read = await execute(server, as(identity), STORY, { id: storyId });
    // Assess
    expect(read.data).toEqual({ workStory: null });
  });

  it("refuses another company's contact the company's listing", async () => {
    // Act
    const result = await execute(server, contactOf('c-sc-2'), COMPANY_STORIES, { id: 'c-sc-1' });
    // Assess
    expect(result.data?._entities).toEqual([null]);
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['interrupted', 'y-sc-2', 'p-sc-2', 'interruptPlacement'],
    ['completed', 'y-sc-3', 'p-sc-3', 'completePlacement'],
  ] as const)(
    "ends the company's access once the placement is %s",
    async (_how, youthId, placementId, how) => {
      // Prepare
      const storyId = await sharedStory(youthId, placementId);
      const before = await execute(server, contactOf('c-sc-1'), STORY, { id: storyId });
      // Act
      await endPlacement(placementId, how);
      const read = await execute(server, contactOf('c-sc-1'), STORY, { id: storyId });
      const listed = await listedFor('c-sc-1');
      const own = await execute(server, asYouth(youthId), STORY, { id: storyId });
      // Assess
      expect(before.data?.workStory).not.toBeNull();
      expect(read.data).toEqual({ workStory: null });
      expect(listed).not.toContain(storyId);
      expect(own.data).toMatchObject({ workStory: { sharedWithCompany: { id: 'c-sc-1' } } });
    },
  );

  it("ends the company's access when the young person stops sharing", async () => {
    // Prepare
    const storyId = await sharedStory('y-sc-1', 'p-sc-1');
    // Act
    const unshared = await execute(server, asYouth('y-sc-1'), SHARE, {
      input: { id: storyId, expectedVersion: 2, companyOfPlacementId: null },
    });
    const read = await execute(server, contactOf('c-sc-1'), STORY, { id: storyId });
    const listed = await listedFor('c-sc-1');
    // Assess
    expect(unshared.data).toEqual({
      shareWorkStory: {
        story: { version: 3, sharedWithCompany: null, sharedWithGroup: null },
        errors: [],
      },
    });
    expect(read.data).toEqual({ workStory: null });
    expect(listed).not.toContain(storyId);
  });

  it.each([
    ["another young person's placement", 'p-sc-2', 'PLACEMENT_NOT_FOUND'],
    ['a placement that does not exist', 'p-sc-none', 'PLACEMENT_NOT_FOUND'],
    ['a placement that has ended', 'p-sc-old', 'PLACEMENT_NOT_CURRENT'],
  ])('refuses sharing through %s, changing nothing', async (_what, placementId, code) => {
    // Prepare
    const written = await execute<StoryResult>(server, asYouth('y-sc-1'), WRITE, {
      input: { youthId: 'y-sc-1', ...text },
    });
    const id = written.data?.writeWorkStory.story?.id ?? '';
    // Act
    const result = await execute(server, asYouth('y-sc-1'), SHARE, {
      input: { id, expectedVersion: 1, companyOfPlacementId: placementId },
    });
    const after = await execute(
      server,
      asYouth('y-sc-1'),
      'query ($id: ID!) { workStory(id: $id) { version sharedWithCompany { id } } }',
      { id },
    );
    // Assess
    expect(result.data).toEqual({
      shareWorkStory: { story: null, errors: [{ code, path: ['companyOfPlacementId'] }] },
    });
    expect(after.data).toEqual({ workStory: { version: 1, sharedWithCompany: null } });
  });

  it("keeps the group a story is shared with from the company's contacts", async () => {
    // Prepare
    const storyId = await sharedStory('y-sc-1', 'p-sc-1');
    // Act
    const result = await execute(
      server,
      contactOf('c-sc-1'),
      'query ($id: ID!) { workStory(id: $id) { id sharedWithGroup { id } } }',
      { id: storyId },
    );
    // Assess
    expect(result.data).toEqual({ workStory: { id: storyId, sharedWithGroup: null } });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
  it('lists twelve stories shared with a company in as many round trips as two', async () => {
    // Prepare: two companies, one with two stories shared with it, one with twelve
    const storiesOf = async (companyId: string, count: number) => {
      for (let n = 1; n <= count; n++) {
        const youthId = `y-${companyId}-${n}`;
        await givenYouthCompanyLink(table, youthId, companyId, [`PLACEMENT#p-${youthId}`]);
        await createStory(table, {
          id: `ws-${companyId}-${n}`,
          youthId,
          municipalityCode: '265',
          ...text,
          authorship: 'YOUTH',
          sharedWithCompanyId: companyId,
          sharedThroughPlacementId: `p-${youthId}`,
          createdAt: `2026-11-${String(n + 10).padStart(2, '0')}T10:00:00.000Z`,
          updatedAt: `2026-11-${String(n + 10).padStart(2, '0')}T10:00:00.000Z`,
          version: 1,
        });
      }
    };
    await givenHosts(table, aHost('c-rt-2', '265'), aHost('c-rt-12', '265'));
    await storiesOf('c-rt-2', 2);
    await storiesOf('c-rt-12', 12);
    const counter = countRoundTrips(table.client);
    const roundTrips = async (companyId: string) => {
      counter.reset();
      expect(await listedFor(companyId)).toHaveLength(Number(companyId.slice(5)));
      return counter.byCommand();
    };
    // Act
    const forTwo = await roundTrips('c-rt-2');
    const forTwelve = await roundTrips('c-rt-12');
    // Assess
    expect(forTwelve).toEqual(forTwo);
  });
});
