import { isStaffOf } from '#kernel/authorisation';
import type { Identity, StaffRole } from '#kernel/identity';

/**
 * Who works the municipality's recruitment pipeline (issue #21): its entrepreneur, whose job it
 * is, and its team leader. Other staff, company contacts, young people and the programme office
 * see no prospect: a prospect holds a person's name and phone the team needs to call back, and
 * nobody else does. The programme office sees the pipeline's counts only (`companyStats`).
 */
export const PIPELINE_ROLES: readonly StaffRole[] = ['ENTREPRENEUR', 'TEAM_LEADER'];

/**
 * Whether the caller may see and change the municipality's pipeline.
 *
 * @param identity - the caller
 * @param municipalityCode - the pipeline's municipality
 */
export function worksPipelineOf(identity: Identity, municipalityCode: string): boolean {
  return (
    isStaffOf(identity, municipalityCode) &&
    (PIPELINE_ROLES as readonly string[]).includes(identity.role)
  );
}
