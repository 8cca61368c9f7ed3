import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { Item } from '#kernel/table/table';
import { ROLE_ORDER, type StaffMember } from '../domain/staff.ts';

/**
 * A staff member's item (`sharedKeys.staff`), listed on gsi1 by municipality
 * (`MUNI#<code>#STAFF`), leader first, then by role and name.
 */

/** The entity name stored on a staff member's item. */
export const STAFF_ENTITY = 'StaffMember';

/** Primary key of a staff member's item. */
export function staffKey(staffId: string): ItemKey {
  return sharedKeys.staff(staffId);
}

/** The gsi1 partition of a municipality's team. */
export function teamPartition(municipalityCode: string): string {
  return key(PREFIX.municipality, municipalityCode, PREFIX.staff);
}

/** The stored item of a staff member. */
export function staffToItem(staff: StaffMember): Item {
  return {
    ...staffKey(staff.id),
    entity: STAFF_ENTITY,
    gsi1pk: teamPartition(staff.municipalityCode),
    gsi1sk: key(ROLE_ORDER[staff.role], staff.name, staff.id),
    id: staff.id,
    municipalityCode: staff.municipalityCode,
    name: staff.name,
    role: staff.role,
    phone: staff.phone,
    email: staff.email,
    version: 1,
  };
}

/** A staff member from their stored item. */
export function staffFromItem(item: Item): StaffMember {
  return {
    id: String(item.id),
    municipalityCode: String(item.municipalityCode),
    name: String(item.name),
    role: String(item.role) as StaffMember['role'],
    phone: String(item.phone ?? ''),
    email: String(item.email ?? ''),
  };
}

/** Condition that a staff member is still a network consultant of the municipality. */
export function isNetworkConsultantOf(municipalityCode: string) {
  return {
    expression: '#role = :consultantRole AND #municipalityCode = :municipalityCode',
    names: { '#role': 'role', '#municipalityCode': 'municipalityCode' },
    values: { ':consultantRole': 'NETWORK_CONSULTANT', ':municipalityCode': municipalityCode },
  };
}
