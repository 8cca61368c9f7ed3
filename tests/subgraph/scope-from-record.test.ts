import { beforeAll, describe, expect, it } from 'vitest';
import { server as companiesServer } from '#companies/server';
import type { Identity } from '#kernel/identity';
import { newId } from '#kernel/keys';
import type { Table } from '#kernel/table/table';
import { server as learningServer } from '#learning-community/server';
import { server as peopleServer } from '#people/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { staffIdentity, youthIdentity } from '../support/identities.ts';
import { givenGroup, writeWorkStoryInput } from '../support/learning-factories.ts';
import {
  givenMunicipalities,
  givenTeam,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { aPlacement, givenHost, givenPlacements } from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

/**
 * The token says who asks; the record says where it belongs. A young person of Roskilde whose
 * token names København (issued before a move, or a claim gone wrong) is scoped by their own
 * record in every subgraph: their story is filed under Roskilde, they see their Roskilde group,
 * Roskilde's companies and team, and none of København's.
 */

const YOUTH = 'y-scope-1';
const PLACEMENT = 'p-scope-1';
const HOST = 'c-scope-265';
const FOREIGN_HOST = 'c-scope-101';

describe("scope from the record: a young person's token naming another municipality", () => {
  let table: Table;
  let groupId: string;
  /** A young person of Roskilde whose token says København. */
  const misnamed = youthIdentity(KOBENHAVN, YOUTH);

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
    await givenYouth(table, { id: YOUTH, municipalityCode: ROSKILDE });
    await givenHost(table, HOST, ROSKILDE);
    await givenHost(table, FOREIGN_HOST, KOBENHAVN);
    await givenPlacements(table, [
      aPlacement({ id: PLACEMENT, youthId: YOUTH, companyId: HOST, status: 'COMPLETED' }),
    ]);
    groupId = (await givenGroup(table, { municipalityCode: ROSKILDE, members: [YOUTH] })).id;
  });

  it("files the young person's story under their record's municipality, not the token's", async () => {
    // Prepare
    const written = await execute<{ writeWorkStory: { story: { id: string } } }>(
      learningServer,
      testContext(table, misnamed),
      `mutation ($input: WriteWorkStoryInput!) {
        writeWorkStory(input: $input) { story { id } errors { code } }
      }`,
      { input: writeWorkStoryInput(YOUTH, { placementId: PLACEMENT }) },
    );
    const storyId = written.data?.writeWorkStory.story.id;
    const nobody = newId();
    const read = (caller: Identity, id = storyId) =>
      execute(
        learningServer,
        testContext(table, caller),
        'query ($id: ID!) { workStory(id: $id) { id placement { id } } }',
        { id },
      );
    // Act
    const byOwnTeam = await read(staffIdentity(ROSKILDE));
    const byTokensTeam = await read(staffIdentity(KOBENHAVN));
    const unknownToTokensTeam = await read(staffIdentity(KOBENHAVN), nobody);
    // Assess
    expect(byOwnTeam.data).toEqual({ workStory: { id: storyId, placement: { id: PLACEMENT } } });
    // The token's team is a stranger to the story: it hears the null an unknown id gets
    // (#18, class 7), so the story is not filed under København.
    expect(byTokensTeam).toEqual({ data: { workStory: null } });
    expect(byTokensTeam).toEqual(unknownToTokensTeam);
  });

  it('lets the young person see the group whose record names them as a member', async () => {
    // Act
    const result = await execute(
      learningServer,
      testContext(table, misnamed),
      'query ($id: ID!) { networkGroup(id: $id) { id } }',
      { id: groupId },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ networkGroup: { id: groupId } });
  });

  it("shows the young person their record's municipality's companies, and not the token's", async () => {
    // Prepare
    const company = (id: string) =>
      execute(
        companiesServer,
        testContext(table, misnamed),
        'query ($id: ID!) { company(id: $id) { id } }',
        {
          id,
        },
      );
    const companiesOf = (code: string) =>
      execute(
        companiesServer,
        testContext(table, misnamed),
        `query ($code: ID!) {
          _entities(representations: [{ __typename: "Municipality", code: $code }]) {
            ... on Municipality { companies { edges { node { id } } } }
          }
        }`,
        { code },
      );
    // Act
    const nobody = newId();
    const [own, foreign, unknown, ownList, foreignList] = [
      await company(HOST),
      await company(FOREIGN_HOST),
      await company(nobody),
      await companiesOf(ROSKILDE),
      await companiesOf(KOBENHAVN),
    ];
    // Assess
    expect(own.data).toEqual({ company: { id: HOST } });
    // The token's municipality's company is a stranger's to them: NOT_FOUND, as for an unknown
    // id, naming the id sent (#18, class 7).
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(foreign).replaceAll(FOREIGN_HOST, 'ID')).toBe(
      JSON.stringify(unknown).replaceAll(nobody, 'ID'),
    );
    expect(ownList.data).toEqual({
      _entities: [{ companies: { edges: [{ node: { id: HOST } }] } }],
    });
    expect(errorCodes(foreignList)).toEqual(['FORBIDDEN']);
  });

  it("names the record's municipality as the young person's, and its team as theirs", async () => {
    // Prepare
    const teamOf = (code: string) =>
      execute(
        peopleServer,
        testContext(table, misnamed),
        'query ($code: ID!) { municipality(code: $code) { team { id } } }',
        { code },
      );
    // Act
    const me = await execute(
      peopleServer,
      testContext(table, misnamed),
      '{ me { municipality { code } } }',
    );
    const ownTeam = await teamOf(ROSKILDE);
    const tokensTeam = await teamOf(KOBENHAVN);
    // Assess
    expect(me.data).toEqual({ me: { municipality: { code: ROSKILDE } } });
    expect(ownTeam.errors).toBeUndefined();
    expect(errorCodes(tokensTeam)).toEqual(['FORBIDDEN']);
  });
});
