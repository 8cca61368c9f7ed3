import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import {
  defaultCadence,
  type GroupMember,
  type NetworkGroup,
  type NetworkGroupKind,
} from '#learning-community/domain/network-group';
import type { NetworkSession } from '#learning-community/domain/network-session';
import { createGroup } from '#learning-community/repository/network-group-repository';
import { createSession } from '#learning-community/repository/network-session-repository';

/**
 * Items other subgraphs own, with only the attributes `sharedKeys` promises, so that the
 * learning community's checks can be tested without the other subgraphs' code.
 */
export interface SharedWorld {
  youth?: Array<{ id: string; municipalityCode: string }>;
  staff?: Array<{ id: string; municipalityCode: string; role?: string }>;
  companies?: Array<{ id: string; municipalityCode: string }>;
  contacts?: Array<{ id: string; companyId: string }>;
}

/** Writes young people, staff, companies and contacts as their owners would (minimal items). */
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
  ]);
}

let sequence = 0;

/** A unique id for a test fixture. */
export function fixtureId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

/**
 * A network group stored through the repository (with its memberships and its count), as if
 * created and filled by the municipality's team.
 */
export async function givenGroup(
  table: Table,
  options: {
    municipalityCode: string;
    kind?: NetworkGroupKind;
    facilitatorId?: string;
    members?: Array<string | GroupMember>;
    id?: string;
    name?: string;
  },
): Promise<NetworkGroup> {
  const kind = options.kind ?? 'YOUTH';
  const group: NetworkGroup = {
    id: options.id ?? fixtureId('g'),
    municipalityCode: options.municipalityCode,
    kind,
    name: options.name ?? `Netværk ${options.municipalityCode}`,
    facilitatorId: options.facilitatorId ?? `staff-${options.municipalityCode}-1`,
    cadence: defaultCadence(kind),
    members: (options.members ?? []).map((member) =>
      typeof member === 'string' ? { memberId: member, joinedOn: '2026-09-01' } : member,
    ),
    createdAt: '2026-09-01T09:00:00.000Z',
    version: 1,
  };
  await createGroup(table, group);
  return group;
}

/** A session of a group stored through the repository, with no attendance yet. */
export async function givenSession(
  table: Table,
  group: NetworkGroup,
  options: { date: string; theme?: string; id?: string },
): Promise<NetworkSession> {
  const session: NetworkSession = {
    id: options.id ?? fixtureId('s'),
    groupId: group.id,
    groupKind: group.kind,
    municipalityCode: group.municipalityCode,
    date: options.date,
    theme: options.theme ?? 'Hvad er jeg god til?',
    facilitatorId: group.facilitatorId,
    notes: 'Godt fremmøde; to nye deltagere',
    attendance: [],
    version: 1,
  };
  await createSession(table, session);
  return session;
}
