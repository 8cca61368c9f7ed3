import { commitSystemWork } from '#kernel/command';
import { logger } from '#kernel/logger';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { UnitOfWork } from '#kernel/unit-of-work';
import {
  defaultCadence,
  type GroupMember,
  type NetworkGroup,
} from '#learning-community/domain/network-group';
import type { NetworkSession } from '#learning-community/domain/network-session';
import type { UnitedGathering } from '#learning-community/domain/united-gathering';
import type { WorkStory } from '#learning-community/domain/work-story';
import { stageGroupCreation } from '#learning-community/repository/network-group-repository';
import { NetworkSessionEntity } from '#learning-community/repository/network-session-entity';
import { UnitedGatheringEntity } from '#learning-community/repository/united-entity';
import { WorkStoryEntity } from '#learning-community/repository/work-story-entity';
import { fixtureId } from './fixture-id.ts';

/**
 * The learning community's fixtures, in the one convention of `tests/README.md`: `a<Thing>()`
 * a domain value, `given<Thing>(table)` the same stored through the subgraph's own write path,
 * `<mutation>Input()` a valid mutation input.
 */

/**
 * Items other subgraphs own, with only the attributes `sharedKeys` promises, so that the
 * learning community's checks can be tested without the other subgraphs' code.
 */
export interface SharedWorld {
  youth?: Array<{ id: string; municipalityCode: string }>;
  staff?: Array<{ id: string; municipalityCode: string; role?: string }>;
  companies?: Array<{ id: string; municipalityCode: string }>;
  contacts?: Array<{ id: string; companyId: string }>;
  placements?: Array<{
    id: string;
    youthId: string;
    municipalityCode: string;
    companyId: string;
    status: string;
  }>;
  /** Codes of the municipalities running NEXTWORK. */
  municipalities?: string[];
}

/**
 * Writes young people, staff, companies, contacts, placements and municipalities as their
 * owners would (minimal items).
 */
export async function putSharedWorld(table: Table, world: SharedWorld): Promise<void> {
  await table.putMany([
    ...(world.youth ?? []).map((y) => ({
      ...sharedKeys.youth(y.id),
      entity: 'Youth',
      municipalityCode: y.municipalityCode,
      status: 'ENROLLED',
      version: 1,
    })),
    ...(world.staff ?? []).map((s) => ({
      ...sharedKeys.staff(s.id),
      entity: 'StaffMember',
      municipalityCode: s.municipalityCode,
      role: s.role ?? 'NETWORK_CONSULTANT',
    })),
    ...(world.companies ?? []).map((c) => ({
      ...sharedKeys.company(c.id),
      entity: 'Company',
      municipalityCode: c.municipalityCode,
      status: 'ACTIVE',
    })),
    ...(world.contacts ?? []).map((c) => ({
      ...sharedKeys.contact(c.id),
      entity: 'CompanyContact',
      companyId: c.companyId,
    })),
    ...(world.placements ?? []).map((p) => ({
      ...sharedKeys.placement(p.id),
      entity: 'Placement',
      youthId: p.youthId,
      municipalityCode: p.municipalityCode,
      companyId: p.companyId,
      status: p.status,
    })),
    ...(world.municipalities ?? []).map((code) => ({
      ...sharedKeys.municipality(code),
      entity: 'Municipality',
      code,
    })),
  ]);
}

/** Commits a unit of work outside a request, as the subgraph's own writes would. */
async function commit(table: Table, stage: (work: UnitOfWork) => void): Promise<void> {
  const work = new UnitOfWork();
  stage(work);
  await commitSystemWork(table, work, { logger });
}

/** What a group fixture may set; members may be given by id alone (joined on 1 September). */
export type GroupOverrides = Partial<Omit<NetworkGroup, 'members'>> & {
  members?: Array<string | GroupMember>;
};

/** A youth group of Roskilde (265) without members, every field overridable. */
export function aNetworkGroup(overrides: GroupOverrides = {}): NetworkGroup {
  const { members, ...fields } = overrides;
  const municipalityCode = fields.municipalityCode ?? '265';
  const kind = fields.kind ?? 'YOUTH';
  return {
    id: fixtureId('g'),
    municipalityCode,
    kind,
    name: `Netværk ${municipalityCode}`,
    facilitatorId: `staff-${municipalityCode}-1`,
    cadence: defaultCadence(kind),
    createdAt: '2026-09-01T09:00:00.000Z',
    version: 1,
    ...fields,
    members: (members ?? []).map((member) =>
      typeof member === 'string' ? { memberId: member, joinedOn: '2026-09-01' } : member,
    ),
  };
}

/**
 * A network group stored as the team's `createNetworkGroup` and `addNetworkGroupMembers`
 * leave it: the group, its members' and companies' items, and its count in the figures.
 */
export async function givenGroup(table: Table, overrides: GroupOverrides): Promise<NetworkGroup> {
  const group = aNetworkGroup(overrides);
  await commit(table, (work) => stageGroupCreation(work, group));
  return group;
}

/** A session of a group with no attendance yet, every field overridable. */
export function aNetworkSession(
  group: NetworkGroup,
  overrides: Partial<NetworkSession> = {},
): NetworkSession {
  return {
    id: fixtureId('s'),
    groupId: group.id,
    groupKind: group.kind,
    municipalityCode: group.municipalityCode,
    date: '2026-11-18',
    theme: 'Hvad er jeg god til?',
    facilitatorId: group.facilitatorId,
    notes: 'Godt fremmøde; to nye deltagere',
    attendance: [],
    version: 1,
    ...overrides,
  };
}

/** A session of a group stored as `scheduleNetworkSession` leaves it. */
export async function givenSession(
  table: Table,
  group: NetworkGroup,
  overrides: Partial<NetworkSession> = {},
): Promise<NetworkSession> {
  const session = aNetworkSession(group, overrides);
  await commit(table, (work) => work.create(NetworkSessionEntity, session));
  return session;
}

/** A private work story a young person of Roskilde wrote alone, every field overridable. */
export function aWorkStory(overrides: Partial<WorkStory> = {}): WorkStory {
  return {
    id: fixtureId('st'),
    youthId: 'y-265-1',
    municipalityCode: '265',
    whatIDid: 'Jeg stod for varemodtagelsen hver morgen',
    whatIWasGoodAt: 'At holde styr på mange ting på én gang',
    whatIWantNext: 'En læreplads som lagermedarbejder',
    authorship: 'YOUTH',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** A work story stored as `writeWorkStory` leaves it. */
export async function givenWorkStory(
  table: Table,
  overrides: Partial<WorkStory> = {},
): Promise<WorkStory> {
  const story = aWorkStory(overrides);
  await commit(table, (work) => work.create(WorkStoryEntity, story));
  return story;
}

/** A valid `createNetworkGroup` input: a youth group facilitated by the given team member. */
export function createNetworkGroupInput(overrides: Record<string, unknown> = {}) {
  return { kind: 'YOUTH', name: 'Ungenetværk 1', facilitatorId: 'staff-265-1', ...overrides };
}

/** A valid `scheduleNetworkSession` input for a group. */
export function scheduleNetworkSessionInput(
  groupId: string,
  overrides: Record<string, unknown> = {},
) {
  return { groupId, date: '2026-11-25', theme: 'Første uge i praktik', ...overrides };
}

/** A valid `writeWorkStory` input for a young person. */
export function writeWorkStoryInput(youthId: string, overrides: Record<string, unknown> = {}) {
  return {
    youthId,
    whatIDid: 'Jeg stod for varemodtagelsen hver morgen',
    whatIWasGoodAt: 'At holde styr på mange ting på én gang',
    whatIWantNext: 'En læreplads som lagermedarbejder',
    ...overrides,
  };
}

/** A valid `sharePracticeLearning` input. */
export function sharePracticeLearningInput(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Morgenmøder giver mødestabilitet',
    body: 'Hvad vi gjorde, og hvad der virkede.',
    tags: ['mødestabilitet'],
    ...overrides,
  };
}

/** A valid `planUnitedGathering` input with management only (no team member to look up). */
export function planUnitedGatheringInput(overrides: Record<string, unknown> = {}) {
  return {
    startDate: '2026-04-29',
    endDate: '2026-04-30',
    hostMunicipalityCode: '630',
    participants: [{ kind: 'MANAGEMENT', role: 'Programchef' }],
    agenda: ['Læring fra årets praktikforløb'],
    ...overrides,
  };
}

/** A valid `recordTeamTraining` input, trained by the given team member. */
export function recordTeamTrainingInput(
  trainer: { staffId: string; municipalityCode: string },
  overrides: Record<string, unknown> = {},
) {
  return {
    trainedMunicipalityCode: '630',
    startDate: '2026-09-14',
    endDate: '2026-09-16',
    trainers: [trainer],
    topics: ['Mange til mange'],
    ...overrides,
  };
}

/** A gathering of NEXTWORK United with management only and no outcomes yet. */
export function aUnitedGathering(overrides: Partial<UnitedGathering> = {}): UnitedGathering {
  return {
    id: fixtureId('ug'),
    startDate: '2026-04-29',
    endDate: '2026-04-30',
    hostMunicipalityCode: '630',
    participants: [{ kind: 'MANAGEMENT', role: 'Programchef' }],
    agenda: ['Læring fra årets praktikforløb'],
    outcomes: [],
    createdAt: '2026-02-02T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** A gathering stored as `planUnitedGathering` leaves it. */
export async function givenUnitedGathering(
  table: Table,
  overrides: Partial<UnitedGathering> = {},
): Promise<UnitedGathering> {
  const gathering = aUnitedGathering(overrides);
  await commit(table, (work) => work.create(UnitedGatheringEntity, gathering));
  return gathering;
}
