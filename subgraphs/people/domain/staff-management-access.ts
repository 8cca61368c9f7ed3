import type { SubgraphContext } from '#kernel/context';
import type { Identity } from '#kernel/identity';
import { EntityIdSchema, MunicipalityCodeSchema } from '#kernel/validation';
import { loadStaffMember } from '../repository/staff-repository.ts';

/**
 * Who manages a team: its own team leader (`TEAM_LEADER`). The programme office sees no person
 * (DESIGN.md §5), so it neither changes nor removes one; it only adds a newly registered
 * municipality's first team leader (`PROGRAMME_OFFICE`, the command's `requireFirstTeamLeader`),
 * since no one else could — and reads nothing of them afterwards.
 */
export type TeamManagementAudience = 'TEAM_LEADER' | 'PROGRAMME_OFFICE';

/** Who may run each mutation that manages a team. */
export const STAFF_MUTATION_ACCESS = {
  addStaffMember: ['TEAM_LEADER', 'PROGRAMME_OFFICE'],
  changeStaffRole: ['TEAM_LEADER'],
  removeStaffMember: ['TEAM_LEADER'],
  reassignCaseload: ['TEAM_LEADER'],
  // The lottery's draw (issue #21) is the municipality's decision, recorded by its team leader:
  // not a consultant's, and never the programme office's (it sees no person).
  recordStudyAssignment: ['TEAM_LEADER'],
} as const satisfies Record<string, readonly TeamManagementAudience[]>;

/**
 * The caller's audience for managing a municipality's team: its team leader.
 *
 * @param identity - the verified caller
 * @param municipalityCode - the team's municipality
 */
export function teamManagementAudience(
  identity: Identity,
  municipalityCode: string,
): TeamManagementAudience | null {
  return identity.role === 'TEAM_LEADER' && identity.municipalityCode === municipalityCode
    ? 'TEAM_LEADER'
    : null;
}

/**
 * The caller's audience for the team a mutation's input names by its municipality's code. A
 * malformed code is left to the command (`BAD_USER_INPUT`) for a team leader. The programme
 * office is let through for every municipality: the command lets it add a first team leader
 * only (`requireFirstTeamLeader`).
 *
 * @param identity - the verified caller
 * @param municipalityCode - the input's `municipalityCode`, as sent
 */
export function teamOfCodeAudience(
  identity: Identity,
  municipalityCode: unknown,
): TeamManagementAudience | null {
  if (identity.role === 'PROGRAMME') return 'PROGRAMME_OFFICE';
  const code = MunicipalityCodeSchema.safeParse(municipalityCode);
  if (!code.success) return identity.role === 'TEAM_LEADER' ? 'TEAM_LEADER' : null;
  return teamManagementAudience(identity, code.data);
}

/**
 * The caller's audience for the team of the staff member an input names, read through the
 * request's loader. When the id names no one, a team leader is let through to the command's
 * `STAFF_MEMBER_NOT_FOUND` — the answer another municipality's team leader gets too
 * (`#kernel/stranger-answer`) — and every other role is refused before it learns anything.
 *
 * @param identity - the verified caller
 * @param context - the request
 * @param staffId - the input's staff id, as sent
 */
export async function teamOfStaffAudience(
  identity: Identity,
  context: SubgraphContext,
  staffId: unknown,
): Promise<TeamManagementAudience | null> {
  const id = EntityIdSchema.safeParse(staffId);
  const staff = id.success ? await loadStaffMember(context.loader, id.data) : undefined;
  if (!staff) return identity.role === 'TEAM_LEADER' ? 'TEAM_LEADER' : null;
  return teamManagementAudience(identity, staff.municipalityCode);
}
