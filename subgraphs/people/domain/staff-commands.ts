import * as z from 'zod';
import { requireIdentity } from '#kernel/authorisation';
import { answeredById, defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { requireVersion } from '#kernel/errors';
import type { StaffIdentity } from '#kernel/identity';
import { newId, PREFIX } from '#kernel/keys';
import { pendingSignInDisables } from '#kernel/pending-sign-in';
import type { UnitOfWork } from '#kernel/unit-of-work';
import { loadMunicipalities } from '../repository/municipality-repository.ts';
import { StaffEntity } from '../repository/staff-entity.ts';
import {
  firstTeamLeaderMark,
  listTeam,
  loadStaffMember,
  stageStaffDeleted,
  stageStaffStanding,
  stillTeamLeaderOf,
} from '../repository/staff-repository.ts';
import { firstOfCaseload } from '../repository/youth-repository.ts';
import type { StaffMember } from './staff.ts';
import { type StaffView, staffViewFor } from './staff-access.ts';
import {
  AddStaffMemberInputSchema,
  ChangeStaffRoleInputSchema,
  RemoveStaffMemberInputSchema,
} from './staff-inputs.ts';
import {
  requireAnotherTeamLeader,
  requireEmptyCaseload,
  requireFirstTeamLeader,
  requireNewRole,
  requireNotRemovingSelf,
  requireTeamMember,
} from './staff-rules.ts';

/**
 * A removed staff member's sign-in still to be disabled, in their own partition
 * (`#kernel/pending-sign-in`): staged with the removal, done after it commits.
 */
export const staffSignIns = pendingSignInDisables(PREFIX.staff);

/** The caller, a team leader (the mutations' rules admit no one else). */
function leaderOf(context: SubgraphContext): StaffIdentity {
  return requireIdentity(context) as StaffIdentity;
}

/**
 * The staff member a change names, on the caller's own team and at the version the client read.
 *
 * @param context - the request
 * @param staffId - the staff member
 * @param expectedVersion - the version the client read
 */
async function memberToChange(
  context: SubgraphContext,
  staffId: string,
  expectedVersion: number,
): Promise<StaffMember> {
  const staff = requireTeamMember(
    await loadStaffMember(context.loader, staffId),
    leaderOf(context).municipalityCode,
  );
  requireVersion('The staff member', expectedVersion, staff.version);
  return staff;
}

/**
 * The rules a member's leaving a role meets: a team leader leaves another behind, who must
 * still lead when the change commits; a network consultant leaves no one to follow.
 */
async function stageLeavingRole(
  context: SubgraphContext,
  work: UnitOfWork,
  staff: StaffMember,
): Promise<void> {
  const stay = requireAnotherTeamLeader(
    await listTeam(context.table, staff.municipalityCode),
    staff,
  );
  for (const leader of stay) work.add(stillTeamLeaderOf(leader.id, staff.municipalityCode));
  if (staff.role === 'NETWORK_CONSULTANT') {
    const caseload = await firstOfCaseload(context.table, staff.id, 1);
    requireEmptyCaseload(staff, caseload.length > 0);
  }
}

/** How a change that answers with a staff member remembers them and answers a repeat. */
const answersWithStaff = answeredById(
  'The staff member',
  async (context, staffId) => {
    const staff = await loadStaffMember(context.loader, staffId);
    return staff ? staffViewFor(requireIdentity(context), staff) : undefined;
  },
  (view: StaffView) => view.staff.id,
);

/** A change of a team is about its municipality, never about a young person. */
function aboutTeam(view: StaffView) {
  return { municipalityCode: view.staff.municipalityCode };
}

/**
 * `addStaffMember`: a new member of the caller's team (the team leader) — or, by the programme
 * office, the first team leader of a registered municipality that has none, marked in the same
 * write so that two such additions at once cannot both succeed. The programme office is answered
 * with the member as it may see them: nothing of them (DESIGN.md §5).
 */
export const addStaffMemberCommand = defineCommand({
  name: 'addStaffMember',
  input: AddStaffMemberInputSchema,
  async execute(context, input, work): Promise<StaffView> {
    if (requireIdentity(context).role === 'PROGRAMME') {
      const [[municipality], team] = await Promise.all([
        loadMunicipalities(context.loader, [input.municipalityCode]),
        listTeam(context.table, input.municipalityCode),
      ]);
      requireFirstTeamLeader(input.role, municipality !== undefined, team);
      work.add(firstTeamLeaderMark(input.municipalityCode));
    }
    const staff = work.create(StaffEntity, {
      ...input,
      id: newId(context.now().getTime()),
      version: 1,
    });
    return staffViewFor(requireIdentity(context), staff);
  },
  ...answersWithStaff,
  about: (_input, view) => aboutTeam(view),
});

/**
 * `changeStaffRole`: a member of the caller's team takes another role, at the version the
 * client read. Their standing item carries the new role to every subgraph at once, so a token
 * issued before the change acts in the new role.
 */
export const changeStaffRoleCommand = defineCommand({
  name: 'changeStaffRole',
  input: ChangeStaffRoleInputSchema,
  async execute(context, input, work): Promise<StaffView> {
    const staff = await memberToChange(context, input.staffId, input.expectedVersion);
    requireNewRole(staff, input.role);
    await stageLeavingRole(context, work, staff);
    const after = work.change(StaffEntity, staff, { role: input.role });
    stageStaffStanding(work, staff, { role: input.role, removed: false });
    return staffViewFor(requireIdentity(context), after);
  },
  ...answersWithStaff,
  about: (_input, view) => aboutTeam(view),
});

/** What removing a staff member returns: whom, and their team's municipality. */
export interface StaffRemoved {
  removedStaffId: string;
  municipalityCode: string;
}

const StaffRemovedSchema = z.object({ removedStaffId: z.string(), municipalityCode: z.string() });

/**
 * `removeStaffMember`: a member leaves the caller's team, at the version the client read. Their
 * item is deleted, their standing says they were removed (every subgraph refuses their tokens
 * from the commit on) and their sign-in is disabled after the commit — staged in the same
 * transaction, so a failed follow-up is repaired by the next removal or start of the stack.
 */
export const removeStaffMemberCommand = defineCommand({
  name: 'removeStaffMember',
  input: RemoveStaffMemberInputSchema,
  async execute(context, input, work): Promise<StaffRemoved> {
    const staff = await memberToChange(context, input.staffId, input.expectedVersion);
    requireNotRemovingSelf(leaderOf(context), staff.id);
    await stageLeavingRole(context, work, staff);
    stageStaffDeleted(work, staff);
    stageStaffStanding(work, staff, { role: staff.role, removed: true });
    staffSignIns.stage(work, { nextworkId: staff.id, username: staff.email }, context.now());
    work.afterCommit(async () => {
      const directory = context.services.signIn();
      await staffSignIns.disable(context.table, directory, staff.id);
      // And any earlier removal's whose follow-up failed: the next removal repairs it.
      await staffSignIns.disableAll(context.table, directory);
    });
    return { removedStaffId: staff.id, municipalityCode: staff.municipalityCode };
  },
  remember: (removed) => removed,
  recall: async (_context, remembered) => StaffRemovedSchema.parse(remembered),
  about: (_input, removed) => ({ municipalityCode: removed.municipalityCode }),
});
