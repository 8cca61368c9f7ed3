import type { ItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import type { StaffMember } from '../domain/staff.ts';
import { staffFromItem, staffKey, staffToItem, teamPartition } from './staff-entity.ts';

/** Staff members by id through the request's batching loader; undefined where unknown. */
export async function loadStaff(
  loader: ItemLoader,
  staffIds: readonly string[],
): Promise<Array<StaffMember | undefined>> {
  const items = await loader.loadMany(staffIds.map(staffKey));
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return item ? staffFromItem(item) : undefined;
  });
}

/** A staff member read strongly consistent, before a write that depends on them. */
export async function readStaff(table: Table, staffId: string): Promise<StaffMember | undefined> {
  const item = await table.get(staffKey(staffId));
  return item ? staffFromItem(item) : undefined;
}

/**
 * A municipality's team, leader first, then by role and name: one query of a partition that is
 * small by design (a team is about six people).
 */
export async function listTeam(table: Table, municipalityCode: string): Promise<StaffMember[]> {
  const items = await table.queryAll({ index: 'gsi1', partition: teamPartition(municipalityCode) });
  return items.map(staffFromItem);
}

/** Stores staff members (seeding and onboarding of a team). */
export async function saveStaff(table: Table, staff: readonly StaffMember[]): Promise<void> {
  await table.putMany(staff.map(staffToItem));
}
