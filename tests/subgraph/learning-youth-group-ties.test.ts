import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { tieSource, YouthPeerTiesEntity } from '#kernel/ties';
import {
  collectLearningData,
  eraseLearningData,
  learningEvaluationRows,
} from '#learning-community/data-subject/learning-data-subject';
import type { NetworkGroup } from '#learning-community/domain/network-group';
import { writeYouthGroupTies } from '#learning-community/repository/youth-group-ties-repository';
import { server as learning } from '#learning-community/server';
import { server as placements } from '#placements/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { givenGroup, putSharedWorld } from '../support/learning-factories.ts';
import { givenMunicipalities } from '../support/people-factories.ts';
import { entitiesQuery, representation } from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const ADD = `mutation ($input: NetworkGroupMembersInput!) {
  addNetworkGroupMembers(input: $input) { group { version } errors { code } }
}`;
const COUNT = entitiesQuery('Youth', 'peerTieCount');
const STATS = entitiesQuery(
  'Municipality',
  'tieStats(from: "2026-10-01", to: "2026-11-30") { suppressed youthWithPeerTies }',
);

/** Issue #20: "Young people in the same youth group are tied". */
describe('learning community subgraph: a youth group ties its young people', () => {
  let table: Table;
  let group: NetworkGroup;
  const [ida, bo, eva, stranger] = ['y-yt-ida', 'y-yt-bo', 'y-yt-eva', 'y-yt-stranger'];
  const peersOf = async (youthId: string) => {
    const item = await table.get(sharedKeys.youthPeerTies(youthId));
    return item && YouthPeerTiesEntity.fromItem(item).peers;
  };
  const countAs = (identity: Identity, youthId: string) =>
    execute<{ _entities: Array<{ peerTieCount: number } | null> }>(
      learning,
      testContext(table, identity),
      COUNT,
      { representations: [representation('Youth', youthId)] },
    );

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await putSharedWorld(table, {
      staff: [{ id: 'staff-265-1', municipalityCode: '265' }],
      youth: [ida, bo, eva, stranger].map((id) => ({ id, municipalityCode: '265' })),
    });
    group = await givenGroup(table, { municipalityCode: '265', kind: 'YOUTH', members: [ida] });
    // Act (shared): two young people join, after the first.
    const added = await execute(
      learning,
      testContext(table, staffIdentity('265'), new Date('2026-10-05T10:00:00Z')),
      ADD,
      { input: { groupId: group.id, expectedVersion: group.version, memberIds: [bo, eva] } },
    );
    expect(added.errors).toBeUndefined();
  });

  it('ties each joining young person to every other member, and the members to them', async () => {
    // Assess
    expect(await peersOf(ida)).toEqual([bo, eva]);
    expect(await peersOf(bo)).toEqual([eva, ida]);
    expect(await peersOf(eva)).toEqual([bo, ida]);
    expect(await peersOf(stranger)).toBeUndefined();
    const stored = await table.get(sharedKeys.youthPeerTies(bo));
    expect(stored).toMatchObject({
      reasons: new Set([tieSource.youthGroup(group.id)]),
      contactDays: new Set(['2026-10-05']),
    });
  });

  it('changes nothing when the same ties are written again (a retry, the migration)', async () => {
    // Prepare
    const before = await table.get(sharedKeys.youthPeerTies(ida));
    // Act
    await writeYouthGroupTies(table, {
      joining: [bo, eva],
      members: [ida, bo, eva],
      municipalityCode: '265',
      source: tieSource.youthGroup(group.id),
      day: '2026-10-05',
    });
    // Assess
    expect(await table.get(sharedKeys.youthPeerTies(ida))).toEqual(before);
  });

  it('shows the count to the young person and their team, and refuses another young person and a company', async () => {
    // Act
    const own = await countAs(youthIdentity('265', ida), ida);
    const team = await countAs(staffIdentity('265'), ida);
    const peer = await countAs(youthIdentity('265', bo), ida);
    const company = await countAs(companyContactIdentity('c-yt-1'), ida);
    const otherTeam = await countAs(staffIdentity('101'), ida);
    // Assess
    expect(own.data?._entities).toEqual([{ peerTieCount: 2 }]);
    expect(team.data?._entities).toEqual([{ peerTieCount: 2 }]);
    for (const refused of [peer, company, otherTeam]) {
      expect(refused.data?._entities).toEqual([null]);
      expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    }
  });

  it('counts the young people tied to another in the tie figures, exact for the team, rounded for the programme', async () => {
    // Act
    const team = await execute(placements, testContext(table, staffIdentity('265')), STATS, {
      representations: [{ __typename: 'Municipality', code: '265' }],
    });
    const programme = await execute(placements, testContext(table, programmeIdentity()), STATS, {
      representations: [{ __typename: 'Municipality', code: '265' }],
    });
    // Assess
    expect(team.data?._entities).toEqual([
      { tieStats: { suppressed: false, youthWithPeerTies: 3 } },
    ]);
    expect(programme.data?._entities).toEqual([
      { tieStats: { suppressed: true, youthWithPeerTies: 5 } },
    ]);
  });

  it('gives the evaluation the count, and art. 15 the count without the others', async () => {
    // Act
    const rows = await learningEvaluationRows(table, [ida, stranger], '2026-11-30');
    const early = await learningEvaluationRows(table, [ida], '2026-10-01');
    const exported = await collectLearningData(table, ida);
    // Assess
    expect(rows[ida]).toMatchObject({ youthPeerTies: 2 });
    expect(rows[stranger]).toMatchObject({ youthPeerTies: 0 });
    expect(early[ida]).toMatchObject({ youthPeerTies: 0 });
    expect(exported.peerTies).toEqual({
      count: 2,
      groups: [tieSource.youthGroup(group.id)],
      contactDays: ['2026-10-05'],
    });
    expect(JSON.stringify(exported.peerTies)).not.toContain(bo);
  });

  it("erases a young person's ties and takes them out of the others' (whose counts drop)", async () => {
    // Act
    await eraseLearningData(table, eva, 'stub-eva');
    // Assess
    expect(await peersOf(eva)).toBeUndefined();
    expect(await peersOf(ida)).toEqual([bo]);
    expect(await peersOf(bo)).toEqual([ida]);
  });
});
