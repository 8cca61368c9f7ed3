import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { newId } from '#kernel/keys';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const world = buildDemoWorld();
const group = world.networkGroups.find((g) => g.id === 'g-265-y1');

describe('the learning community through the gateway (issue 5)', () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it("records a weekly session's attendance, and the young person sees their rate", async () => {
    // Prepare
    if (!group) throw new Error('The demo world has no g-265-y1');
    const [first, ...others] = group.memberIds;
    const consultant = await test.token('NETWORK_CONSULTANT', { staffId: group.facilitatorId });
    const youth = await test.token('YOUTH', { youthId: first, municipalityCode: '265' });
    const before = await test.query<{ youth: { attendance: { present: number } } }>(
      `{ youth(id: "${first}") { attendance { present rate } } }`,
      { token: youth },
    );
    // Act
    const scheduled = await test.query<{
      scheduleNetworkSession: { session: { id: string } | null };
    }>(
      `mutation ($input: ScheduleNetworkSessionInput!) {
        scheduleNetworkSession(input: $input) { session { id } errors { code message } } }`,
      {
        token: consultant,
        variables: { input: { groupId: group.id, date: '2026-11-24', theme: 'Min første uge' } },
      },
    );
    const sessionId = scheduled.body.data?.scheduleNetworkSession.session?.id;
    const recorded = await test.query<{ recordSessionAttendance: { errors: unknown[] } }>(
      `mutation ($input: RecordSessionAttendanceInput!) {
        recordSessionAttendance(input: $input) { session { id } errors { code message } } }`,
      {
        token: consultant,
        variables: {
          input: {
            sessionId,
            expectedVersion: 1,
            attendance: [
              { memberId: first, status: 'PRESENT' },
              ...others.map((memberId) => ({ memberId, status: 'EXCUSED' })),
            ],
          },
        },
      },
    );
    const after = await test.query<{ youth: { attendance: { present: number; rate: number } } }>(
      `{ youth(id: "${first}") { attendance { present rate } } }`,
      { token: youth },
    );
    // Assess
    expect(recorded.body.data?.recordSessionAttendance.errors).toEqual([]);
    expect(after.body.data?.youth.attendance.present).toBe(
      (before.body.data?.youth.attendance.present ?? 0) + 1,
    );
    expect(after.body.data?.youth.attendance.rate).toBeGreaterThan(0);
  });

  it('keeps a story marked private from the others in the group', async () => {
    // Prepare
    if (!group) throw new Error('The demo world has no g-265-y1');
    const [writer, reader] = group.memberIds;
    const writerToken = await test.token('YOUTH', { youthId: writer, municipalityCode: '265' });
    const readerToken = await test.token('YOUTH', { youthId: reader, municipalityCode: '265' });
    // Act
    const written = await test.query<{ writeWorkStory: { story: { id: string } | null } }>(
      `mutation ($input: WriteWorkStoryInput!) { writeWorkStory(input: $input) { story { id } errors { code } } }`,
      {
        token: writerToken,
        variables: {
          input: {
            youthId: writer,
            whatIDid: 'Pakkede varer på lageret',
            whatIWasGoodAt: 'At holde styr på ordrerne',
            whatIWantNext: 'Et job som lagermedarbejder',
          },
        },
      },
    );
    const storyId = written.body.data?.writeWorkStory.story?.id;
    const storyQuery = 'query ($id: ID!) { workStory(id: $id) { id whatIDid } }';
    const direct = await test.query(storyQuery, {
      token: readerToken,
      variables: { id: storyId },
    });
    const nobody = newId();
    const unknown = await test.query(storyQuery, { token: readerToken, variables: { id: nobody } });
    const shared = await test.query<{
      networkGroup: { sharedStories: { edges: Array<{ node: { id: string } }> } };
    }>(
      `{ networkGroup(id: "${group.id}") { sharedStories(first: 100) { edges { node { id } } } } }`,
      { token: readerToken },
    );
    // Assess
    expect(storyId).toBeDefined();
    // The other group members are strangers to a private story: they hear what a story of
    // nothing gets, null without an error, and nothing of what it says (#18, class 7).
    expect(direct.body.data).toEqual({ workStory: null });
    expect(direct.body.errors).toBeUndefined();
    expect(JSON.stringify(direct.body).replaceAll(String(storyId), 'ID')).toBe(
      JSON.stringify(unknown.body).replaceAll(nobody, 'ID'),
    );
    expect(JSON.stringify(direct.body)).not.toContain('lageret');
    expect(shared.body.errors).toBeUndefined();
    expect(shared.body.data?.networkGroup.sharedStories.edges.map((e) => e.node.id)).not.toContain(
      storyId,
    );
  });

  it('lets staff of Vejle read a learning shared by Horsens', async () => {
    // Prepare
    const vejle = await test.token('TEAM_LEADER', { municipalityCode: '630' });
    // Act
    const { body } = await test.query<{
      practiceLearnings: {
        edges: Array<{ node: { title: string; body: string; municipality: { code: string } } }>;
      };
    }>(
      '{ practiceLearnings(first: 100) { edges { node { title body municipality { code } } } } }',
      { token: vejle },
    );
    // Assess
    expect(body.errors).toBeUndefined();
    const fromHorsens =
      body.data?.practiceLearnings.edges.filter((e) => e.node.municipality.code === '615') ?? [];
    expect(fromHorsens.length).toBeGreaterThan(0);
    expect(fromHorsens[0]?.node.body.length).toBeGreaterThan(0);
  });
});
