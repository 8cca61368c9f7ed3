import type { ItemLoader } from '#kernel/entity-loader';
import type { Table, TransactAction } from '#kernel/table/table';
import type { StaffMember } from '../domain/staff.ts';
import { isNetworkConsultantOf, StaffEntity, staffKey, teamPartition } from './staff-entity.ts';

/** Staff members by id through the request's batching loader; undefined where unknown. */
export function loadStaff(
  loader: ItemLoader,
  staffIds: readonly string[],
): Promise<Array<StaffMember | undefined>> {
  return StaffEntity.load(loader, staffIds.map(staffKey));
}

/** A staff member through the request's loader (strongly consistent, as a change starts from). */
export function loadStaffMember(
  loader: ItemLoader,
  staffId: string,
): Promise<StaffMember | undefined> {
  return StaffEntity.loadOne(loader, staffKey(staffId));
}

/**
 * A municipality's team, leader first, then by role and name: one query of a partition that is
 * small by design (a team is about six people).
 */
export function listTeam(table: Table, municipalityCode: string): Promise<StaffMember[]> {
  return StaffEntity.readAll(table, { index: 'gsi1', partition: teamPartition(municipalityCode) });
}

/** Stores staff members (seeding and onboarding of a team). */
export async function saveStaff(table: Table, staff: readonly StaffMember[]): Promise<void> {
  await table.putMany(staff.map(StaffEntity.toItem));
}

/**
 * A check, in a transaction, that a staff member is still a network consultant of the
 * municipality: a consultant moved or removed meanwhile fails the change.
 *
 * @param staffId - the consultant
 * @param municipalityCode - the young person's municipality
 */
export function stillNetworkConsultantOf(
  staffId: string,
  municipalityCode: string,
): TransactAction {
  return { check: staffKey(staffId), condition: isNetworkConsultantOf(municipalityCode) };
}
