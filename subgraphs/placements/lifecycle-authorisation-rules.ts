import {
  allGuardedByParent,
  connectionRules,
  edgeRules,
  staffOfMunicipality,
} from '#kernel/common-rules';
import { fieldRule } from '#kernel/field-rules';
import { isStaffRole } from '#kernel/identity';

/**
 * The authorisation rules of the placement lifecycle's fields and types (`docs/authorisation.md`): everything
 * about a lifecycle — where it stands, its tasks, reminders, retention follow-ups — is case work
 * for the municipal team of the placement's municipality only. The lifecycle's mutations are in
 * the access table of every mutation (`MUTATION_ACCESS`). Spread into `placementsRules`
 * (`authorisation-rules.ts`).
 */

/** The team of the placement's (or task's) municipality. */
const teamOf = staffOfMunicipality(
  (record: { municipalityCode: string }) => record.municipalityCode,
);

/** `Query` fields. */
export const LIFECYCLE_QUERY_RULES = {
  myLifecycleTasks: fieldRule(
    'theTeam: their own tasks; the escalated ones for the team leader',
    (identity, _parent, _context, args) =>
      isStaffRole(identity.role) &&
      (args.scope !== 'ESCALATED_TO_ME' || identity.role === 'TEAM_LEADER'),
  ),
};

/** `Placement` fields. */
export const LIFECYCLE_PLACEMENT_RULES = {
  lifecycle: teamOf,
  lifecycleTasks: teamOf,
  followUps: teamOf,
};

const TASK_FIELDS = [
  'id',
  'placement',
  'step',
  'round',
  'title',
  'dueDate',
  'status',
  'assignee',
  'reminders',
  'escalations',
  'escalated',
  'completedOn',
  'notes',
  'version',
];

/** The lifecycle's own types. */
export const LIFECYCLE_TYPE_RULES = {
  // A task's assignee: resolved by the people subgraph under its rules. Its `id` and reference
  // rules are in `authorisation-rules.ts`, which spreads this (nothing more) into them.
  StaffMember: {},
  PlacementLifecycle: allGuardedByParent('Placement.lifecycle', [
    'status',
    'step',
    'round',
    'nextDueDate',
    'executionId',
    'restarts',
    'startedAt',
    'endedAt',
    'endReason',
  ]),
  LifecycleTask: Object.fromEntries(TASK_FIELDS.map((field) => [field, teamOf])),
  LifecycleTaskConnection: connectionRules('Query.myLifecycleTasks'),
  LifecycleTaskEdge: edgeRules('Query.myLifecycleTasks'),
  PlacementFollowUp: allGuardedByParent('Placement.followUps', [
    'step',
    'outcomeKind',
    'dueDate',
    'recordedOn',
    'stillThere',
    'notes',
  ]),
};
