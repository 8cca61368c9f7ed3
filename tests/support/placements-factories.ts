import { sharedKeys } from '#kernel/shared-keys';
import type { Item, Table } from '#kernel/table/table';
import { OPEN_PLACEMENT_STATUSES, type Placement } from '#placements/domain/placement';
import { lifetimeCounterChanges } from '#placements/domain/placement-figures';
import { placementToItem } from '#placements/repository/placement-entity';
import {
  guardToItem,
  OCCUPANCY_ENTITY,
  opportunityOccupancyKey,
  YOUTH_GUARD_ENTITY,
  youthPlacementGuardKey,
} from '#placements/repository/placement-guard-entity';
import { counterItems } from '#placements/repository/placement-stats-entity';

/**
 * Small factories of the items the placements subgraph reads or writes in tests. Other
 * subgraphs' items carry only the attributes `sharedKeys` promises readers.
 */

/** A young person's item as the people subgraph stores it (the shared attributes). */
export function youthItem(id: string, municipalityCode: string, status = 'ENROLLED'): Item {
  return {
    ...sharedKeys.youth(id),
    entity: 'Youth',
    id,
    municipalityCode,
    status,
    benefitCategory: 'ACTIVITY_READY',
    version: 1,
  };
}

/** A company's item (the shared attributes). */
export function companyItem(
  id: string,
  municipalityCode: string,
  status: 'ACTIVE' | 'PAUSED' | 'LEFT' = 'ACTIVE',
): Item {
  return { ...sharedKeys.company(id), entity: 'Company', id, municipalityCode, status, version: 1 };
}

/** An opportunity's item (the shared attributes). */
export function opportunityItem(
  id: string,
  companyId: string,
  municipalityCode: string,
  options: { places?: number; open?: boolean } = {},
): Item {
  return {
    ...sharedKeys.opportunity(id),
    entity: 'PlacementOpportunity',
    id,
    companyId,
    municipalityCode,
    places: options.places ?? 1,
    open: options.open ?? true,
    version: 1,
  };
}

/** A contact person's item (the shared attributes). */
export function contactItem(id: string, companyId: string): Item {
  return { ...sharedKeys.contact(id), entity: 'CompanyContact', id, companyId, version: 1 };
}

/** A company with one contact and one opportunity, as items. */
export function hostItems(
  companyId: string,
  municipalityCode: string,
  options: { status?: 'ACTIVE' | 'PAUSED' | 'LEFT'; places?: number; open?: boolean } = {},
): Item[] {
  return [
    companyItem(companyId, municipalityCode, options.status),
    contactItem(`${companyId}-contact`, companyId),
    opportunityItem(`${companyId}-opp`, companyId, municipalityCode, options),
  ];
}

let sequence = 0;

/** A placement with sensible defaults; override what the test is about. */
export function aPlacement(overrides: Partial<Placement> = {}): Placement {
  sequence += 1;
  const companyId = overrides.companyId ?? 'c-1';
  return {
    id: `p-${String(sequence).padStart(4, '0')}`,
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

/**
 * Stores placements as the subgraph would have written them: the items, the young people's
 * overlap guards, the opportunities' occupancy and the counters.
 */
export async function storePlacements(table: Table, placements: Placement[]): Promise<void> {
  const open = placements.filter((p) => OPEN_PLACEMENT_STATUSES.includes(p.status));
  const guard = (entries: Placement[]) =>
    Object.fromEntries(
      entries.map((p) => [p.id, { startDate: p.startDate, endDate: p.endDate, status: p.status }]),
    );
  const youthIds = [...new Set(open.map((p) => p.youthId))];
  const opportunityIds = [...new Set(open.map((p) => p.opportunityId))];
  await table.putMany([
    ...placements.map(placementToItem),
    ...youthIds.map((id) =>
      guardToItem(
        youthPlacementGuardKey(id),
        YOUTH_GUARD_ENTITY,
        guard(open.filter((p) => p.youthId === id)),
      ),
    ),
    ...opportunityIds.map((id) =>
      guardToItem(
        opportunityOccupancyKey(id),
        OCCUPANCY_ENTITY,
        guard(open.filter((p) => p.opportunityId === id)),
      ),
    ),
    ...counterItems(placements.flatMap(lifetimeCounterChanges)),
  ]);
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
