import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '#kernel/table/table';
import type { NetworkGroup } from '#learning-community/domain/network-group';
import { server } from '#learning-community/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { givenGroup, putSharedWorld } from '../support/learning-factories.ts';
import { createTestTable } from '../support/table.ts';

const WRITE = `mutation ($input: WriteWorkStoryInput!) {
  writeWorkStory(input: $input) {
    story {
      id version authorship whatIDid whatIWasGoodAt whatIWantNext
      youth { id } placement { id } writtenWith { id } sharedWithGroup { id }
    }
    errors { code path }
  }
}`;

const SHARE = `mutation ($input: ShareWorkStoryInput!) {
  shareWorkStory(input: $input) { story { version sharedWithGroup { id } } errors { code path } }
}`;

const UPDATE = `mutation ($input: UpdateWorkStoryInput!) {
  updateWorkStory(input: $input) { story { whatIWantNext version } errors { code } }
}`;

const STORY = 'query ($id: ID!) { workStory(id: $id) { id whatIDid } }';

const SHARED = `query ($id: ID!) {
  networkGroup(id: $id) { sharedStories { edges { node { id } } } }
}`;

const OWN_STORIES = `query ($id: ID!) {
  _entities(representations: [{ __typename: "Youth", id: $id }]) {
    ... on Youth { workStories { edges { node { id } } } }
  }
}`;

const text = {
  whatIDid: 'Jeg stod for varemodtagelsen hver morgen',
  whatIWasGoodAt: 'At holde styr på mange ting på én gang',
  whatIWantNext: 'En læreplads som lagermedarbejder',
};

type WriteResult = { writeWorkStory: { story: { id: string } | null } };

describe('learning community subgraph: work stories', () => {
  let table: Table;
  let group: NetworkGroup;
  const asYouth = (id: string) => testContext(table, youthIdentity('265', id));
  const write = async (youthId: string, extra: Record<string, unknown> = {}) => {
    const result = await execute<WriteResult>(server, asYouth(youthId), WRITE, {
      input: { youthId, ...text, ...extra },
    });
    return result.data?.writeWorkStory.story?.id ?? '';
  };

  beforeAll(async () => {
    table = await createTestTable();
    await putSharedWorld(table, {
      staff: [{ id: 'staff-265-1', municipalityCode: '265' }],
      youth: [
        { id: 'y-265-1', municipalityCode: '265' },
        { id: 'y-265-2', municipalityCode: '265' },
        { id: 'y-265-3', municipalityCode: '265' },
        { id: 'y-101-1', municipalityCode: '101' },
      ],
      placements: [
        {
          id: 'p-265-004',
          youthId: 'y-265-1',
          municipalityCode: '265',
          companyId: 'c-265-1',
          status: 'ACTIVE',
        },
      ],
    });
    group = await givenGroup(table, {
      municipalityCode: '265',
      members: ['y-265-1', 'y-265-2'],
    });
  });

  describe('writeWorkStory', () => {
    it('lets a young person write their own story about a placement', async () => {
      // Act
      const result = await execute(server, asYouth('y-265-1'), WRITE, {
        input: { youthId: 'y-265-1', placementId: 'p-265-004', ...text },
      });
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.writeWorkStory).toMatchObject({
        story: {
          version: 1,
          authorship: 'YOUTH',
          ...text,
          youth: { id: 'y-265-1' },
          placement: { id: 'p-265-004' },
          writtenWith: null,
          sharedWithGroup: null,
        },
        errors: [],
      });
    });

    it('lets a team member write a story with a young person, but not share it', async () => {
      // Prepare
      const staff = testContext(table, staffIdentity('265', 'NETWORK_CONSULTANT', 'staff-265-1'));
      // Act
      const written = await execute(server, staff, WRITE, {
        input: { youthId: 'y-265-3', ...text },
      });
      const shared = await execute(server, staff, WRITE, {
        input: { youthId: 'y-265-1', ...text, shareWithGroupId: group.id },
      });
      // Assess
      expect(written.data?.writeWorkStory).toMatchObject({
        story: {
          authorship: 'WITH_STAFF',
          writtenWith: { id: 'staff-265-1' },
          youth: { id: 'y-265-3' },
        },
        errors: [],
      });
      expect(shared.data).toEqual({
        writeWorkStory: {
          story: null,
          errors: [{ code: 'ONLY_THE_YOUNG_PERSON_SHARES', path: ['shareWithGroupId'] }],
        },
      });
    });

    it("refuses a young person writing someone else's story, writing nothing", async () => {
      // Act
      const result = await execute(server, asYouth('y-265-1'), WRITE, {
        input: { youthId: 'y-265-2', ...text },
      });
      const stories = await execute(server, asYouth('y-265-2'), OWN_STORIES, { id: 'y-265-2' });
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(stories.data).toEqual({ _entities: [{ workStories: { edges: [] } }] });
    });

    it.each([
      // A stranger to the young person hears what an unknown id gets (#18, class 7); roles that
      // may write no story are refused whatever the id.
      ['staff of another municipality', staffIdentity('101'), []],
      ['a company contact', companyContactIdentity('c-265-1'), ['FORBIDDEN']],
      ['the programme office', programmeIdentity(), ['FORBIDDEN']],
    ])('refuses %s', async (_who, identity, codes) => {
      // Act
      const result = await execute(server, testContext(table, identity), WRITE, {
        input: { youthId: 'y-265-1', ...text },
      });
      // Assess
      expect(errorCodes(result)).toEqual(codes);
    });

    it('refuses sharing with a group the young person is not in', async () => {
      // Act
      const result = await execute(server, asYouth('y-265-3'), WRITE, {
        input: { youthId: 'y-265-3', ...text, shareWithGroupId: group.id },
      });
      // Assess
      expect(result.data).toEqual({
        writeWorkStory: {
          story: null,
          errors: [{ code: 'NOT_YOUR_GROUP', path: ['shareWithGroupId'] }],
        },
      });
    });

    it('rejects an empty part of the story as malformed', async () => {
      // Act
      const result = await execute(server, asYouth('y-265-1'), WRITE, {
        input: { youthId: 'y-265-1', ...text, whatIWasGoodAt: ' ' },
      });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('private and shared stories in a group', () => {
    it('keeps a private story from the others in the group until the young person shares it', async () => {
      // Prepare
      const storyId = await write('y-265-1');
      // A fresh context per request, as in production: the loader caches within one request.
      const other = () => asYouth('y-265-2');
      // Act
      const privateRead = await execute(server, other(), STORY, { id: storyId });
      const privateList = await execute(server, other(), SHARED, { id: group.id });
      const shared = await execute(server, asYouth('y-265-1'), SHARE, {
        input: { id: storyId, expectedVersion: 1, groupId: group.id },
      });
      const sharedRead = await execute(server, other(), STORY, { id: storyId });
      const sharedList = await execute(server, other(), SHARED, { id: group.id });
      // Assess
      expect(errorCodes(privateRead)).toEqual([]);
      expect(privateList.data).toEqual({ networkGroup: { sharedStories: { edges: [] } } });
      expect(shared.data).toEqual({
        shareWorkStory: { story: { version: 2, sharedWithGroup: { id: group.id } }, errors: [] },
      });
      expect(sharedRead.data).toEqual({ workStory: { id: storyId, whatIDid: text.whatIDid } });
      expect(sharedList.data).toEqual({
        networkGroup: { sharedStories: { edges: [{ node: { id: storyId } }] } },
      });
    });

    it('makes a shared story private again', async () => {
      // Prepare
      const storyId = await write('y-265-2', { shareWithGroupId: group.id });
      // Act
      await execute(server, asYouth('y-265-2'), SHARE, {
        input: { id: storyId, expectedVersion: 1, groupId: null },
      });
      const read = await execute(server, asYouth('y-265-1'), STORY, { id: storyId });
      const list = await execute<{
        networkGroup: { sharedStories: { edges: Array<{ node: { id: string } }> } };
      }>(server, asYouth('y-265-1'), SHARED, { id: group.id });
      // Assess
      expect(errorCodes(read)).toEqual([]);
      expect(list.data?.networkGroup.sharedStories.edges.map((e) => e.node.id)).not.toContain(
        storyId,
      );
    });

    it('does not show who helped write a shared story to the others in the group', async () => {
      // Prepare
      const storyId = await write('y-265-1', { shareWithGroupId: group.id });
      // Act
      const result = await execute(
        server,
        asYouth('y-265-2'),
        'query ($id: ID!) { workStory(id: $id) { writtenWith { id } } }',
        {
          id: storyId,
        },
      );
      // Assess
      expect(result.data).toEqual({ workStory: { writtenWith: null } });
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it('hides the group of a shared story from its author once they have left the group', async () => {
      // Prepare
      const leaving = await givenGroup(table, { municipalityCode: '265', members: ['y-265-3'] });
      const storyId = await write('y-265-3', { shareWithGroupId: leaving.id });
      await execute(
        server,
        testContext(table, staffIdentity('265')),
        `mutation ($input: NetworkGroupMembersInput!) { removeNetworkGroupMembers(input: $input) { errors { code } } }`,
        { input: { groupId: leaving.id, expectedVersion: 1, memberIds: ['y-265-3'] } },
      );
      const query = 'query ($id: ID!) { workStory(id: $id) { id sharedWithGroup { id } } }';
      // Act
      const author = await execute(server, asYouth('y-265-3'), query, { id: storyId });
      const team = await execute(server, testContext(table, staffIdentity('265')), query, {
        id: storyId,
      });
      // Assess
      expect(author.data).toEqual({ workStory: { id: storyId, sharedWithGroup: null } });
      expect(errorCodes(author)).toEqual(['FORBIDDEN']);
      expect(team.data).toEqual({
        workStory: { id: storyId, sharedWithGroup: { id: leaving.id } },
      });
    });

    it('lets only the young person decide on sharing', async () => {
      // Prepare
      const storyId = await write('y-265-1');
      // Act
      const byStaff = await execute(server, testContext(table, staffIdentity('265')), SHARE, {
        input: { id: storyId, expectedVersion: 1, groupId: group.id },
      });
      const byOther = await execute(server, asYouth('y-265-2'), SHARE, {
        input: { id: storyId, expectedVersion: 1, groupId: group.id },
      });
      // Assess
      expect(errorCodes(byStaff)).toEqual(['FORBIDDEN']);
      expect(errorCodes(byOther)).toEqual(['NOT_FOUND']);
    });

    it.each([
      ['a young person outside the group', youthIdentity('265', 'y-265-3')],
      ['staff of another municipality', staffIdentity('101')],
      ['the programme office', programmeIdentity()],
    ])('refuses the shared stories of the group to %s', async (_who, identity) => {
      // Act
      const result = await execute(server, testContext(table, identity), SHARED, { id: group.id });
      // Assess
      expect(errorCodes(result)).toEqual([]); // answered as an unknown id (#18, class 7)
    });
  });

  describe("a young person's own stories", () => {
    it('are listed to the young person and to their team, newest first', async () => {
      // Prepare
      const first = await write('y-265-3');
      const second = await write('y-265-3');
      // Act
      const own = await execute(server, asYouth('y-265-3'), OWN_STORIES, { id: 'y-265-3' });
      const team = await execute(server, testContext(table, staffIdentity('265')), OWN_STORIES, {
        id: 'y-265-3',
      });
      // Assess
      expect(own.errors).toBeUndefined();
      expect(own.data).toMatchObject({
        _entities: [
          {
            workStories: {
              edges: expect.arrayContaining([{ node: { id: first } }, { node: { id: second } }]),
            },
          },
        ],
      });
      expect(team.data).toEqual(own.data);
    });

    it.each([
      ['another young person', youthIdentity('265', 'y-265-1')],
      ['staff of another municipality', staffIdentity('101')],
      ['a company contact', companyContactIdentity('c-265-1')],
    ])('are refused to %s', async (_who, identity) => {
      // Act
      const result = await execute(server, testContext(table, identity), OWN_STORIES, {
        id: 'y-265-3',
      });
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it('are changed by the young person at the version read', async () => {
      // Prepare
      const storyId = await write('y-265-1');
      // Act
      const changed = await execute(server, asYouth('y-265-1'), UPDATE, {
        input: { id: storyId, expectedVersion: 1, whatIWantNext: 'Et job i byggemarked' },
      });
      const stale = await execute(server, asYouth('y-265-1'), UPDATE, {
        input: { id: storyId, expectedVersion: 1, whatIWantNext: 'Noget andet' },
      });
      const other = await execute(server, asYouth('y-265-2'), UPDATE, {
        input: { id: storyId, expectedVersion: 2, whatIWantNext: 'Noget andet' },
      });
      // Assess
      expect(changed.data).toEqual({
        updateWorkStory: {
          story: { whatIWantNext: 'Et job i byggemarked', version: 2 },
          errors: [],
        },
      });
      expect(errorCodes(stale)).toEqual(['CONFLICT']);
      expect(errorCodes(other)).toEqual(['NOT_FOUND']);
    });
  });
});
