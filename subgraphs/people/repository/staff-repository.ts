import type { ItemLoader } from '#kernel/entity-loader';
import { sharedKeys } from '#kernel/shared-keys';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Table, TransactAction } from '#kernel/table/table';
import type { UnitOfWork } from '#kernel/unit-of-work';
import type { StaffMember } from '../domain/staff.ts';
import { municipalityKey } from './municipality-entity.ts';
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

/**
 * Stages a staff member's standing (`sharedKeys.staffStanding`): the role they hold now, or
 * that they were removed. Every subgraph reads it for a staff caller (`#kernel/current-staff`),
 * so a token issued before the change acts as the record says from the commit on.
 *
 * @param work - the change's unit of work
 * @param staff - the staff member
 * @param standing - their role now, and whether they were removed
 */
export function stageStaffStanding(
  work: UnitOfWork,
  staff: StaffMember,
  standing: { role: StaffMember['role']; removed: boolean },
): void {
  work.add({
    put: {
      ...sharedKeys.staffStanding(staff.id),
      entity: 'StaffStanding',
      staffId: staff.id,
      municipalityCode: staff.municipalityCode,
      ...standing,
    },
  });
}

/**
 * Stages the deletion of a staff member's item, at the version read: every reader (the team,
 * a young person's consultant, another subgraph's check) finds no such member from the commit
 * on. Their standing item (`stageStaffStanding`) is what remembers them, for their tokens.
 *
 * @param work - the removal's unit of work
 * @param staff - the staff member as read
 */
export function stageStaffDeleted(work: UnitOfWork, staff: StaffMember): void {
  work.add({ delete: staffKey(staff.id), condition: versionIs(staff.version) });
}

/**
 * The mark that a municipality's first team leader was added by the programme office, created
 * with them: a second such addition at the same time fails on it (the team, read by a query,
 * cannot hold the condition itself). It names no one.
 *
 * @param municipalityCode - the municipality
 */
export function firstTeamLeaderMark(municipalityCode: string): TransactAction {
  return {
    put: {
      pk: municipalityKey(municipalityCode).pk,
      sk: 'FIRST_TEAM_LEADER',
      entity: 'FirstTeamLeaderMark',
    },
    condition: itemMustNotExist,
  };
}

/**
 * A check, in a transaction, that a staff member is still a team leader of the municipality: a
 * change that leaves the team another leader holds only while that leader stays one.
 *
 * @param staffId - the other team leader
 * @param municipalityCode - the team's municipality
 */
export function stillTeamLeaderOf(staffId: string, municipalityCode: string): TransactAction {
  return {
    check: staffKey(staffId),
    condition: {
      expression: '#role = :leaderRole AND #municipalityCode = :municipalityCode',
      names: { '#role': 'role', '#municipalityCode': 'municipalityCode' },
      values: { ':leaderRole': 'TEAM_LEADER', ':municipalityCode': municipalityCode },
    },
  };
}
