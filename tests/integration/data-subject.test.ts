import { beforeAll, describe, expect, it } from 'vitest';
import { handleCompaniesDataSubject } from '#companies/data-subject/companies-data-subject';
import type { Table } from '#kernel/table/table';
import { youthCompanyTieKey } from '#kernel/ties';
import {
  collectLearningData,
  eraseLearningData,
} from '#learning-community/data-subject/learning-data-subject';
import { groupKey } from '#learning-community/repository/network-group-entity';
import { sessionKey } from '#learning-community/repository/network-session-entity';
import { attendanceActions } from '#learning-community/repository/network-session-repository';
import { groupCountsKey } from '#learning-community/repository/network-stats-entity';
import { createStory } from '#learning-community/repository/work-story-repository';
import { erasedYouthPartition } from '#people/data-subject/erased-youth-entity';
import { collectPeopleData, erasePeopleData } from '#people/data-subject/people-data-subject';
import { youthStatsKey } from '#people/repository/youth-stats-entity';
import {
  collectPlacementsData,
  erasePlacementsData,
  erasureBlockers,
} from '#placements/data-subject/placements-data-subject';
import { introductionKey } from '#placements/repository/introduction-entity';
import { InvitationEntity } from '#placements/repository/invitation-entity';
import {
  MatchingEventEntity,
  MatchingEventParticipationEntity,
} from '#placements/repository/matching-event-entity';
import { statusCountersKey } from '#placements/repository/placement-stats-entity';
import { WishEntity } from '#placements/repository/wish-entity';
import { givenGroup, givenSession } from '../support/learning-factories.ts';
import {
  givenLink,
  givenMunicipalities,
  givenTeam,
  givenYouth,
  ROSKILDE,
} from '../support/people-factories.ts';
import { aPlacement, givenIntroduction, givenPlacements } from '../support/placements-factories.ts';
import { itemsHolding, scanWholeTable } from '../support/privacy-scan.ts';
import { createTestTable } from '../support/table.ts';

/** A young person with data in every subgraph, as the modules find it. */
async function givenYouthEverywhere(table: Table, name: string, phone: string) {
  const person = await givenYouth(table, { name, email: `${phone.slice(3)}@example.dk`, phone }, [
    'IN_PLACEMENT',
    'IN_EDUCATION',
  ]);
  await givenLink(table, person.id, 'c-erase');
  const placement = aPlacement({
    youthId: person.id,
    companyId: 'c-erase',
    status: 'COMPLETED',
    startDate: '2026-01-12',
    endDate: '2026-01-19',
    outcome: {
      kind: 'EDUCATION',
      date: '2026-01-19',
      details: { what: 'Tømrer', where: `EUC ${name}`, startDate: '2026-02-01' },
    },
    learningReflection: null,
  });
  await givenPlacements(table, [placement]);
  await table.putMany([
    WishEntity.toItem({
      id: `w-${phone.slice(-4)}`,
      municipalityCode: ROSKILDE,
      youthId: person.id,
      companyId: 'c-erase',
      opportunityId: null,
      rank: 1,
      motivation: `Jeg elsker træ (${name})`,
      status: 'PLACED',
      placementId: placement.id,
      createdAt: '2026-01-06T10:00:00.000Z',
      version: 1,
    }),
    InvitationEntity.toItem({
      id: `i-${phone.slice(-4)}`,
      municipalityCode: ROSKILDE,
      youthId: person.id,
      companyId: 'c-erase',
      opportunityId: null,
      message: `Kom og prøv (${name})`,
      status: 'DECLINED',
      answerBy: '2026-01-20T00:00:00.000Z',
      answeredAt: '2026-01-08T00:00:00.000Z',
      placementId: null,
      createdAt: '2026-01-07T10:00:00.000Z',
      version: 1,
    }),
    MatchingEventEntity.toItem({
      id: `m-${phone.slice(-4)}`,
      municipalityCode: ROSKILDE,
      title: 'Speed-dating',
      date: '2026-01-09',
      place: 'Roskilde Bibliotek',
      youthIds: [person.id, 'y-other'],
      companyIds: ['c-erase'],
      createdAt: '2026-01-02T10:00:00.000Z',
      version: 1,
    }),
    MatchingEventParticipationEntity.toItem({
      eventId: `m-${phone.slice(-4)}`,
      eventDate: '2026-01-09',
      municipalityCode: ROSKILDE,
      youthId: person.id,
      note: `Mødte en tømrer (${name})`,
      version: 1,
    }),
  ]);
  const introduction = await givenIntroduction(table, {
    youthId: person.id,
    companyId: 'c-erase',
    municipalityCode: ROSKILDE,
    note: `Kan lide træ (${name})`,
  });
  const group = await givenGroup(table, {
    municipalityCode: ROSKILDE,
    members: [person.id, 'y-other'],
  });
  const session = await givenSession(table, group, { date: '2026-01-15' });
  const after = {
    ...session,
    attendance: [
      { memberId: person.id, status: 'PRESENT' as const },
      { memberId: 'y-other', status: 'ABSENT' as const },
    ],
    attendanceRecordedAt: '2026-01-15T12:00:00.000Z',
    version: session.version + 1,
  };
  await table.transact(attendanceActions(group, session, after));
  await createStory(table, {
    id: `st-${phone.slice(-4)}`,
    youthId: person.id,
    municipalityCode: ROSKILDE,
    whatIDid: `Byggede en trappe (${name})`,
    whatIWasGoodAt: 'Præcision',
    whatIWantNext: 'Svend',
    authorship: 'YOUTH',
    // Shared with the company of the placement: the export says with whom, erasure removes it.
    sharedWithCompanyId: 'c-erase',
    sharedThroughPlacementId: placement.id,
    createdAt: '2026-01-20T10:00:00.000Z',
    updatedAt: '2026-01-20T10:00:00.000Z',
    version: 1,
  });
  return { person, placement, group, session, introduction };
}

describe('data-subject modules: collect and erase each subgraph by access patterns', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
  });

  it('collects what each subgraph holds about a young person', async () => {
    // Prepare
    const { person, placement, group, introduction } = await givenYouthEverywhere(
      table,
      'Freja Samler',
      '+4587654320',
    );
    // Act
    const people = await collectPeopleData(table, person.id);
    const placements = await collectPlacementsData(table, person.id);
    const learning = await collectLearningData(table, person.id);
    const companies = await handleCompaniesDataSubject(table, {
      operation: 'collect',
      youthId: person.id,
    });
    // Assess
    expect(people.profile).toMatchObject({ id: person.id, name: 'Freja Samler' });
    expect(people.statusHistory).toHaveLength(3);
    expect(people.companyLinks).toEqual([
      { companyId: 'c-erase', reasons: [`PLACEMENT#p-${person.id}`] },
    ]);
    expect((placements.placements as Array<{ id: string }>).map((p) => p.id)).toEqual([
      placement.id,
    ]);
    expect(placements.wishes).toHaveLength(1);
    expect(placements.invitations).toHaveLength(1);
    expect(placements.matchingEvents).toHaveLength(1);
    const { version: _version, ...introduced } = introduction;
    expect(placements.introductions).toEqual([introduced]);
    expect(placements.companyTies).toEqual([
      {
        companyId: 'c-erase',
        reasons: [`INTRODUCTION#${introduction.id}`],
        ways: ['INTRODUCTION'],
        firstContact: introduction.createdAt.slice(0, 10),
        lastContact: introduction.createdAt.slice(0, 10),
        youthInterest: 'NONE',
        companyInterest: 'NONE',
        strength: 'MET',
      },
    ]);
    expect(learning.groupMemberships).toEqual([{ groupId: group.id, joinedOn: '2026-09-01' }]);
    expect(learning.attendanceTotals).toEqual({ present: 1, absent: 0, excused: 0 });
    expect(learning.workStories).toEqual([
      expect.objectContaining({
        sharedWithCompanyId: 'c-erase',
        sharedThroughPlacementId: placement.id,
      }),
    ]);
    expect(companies).toEqual({ operation: 'collect', sections: {} });
  });

  it("erases the team's introductions and the young person's ties with companies in the placements part", async () => {
    // Prepare
    const { person, introduction } = await givenYouthEverywhere(
      table,
      'Freja Introduceret',
      '+4587654322',
    );
    // Act
    await erasePlacementsData(table, person.id, `STUB${person.id.replace(/[^A-Za-z0-9]/g, '')}`);
    // Assess
    expect(await table.get(introductionKey(introduction.id))).toBeUndefined();
    expect(await table.get(youthCompanyTieKey(person.id, 'c-erase'))).toBeUndefined();
  });

  it('blocks erasure while a placement is under way', async () => {
    // Prepare
    const person = await givenYouth(table, {}, ['IN_PLACEMENT']);
    await givenPlacements(table, [aPlacement({ youthId: person.id, status: 'ACTIVE' })]);
    // Act
    const blockers = await erasureBlockers(table, person.id);
    // Assess
    expect(blockers).toEqual(['OPEN_PLACEMENT']);
  });

  it('erases every item, keeps anonymous stubs for the figures, and changes nothing twice', async () => {
    // Prepare
    const { person, placement, group, session } = await givenYouthEverywhere(
      table,
      'Freja Datasubjekt',
      '+4587654321',
    );
    // Each subgraph's counter item holds its counts now and its month counters (`2026-01#…`).
    const counterItems = [
      youthStatsKey(ROSKILDE),
      statusCountersKey(ROSKILDE),
      groupCountsKey(ROSKILDE),
    ];
    const countersBefore = await table.batchGet(counterItems);
    expect(countersBefore.map((item) => Object.keys(item ?? {}))).toEqual([
      expect.arrayContaining(['IN_EDUCATION', '2026-01#enrolled']),
      expect.arrayContaining(['COMPLETED']),
      expect.arrayContaining(['youthGroups', '2026-01#present']),
    ]);
    const stubId = `STUB${person.id.replace(/[^A-Za-z0-9]/g, '')}`;
    // Act
    const placements = await erasePlacementsData(table, person.id, stubId);
    const learning = await eraseLearningData(table, person.id, stubId);
    const people = await erasePeopleData(table, person.id, stubId);
    const again = [
      await erasePlacementsData(table, person.id, stubId),
      await eraseLearningData(table, person.id, stubId),
      await erasePeopleData(table, person.id, stubId),
    ];
    // Assess
    expect(placements).toMatchObject({ anonymised: 1 });
    expect(learning).toMatchObject({ anonymised: 1 });
    expect(people).toMatchObject({ anonymised: 1 });
    expect(again.map((r) => r.deleted + r.anonymised)).toEqual([0, 0, 0]);
    const leftovers = itemsHolding(await scanWholeTable(table), {
      texts: ['Freja Datasubjekt', '87654321'],
      ids: [person.id, placement.id],
    });
    expect(leftovers).toEqual([]);
    const countersAfter = await table.batchGet(counterItems);
    expect(countersAfter).toEqual(countersBefore);
    const stubs = await table.queryAll({
      index: 'gsi1',
      partition: erasedYouthPartition(ROSKILDE),
    });
    expect(stubs.filter((s) => s.id === stubId)).toEqual([
      expect.objectContaining({
        enrolledAt: '2026-01-05',
        status: 'IN_EDUCATION',
        statusChanges: 3,
      }),
    ]);
    const sessionAfter = await table.get(sessionKey(session.id));
    expect(sessionAfter?.attendance).toEqual([
      { memberId: stubId, status: 'PRESENT' },
      { memberId: 'y-other', status: 'ABSENT' },
    ]);
    const groupAfter = await table.get(groupKey(group.id));
    expect(
      ((groupAfter?.members ?? []) as Array<{ memberId: string }>).map((m) => m.memberId),
    ).toEqual(['y-other']);
  });
});
