import { addDays } from '#kernel/calendar';
import type { MonthCounterChange } from '#kernel/month-counters';
import type { Item, Table } from '#kernel/table/table';
import type { AttendanceTotals } from '#learning-community/domain/attendance';
import {
  defaultCadence,
  type GroupMember,
  memberKindOf,
  type NetworkGroup,
} from '#learning-community/domain/network-group';
import {
  monthDelta,
  type NetworkSession,
  statusDelta,
} from '#learning-community/domain/network-session';
import { monthOf } from '#learning-community/domain/network-stats';
import type { PracticeLearning } from '#learning-community/domain/practice-learning';
import { suggestionContribution } from '#learning-community/domain/suggestion-figures';
import type { TeamTraining } from '#learning-community/domain/team-training';
import type { UnitedGathering } from '#learning-community/domain/united-gathering';
import type { WorkStory } from '#learning-community/domain/work-story';
import {
  AttendanceRecordEntities,
  attendanceTotalsToItem,
} from '#learning-community/repository/attendance-entity';
import { replayJoinings } from '#learning-community/repository/group-member-ties';
import { groupSeedItems } from '#learning-community/repository/network-group-repository';
import { NetworkSessionEntity } from '#learning-community/repository/network-session-entity';
import { attendanceActions } from '#learning-community/repository/network-session-repository';
import { networkCountsToItem } from '#learning-community/repository/network-stats-entity';
import {
  LearningIndexEntity,
  learningIndexEntries,
  PracticeLearningEntity,
} from '#learning-community/repository/practice-learning-entity';
import { SuggestionEntity } from '#learning-community/repository/suggestion-entity';
import {
  TeamTrainingEntity,
  UnitedGatheringEntity,
} from '#learning-community/repository/united-entity';
import { WorkStoryEntity } from '#learning-community/repository/work-story-entity';
import type { DemoNetworkGroup, DemoWorld } from './demo-world.ts';
import { type HostedSession, hostedSessionOf } from './seed-hosted-session.ts';
import { storiesSharedWithCompaniesOf } from './seed-shared-stories.ts';
import { suggestionsOf } from './seed-suggestions.ts';

/**
 * Writes the learning community's part of the demo world: every network group with its members,
 * its sessions and their attendance (each member's own records and totals), and the counters
 * of every municipality, consistent with those items, as the subgraph's own writes would leave
 * them; a few work stories per municipality (one shared with its group, one with the company of
 * a running placement, the others private); and NEXTWORK United: the gathering of 29–30 April
 * 2026 in Vejle with the municipal managers who came, a practice learning from each
 * municipality, and the training of Aarhus' new team; the ties between the young people of each
 * youth group and the companies of each company group, as joining them writes them. Everything
 * is derived deterministically from the world.
 *
 * @param table - the table to fill
 * @param world - the demo world
 */
export async function seedLearningCommunity(table: Table, world: DemoWorld): Promise<void> {
  const companyOfContact = new Map(
    world.companies.flatMap((company) =>
      company.contacts.map((contact) => [contact.id, company.id] as const),
    ),
  );
  const items: Item[] = [];
  const monthsByMunicipality = new Map<string, MonthCounterChange[]>();
  const totals = new Map<string, { kind: 'YOUTH' | 'CONTACT'; totals: AttendanceTotals }>();
  const recordedLater: Array<{ group: NetworkGroup } & HostedSession> = [];
  const groups: NetworkGroup[] = [];

  for (const demo of world.networkGroups) {
    const group = groupOf(demo, companyOfContact);
    groups.push(group);
    items.push(...groupSeedItems(group));
    for (const session of sessionsOf(demo, group, world.today)) {
      const hosted = hostedSessionOf(world, session);
      if (hosted) {
        items.push(NetworkSessionEntity.toItem(hosted.before));
        recordedLater.push({ group, ...hosted });
        continue;
      }
      items.push(NetworkSessionEntity.toItem(session));
      if (!session.attendanceRecordedAt) continue;
      const blank = { ...session, attendance: [], attendanceRecordedAt: undefined };
      const months = monthsByMunicipality.get(group.municipalityCode) ?? [];
      months.push({ month: monthOf(session.date), add: { ...monthDelta(blank, session) } });
      monthsByMunicipality.set(group.municipalityCode, months);
      const kind = memberKindOf(group.kind);
      for (const entry of session.attendance) {
        items.push(
          AttendanceRecordEntities[kind].toItem({
            memberId: entry.memberId,
            sessionId: session.id,
            groupId: group.id,
            date: session.date,
            status: entry.status,
          }),
        );
        const delta = statusDelta({ after: entry.status });
        const sum = totals.get(entry.memberId)?.totals ?? { present: 0, absent: 0, excused: 0 };
        totals.set(entry.memberId, {
          kind,
          totals: {
            present: sum.present + delta.present,
            absent: sum.absent + delta.absent,
            excused: sum.excused + delta.excused,
          },
        });
      }
    }
  }

  for (const [memberId, { kind, totals: sum }] of totals) {
    items.push(attendanceTotalsToItem(kind, memberId, sum));
  }
  const suggestions = suggestionsOf(world);
  for (const suggestion of suggestions) {
    const months = monthsByMunicipality.get(suggestion.municipalityCode) ?? [];
    months.push(...suggestionContribution(suggestion));
    monthsByMunicipality.set(suggestion.municipalityCode, months);
  }
  for (const municipality of world.municipalities) {
    const groups = world.networkGroups.filter((g) => g.municipalityCode === municipality.code);
    items.push(
      networkCountsToItem(
        municipality.code,
        {
          youthGroups: groups.filter((g) => g.kind === 'YOUTH').length,
          companyGroups: groups.filter((g) => g.kind === 'COMPANY').length,
        },
        monthsByMunicipality.get(municipality.code) ?? [],
      ),
    );
  }
  items.push(...workStoriesOf(world).map((story) => WorkStoryEntity.toItem(story)));
  items.push(...storiesSharedWithCompaniesOf(world).map((story) => WorkStoryEntity.toItem(story)));
  items.push(...suggestions.map((suggestion) => SuggestionEntity.toItem(suggestion)));
  for (const learning of practiceLearnings()) {
    items.push(
      PracticeLearningEntity.toItem(learning),
      ...learningIndexEntries(learning).map((entry) => LearningIndexEntity.toItem(entry)),
    );
  }
  items.push(
    UnitedGatheringEntity.toItem(vejleGathering(world)),
    TeamTrainingEntity.toItem(aarhusTraining()),
  );
  await table.putMany(items);
  // After the items it adds to (totals, month counters, the placements seeder's ties).
  for (const { group, before, after } of recordedLater) {
    await table.transact(attendanceActions(group, before, after));
  }
  // Ties only add to sets, written as the membership command's follow-up writes them.
  for (const group of groups) await replayJoinings(table, group);
}

/**
 * Three stories per municipality, by the first three members of its first youth group, each
 * about their placement: the first written alone and shared with the group, the second written
 * with their consultant, the third written alone and kept private.
 */
function workStoriesOf(world: DemoWorld): WorkStory[] {
  return world.municipalities.flatMap((municipality) => {
    const group = world.networkGroups.find((g) => g.id === `g-${municipality.code}-y1`);
    const members = (group?.memberIds ?? []).slice(0, 3);
    return members.map((youthId, index): WorkStory => {
      const placement = world.placements.find((p) => p.youthId === youthId);
      const consultantId = world.youth.find((y) => y.id === youthId)?.consultantId;
      const at = `${addDays(world.today, -(index + 1) * 9)}T14:00:00.000Z`;
      const text = STORY_TEXTS[index % STORY_TEXTS.length] as (typeof STORY_TEXTS)[number];
      return {
        id: `ws-${municipality.code}-${index + 1}`,
        youthId,
        municipalityCode: municipality.code,
        ...(placement ? { placementId: placement.id } : {}),
        ...text,
        authorship: index === 1 ? 'WITH_STAFF' : 'YOUTH',
        ...(index === 1 && consultantId ? { writtenWithStaffId: consultantId } : {}),
        ...(index === 0 && group ? { sharedWithGroupId: group.id } : {}),
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
    });
  });
}

const STORY_TEXTS = [
  {
    whatIDid: 'Jeg tog imod varer og satte dem på plads på lageret hver morgen.',
    whatIWasGoodAt: 'At holde orden og huske hvor alt skulle stå.',
    whatIWantNext: 'En læreplads som lagermedarbejder.',
  },
  {
    whatIDid: 'Jeg hjalp i køkkenet med at forberede frokosten til 60 gæster.',
    whatIWasGoodAt: 'At arbejde hurtigt og samarbejde med kokken.',
    whatIWantNext: 'At starte på grundforløbet til gastronom.',
  },
  {
    whatIDid: 'Jeg malede vinduer og hjalp med at sætte stilladser op.',
    whatIWasGoodAt: 'At møde til tiden og spørge når jeg var i tvivl.',
    whatIWantNext: 'Flere timer om ugen og måske et fritidsjob.',
  },
] as const;

/** One practice learning from each municipality's team, Horsens' first. */
function practiceLearnings(): PracticeLearning[] {
  const learning = (
    code: string,
    staffNumber: number,
    sharedAt: string,
    title: string,
    body: string,
    tags: string[],
  ): PracticeLearning => ({
    id: `pl-${code}-1`,
    title,
    body,
    tags,
    municipalityCode: code,
    sharedByStaffId: `s-${code}-${staffNumber}`,
    sharedAt,
  });
  return [
    learning(
      '615',
      2,
      '2026-05-04T08:00:00.000Z',
      'Morgenmøder giver mødestabilitet',
      'Et kort fælles morgenmøde før praktikdagen gav færre udeblivelser i ungenetværket.',
      ['mødestabilitet', 'ungenetværk'],
    ),
    learning(
      '630',
      1,
      '2026-05-11T08:00:00.000Z',
      'Virksomhedsnetværk hos skiftende værter',
      'Når virksomhederne skiftes til at være vært, kommer flere, og de ser hinandens praktikker.',
      ['virksomhedsnetværk', 'værtskab'],
    ),
    learning(
      '101',
      2,
      '2026-06-02T08:00:00.000Z',
      'Arbejdsfortællinger som samtaleredskab',
      'De unges egne arbejdsfortællinger åbner samtalen om styrker frem for barrierer.',
      ['arbejdsidentitet', 'arbejdsfortællinger'],
    ),
    learning(
      '265',
      1,
      '2026-08-19T08:00:00.000Z',
      'Når en praktik afbrydes: læring frem for nederlag',
      'En fast refleksion efter en afbrudt praktik gør det lettere at starte en ny.',
      ['magtskifte', 'afbrudt praktik'],
    ),
    learning(
      '540',
      3,
      '2026-09-08T08:00:00.000Z',
      'De unge vælger selv virksomheden',
      'Matchning, hvor de unge vælger virksomheden, gav længere praktikforløb.',
      ['magtskifte', 'matchning'],
    ),
  ];
}

/** The spring gathering of NEXTWORK United, 29–30 April 2026 in Vejle, with its outcomes. */
function vejleGathering(world: DemoWorld): UnitedGathering {
  const team = world.municipalities.flatMap((municipality) => [
    {
      kind: 'TEAM' as const,
      staffId: `s-${municipality.code}-1`,
      municipalityCode: municipality.code,
      role: 'Teamleder',
    },
    {
      kind: 'TEAM' as const,
      staffId: `s-${municipality.code}-2`,
      municipalityCode: municipality.code,
      role: 'Netværkskonsulent',
    },
  ]);
  return {
    id: 'ug-2026-04-vejle',
    startDate: '2026-04-29',
    endDate: '2026-04-30',
    hostMunicipalityCode: '630',
    participants: [
      ...team,
      { kind: 'MANAGEMENT', role: 'Programchef' },
      { kind: 'MANAGEMENT', role: 'Forskningsleder' },
    ],
    // The municipal managers who came for their municipalities (issue #20).
    managers: [
      { municipalityCode: '630', name: 'Birgitte Holm', title: 'Jobcenterchef' },
      { municipalityCode: '615', name: 'Henrik Lund', title: 'Beskæftigelseschef' },
      { municipalityCode: '101', name: 'Anders Friis', title: 'Direktør for beskæftigelse' },
    ],
    agenda: [
      'Velkomst ved Vejle Kommune',
      'Læring fra årets netværksgrupper',
      'Arbejdsidentitet og arbejdsfortællinger',
      'Oplæring af nye teams',
    ],
    outcomes: [
      'Fælles skabelon for arbejdsfortællinger',
      'Morgenmøder afprøves i alle ungenetværk',
      'Aarhus oplæres i september af Vejle og Horsens',
    ],
    createdAt: '2026-02-02T09:00:00.000Z',
    version: 2,
  };
}

/** The training of Aarhus' (751) new team by Vejle's team leader and a consultant from Horsens. */
function aarhusTraining(): TeamTraining {
  return {
    id: 'tt-2026-09-751',
    trainedMunicipalityCode: '751',
    startDate: '2026-09-14',
    endDate: '2026-09-16',
    trainers: [
      { staffId: 's-630-1', municipalityCode: '630' },
      { staffId: 's-615-2', municipalityCode: '615' },
    ],
    topics: ['Mange til mange', 'Arbejdsidentitet', 'Magtskifte', 'Netværksgrupper i praksis'],
    recordedAt: '2026-09-17T12:00:00.000Z',
  };
}

/** A demo group as the subgraph stores it; members joined a week before the first session. */
function groupOf(demo: DemoNetworkGroup, companyOfContact: Map<string, string>): NetworkGroup {
  const firstSession = demo.sessions[0]?.date ?? '2026-01-05';
  const joinedOn = addDays(firstSession, -7);
  const members = demo.memberIds.map((memberId): GroupMember => {
    const companyId = demo.kind === 'COMPANY' ? companyOfContact.get(memberId) : undefined;
    return companyId ? { memberId, joinedOn, companyId } : { memberId, joinedOn };
  });
  return {
    id: demo.id,
    municipalityCode: demo.municipalityCode,
    kind: demo.kind,
    name: demo.name,
    facilitatorId: demo.facilitatorId,
    cadence: defaultCadence(demo.kind),
    members,
    createdAt: `${addDays(firstSession, -14)}T09:00:00.000Z`,
    version: 1,
  };
}

/**
 * The demo group's sessions, held and recorded the afternoon they took place, plus the next
 * session of a youth group, planned three days after the world's today.
 */
function sessionsOf(demo: DemoNetworkGroup, group: NetworkGroup, today: string): NetworkSession[] {
  const held = demo.sessions.map(
    (session): NetworkSession => ({
      id: session.id,
      groupId: group.id,
      groupKind: group.kind,
      municipalityCode: group.municipalityCode,
      date: session.date,
      theme: session.theme,
      facilitatorId: group.facilitatorId,
      attendance: session.attendance.map(({ memberId, status }) => ({ memberId, status })),
      attendanceRecordedAt: `${session.date}T16:00:00.000Z`,
      version: 2,
    }),
  );
  if (group.kind !== 'YOUTH') return held;
  const planned: NetworkSession = {
    id: `${group.id}-s${held.length + 1}`,
    groupId: group.id,
    groupKind: group.kind,
    municipalityCode: group.municipalityCode,
    date: addDays(today, 3),
    theme: 'Mine styrker i praktikken',
    facilitatorId: group.facilitatorId,
    attendance: [],
    version: 1,
  };
  return [...held, planned];
}
