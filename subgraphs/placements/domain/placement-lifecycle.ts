import { checkpointStepOf, withCheckpointHeld } from './checkpoint-schedule.ts';
import { laterOf } from './dates.ts';
import type { LearningReflection, Placement, PlacementOutcome, YouthStatus } from './placement.ts';
import {
  leavesForEducationOrJob,
  OPEN_PLACEMENT_STATUSES,
  RUNNING_PLACEMENT_STATUSES,
  youthStatusAfterOutcome,
} from './placement.ts';
import {
  requireExtensionEnd,
  requireNextStepStart,
  requireSincePlacementBegan,
  requireSincePlacementStart,
} from './placement-date-bounds.ts';
import { extensionDates } from './placement-figures.ts';
import { broken, RULE } from './rules.ts';

/**
 * The steps of a placement's course as pure functions: each takes the placement as it is and
 * returns it as it becomes, or throws the rule it breaks. The mutations use them today; the
 * lifecycle workflow (Step Functions, a later issue) will call the same steps from its tasks,
 * and `Placement.lifecycle` will show where that workflow stands.
 */

/** A step's result: the placement afterwards and the young person's status it leads to. */
export interface PlacementStep {
  after: Placement;
  /** The young person's new status, or null when it stays as it is. */
  youthStatus: { status: YouthStatus; reason: string; date: string } | null;
}

function requireRunning(placement: Placement): void {
  if (!RUNNING_PLACEMENT_STATUSES.includes(placement.status)) {
    throw broken(RULE.PLACEMENT_NOT_RUNNING, 'The placement is not under way', ['placementId']);
  }
}

function requireNotInFuture(date: string, today: string, path: string[]): void {
  if (date > today) throw broken(RULE.DATE_IN_FUTURE, 'The date must not be in the future', path);
}

/**
 * Starts a planned placement, on or after its start date.
 *
 * @param placement - the placement
 * @param today - today's date
 */
export function startPlacementStep(placement: Placement, today: string): PlacementStep {
  if (placement.status !== 'PLANNED') {
    throw broken(RULE.PLACEMENT_NOT_PLANNED, 'Only a planned placement can start', ['placementId']);
  }
  if (placement.startDate > today) {
    throw broken(
      RULE.PLACEMENT_NOT_STARTING_YET,
      `The placement starts on ${placement.startDate}`,
      ['placementId'],
    );
  }
  return {
    after: { ...placement, status: 'ACTIVE' },
    youthStatus: { status: 'IN_PLACEMENT', reason: 'Praktik startet', date: placement.startDate },
  };
}

/**
 * Extends a placement under way to a later end date (outcome `EXTENDED`).
 *
 * @param placement - the placement
 * @param newEndDate - the new last day
 * @param date - when the extension was agreed
 * @param today - today's date
 */
export function extendPlacementStep(
  placement: Placement,
  newEndDate: string,
  date: string,
  today: string,
): PlacementStep {
  requireRunning(placement);
  requireNotInFuture(date, today, ['date']);
  requireSincePlacementStart(date, placement, ['date']);
  if (newEndDate <= placement.endDate) {
    throw broken(RULE.END_NOT_LATER, `The new end must be after ${placement.endDate}`, [
      'newEndDate',
    ]);
  }
  requireExtensionEnd(newEndDate, today, ['newEndDate']);
  return {
    after: {
      ...placement,
      status: 'EXTENDED',
      endDate: newEndDate,
      outcome: { kind: 'EXTENDED', date, details: null },
      extensions: [
        ...extensionDates(placement).map((on, i) => ({
          date: on,
          newEndDate: placement.extensions?.[i]?.newEndDate ?? placement.endDate,
        })),
        { date, newEndDate },
      ],
    },
    youthStatus: null,
  };
}

function endOutcome(placement: Placement, outcome: PlacementOutcome, today: string) {
  if (outcome.kind === 'EXTENDED') {
    throw broken(RULE.USE_EXTEND_PLACEMENT, 'An extension is recorded with extendPlacement', [
      'outcome',
      'kind',
    ]);
  }
  requireNotInFuture(outcome.date, today, ['outcome', 'date']);
  if (outcome.details) {
    const path = ['outcome', 'details', 'startDate'];
    requireNextStepStart(outcome.details.startDate, placement, today, path);
  }
  const status = youthStatusAfterOutcome(outcome.kind);
  const youthStatus = status
    ? { status, reason: `Praktik afsluttet: ${outcome.kind}`, date: outcome.date }
    : null;
  return { youthStatus, placement };
}

/**
 * Ends a placement under way that ran its course, with its outcome. The last day becomes the
 * outcome's date.
 *
 * @param placement - the placement
 * @param outcome - how it ended and what comes next
 * @param today - today's date
 */
export function completePlacementStep(
  placement: Placement,
  outcome: PlacementOutcome,
  today: string,
): PlacementStep {
  requireRunning(placement);
  // Dropping out is an early end: it is recorded with its learning reflection, as an interruption.
  if (outcome.kind === 'DROPPED_OUT') {
    throw broken(
      RULE.DROPPED_OUT_IS_AN_INTERRUPTION,
      'A placement the young person dropped out of is interrupted (interruptPlacement), with its learning reflection',
      ['outcome', 'kind'],
    );
  }
  const { youthStatus } = endOutcome(placement, outcome, today);
  if (outcome.date < placement.startDate) {
    throw broken(RULE.END_BEFORE_START, 'A placement cannot end before it starts', [
      'outcome',
      'date',
    ]);
  }
  return {
    after: { ...placement, status: 'COMPLETED', endDate: outcome.date, outcome },
    youthStatus,
  };
}

/**
 * Ends a placement early (planned or under way), with its outcome. Leaving early for education
 * or a job is the programme's aim, not a failure: the placement is completed on the day the
 * young person left, a learning reflection is welcome but not asked for, and the figures count
 * it as completed. Any other early end is an interruption and needs its learning reflection. A
 * placement ended before it began ends on its start date, and the young person's status, never
 * having changed for it, follows the outcome all the same.
 *
 * @param placement - the placement
 * @param outcome - what comes next
 * @param reflection - what happened and what was learned; required unless the young person
 *   left for education or a job
 * @param today - today's date
 */
export function interruptPlacementStep(
  placement: Placement,
  outcome: PlacementOutcome,
  reflection: LearningReflection | null,
  today: string,
): PlacementStep {
  if (!OPEN_PLACEMENT_STATUSES.includes(placement.status)) {
    throw broken(RULE.PLACEMENT_ENDED, 'The placement has already ended', ['placementId']);
  }
  const { youthStatus } = endOutcome(placement, outcome, today);
  requireSincePlacementBegan(outcome.date, placement, ['outcome', 'date']);
  const success = leavesForEducationOrJob(outcome.kind);
  if (!success && !reflection) {
    throw broken(
      RULE.LEARNING_REFLECTION_REQUIRED,
      'An interrupted placement needs its learning reflection: what happened, what was learned, what next',
      ['reflection'],
    );
  }
  const endDate = laterOf(outcome.date, placement.startDate);
  return {
    after: {
      ...placement,
      status: success ? 'COMPLETED' : 'INTERRUPTED',
      endDate,
      outcome,
      learningReflection: reflection,
    },
    youthStatus,
  };
}

/**
 * Marks a checkpoint as held, with the team's notes.
 *
 * @param placement - the placement
 * @param checkpointId - the checkpoint
 * @param completedOn - when it was held
 * @param notes - the team's notes
 * @param today - today's date
 */
export function completeCheckpointStep(
  placement: Placement,
  checkpointId: string,
  completedOn: string,
  notes: string | null,
  today: string,
): PlacementStep {
  const step = checkpointStepOf(checkpointId);
  requireNotInFuture(completedOn, today, ['completedOn']);
  requireSincePlacementStart(completedOn, placement, ['completedOn']);
  return {
    after: { ...placement, checkpoints: withCheckpointHeld(placement, step, completedOn, notes) },
    youthStatus: null,
  };
}
