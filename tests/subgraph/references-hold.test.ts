import type { ApolloServer } from '@apollo/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphContext } from '#kernel/context';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { server as learningServer } from '#learning-community/server';
import { server as peopleServer } from '#people/server';
import { InvitationEntity } from '#placements/repository/invitation-entity';
import { WishEntity } from '#placements/repository/wish-entity';
import { server as placementsServer } from '#placements/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { programmeIdentity, staffIdentity, youthIdentity } from '../support/identities.ts';
import {
  givenGroup,
  planUnitedGatheringInput,
  writeWorkStoryInput,
} from '../support/learning-factories.ts';
import {
  enrolYouthInput,
  givenMunicipalities,
  givenTeam,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import {
  aPlacement,
  changedItems,
  createPlacementInput,
  givenHost,
  givenPlacements,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Every id a mutation's input names must name something the caller may refer to, of the right
 * kind and in the right scope, and the answer must not tell "not yours" from "does not exist":
 * for each reference the owning subgraph checks, an id of another municipality (or another
 * young person) and an unknown id get the identical user error, write nothing, and never reach
 * the young person's art. 15 export.
 */

/** The young person whose references are tried, of Roskilde. */
const YOUTH = 'y-ref-own';
/** Another young person of Roskilde, with no open placement (the team places them). */
const NEIGHBOUR = 'y-ref-neighbour';
/** A young person of København. */
const STRANGER = 'y-ref-stranger';

const OWN_PLACEMENT = 'p-ref-own';
const NEIGHBOURS_PLACEMENT = 'p-ref-neighbour';
const FOREIGN_PLACEMENT = 'p-ref-foreign';
const FOREIGN_WISH = 'w-ref-foreign';
const FOREIGN_INVITATION = 'i-ref-foreign';
const UNKNOWN = 'x-ref-unknown';

const HOST = 'c-ref-265';
const FOREIGN_HOST = 'c-ref-101';

type Server = ApolloServer<SubgraphContext>;

/** One reference a mutation's input makes, and the ids that must all get one answer. */
interface Reference {
  name: string;
  server: Server;
  caller: Identity;
  mutation: string;
  inputType: string;
  /** The mutation's input naming the id tried. */
  input: (id: string) => Record<string, unknown>;
  /** Ids of another municipality or another person, then one of nothing. */
  ids: string[];
  code: string;
  path: string[];
}

const team = staffIdentity(ROSKILDE);

const REFERENCES: Reference[] = [
  {
    name: "a work story's placement",
    server: learningServer,
    caller: youthIdentity(ROSKILDE, YOUTH),
    mutation: 'writeWorkStory',
    inputType: 'WriteWorkStoryInput',
    input: (placementId) => writeWorkStoryInput(YOUTH, { placementId }),
    ids: [FOREIGN_PLACEMENT, NEIGHBOURS_PLACEMENT, UNKNOWN],
    code: 'PLACEMENT_NOT_FOUND',
    path: ['placementId'],
  },
  {
    name: "a new placement's opportunity",
    server: placementsServer,
    caller: team,
    mutation: 'createPlacement',
    inputType: 'CreatePlacementInput',
    input: (opportunityId) => createPlacementInput(NEIGHBOUR, HOST, { opportunityId }),
    ids: [`${FOREIGN_HOST}-opp`, UNKNOWN],
    code: 'OPPORTUNITY_NOT_FOUND',
    path: ['opportunityId'],
  },
  {
    name: "a new placement's wish",
    server: placementsServer,
    caller: team,
    mutation: 'createPlacement',
    inputType: 'CreatePlacementInput',
    input: (wishId) => createPlacementInput(NEIGHBOUR, HOST, { wishId }),
    ids: [FOREIGN_WISH, UNKNOWN],
    code: 'WISH_NOT_FOUND',
    path: ['wishId'],
  },
  {
    name: "a new placement's invitation",
    server: placementsServer,
    caller: team,
    mutation: 'createPlacement',
    inputType: 'CreatePlacementInput',
    input: (invitationId) => createPlacementInput(NEIGHBOUR, HOST, { invitationId }),
    ids: [FOREIGN_INVITATION, UNKNOWN],
    code: 'INVITATION_NOT_FOUND',
    path: ['invitationId'],
  },
  {
    name: "a wish's company",
    server: placementsServer,
    caller: youthIdentity(ROSKILDE, YOUTH),
    mutation: 'createWish',
    inputType: 'CreateWishInput',
    input: (companyId) => ({ companyId, rank: 1, motivation: 'Jeg vil gerne arbejde med dyr' }),
    ids: [FOREIGN_HOST, UNKNOWN],
    code: 'COMPANY_NOT_FOUND',
    path: ['companyId'],
  },
  {
    name: "a wish's opportunity",
    server: placementsServer,
    caller: youthIdentity(ROSKILDE, YOUTH),
    mutation: 'createWish',
    inputType: 'CreateWishInput',
    input: (opportunityId) => ({
      companyId: HOST,
      opportunityId,
      rank: 2,
      motivation: 'Jeg vil gerne arbejde med dyr',
    }),
    ids: [`${FOREIGN_HOST}-opp`, UNKNOWN],
    code: 'OPPORTUNITY_NOT_AT_COMPANY',
    path: ['opportunityId'],
  },
  {
    name: "an enrolment's consultant",
    server: peopleServer,
    caller: team,
    mutation: 'enrolYouth',
    inputType: 'EnrolYouthInput',
    input: (consultantId) => enrolYouthInput({ consultantId }),
    ids: [`staff-${KOBENHAVN}-1`, UNKNOWN],
    code: 'CONSULTANT_NOT_FOUND',
    path: ['consultantId'],
  },
  {
    name: "an assigned consultant (another municipality's, or no one)",
    server: peopleServer,
    caller: team,
    mutation: 'assignConsultant',
    inputType: 'AssignConsultantInput',
    input: (consultantId) => ({ youthId: YOUTH, expectedVersion: 1, consultantId }),
    ids: [`staff-${KOBENHAVN}-1`, UNKNOWN],
    code: 'CONSULTANT_NOT_FOUND',
    path: ['consultantId'],
  },
];

/** The document of a mutation whose payload answers with its user errors. */
function document(reference: Pick<Reference, 'mutation' | 'inputType'>): string {
  return `mutation ($input: ${reference.inputType}!) {
    ${reference.mutation}(input: $input) { errors { code message path } }
  }`;
}

describe('references hold: every id names something the caller may refer to', () => {
  let table: Table;
  let groupId: string;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
    await givenYouth(table, { id: YOUTH, municipalityCode: ROSKILDE });
    await givenYouth(table, { id: NEIGHBOUR, municipalityCode: ROSKILDE });
    await givenYouth(table, { id: STRANGER, municipalityCode: KOBENHAVN });
    await givenHost(table, HOST, ROSKILDE);
    await givenHost(table, FOREIGN_HOST, KOBENHAVN);
    const ended = { status: 'COMPLETED', startDate: '2026-03-02', endDate: '2026-06-01' } as const;
    await givenPlacements(table, [
      aPlacement({ id: OWN_PLACEMENT, youthId: YOUTH, companyId: HOST, ...ended }),
      aPlacement({ id: NEIGHBOURS_PLACEMENT, youthId: NEIGHBOUR, companyId: HOST, ...ended }),
      aPlacement({
        id: FOREIGN_PLACEMENT,
        youthId: STRANGER,
        companyId: FOREIGN_HOST,
        municipalityCode: KOBENHAVN,
      }),
    ]);
    const parties = { municipalityCode: KOBENHAVN, youthId: STRANGER, companyId: FOREIGN_HOST };
    await table.putMany([
      WishEntity.toItem({
        id: FOREIGN_WISH,
        ...parties,
        opportunityId: null,
        rank: 1,
        motivation: 'Dyr',
        status: 'OPEN',
        placementId: null,
        createdAt: '2026-11-01T09:00:00.000Z',
        version: 1,
      }),
      InvitationEntity.toItem({
        id: FOREIGN_INVITATION,
        ...parties,
        opportunityId: null,
        message: 'Kom og se os',
        status: 'ACCEPTED',
        answerBy: '2026-12-20T09:00:00.000Z',
        answeredAt: '2026-11-02T09:00:00.000Z',
        placementId: null,
        createdAt: '2026-11-01T09:00:00.000Z',
        version: 1,
      }),
    ]);
    groupId = (await givenGroup(table, { municipalityCode: ROSKILDE, members: [YOUTH] })).id;
  });

  describe.each(REFERENCES)('$name', (reference) => {
    it(`answers ${reference.code} alike for every id out of scope, writing nothing`, async () => {
      // Prepare
      const before = await changedItems(table);
      // Act
      const answers = [];
      for (const id of reference.ids) {
        const result = await execute(
          reference.server,
          testContext(table, reference.caller),
          document(reference),
          { input: reference.input(id) },
        );
        answers.push({ errors: result.errors, data: result.data });
      }
      // Assess
      const [first, ...others] = answers;
      expect(first?.errors).toBeUndefined();
      expect(first?.data?.[reference.mutation]).toEqual({
        errors: [{ code: reference.code, message: expect.any(String), path: reference.path }],
      });
      for (const other of others) expect(other).toEqual(first);
      expect(await changedItems(table)).toEqual(before);
    });
  });

  it("accepts the young person's own placement in their story", async () => {
    // Act
    const result = await execute(
      learningServer,
      testContext(table, youthIdentity(ROSKILDE, YOUTH)),
      `mutation ($input: WriteWorkStoryInput!) {
        writeWorkStory(input: $input) { story { placement { id } } errors { code } }
      }`,
      { input: writeWorkStoryInput(YOUTH, { placementId: OWN_PLACEMENT }) },
    );
    // Assess
    expect(result.data?.writeWorkStory).toEqual({
      story: { placement: { id: OWN_PLACEMENT } },
      errors: [],
    });
  });

  it("keeps every refused reference out of the young person's art. 15 export", async () => {
    // Prepare: the refusals above wrote nothing; try the story's once more
    await execute(
      learningServer,
      testContext(table, youthIdentity(ROSKILDE, YOUTH)),
      document({ mutation: 'writeWorkStory', inputType: 'WriteWorkStoryInput' }),
      { input: writeWorkStoryInput(YOUTH, { placementId: FOREIGN_PLACEMENT }) },
    );
    // Act
    const result = await execute<{ exportYouthData: { export: { document: string } } }>(
      peopleServer,
      testContext(table, youthIdentity(ROSKILDE, YOUTH)),
      `mutation ($input: ExportYouthDataInput!) {
        exportYouthData(input: $input) { export { document } errors { code } }
      }`,
      { input: { youthId: YOUTH } },
    );
    // Assess
    const exported = result.data?.exportYouthData.export.document ?? '';
    expect(JSON.parse(exported).sections['learning-community'].workStories).toHaveLength(1);
    expect(exported).toContain(OWN_PLACEMENT);
    for (const foreign of [
      FOREIGN_PLACEMENT,
      NEIGHBOURS_PLACEMENT,
      FOREIGN_WISH,
      FOREIGN_INVITATION,
      FOREIGN_HOST,
      `staff-${KOBENHAVN}-1`,
    ]) {
      expect(exported).not.toContain(foreign);
    }
  });

  it('adds to a group no young person of another municipality nor of no one, alike', async () => {
    // Prepare
    const before = await changedItems(table);
    const add = (memberId: string) =>
      execute(
        learningServer,
        testContext(table, team),
        `mutation ($input: NetworkGroupMembersInput!) {
          addNetworkGroupMembers(input: $input) { errors { code message path } }
        }`,
        { input: { groupId, expectedVersion: 1, memberIds: [memberId] } },
      );
    // Act
    const foreign = await add(STRANGER);
    const unknown = await add(UNKNOWN);
    // Assess
    expect(foreign.data).toEqual({
      addNetworkGroupMembers: {
        errors: [
          { code: 'MEMBER_NOT_FOUND', message: expect.any(String), path: ['memberIds', '0'] },
        ],
      },
    });
    expect(unknown).toEqual(foreign);
    expect(await changedItems(table)).toEqual(before);
  });

  it('plans a gathering only in a municipality that runs NEXTWORK', async () => {
    // Prepare
    const before = await changedItems(table);
    const plan = (hostMunicipalityCode: string) =>
      execute(
        learningServer,
        testContext(table, programmeIdentity()),
        `mutation ($input: PlanUnitedGatheringInput!) {
          planUnitedGathering(input: $input) { gathering { id } errors { code path } }
        }`,
        { input: planUnitedGatheringInput({ hostMunicipalityCode }) },
      );
    // Act
    const elsewhere = await plan('999');
    const afterRefusal = await changedItems(table);
    const atHome = await plan(ROSKILDE);
    // Assess
    expect(elsewhere.data).toEqual({
      planUnitedGathering: {
        gathering: null,
        errors: [{ code: 'MUNICIPALITY_NOT_FOUND', path: ['hostMunicipalityCode'] }],
      },
    });
    expect(afterRefusal).toEqual(before);
    expect(atHome.data?.planUnitedGathering).toMatchObject({ errors: [] });
  });
});
