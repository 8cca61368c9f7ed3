import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { Condition } from '#kernel/table/expressions';
import { ROLE_ORDER, type StaffMember, StaffMemberSchema } from '../domain/staff.ts';

/**
 * A staff member's item (`sharedKeys.staff`), listed on gsi1 by municipality
 * (`MUNI#<code>#STAFF`), leader first, then by role and name.
 */

/** Primary key of a staff member's item. */
export function staffKey(staffId: string): ItemKey {
  return sharedKeys.staff(staffId);
}

/** The gsi1 partition of a municipality's team. */
export function teamPartition(municipalityCode: string): string {
  return key(PREFIX.municipality, municipalityCode, PREFIX.staff);
}

/** A member of a municipal team: the entity of `sharedKeys.staff`. */
export const StaffEntity = defineEntity<StaffMember>({
  name: 'StaffMember',
  schema: StaffMemberSchema,
  key: (staff) => staffKey(staff.id),
  indexes: {
    gsi1: (staff) => ({
      pk: teamPartition(staff.municipalityCode),
      sk: key(ROLE_ORDER[staff.role], staff.name, staff.id),
    }),
  },
});

/** Condition that a staff member is still a network consultant of the municipality. */
export function isNetworkConsultantOf(municipalityCode: string): Condition {
  return {
    expression: '#role = :consultantRole AND #municipalityCode = :municipalityCode',
    names: { '#role': 'role', '#municipalityCode': 'municipalityCode' },
    values: { ':consultantRole': 'NETWORK_CONSULTANT', ':municipalityCode': municipalityCode },
  };
}
