import type { CompanyNetworkStatus } from '#companies/domain/company';
import { addCompanySnapshots, type CompanySnapshot } from '#companies/repository/company-snapshot';
import type { Table } from '#kernel/table/table';
import { tieSource, youthCompanyTieAdded } from '#kernel/ties';
import type { YouthStatus } from '#people/domain/youth';
import type { Introduction } from '#placements/domain/introduction';
import type { LifecycleTask } from '#placements/domain/lifecycle';
import { OPEN_PLACEMENT_STATUSES, type Placement } from '#placements/domain/placement';
import { lifetimeCounterChanges } from '#placements/domain/placement-figures';
import { IntroductionEntity } from '#placements/repository/introduction-entity';
import { LifecycleTaskEntity } from '#placements/repository/lifecycle-task-entity';
import { PlacementEntity } from '#placements/repository/placement-entity';
import {
  CompanyOccupancyEntity,
  type GuardedPlacement,
  OpportunityOccupancyEntity,
  YouthPlacementGuardEntity,
} from '#placements/repository/placement-guard-entity';
import { counterItems } from '#placements/repository/placement-stats-entity';
import { YouthCompanyLinkEntity } from '#placements/repository/youth-company-link-repository';
import { aCompany, aCompanyContact, anOpportunity, everyItem } from './companies-factories.ts';
import { fixtureId } from './fixture-id.ts';
import { givenYouth } from './people-factories.ts';

/**
 * The placements subgraph's fixtures (`tests/README.md`): `aPlacement()` and `aLifecycleTask()`
 * domain values, `givenPlacements()` and `givenLifecycleTasks()` stored through their entities
 * with what the subgraph keeps beside them (guards, counters), and the records of other
 * subgraphs a placement needs — young people and host companies — stored by their owners'
 * factories and repositories (`givenYoungPeople`, `givenHost`).
 */

/**
 * Young people of a municipality, enrolled and (unless `ENROLLED`) moved to a status, as the
 * people subgraph stores them.
 *
 * @param table - the test table
 * @param municipalityCode - their municipality
 * @param ids - their ids
 * @param status - the status they are in
 * @param enrolledAt - their enrolment date
 */
export async function givenYoungPeople(
  table: Table,
  municipalityCode: string,
  ids: readonly string[],
  status: YouthStatus = 'ENROLLED',
  enrolledAt?: string,
): Promise<void> {
  for (const id of ids) {
    await givenYouth(
      table,
      { id, municipalityCode, ...(enrolledAt ? { enrolledAt } : {}) },
      status === 'ENROLLED' ? [] : [status],
    );
  }
}

/** How a host company should look. */
export interface HostFixture {
  status?: CompanyNetworkStatus;
  /** How many young people its opportunity takes at once. @default 1 */
  places?: number;
  /** Whether its opportunity is open. @default true */
  open?: boolean;
  /**
   * Its ordinary employees; null when it has not told. @default 50 (ten at once under
   * rimelighedskravet: room for every other rule's tests)
   */
  employees?: number | null;
}

/**
 * A host company as the companies subgraph would store it (not written), with the ids the
 * placement tests name it by: the company `companyId`, its contact `<companyId>-contact` and
 * its opportunity `<companyId>-opp`.
 *
 * @param companyId - the company's id
 * @param municipalityCode - its municipality
 * @param fixture - its status, places and whether the opportunity is open
 */
export function aHost(
  companyId: string,
  municipalityCode: string,
  fixture: HostFixture = {},
): CompanySnapshot {
  const contactId = `${companyId}-contact`;
  const opportunityId = `${companyId}-opp`;
  const { employees: _untold, ...untold } = aCompany({
    id: companyId,
    municipalityCode,
    ...(fixture.status ? { status: fixture.status } : {}),
    contactIds: [contactId],
    opportunityIds: [opportunityId],
  });
  const employees = fixture.employees === undefined ? 50 : fixture.employees;
  const company = employees === null ? untold : { ...untold, employees };
  return {
    company,
    contacts: [aCompanyContact(company, { id: contactId })],
    opportunities: [
      anOpportunity(company, {
        id: opportunityId,
        places: fixture.places ?? 1,
        open: fixture.open ?? true,
      }),
    ],
  };
}

/**
 * Host companies stored by the companies subgraph's own repository.
 *
 * @param table - the test table
 * @param hosts - the companies
 */
export async function givenHosts(table: Table, ...hosts: CompanySnapshot[]): Promise<void> {
  await addCompanySnapshots(table, hosts);
}

/** A host company ({@link aHost}) stored. */
export async function givenHost(
  table: Table,
  companyId: string,
  municipalityCode: string,
  fixture: HostFixture = {},
): Promise<CompanySnapshot> {
  const host = aHost(companyId, municipalityCode, fixture);
  await givenHosts(table, host);
  return host;
}

/** A placement with sensible defaults; override what the test is about. */
export function aPlacement(overrides: Partial<Placement> = {}): Placement {
  const companyId = overrides.companyId ?? 'c-1';
  return {
    id: fixtureId('p'),
    municipalityCode: '265',
    youthId: 'y-1',
    companyId,
    opportunityId: `${companyId}-opp`,
    mentorContactId: `${companyId}-contact`,
    startDate: '2026-10-01',
    endDate: '2027-01-01',
    weeklyHours: 25,
    status: 'ACTIVE',
    plan: { goals: ['Lære faget'], tasks: ['Lager'], support: ['Mentor hver uge'] },
    checkpoints: [
      { id: 'cp-1', title: 'Opstart', dueDate: '2026-10-08', completedOn: null, notes: null },
    ],
    outcome: null,
    learningReflection: null,
    origin: { kind: 'STAFF', wishId: null, invitationId: null },
    createdAt: '2026-09-20T10:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

function openEntries(placements: readonly Placement[]): Record<string, GuardedPlacement> {
  return Object.fromEntries(
    placements.map((p) => [p.id, { startDate: p.startDate, endDate: p.endDate, status: p.status }]),
  );
}

/**
 * Stores placements as the subgraph would have written them, through its entities: the
 * placements, the young people's overlap guards, the opportunities' and companies' occupancy and
 * the counters.
 *
 * @param table - the test table
 * @param placements - the placements
 * @returns the placements
 */
export async function givenPlacements(table: Table, placements: Placement[]): Promise<Placement[]> {
  const open = placements.filter((p) => OPEN_PLACEMENT_STATUSES.includes(p.status));
  const youthIds = [...new Set(open.map((p) => p.youthId))];
  const opportunityIds = [...new Set(open.map((p) => p.opportunityId))];
  const companyIds = [...new Set(open.map((p) => p.companyId))];
  await table.putMany([
    ...placements.map(PlacementEntity.toItem),
    ...youthIds.map((youthId) =>
      YouthPlacementGuardEntity.toItem({
        youthId,
        placements: openEntries(open.filter((p) => p.youthId === youthId)),
        version: 1,
      }),
    ),
    ...opportunityIds.map((opportunityId) =>
      OpportunityOccupancyEntity.toItem({
        opportunityId,
        placements: openEntries(open.filter((p) => p.opportunityId === opportunityId)),
        version: 1,
      }),
    ),
    ...companyIds.map((companyId) =>
      CompanyOccupancyEntity.toItem({
        companyId,
        placements: openEntries(open.filter((p) => p.companyId === companyId)),
        version: 1,
      }),
    ),
    ...counterItems(placements.flatMap(lifetimeCounterChanges)),
  ]);
  return placements;
}

/** A lifecycle task of a placement, open at its check-in unless told otherwise. */
export function aLifecycleTask(overrides: Partial<LifecycleTask> = {}): LifecycleTask {
  const placementId = overrides.placementId ?? 'p-life';
  const step = overrides.step ?? 'CHECK_IN';
  const round = overrides.round ?? 1;
  return {
    id: `${placementId}-${step}-${round}`,
    placementId,
    municipalityCode: '265',
    step,
    round,
    dueDate: '2026-10-15',
    assigneeStaffId: 'staff-265-1',
    status: 'OPEN',
    openedAt: '2026-10-12T00:00:00.000Z',
    reminders: 0,
    lastRemindedAt: null,
    escalations: 0,
    lastEscalatedAt: null,
    completedOn: null,
    completedBy: null,
    notes: null,
    result: null,
    taskToken: null,
    version: 1,
    ...overrides,
  };
}

/** Stores lifecycle tasks through their entity. */
export async function givenLifecycleTasks(
  table: Table,
  ...tasks: LifecycleTask[]
): Promise<LifecycleTask[]> {
  await table.putMany(tasks.map(LifecycleTaskEntity.toItem));
  return tasks;
}

/** The representation of a federated entity, for `_entities` queries. */
export function representation(typename: string, id: string): Record<string, string> {
  return { __typename: typename, id };
}

/** The `_entities` query with a selection on one type. */
export function entitiesQuery(typename: string, selection: string): string {
  return `query ($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on ${typename} { ${selection} } }
  }`;
}

/** A valid `createPlacement` input at a host ({@link aHost}) starting on a given day. */
export function createPlacementInput(
  youthId: string,
  companyId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    youthId,
    opportunityId: `${companyId}-opp`,
    mentorContactId: `${companyId}-contact`,
    startDate: '2026-11-26',
    weeklyHours: 25,
    plan: {
      goals: ['Lære at køre truck'],
      tasks: ['Plukke ordrer'],
      support: ['Mentor hver fredag'],
    },
    ...overrides,
  };
}

/**
 * A youth–company link as this subgraph writes it for an invitation or a placement.
 *
 * @param table - the test table
 * @param youthId - the young person
 * @param companyId - the company
 * @param reasons - what ties them (`#kernel/youth-company-link`: `PLACEMENT#<id>`, `WISH#<id>`,
 *   `INVITATION#<id>#UNTIL#<answer-by>`)
 */
export async function givenYouthCompanyLink(
  table: Table,
  youthId: string,
  companyId: string,
  reasons: string[],
): Promise<void> {
  await table.put(YouthCompanyLinkEntity.toItem({ youthId, companyId, reasons, version: 1 }));
}

/**
 * Every item of the test table but the audit records of reads and refusals, which a request
 * writes whatever it changes: what a repeated change must leave as it is (its `CHANGE` record
 * included).
 *
 * @param table - the test table
 */
export async function changedItems(table: Table): Promise<Array<Record<string, unknown>>> {
  return (await everyItem(table)).filter(
    (item) => !(String(item.pk).startsWith('AUDIT#') && item.action !== 'CHANGE'),
  );
}

/**
 * A host with one more opportunity of its own.
 *
 * @param host - the host ({@link aHost})
 * @param opportunityId - the further opportunity's id
 * @param fixture - its places and whether it is open
 */
export function withOpportunity(
  host: CompanySnapshot,
  opportunityId: string,
  fixture: Pick<HostFixture, 'places' | 'open'> = {},
): CompanySnapshot {
  const [first] = host.opportunities;
  if (!first) throw new Error('The host has no opportunity to copy');
  return {
    company: { ...host.company, opportunityIds: [...host.company.opportunityIds, opportunityId] },
    contacts: host.contacts,
    opportunities: [
      ...host.opportunities,
      { ...first, id: opportunityId, places: fixture.places ?? 1, open: fixture.open ?? true },
    ],
  };
}

/**
 * A host with one more contact person of its own.
 *
 * @param host - the host ({@link aHost})
 * @param contactId - the further contact's id
 */
export function withContact(host: CompanySnapshot, contactId: string): CompanySnapshot {
  const [first] = host.contacts;
  if (!first) throw new Error('The host has no contact to copy');
  return {
    company: { ...host.company, contactIds: [...host.company.contactIds, contactId] },
    contacts: [...host.contacts, { ...first, id: contactId }],
    opportunities: host.opportunities,
  };
}

/** The team's introduction of a young person to a company, with sensible defaults. */
export function anIntroduction(overrides: Partial<Introduction> = {}): Introduction {
  return {
    id: fixtureId('intro'),
    municipalityCode: '265',
    youthId: 'y-1',
    companyId: 'c-1',
    note: 'Hun er god med hænderne',
    introducedBy: 'staff-265-1',
    createdAt: '2026-10-20T10:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/**
 * An introduction stored as this subgraph writes it: the introduction and the tie it adds,
 * which lets the company invite the young person.
 *
 * @param table - the test table
 * @param overrides - what the test is about ({@link anIntroduction})
 */
export async function givenIntroduction(
  table: Table,
  overrides: Partial<Introduction> = {},
): Promise<Introduction> {
  const introduction = anIntroduction(overrides);
  await table.transact([
    { put: IntroductionEntity.toItem(introduction) },
    youthCompanyTieAdded({
      youthId: introduction.youthId,
      companyId: introduction.companyId,
      municipalityCode: introduction.municipalityCode,
      source: tieSource.introduction(introduction.id),
      way: 'INTRODUCTION',
      day: introduction.createdAt.slice(0, 10),
    }),
  ]);
  return introduction;
}

/** A valid `introduceYouthToCompany` input. */
export function introduceYouthToCompanyInput(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    youthId: 'y-1',
    companyId: 'c-1',
    note: 'Interesseret i lager og logistik',
    ...overrides,
  };
}
