import {
  allGuardedByParent,
  checkedInResolver,
  connectionRules,
  edgeRules,
  staffOfMunicipality,
} from '#kernel/common-rules';
import { STAFF_ROLES } from '#kernel/identity';

/** The municipal team's roles: no one else may call the lifecycle's root fields. */
const STAFF_ROLES_ONLY = STAFF_ROLES;

/**
 * The authorisation rules of the placement lifecycle's fields and types (DESIGN §5): everything
 * about a lifecycle — where it stands, its tasks, reminders, retention follow-ups — is case work
 * for the municipal team of the placement's municipality only; the resolvers check the same.
 * Spread into `placementsRules` (`authorisation-rules.ts`).
 */

/** The team of the placement's (or task's) municipality. */
const teamOf = staffOfMunicipality(
  (record: { municipalityCode: string }) => record.municipalityCode,
);

/** `Query` fields. */
export const LIFECYCLE_QUERY_RULES = {
  myLifecycleTasks: checkedInResolver(
    'the municipal team: their own tasks; escalated ones for the team leader',
    STAFF_ROLES_ONLY,
  ),
};

/** `Mutation` fields. */
export const LIFECYCLE_MUTATION_RULES = {
  startPlacementLifecycle: checkedInResolver("the placement's team", STAFF_ROLES_ONLY),
  completePlacementCheckpoint: checkedInResolver("the placement's team", STAFF_ROLES_ONLY),
  recordPlacementOutcome: checkedInResolver("the placement's team", STAFF_ROLES_ONLY),
  recordFollowUp: checkedInResolver("the placement's team", STAFF_ROLES_ONLY),
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
