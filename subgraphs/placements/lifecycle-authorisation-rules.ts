import type { AuditSubject } from '#kernel/audit-subject';
import {
  allGuardedByParent,
  allPersonalWithin,
  connectionRules,
  edgeRules,
  staffOfMunicipality,
} from '#kernel/common-rules';
import type { SubgraphContext } from '#kernel/context';
import { fieldRule, personal } from '#kernel/field-rules';
import { isStaffRole } from '#kernel/identity';
import type { LifecycleTask } from './domain/lifecycle.ts';
import { findPlacement } from './domain/placement-queries.ts';

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
  // Whether the young person kept their education or job, in the team's words: theirs.
  followUps: personal(teamOf),
};

/**
 * Who a lifecycle task is about, for the audit trail: the young person of its placement (the
 * task names only the placement), read through the request's loader.
 *
 * @param task - the task
 * @param _args - the field's arguments
 * @param _result - the field's value
 * @param context - the request's context
 */
export async function subjectOfTask(
  task: Pick<LifecycleTask, 'placementId' | 'municipalityCode'>,
  _args: unknown,
  _result: unknown,
  context?: SubgraphContext,
): Promise<AuditSubject | undefined> {
  if (!context) return undefined;
  const placement = await findPlacement(context, task.placementId);
  return placement
    ? { youthId: placement.youthId, municipalityCode: placement.municipalityCode }
    : undefined;
}

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
  // The team's notes from the talk are free text about the young person.
  LifecycleTask: Object.fromEntries(
    TASK_FIELDS.map((field) => [field, field === 'notes' ? personal(teamOf) : teamOf]),
  ),
  LifecycleTaskConnection: connectionRules('Query.myLifecycleTasks'),
  LifecycleTaskEdge: edgeRules('Query.myLifecycleTasks'),
  PlacementFollowUp: allPersonalWithin(
    ['Placement.followUps'],
    ['step', 'outcomeKind', 'dueDate', 'recordedOn', 'stillThere', 'notes'],
  ),
};
