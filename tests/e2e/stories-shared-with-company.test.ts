import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { storiesSharedWithCompaniesOf } from '#infra/local/seed/seed-shared-stories';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const world = buildDemoWorld();
const seeded = storiesSharedWithCompaniesOf(world).find((s) => s.municipalityCode === '265');
const placement = world.placements.find((p) => p.id === seeded?.sharedThroughPlacementId);
const company = world.companies.find((c) => c.id === placement?.companyId);
const otherCompany = world.companies.find(
  (c) => c.municipalityCode === '265' && c.id !== company?.id && c.contacts.length > 0,
);

const COMPANY_STORIES = `query ($id: ID!) {
  company(id: $id) { sharedStories { edges { node { id whatIDid youth { id } } } } }
}`;

const STORY =
  'query ($id: ID!) { workStory(id: $id) { id whatIWasGoodAt sharedWithCompany { id } } }';

describe('work stories shared with the company of a placement, through the gateway (issue 20)', () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it("lets a young person share a story with their placement's company, whose contact reads it and another company's does not", async () => {
    // Prepare
    if (!seeded || !placement || !company || !otherCompany) {
      throw new Error('The demo world shares no story with a company in Roskilde');
    }
    const youth = await test.token('YOUTH', {
      youthId: placement.youthId,
      municipalityCode: '265',
    });
    const contact = await test.token('COMPANY_CONTACT', {
      companyId: company.id,
      contactId: company.contacts[0]?.id,
    });
    const stranger = await test.token('COMPANY_CONTACT', {
      companyId: otherCompany.id,
      contactId: otherCompany.contacts[0]?.id,
    });
    const written = await test.query<{ writeWorkStory: { story: { id: string } | null } }>(
      `mutation ($input: WriteWorkStoryInput!) { writeWorkStory(input: $input) { story { id } errors { code } } }`,
      {
        token: youth,
        variables: {
          input: {
            youthId: placement.youthId,
            placementId: placement.id,
            whatIDid: 'Jeg byggede en reol til lageret sammen med min mentor',
            whatIWasGoodAt: 'At måle to gange og skære én gang',
            whatIWantNext: 'En læreplads som tømrer',
          },
        },
      },
    );
    const storyId = written.body.data?.writeWorkStory.story?.id;
    // Act
    const shared = await test.query<{ shareWorkStory: { errors: unknown[] } }>(
      `mutation ($input: ShareWorkStoryInput!) { shareWorkStory(input: $input) {
        story { version sharedWithCompany { id } } errors { code } } }`,
      {
        token: youth,
        variables: {
          input: { id: storyId, expectedVersion: 1, companyOfPlacementId: placement.id },
        },
      },
    );
    const listed = await test.query<{
      company: { sharedStories: { edges: Array<{ node: { id: string } }> } };
    }>(COMPANY_STORIES, { token: contact, variables: { id: company.id } });
    const read = await test.query(STORY, { token: contact, variables: { id: storyId } });
    const refused = await test.query(STORY, { token: stranger, variables: { id: storyId } });
    // Assess
    expect(shared.body.data?.shareWorkStory).toEqual({
      story: { version: 2, sharedWithCompany: { id: company.id } },
      errors: [],
    });
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data?.company.sharedStories.edges.map((e) => e.node.id)).toEqual(
      expect.arrayContaining([storyId, seeded.id]),
    );
    expect(read.body).toEqual({
      data: {
        workStory: {
          id: storyId,
          whatIWasGoodAt: 'At måle to gange og skære én gang',
          sharedWithCompany: { id: company.id },
        },
      },
    });
    expect(refused.body.data).toEqual({ workStory: null });
  });
});
