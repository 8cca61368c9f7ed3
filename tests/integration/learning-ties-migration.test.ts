import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '#infra/migrations/all-migrations';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { companyCompanyTieKey, tieSource, YouthPeerTiesEntity } from '#kernel/ties';
import type { NetworkGroup } from '#learning-community/domain/network-group';
import { tiesFromGroupMemberships } from '#learning-community/migrations/0012-ties-from-group-memberships';
import { givenGroup } from '../support/learning-factories.ts';
import { aCheckpoint } from '../support/migration-checkpoint.ts';
import { givenMunicipalities, KOBENHAVN, ROSKILDE } from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Groups stored before #20's youth ties (and company groups whose tie follow-up failed): the
 * group and its participation items as `addNetworkGroupMembers` stored them, and no tie at all
 * — `givenGroup` writes exactly that shape.
 */
describe('migration 0012: ties from the groups stored before', () => {
  let table: Table;
  let youthGroup: NetworkGroup;
  let companyGroup: NetworkGroup;
  let otherYouthGroup: NetworkGroup;
  const peers = async (youthId: string) => {
    const item = await table.get(sharedKeys.youthPeerTies(youthId));
    return item && YouthPeerTiesEntity.fromItem(item);
  };

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    youthGroup = await givenGroup(table, {
      municipalityCode: ROSKILDE,
      kind: 'YOUTH',
      members: [
        { memberId: 'y-m-ida', joinedOn: '2026-09-01' },
        { memberId: 'y-m-bo', joinedOn: '2026-09-01' },
        { memberId: 'y-m-eva', joinedOn: '2026-09-15' },
      ],
    });
    companyGroup = await givenGroup(table, {
      municipalityCode: ROSKILDE,
      kind: 'COMPANY',
      members: [
        { memberId: 'ct-m-1', joinedOn: '2026-09-01', companyId: 'c-m-1' },
        { memberId: 'ct-m-2', joinedOn: '2026-09-10', companyId: 'c-m-2' },
      ],
    });
    otherYouthGroup = await givenGroup(table, {
      municipalityCode: KOBENHAVN,
      kind: 'YOUTH',
      members: ['y-m-kbh-1', 'y-m-kbh-2'],
    });
  });

  it('is registered once, as 0012', () => {
    expect(ALL_MIGRATIONS.filter((migration) => migration.id === '0012')).toEqual([
      tiesFromGroupMemberships,
    ]);
  });

  it('resumes after the municipality its checkpoint names', async () => {
    // Act
    const checkpoint = aCheckpoint({ code: KOBENHAVN });
    await tiesFromGroupMemberships.run(table, checkpoint);
    // Assess
    expect(await peers('y-m-kbh-1')).toBeUndefined();
    expect(await peers('y-m-ida')).toBeDefined();
    expect(checkpoint.saved.map((position) => position.code)).not.toContain(KOBENHAVN);
  });

  it('ties the young people and the companies as each day of joining would have', async () => {
    // Act
    const checkpoint = aCheckpoint();
    await tiesFromGroupMemberships.run(table, checkpoint);
    // Assess
    expect(await peers('y-m-ida')).toMatchObject({
      peers: ['y-m-bo', 'y-m-eva'],
      reasons: [tieSource.youthGroup(youthGroup.id)],
      contactDays: ['2026-09-01', '2026-09-15'],
    });
    expect(await peers('y-m-eva')).toMatchObject({
      peers: ['y-m-bo', 'y-m-ida'],
      contactDays: ['2026-09-15'],
    });
    expect((await peers('y-m-kbh-2'))?.peers).toEqual(['y-m-kbh-1']);
    expect(otherYouthGroup.municipalityCode).toBe(KOBENHAVN);
    for (const [one, other] of [
      ['c-m-1', 'c-m-2'],
      ['c-m-2', 'c-m-1'],
    ] as const) {
      expect(await table.get(companyCompanyTieKey(one, other))).toMatchObject({
        reasons: new Set([tieSource.companyGroup(companyGroup.id)]),
        contactDays: new Set(['2026-09-10']),
      });
    }
    expect(checkpoint.saved.map((position) => position.code)).toEqual([KOBENHAVN, ROSKILDE]);
  });

  it('changes nothing when run again', async () => {
    // Prepare
    const keys = [
      sharedKeys.youthPeerTies('y-m-ida'),
      sharedKeys.youthPeerTies('y-m-eva'),
      companyCompanyTieKey('c-m-1', 'c-m-2'),
    ];
    const before = await Promise.all(keys.map((key) => table.get(key)));
    // Act
    await tiesFromGroupMemberships.run(table, aCheckpoint());
    // Assess
    expect(await Promise.all(keys.map((key) => table.get(key)))).toEqual(before);
  });
});
