import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const world = buildDemoWorld();
const ROSKILDE = '265';
const youth = world.youth.find((y) => y.municipalityCode === ROSKILDE && y.status === 'ENROLLED');
const company = world.companies.find(
  (c) => c.municipalityCode === ROSKILDE && c.status === 'ACTIVE',
);

describe('ties through the gateway (#20)', () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('records a meeting at an event and shows the tie to the team, and to no other team', async () => {
    // Prepare
    if (!youth || !company) throw new Error('The demo world has no Roskilde pair');
    const token = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
    const created = await test.query<{
      createMatchingEvent: { matchingEvent: { id: string } };
    }>(
      `mutation ($input: CreateMatchingEventInput!) {
        createMatchingEvent(input: $input) { matchingEvent { id } errors { code } } }`,
      {
        token,
        variables: {
          input: {
            municipalityCode: ROSKILDE,
            title: 'Virksomhedsbesøg',
            date: new Date().toISOString().slice(0, 10),
            place: 'Jobcentret',
            youthIds: [youth.id],
            companyIds: [company.id],
          },
        },
      },
    );
    const eventId = created.body.data?.createMatchingEvent.matchingEvent.id;
    // Act
    const recorded = await test.query<{
      recordMatchingEventMeetings: { errors: unknown[] };
    }>(
      `mutation ($input: RecordMatchingEventMeetingsInput!) {
        recordMatchingEventMeetings(input: $input) { errors { code } } }`,
      {
        token,
        variables: {
          input: {
            eventId,
            meetings: [
              {
                youthId: youth.id,
                companyId: company.id,
                youthInterest: 'STRONG',
                companyInterest: 'STRONG',
              },
            ],
          },
        },
      },
    );
    const read = `query ($id: ID!) { youth(id: $id) {
      companyTies { company { id name } ways youthInterest companyInterest } } }`;
    const ours = await test.query<{
      youth: { companyTies: Array<{ company: { id: string; name: string }; ways: string[] }> };
    }>(read, { token, variables: { id: youth.id } });
    const other = await test.query<{ youth: unknown }>(read, {
      token: await test.token('NETWORK_CONSULTANT', { municipalityCode: '101' }),
      variables: { id: youth.id },
    });
    const figures = await test.query<{
      municipality: { tieStats: { youthWithCompanyTies: number } };
    }>('{ municipality(code: "265") { tieStats { youthWithCompanyTies } } }', { token });
    // Assess
    expect(recorded.body.data?.recordMatchingEventMeetings.errors).toEqual([]);
    expect(ours.body.errors).toBeUndefined();
    expect(ours.body.data?.youth.companyTies).toContainEqual({
      company: { id: company.id, name: company.name },
      ways: expect.arrayContaining(['MATCHING_EVENT']),
      youthInterest: 'STRONG',
      companyInterest: 'STRONG',
    });
    // Another team hears what an unknown id gets (#18, class 7).
    expect(other.body.data?.youth).toBeNull();
    expect(figures.body.data?.municipality.tieStats.youthWithCompanyTies).toBeGreaterThan(0);
  });
});
